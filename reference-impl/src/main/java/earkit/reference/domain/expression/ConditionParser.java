package earkit.reference.domain.expression;

import earkit.reference.domain.expression.ConditionNode.And;
import earkit.reference.domain.expression.ConditionNode.AttributeExists;
import earkit.reference.domain.expression.ConditionNode.AttributeType;
import earkit.reference.domain.expression.ConditionNode.BeginsWith;
import earkit.reference.domain.expression.ConditionNode.Between;
import earkit.reference.domain.expression.ConditionNode.Comparison;
import earkit.reference.domain.expression.ConditionNode.Contains;
import earkit.reference.domain.expression.ConditionNode.In;
import earkit.reference.domain.expression.ConditionNode.Not;
import earkit.reference.domain.expression.ConditionNode.Or;
import earkit.reference.domain.expression.Operand.PathOperand;
import earkit.reference.domain.expression.Operand.SizeOperand;
import earkit.reference.domain.expression.Operand.ValueOperand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Recursive descent over DynamoDB's condition grammar, lowest precedence first:
 * <pre>
 * condition  := and ( OR and )*
 * and        := not ( AND not )*
 * not        := NOT not | primary
 * primary    := '(' condition ')' | function '(' operands ')' | operand comparison
 * comparison := comparator operand | BETWEEN operand AND operand | IN '(' operand (',' operand)* ')'
 * operand    := path | :value | size '(' path ')'
 * </pre>
 */
final class ConditionParser extends ExpressionParser {
    static final int MAX_IN_OPERANDS = 100;
    static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");
    static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
    static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
    static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL");

    private record Call(String name, List<Operand> arguments) {
    }

    ConditionParser(String kind, String text, Map<String, String> names, Map<String, AttributeValue> values) {
        super(kind, text, names, values);
    }

    /** Parses the whole text and reports the first semantic error. */
    ConditionNode parse() {
        ConditionNode node = or();
        expectEnd();
        throwSemanticErrors();
        return node;
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
        return primary();
    }

    private ConditionNode primary() {
        if (accept("(")) {
            ConditionNode inner = or();
            expect(")");
            return inner;
        }
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
        return (t.kind() == Token.Kind.PUNCTUATION && COMPARATORS.contains(t.text()))
                || t.isKeyword("BETWEEN") || t.isKeyword("IN");
    }

