package earkit.reference.domain.expression;

import earkit.reference.domain.expression.ConditionNode.And;
import earkit.reference.domain.expression.ConditionNode.AttributeExists;
import earkit.reference.domain.expression.ConditionNode.AttributeType;
import earkit.reference.domain.expression.ConditionNode.BeginsWith;
import earkit.reference.domain.expression.ConditionNode.Between;
import earkit.reference.domain.expression.ConditionNode.Comparison;
import earkit.reference.domain.expression.ConditionNode.Contains;
import earkit.reference.domain.expression.ConditionNode.Group;
import earkit.reference.domain.expression.ConditionNode.In;
import earkit.reference.domain.expression.ConditionNode.Not;
import earkit.reference.domain.expression.ConditionNode.Or;
import earkit.reference.domain.expression.Operand.PathOperand;
import earkit.reference.domain.expression.Operand.SizeOperand;
import earkit.reference.domain.expression.Operand.ValueOperand;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Recursive descent over DynamoDB's condition grammar, lowest precedence first:
 * <pre>
 * condition  := and ( OR and )*
 * and        := not ( AND not )*
 * not        := NOT not | '(' condition ')' | leaf
 * leaf       := function '(' operands ')' | operand comparison
 * comparison := comparator operand | BETWEEN operand AND operand | IN '(' operand (',' operand)* ')'
 * operand    := '(' operand ')' [path steps] | path | :value | size '(' operand ')'
 * </pre>
 * A parenthesis at the start of a condition opens a group unless what follows its closing parenthesis
 * shows it wrapped an operand ({@code (a) = :v}, {@code (a.b).c > :v}). Problems are ranked like
 * DynamoDB: redundant parentheses, unknown and misused functions, reserved words, then the first problem
 * of the first leaf that has one (undefined placeholder, operand count, same operands, operand type).
 */
final class ConditionParser extends ExpressionParser {
    static final int MAX_IN_OPERANDS = 100;
    static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");
    static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
    static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL");

    private static final List<Problem> RANKING = List.of(Problem.REDUNDANT_PARENTHESES, Problem.UNKNOWN_FUNCTION,
            Problem.MISUSED_FUNCTION, Problem.RESERVED_WORD, Problem.CONDITION);
    private static final List<Problem> LEAF_RANKING = List.of(Problem.UNDEFINED_NAME, Problem.OPERAND_COUNT,
            Problem.SAME_OPERANDS, Problem.FUNCTION_OPERAND, Problem.LIMIT);
    private static final Set<Problem> LEAF_PROBLEMS = EnumSet.copyOf(LEAF_RANKING);

    private record Call(String name, List<Operand> arguments) {
    }

    /** An operand and whether it is wholly wrapped in parentheses (a second pair would be redundant). */
    private record Term(Operand operand, boolean grouped) {
    }

    ConditionParser(String kind, String text, Map<String, String> names, Map<String, AttributeValue> values) {
        super(kind, text, names, values);
    }

    /** Parses the whole text and throws its highest ranked problem, if any. */
    ConditionNode parse() {
        ConditionNode node = or();
        expectEnd();
        throwProblems(RANKING);
        return node;
    }

    @Override
    Problem undefinedValueKind() {
        return Problem.UNDEFINED_NAME;
    }

    private ConditionNode or() {
        ConditionNode node = and();
        while (acceptKeyword("OR")) {
            node = new Or(node, and());
        }
        return node;
    }

    private ConditionNode and() {
        ConditionNode node = not();
        while (acceptKeyword("AND")) {
            node = new And(node, not());
        }
        return node;
    }

    private ConditionNode not() {
        if (acceptKeyword("NOT")) {
            return new Not(not());
        }
        if (peek().is("(") && !wrapsOperand(afterParentheses())) {
            next();
            ConditionNode inner = or();
            expect(")");
            if (inner instanceof Group) {
                problem(Problem.REDUNDANT_PARENTHESES, "The expression has redundant parentheses;");
            }
            return new Group(inner);
        }
        ConditionNode leaf = leaf();
        endLeaf();
        return leaf;
    }

