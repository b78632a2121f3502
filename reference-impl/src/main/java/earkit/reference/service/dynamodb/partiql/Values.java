package earkit.reference.service.dynamodb.partiql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.partiql.ast.Literal;
import org.partiql.ast.expr.Expr;
import org.partiql.ast.expr.ExprArray;
import org.partiql.ast.expr.ExprBag;
import org.partiql.ast.expr.ExprLit;
import org.partiql.ast.expr.ExprParameter;
import org.partiql.ast.expr.ExprStruct;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * PartiQL values as DynamoDB reads them (Developer Guide, "PartiQL data types for DynamoDB"): 'text' is S, numbers
 * are N, TRUE/FALSE BOOL, NULL NULL, {'k': v} M, [..] L, &lt;&lt;..&gt;&gt; a set of one type, and {@code ?} the
 * statement's next parameter.
 */
final class Values {
    private final List<AttributeValue> parameters;

    Values(List<AttributeValue> parameters) {
        this.parameters = parameters;
    }

    /** Whether an expression is a value rather than a path or a call. */
    static boolean isValue(Expr e) {
        return e instanceof ExprLit || e instanceof ExprParameter || e instanceof ExprStruct || e instanceof ExprArray
                || e instanceof ExprBag;
    }

    AttributeValue of(Expr e) {
        if (e instanceof ExprParameter p) {
            if (p.getIndex() < 1 || p.getIndex() > parameters.size()) {
                throw StatementErrors.parameterCount();
            }
            return parameters.get(p.getIndex() - 1);
        }
        if (e instanceof ExprLit l) {
            return literal(l.getLit());
        }
        if (e instanceof ExprStruct s) {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            for (ExprStruct.Field f : s.getFields()) {
                if (!(f.getName() instanceof ExprLit k) || k.getLit().code() != Literal.STRING) {
                    throw StatementErrors.malformed("Map keys must be string literals");
                }
                m.put(k.getLit().stringValue(), of(f.getValue()));
            }
            return AttributeValue.fromM(m);
        }
        if (e instanceof ExprArray a) {
            List<AttributeValue> l = new ArrayList<>();
            a.getValues().forEach(v -> l.add(of(v)));
            return AttributeValue.fromL(l);
        }
        if (e instanceof ExprBag b) {
            return set(b.getValues());
        }
        throw StatementErrors.unsupported("expression where a value is expected");
    }

    private static AttributeValue literal(Literal l) {
        return switch (l.code()) {
            case Literal.STRING -> AttributeValue.fromS(l.stringValue());
            case Literal.INT_NUM, Literal.EXACT_NUM, Literal.APPROX_NUM -> AttributeValue.fromN(l.numberValue());
            case Literal.BOOL -> AttributeValue.fromBool(l.booleanValue());
            case Literal.NULL -> AttributeValue.fromNul(true);
            default -> throw StatementErrors.unsupported("literal " + l.name());
        };
    }

    /** A bag is a set: all strings, all numbers or all binaries (parameters), never empty, as DynamoDB's sets are. */
    private AttributeValue set(List<Expr> members) {
        if (members.isEmpty()) {
            throw StatementErrors.malformed("Empty set");
        }
        Set<String> strings = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        List<SdkBytes> binaries = new ArrayList<>();
        for (Expr m : members) {
            AttributeValue v = of(m);
            if (v.s() != null) {
                strings.add(v.s());
            } else if (v.n() != null) {
                numbers.add(v.n());
            } else if (v.b() != null) {
                binaries.add(v.b());
            } else {
                throw StatementErrors.malformed("A set may hold only strings, numbers or binaries");
            }
        }
        int kinds = (strings.isEmpty() ? 0 : 1) + (numbers.isEmpty() ? 0 : 1) + (binaries.isEmpty() ? 0 : 1);
        if (kinds != 1) {
            throw StatementErrors.malformed("A set's members must all be of one type");
        }
        return !strings.isEmpty() ? AttributeValue.fromSs(List.copyOf(strings))
                : !numbers.isEmpty() ? AttributeValue.fromNs(List.copyOf(numbers)) : AttributeValue.fromBs(binaries);
    }
}
