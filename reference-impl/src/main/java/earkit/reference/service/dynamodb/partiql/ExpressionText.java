package earkit.reference.service.dynamodb.partiql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.partiql.ast.Identifier;
import org.partiql.ast.Literal;
import org.partiql.ast.dml.UpdateTarget;
import org.partiql.ast.dml.UpdateTargetStep;
import org.partiql.ast.expr.Expr;
import org.partiql.ast.expr.ExprAnd;
import org.partiql.ast.expr.ExprArray;
import org.partiql.ast.expr.ExprBag;
import org.partiql.ast.expr.ExprBetween;
import org.partiql.ast.expr.ExprCall;
import org.partiql.ast.expr.ExprInCollection;
import org.partiql.ast.expr.ExprLit;
import org.partiql.ast.expr.ExprMissingPredicate;
import org.partiql.ast.expr.ExprNot;
import org.partiql.ast.expr.ExprNullPredicate;
import org.partiql.ast.expr.ExprOperator;
import org.partiql.ast.expr.ExprOr;
import org.partiql.ast.expr.ExprPath;
import org.partiql.ast.expr.ExprRowValue;
import org.partiql.ast.expr.ExprVarRef;
import org.partiql.ast.expr.PathStep;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A statement's WHERE, SELECT list and SET values written as DynamoDB's expression language (condition, key
 * condition, projection and update expressions), so that the item calls' own expression engine evaluates them.
 * Only DynamoDB's subset is written; any other PartiQL construct is a ValidationException.
 */
final class ExpressionText {
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");
    private static final Set<String> PREDICATES = Set.of("begins_with", "contains", "attribute_exists", "attribute_not_exists",
            "attribute_type");

    final Placeholders placeholders = new Placeholders();
    private final Values values;

    ExpressionText(Values values) {
        this.values = values;
    }

    /** The top-level operands of a chain of ANDs, in order. */
    static List<Expr> conjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof ExprAnd a) {
            out.addAll(conjuncts(a.getLhs()));
            out.addAll(conjuncts(a.getRhs()));
        } else if (e != null) {
            out.add(e);
        }
        return out;
    }

    /** The attribute a bare top-level name stands for, or null when {@code e} is anything else. */
    static String attribute(Expr e) {
        if (e instanceof ExprVarRef v && !v.getIdentifier().hasQualifier() && !v.isQualified()) {
            return v.getIdentifier().getIdentifier().getText();
        }
        return null;
    }

    String condition(Expr e) {
        if (e instanceof ExprAnd a) {
            return "(" + condition(a.getLhs()) + ") AND (" + condition(a.getRhs()) + ")";
        }
        if (e instanceof ExprOr o) {
            return "(" + condition(o.getLhs()) + ") OR (" + condition(o.getRhs()) + ")";
        }
        if (e instanceof ExprNot n) {
            return "NOT (" + condition(n.getValue()) + ")";
        }
        if (e instanceof ExprOperator op && op.getLhs() != null && COMPARISONS.contains(op.getSymbol())) {
            String symbol = "!=".equals(op.getSymbol()) ? "<>" : op.getSymbol();
            return operand(op.getLhs()) + " " + symbol + " " + operand(op.getRhs());
        }
        if (e instanceof ExprBetween b) {
            String between = operand(b.getValue()) + " BETWEEN " + operand(b.getFrom()) + " AND " + operand(b.getTo());
            return b.isNot() ? "NOT (" + between + ")" : between;
        }
        if (e instanceof ExprInCollection in) {
            List<Expr> members = in.getRhs() instanceof ExprArray a ? a.getValues()
                    : in.getRhs() instanceof ExprBag b ? b.getValues()
                    : in.getRhs() instanceof ExprRowValue r ? r.getValues() : null;
            if (members == null || members.isEmpty()) {
                throw StatementErrors.malformed("IN expects a list of values");
            }
            List<String> texts = new ArrayList<>();
            members.forEach(m -> texts.add(operand(m)));
            String text = operand(in.getLhs()) + " IN (" + String.join(", ", texts) + ")";
            return in.isNot() ? "NOT (" + text + ")" : text;
        }
        if (e instanceof ExprMissingPredicate m) {
            return (m.isNot() ? "attribute_exists(" : "attribute_not_exists(") + path(m.getValue()) + ")";
        }
        if (e instanceof ExprNullPredicate n) {
            // IS NULL asks for an attribute of DynamoDB's NULL type.
            String text = "attribute_type(" + path(n.getValue()) + ", " + placeholders.value(AttributeValue.fromS("NULL")) + ")";
            return n.isNot() ? "NOT (" + text + ")" : text;
        }
        if (e instanceof ExprCall c && PREDICATES.contains(function(c))) {
            return call(c);
        }
        throw StatementErrors.unsupported("condition in WHERE clause");
    }

    /** A comparison's operand: a path, a value, or size(path). */
    String operand(Expr e) {
        if (Values.isValue(e)) {
            return placeholders.value(values.of(e));
        }
        if (e instanceof ExprCall c && "size".equals(function(c))) {
            return call(c);
        }
        return path(e);
    }

    private String call(ExprCall c) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < c.getArgs().size(); i++) {
            Expr a = c.getArgs().get(i);
            args.add(i == 0 ? path(a) : operand(a));
        }
        return function(c) + "(" + String.join(", ", args) + ")";
    }

    static String function(ExprCall c) {
        Identifier f = c.getFunction();
        return f.hasQualifier() ? "" : f.getIdentifier().getText().toLowerCase(Locale.ROOT);
    }

    /** A document path: a top-level name, then .field and [index] steps. */
    String path(Expr e) {
        if (attribute(e) != null) {
            return placeholders.name(attribute(e), true);
        }
        if (e instanceof ExprPath p && attribute(p.getRoot()) != null) {
            StringBuilder out = new StringBuilder(placeholders.name(attribute(p.getRoot()), true));
            for (PathStep s : p.getSteps()) {
                if (s instanceof PathStep.Field f) {
                    out.append('.').append(placeholders.name(f.getField().getText(), false));
                } else if (s instanceof PathStep.Element el && el.getElement() instanceof ExprLit l
                        && l.getLit().code() == Literal.INT_NUM) {
                    out.append('[').append(l.getLit().numberValue()).append(']');
                } else if (s instanceof PathStep.Element el && el.getElement() instanceof ExprLit l
                        && l.getLit().code() == Literal.STRING) {
                    out.append('.').append(placeholders.name(l.getLit().stringValue(), false));
                } else {
                    throw StatementErrors.malformed("Unsupported path component");
                }
            }
            return out.toString();
        }
        throw StatementErrors.unsupported("expression where a path is expected");
    }

    /** An UPDATE's SET or REMOVE target. */
    String path(UpdateTarget t) {
        StringBuilder out = new StringBuilder(placeholders.name(t.getRoot().getText(), true));
        for (UpdateTargetStep s : t.getSteps()) {
            if (s instanceof UpdateTargetStep.Field f) {
                out.append('.').append(placeholders.name(f.getKey().getText(), false));
            } else if (s instanceof UpdateTargetStep.Element el && el.getKey().code() == Literal.INT_NUM) {
                out.append('[').append(el.getKey().numberValue()).append(']');
            } else if (s instanceof UpdateTargetStep.Element el && el.getKey().code() == Literal.STRING) {
                out.append('.').append(placeholders.name(el.getKey().stringValue(), false));
            } else {
                throw StatementErrors.malformed("Unsupported path component");
            }
        }
        return out.toString();
    }
}