    private static boolean wrapsOperand(Token after) {
        return isComparator(after) || after.isKeyword("BETWEEN") || after.isKeyword("IN") || after.is(".")
                || after.is("[");
    }

    private static boolean isComparator(Token t) {
        return t.kind() == Token.Kind.PUNCTUATION && COMPARATORS.contains(t.text());
    }

    /** Ranks the problems of the leaf just parsed; only the first leaf with problems counts. */
    private void endLeaf() {
        Map<Problem, String> leafProblems = takeProblems(LEAF_PROBLEMS);
        for (Problem kind : LEAF_RANKING) {
            if (leafProblems.containsKey(kind)) {
                problem(Problem.CONDITION, leafProblems.get(kind));
                return;
            }
        }
    }

    private ConditionNode leaf() {
        if (atFunctionCall()) {
            Call call = call();
            if (atComparison()) {
                return comparison(asOperand(call));
            }
            return functionCondition(call);
        }
        return comparison(operand());
    }

    private boolean atFunctionCall() {
        return peek().kind() == Token.Kind.IDENTIFIER && !isKeyword(peek()) && peek(1).is("(");
    }

    private boolean atComparison() {
        Token t = peek();
        return isComparator(t) || t.isKeyword("BETWEEN") || t.isKeyword("IN");
    }