    private ConditionNode comparison(Operand left) {
        Token t = peek();
        if (t.kind() == Token.Kind.PUNCTUATION && COMPARATORS.contains(t.text())) {
            next();
            Operand right = operand();
            if (!t.text().equals("=") && !t.text().equals("<>")) {
                requireOrderedType(t.text(), left);
                requireOrderedType(t.text(), right);
            }
            return new Comparison(t.text(), left, right);
        }
        if (acceptKeyword("BETWEEN")) {
            Operand lower = operand();
            expectKeyword("AND");
            Operand upper = operand();
            requireOrderedType("BETWEEN", left);
            requireOrderedType("BETWEEN", lower);
            requireOrderedType("BETWEEN", upper);
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
                semanticError("The IN operator is provided with too many operands; number of operands: "
                        + candidates.size());
            }
            return new In(left, candidates);
        }
        throw syntaxError();
    }

    private Operand operand() {
        Token t = peek();
        if (t.kind() == Token.Kind.VALUE_REF) {
            next();
            return new ValueOperand(t.text(), value(t));
        }
        if (atFunctionCall()) {
            return asOperand(call());
        }
        if (atPathStart()) {
            return new PathOperand(path());
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
        return new Call(name, arguments);
    }

    /** Only size() yields a value; every other function is a condition of its own. */
    private Operand asOperand(Call call) {
        if (!call.name().equals("size")) {
            if (!isKnownFunction(call.name())) {
                semanticError("Invalid function name; function: " + call.name());
            } else {
                semanticError("The function is not allowed to be used this way in an expression; function: "
                        + call.name());
            }
            return new ValueOperand(call.name(), null);
        }
        checkOperandCount(call, 1);
        return new SizeOperand(pathArgument(call, 0));
    }

    private ConditionNode functionCondition(Call call) {
        String name = call.name();
        if (!CONDITION_FUNCTIONS.contains(name)) {
            semanticError(isKnownFunction(name)
                    ? "The function is not allowed to be used this way in an expression; function: " + name
                    : "Invalid function name; function: " + name);
            // Stands in for the refused call so parsing can go on; the noted error fails the parse.
            return new AttributeExists(null, true);
        }
        switch (name) {
            case "attribute_exists", "attribute_not_exists" -> {
                checkOperandCount(call, 1);
                return new AttributeExists(pathArgument(call, 0), name.equals("attribute_exists"));
            }
            case "attribute_type" -> {
                checkOperandCount(call, 2);
                DocumentPath path = pathArgument(call, 0);
                Operand type = argument(call, 1);
                if (type instanceof ValueOperand v && v.value() != null) {
                    String typeOfType = AttributeValues.type(v.value());
                    if (!typeOfType.equals("S")) {
                        incorrectOperandType(name, typeOfType);
                    } else if (!TYPE_NAMES.contains(v.value().s())) {
                        semanticError("Invalid attribute type name found; type: " + v.value().s()
                                + ", valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }");
                    }
                }
                return new AttributeType(path, type);
            }
            case "begins_with" -> {
                checkOperandCount(call, 2);
                Operand subject = argument(call, 0);
                Operand prefix = argument(call, 1);
                requireStringOrBinary(name, subject);
                requireStringOrBinary(name, prefix);
                return new BeginsWith(subject, prefix);
            }
            default -> {
                checkOperandCount(call, 2);
                return new Contains(argument(call, 0), argument(call, 1));
            }
        }
    }

    private static boolean isKnownFunction(String name) {
        return CONDITION_FUNCTIONS.contains(name) || UPDATE_FUNCTIONS.contains(name) || name.equals("size");
    }

    private void checkOperandCount(Call call, int expected) {
        if (call.arguments().size() != expected) {
            semanticError("Incorrect number of operands for operator or function; operator or function: "
                    + call.name() + ", number of operands: " + call.arguments().size());
        }
    }

    /** An argument position missing from a call with too few operands yields a placeholder operand; the count error is already noted. */
    private Operand argument(Call call, int index) {
        return index < call.arguments().size() ? call.arguments().get(index) : new ValueOperand("", null);
    }

    private DocumentPath pathArgument(Call call, int index) {
        Operand operand = argument(call, index);
        if (operand instanceof PathOperand p) {
            return p.path();
        }
        semanticError("Operator or function requires a document path; operator or function: " + call.name());
        return null;
    }

    private void requireOrderedType(String operator, Operand operand) {
        if (operand instanceof ValueOperand v && v.value() != null) {
            String type = AttributeValues.type(v.value());
            if (!ConditionNode.ORDERED_TYPES.contains(type)) {
                incorrectOperandType(operator, type);
            }
        }
    }

    private void requireStringOrBinary(String function, Operand operand) {
        if (operand instanceof ValueOperand v && v.value() != null) {
            String type = AttributeValues.type(v.value());
            if (!type.equals("S") && !type.equals("B")) {
                incorrectOperandType(function, type);
            }
        }
    }

    private void incorrectOperandType(String operator, String type) {
        semanticError("Incorrect operand type for operator or function; operator or function: " + operator
                + ", operand type: " + type);
    }

    private void checkBounds(Operand lower, Operand upper) {
        if (lower instanceof ValueOperand lo && upper instanceof ValueOperand hi && lo.value() != null
                && hi.value() != null) {
            String loType = AttributeValues.type(lo.value());
            String hiType = AttributeValues.type(hi.value());
            if (!ConditionNode.ORDERED_TYPES.contains(loType) || !ConditionNode.ORDERED_TYPES.contains(hiType)) {
                return;
            }
            if (!loType.equals(hiType)) {
                semanticError("The BETWEEN operator requires same data type for lower and upper bounds;"
                        + " lower bound operand: " + describe(lo.value()) + ", upper bound operand: "
                        + describe(hi.value()));
            } else if (AttributeValues.compare(lo.value(), hi.value()) > 0) {
                semanticError("The BETWEEN operator requires upper bound to be greater than or equal to lower"
                        + " bound; lower operand: " + describe(lo.value()) + ", upper operand: "
                        + describe(hi.value()));
            }
        }
    }
}
