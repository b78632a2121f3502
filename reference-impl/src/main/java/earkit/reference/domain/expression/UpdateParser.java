package earkit.reference.domain.expression;

import earkit.reference.domain.expression.UpdateAction.AddAction;
import earkit.reference.domain.expression.UpdateAction.DeleteAction;
import earkit.reference.domain.expression.UpdateAction.RemoveAction;
import earkit.reference.domain.expression.UpdateAction.SetAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Recursive descent over DynamoDB's update grammar:
 * <pre>
 * update  := ( SET set (',' set)* | REMOVE path (',' path)* | ADD path :value (',' ...)* | DELETE path :value (',' ...)* )+
 * set     := path '=' ( '(' value ')' | value )
 * value   := operand [ ('+' | '-') operand ]
 * operand := '(' simple ')' | simple
 * simple  := path | :value | if_not_exists '(' operand ',' operand ')' | list_append '(' operand ',' operand ')'
 * </pre>
 * Problems are ranked like DynamoDB: reserved words, unknown functions, repeated sections, undefined
 * names, undefined values, overlapping then conflicting paths, ADD/DELETE operand types, function operands.
 */
final class UpdateParser extends ExpressionParser {
    private static final List<String> CLAUSES = List.of("SET", "REMOVE", "ADD", "DELETE");
    private static final Set<String> FUNCTIONS = Set.of("if_not_exists", "list_append");
    private static final Set<String> CONDITION_ONLY_FUNCTIONS = Set.of("attribute_exists", "attribute_not_exists",
            "attribute_type", "begins_with", "contains", "size");
    private static final List<Problem> RANKING = List.of(Problem.RESERVED_WORD, Problem.UNKNOWN_FUNCTION,
            Problem.DUPLICATE_SECTION, Problem.UNDEFINED_NAME, Problem.UNDEFINED_VALUE, Problem.PATH_OVERLAP,
            Problem.PATH_CONFLICT, Problem.ACTION_OPERAND_TYPE, Problem.FUNCTION_OPERAND, Problem.LIMIT);

    private final List<UpdateAction> actions = new ArrayList<>();

    UpdateParser(String text, Map<String, String> names, Map<String, AttributeValue> values) {
        super("UpdateExpression", text, names, values);
    }

    List<UpdateAction> parse() {
        Set<String> seenClauses = new HashSet<>();
        do {
            Token keyword = peek();
            String clause = keyword.kind() == Token.Kind.IDENTIFIER ? keyword.text().toUpperCase(Locale.ROOT) : "";
            if (!CLAUSES.contains(clause)) {
                throw syntaxError();
            }
            next();
            if (!seenClauses.add(clause)) {
                problem(Problem.DUPLICATE_SECTION,
                        "The \"" + clause + "\" section can only be used once in an update expression;");
            }
            do {
                UpdateAction action = action(clause);
                checkPath(action.path());
                actions.add(action);
            } while (accept(","));
        } while (peek().kind() != Token.Kind.EOF);
        throwProblems(RANKING);
        return actions;
    }

    private UpdateAction action(String clause) {
        DocumentPath path = path();
        return switch (clause) {
            case "SET" -> {
                expect("=");
                yield new SetAction(path, setValue());
            }
            case "REMOVE" -> new RemoveAction(path);
            case "ADD" -> {
                AttributeValue v = constant();
                requireType(v, "ADD", Set.of("N", "SS", "NS", "BS"), ", typeSet: ALLOWED_FOR_ADD_OPERAND");
                yield new AddAction(path, v);
            }
            default -> {
                AttributeValue v = constant();
                requireType(v, "DELETE", Set.of("SS", "NS", "BS"), ", typeSet: ALLOWED_FOR_DELETE_OPERAND");
                yield new DeleteAction(path, v);
            }
        };
    }

    /** A new target path must neither overlap nor conflict with an earlier one; overlaps rank first. */
    private void checkPath(DocumentPath path) {
        for (UpdateAction earlier : actions) {
            if (earlier.path().overlaps(path)) {
                problem(Problem.PATH_OVERLAP, "Two document paths overlap with each other; must remove or rewrite"
                        + " one of these paths; path one: " + earlier.path() + ", path two: " + path);
            } else if (earlier.path().conflicts(path)) {
                problem(Problem.PATH_CONFLICT, "Two document paths conflict with each other; must remove or rewrite"
                        + " one of these paths; path one: " + earlier.path() + ", path two: " + path);
            }
        }
    }

