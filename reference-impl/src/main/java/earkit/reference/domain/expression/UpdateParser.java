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
 * set     := path '=' operand [ ('+' | '-') operand ]
 * operand := path | :value | if_not_exists '(' path ',' operand ')' | list_append '(' operand ',' operand ')'
 * </pre>
 */
final class UpdateParser extends ExpressionParser {
    private static final List<String> CLAUSES = List.of("SET", "REMOVE", "ADD", "DELETE");

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
                semanticError("The \"" + clause + "\" section can only be used once in an update expression;");
            }
            do {
                actions.add(action(clause));
            } while (accept(","));
        } while (peek().kind() != Token.Kind.EOF);
        throwSemanticErrors();
        checkPaths();
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
            semanticError("Incorrect operand type for operator or function; operator: " + operator
                    + ", operand type: " + longTypeName(AttributeValues.type(v)) + typeSet);
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

    private UpdateValue setValue() {
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
        if (!ConditionParser.UPDATE_FUNCTIONS.contains(name)) {
            boolean known = ConditionParser.CONDITION_FUNCTIONS.contains(name) || name.equals("size");
            semanticError(known ? "The function is not allowed in an update expression; function: " + name
                    : "Invalid function name; function: " + name);
            return new UpdateValue.Constant(name, null);
        }
        if (arguments.size() != 2) {
            semanticError("Incorrect number of operands for operator or function; operator or function: " + name
                    + ", number of operands: " + arguments.size());
            return new UpdateValue.Constant(name, null);
        }
        if (name.equals("if_not_exists")) {
            if (!(arguments.get(0) instanceof UpdateValue.Reference reference)) {
                semanticError("Operator or function requires a document path; operator or function: " + name);
                return new UpdateValue.Constant(name, null);
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
            semanticError("Incorrect operand type for operator or function; operator or function: " + operator
                    + ", operand type: " + AttributeValues.type(c.value()));
        }
    }

    /** No two actions may write the same place or one inside the other. */
    private void checkPaths() {
        for (int i = 0; i < actions.size(); i++) {
            for (int j = i + 1; j < actions.size(); j++) {
                DocumentPath one = actions.get(i).path();
                DocumentPath two = actions.get(j).path();
                if (one.overlaps(two)) {
                    throw invalid("Two document paths overlap with each other; must remove or rewrite one of these"
                            + " paths; path one: " + one + ", path two: " + two);
                }
                if (one.conflicts(two)) {
                    throw invalid("Two document paths conflict with each other; must remove or rewrite one of these"
                            + " paths; path one: " + one + ", path two: " + two);
                }
            }
        }
    }
}