    private ConditionNode comparison(Operand left) {
        Token t = peek();
        if (isComparator(t)) {
            next();
            Operand right = operand();
            requireDistinct(t.text(), left, right);
            return new Comparison(t.text(), left, right);
        }
        if (acceptKeyword("BETWEEN")) {
            Operand lower = operand();
            expectKeyword("AND");
            Operand upper = operand();
            checkBounds(lower, upper);
            return new Between(left, lower, upper);
        }
        if (acceptKeyword("IN")) {
            expect("(");
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand());
            } while (accept(","));
            expect(")");
            if (candidates.size() > MAX_IN_OPERANDS) {
                problem(Problem.LIMIT, "The IN operator is provided with too many operands; number of operands: "
                        + candidates.size());
            }
            return new In(left, candidates);
        }
        throw syntaxError();
    }

    private Operand operand() {
        return term().operand();
    }

    private Term term() {
        Token t = peek();
        if (t.is("(")) {
            next();
            Term inner = term();
            expect(")");
            if (inner.grouped()) {
                problem(Problem.REDUNDANT_PARENTHESES, "The expression has redundant parentheses;");
            }
            if (inner.operand() instanceof PathOperand p && (peek().is(".") || peek().is("["))) {
                return new Term(new PathOperand(pathRest(new ArrayList<>(p.path().elements()))), false);
            }
            return new Term(inner.operand(), true);
        }
        if (t.kind() == Token.Kind.VALUE_REF) {
            next();
            return new Term(new ValueOperand(t.text(), value(t)), false);
        }
        if (atFunctionCall()) {
            return new Term(asOperand(call()), false);
        }
        if (atPathStart()) {
            return new Term(new PathOperand(path()), false);
        }
        throw syntaxError();
    }

    private Call call() {
        String name = next().text();
        expect("(");
        List<Operand> arguments = new ArrayList<>();
        do {
            arguments.add(operand());
        } while (accept(","));
        expect(")");
        if (!CONDITION_FUNCTIONS.contains(name) && !name.equals("size")) {
            problem(Problem.UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
        }
        return new Call(name, arguments);
    }

    /** Only size() yields a value; every other function is a condition of its own. */
    private Operand asOperand(Call call) {
        if (!call.name().equals("size")) {
            misused(call.name());
            return new ValueOperand(call.name(), null);
        }
        if (!checkOperandCount(call, 1)) {
            return new ValueOperand(call.name(), null);
        }
        Operand target = call.arguments().get(0);
        String type = staticType(target);
        if (type != null && Set.of("N", "BOOL", "NULL").contains(type)) {
            incorrectOperandType("size", type);
        }
        return new SizeOperand(target);
    }

    private void misused(String function) {
        problem(Problem.MISUSED_FUNCTION,
                "The function is not allowed to be used this way in an expression; function: " + function);
    }

    private ConditionNode functionCondition(Call call) {
        String name = call.name();
        // The stand-in keeps parsing going after a refused call; the noted problem fails the parse.
        ConditionNode refused = new AttributeExists(null, true);
        if (name.equals("size")) {
            misused(name);
            return refused;
        }
        if (!CONDITION_FUNCTIONS.contains(name) || !checkOperandCount(call, expectedOperands(name))) {
            return refused;
        }
        List<Operand> args = call.arguments();
        if (args.size() == 2) {
            requireDistinct(name, args.get(0), args.get(1));
        }
        switch (name) {
            case "attribute_exists", "attribute_not_exists" -> {
                if (!(args.get(0) instanceof PathOperand path)) {
                    problem(Problem.FUNCTION_OPERAND,
                            "Operator or function requires a document path; operator or function: " + name);
                    return refused;
                }
                return new AttributeExists(path.path(), name.equals("attribute_exists"));
            }
            case "attribute_type" -> {
                String type = staticType(args.get(1));
                if (type == null || !type.equals("S")) {
                    incorrectOperandType(name, type == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : type);
                } else if (args.get(1) instanceof ValueOperand v && !TYPE_NAMES.contains(v.value().s())) {
                    problem(Problem.FUNCTION_OPERAND, "Invalid attribute type name found; type: " + v.value().s()
                            + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                }
                return new AttributeType(args.get(0), args.get(1));
            }
            case "begins_with" -> {
                for (Operand arg : args) {
                    String type = staticType(arg);
                    if (type != null && !type.equals("S") && !type.equals("B")) {
                        incorrectOperandType(name, type);
                        break;
                    }
                }
                return new BeginsWith(args.get(0), args.get(1));
            }
            default -> {
                return new Contains(args.get(0), args.get(1));
            }
        }
    }

    private static int expectedOperands(String function) {
        return function.startsWith("attribute_") && !function.equals("attribute_type") ? 1 : 2;
    }

    /** The type an operand has whatever the item: a supplied value's own, N for size(); null for paths. */
    private static String staticType(Operand operand) {
        if (operand instanceof ValueOperand v) {
            return v.value() == null ? null : AttributeValues.type(v.value());
        }
        return operand instanceof SizeOperand ? "N" : null;
    }

    private boolean checkOperandCount(Call call, int expected) {
        if (call.arguments().size() != expected) {
            problem(Problem.OPERAND_COUNT, "Incorrect number of operands for operator or function; operator or"
                    + " function: " + call.name() + ", number of operands: " + call.arguments().size());
            return false;
        }
        return true;
    }

    /** Comparing a path with itself is refused (two supplied values may be equal). */
    private void requireDistinct(String operator, Operand first, Operand second) {
        if (first instanceof PathOperand a && second instanceof PathOperand b && a.path().equals(b.path())) {
            problem(Problem.SAME_OPERANDS, "The first operand must be distinct from the remaining operands for this"
                    + " operator or function; operator: " + operator + ", first operand: " + a.path());
        }
    }

    private void incorrectOperandType(String operator, String type) {
        problem(Problem.FUNCTION_OPERAND, "Incorrect operand type for operator or function; operator or function: "
                + operator + ", operand type: " + type);
    }

    private void checkBounds(Operand lower, Operand upper) {
        if (!(lower instanceof ValueOperand lo) || !(upper instanceof ValueOperand hi) || lo.value() == null
                || hi.value() == null) {
            return;
        }
        String loType = AttributeValues.type(lo.value());
        String hiType = AttributeValues.type(hi.value());
        if (!loType.equals(hiType)) {
            problem(Problem.FUNCTION_OPERAND, "The BETWEEN operator requires same data type for lower and upper"
                    + " bounds; lower bound operand: " + describe(lo.value()) + ", upper bound operand: "
                    + describe(hi.value()));
        } else if (ConditionNode.ORDERED_TYPES.contains(loType)
                && AttributeValues.compare(lo.value(), hi.value()) > 0) {
            problem(Problem.FUNCTION_OPERAND, "The BETWEEN operator requires upper bound to be greater than or"
                    + " equal to lower bound; lower bound operand: " + describe(lo.value())
                    + ", upper bound operand: " + describe(hi.value()));
        }
    }
}