    private AttributeValue constant() {
        Token t = peek();
        if (t.kind() != Token.Kind.VALUE_REF) {
            throw syntaxError();
        }
        next();
        return value(t);
    }

    private void requireType(AttributeValue v, String operator, Set<String> allowed, String typeSet) {
        if (v != null && !allowed.contains(AttributeValues.type(v))) {
            problem(Problem.ACTION_OPERAND_TYPE, "Incorrect operand type for operator or function; operator: "
                    + operator + ", operand type: " + longTypeName(AttributeValues.type(v)) + typeSet);
        }
    }

    private static String longTypeName(String type) {
        return switch (type) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "BOOL" -> "BOOLEAN";
            case "SS" -> "STRING_SET";
            case "NS" -> "NUMBER_SET";
            case "BS" -> "BINARY_SET";
            case "M" -> "MAP";
            case "L" -> "LIST";
            default -> type;
        };
    }

    /** A parenthesis right after '=' wraps the whole value unless '+' or '-' follows its closing one. */
    private UpdateValue setValue() {
        if (peek().is("(")) {
            Token after = afterParentheses();
            if (!after.is("+") && !after.is("-")) {
                next();
                UpdateValue value = arithmetic();
                expect(")");
                return value;
            }
        }
        return arithmetic();
    }

    private UpdateValue arithmetic() {
        UpdateValue left = operand();
        Token t = peek();
        if (t.is("+") || t.is("-")) {
            next();
            UpdateValue right = operand();
            requireConstantType(left, t.text(), "N");
            requireConstantType(right, t.text(), "N");
            return new UpdateValue.Arithmetic(t.text(), left, right);
        }
        return left;
    }

    private UpdateValue operand() {
        if (accept("(")) {
            UpdateValue inner = simpleOperand();
            expect(")");
            return inner;
        }
        return simpleOperand();
    }

    private UpdateValue simpleOperand() {
        Token t = peek();
        if (t.kind() == Token.Kind.VALUE_REF) {
            next();
            return new UpdateValue.Constant(t.text(), value(t));
        }
        if (t.kind() == Token.Kind.IDENTIFIER && !isKeyword(t) && peek(1).is("(")) {
            return function();
        }
        if (atPathStart()) {
            return new UpdateValue.Reference(path());
        }
        throw syntaxError();
    }

    private UpdateValue function() {
        String name = next().text();
        expect("(");
        List<UpdateValue> arguments = new ArrayList<>();
        do {
            arguments.add(operand());
        } while (accept(","));
        expect(")");
        // The stand-in keeps parsing going after a refused call; the noted problem fails the parse.
        UpdateValue refused = new UpdateValue.Constant(name, null);
        if (!FUNCTIONS.contains(name)) {
            problem(Problem.UNKNOWN_FUNCTION, CONDITION_ONLY_FUNCTIONS.contains(name)
                    ? "The function is not allowed in an update expression; function: " + name
                    : "Invalid function name; function: " + name);
            return refused;
        }
        if (arguments.size() != 2) {
            problem(Problem.FUNCTION_OPERAND, "Incorrect number of operands for operator or function; operator or"
                    + " function: " + name + ", number of operands: " + arguments.size());
            return refused;
        }
        if (name.equals("if_not_exists")) {
            if (!(arguments.get(0) instanceof UpdateValue.Reference reference)) {
                problem(Problem.FUNCTION_OPERAND,
                        "Operator or function requires a document path; operator or function: " + name);
                return refused;
            }
            return new UpdateValue.IfNotExists(reference.path(), arguments.get(1));
        }
        requireConstantType(arguments.get(0), name, "L");
        requireConstantType(arguments.get(1), name, "L");
        return new UpdateValue.ListAppend(arguments.get(0), arguments.get(1));
    }

    private void requireConstantType(UpdateValue operand, String operator, String type) {
        if (operand instanceof UpdateValue.Constant c && c.value() != null
                && !AttributeValues.type(c.value()).equals(type)) {
            problem(Problem.FUNCTION_OPERAND, "Incorrect operand type for operator or function; operator or"
                    + " function: " + operator + ", operand type: " + AttributeValues.type(c.value()));
        }
    }
}
