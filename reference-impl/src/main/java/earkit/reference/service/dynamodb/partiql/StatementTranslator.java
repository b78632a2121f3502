package earkit.reference.service.dynamodb.partiql;

import earkit.reference.protocol.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.partiql.ast.FromExpr;
import org.partiql.ast.Identifier;
import org.partiql.ast.Order;
import org.partiql.ast.OrderBy;
import org.partiql.ast.Query;
import org.partiql.ast.QueryBody;
import org.partiql.ast.SelectItem;
import org.partiql.ast.SelectList;
import org.partiql.ast.SelectStar;
import org.partiql.ast.Sort;
import org.partiql.ast.Statement;
import org.partiql.ast.dml.Delete;
import org.partiql.ast.dml.Insert;
import org.partiql.ast.dml.InsertSource;
import org.partiql.ast.dml.SetClause;
import org.partiql.ast.dml.Update;
import org.partiql.ast.expr.Expr;
import org.partiql.ast.expr.ExprBetween;
import org.partiql.ast.expr.ExprCall;
import org.partiql.ast.expr.ExprOperator;
import org.partiql.ast.expr.ExprPath;
import org.partiql.ast.expr.ExprQuerySet;
import org.partiql.ast.expr.ExprStruct;
import org.partiql.ast.expr.PathStep;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A PartiQL statement, as the PartiQL parser reads it, turned into the item call DynamoDB's PartiQL documents for
 * it (Developer Guide, "PartiQL select/insert/update/delete statements for DynamoDB"): SELECT into Query or Scan,
 * INSERT into a PutItem that must not find the key, UPDATE into an UpdateItem of an item that must exist, DELETE
 * into a DeleteItem; the rest of a WHERE becomes the call's filter or condition.
 */
public final class StatementTranslator {
    private final Values values;
    private final Function<String, KeyNames> keysOf;

    private StatementTranslator(List<AttributeValue> parameters, Function<String, KeyNames> keysOf) {
        this.values = new Values(parameters);
        this.keysOf = keysOf;
    }

    /**
     * {@code keysOf}: the key names of a table, by name (its errors, e.g. a table that does not exist, are the
     * statement's). The parameters must match the statement's {@code ?} one for one.
     */
    public static PartiqlStatement translate(String statement, List<AttributeValue> parameters, Function<String, KeyNames> keysOf) {
        StatementParser.Parsed parsed = StatementParser.parse(statement);
        StatementTranslator t = new StatementTranslator(parameters, keysOf);
        if (ParameterCount.of(parsed.statement()) != parameters.size()) {
            throw StatementErrors.parameterCount();
        }
        Statement s = parsed.statement();
        if (s instanceof Query q) {
            if (parsed.split().returning() != null) {
                throw StatementErrors.malformed("RETURNING is allowed only in UPDATE and DELETE");
            }
            return t.select(q);
        }
        if (s instanceof Insert i) {
            return t.insert(i);
        }
        if (s instanceof Update u) {
            return t.update(u, parsed.split());
        }
        if (s instanceof Delete d) {
            return t.delete(d, parsed.split().returning());
        }
        throw StatementErrors.malformed("Expected data manipulation");
    }

    private ReadStatement select(Query q) {
        if (!(q.getExpr() instanceof ExprQuerySet qs) || !(qs.getBody() instanceof QueryBody.SFW sfw)) {
            throw StatementErrors.unsupported("query form");
        }
        if (qs.getLimit() != null || qs.getOffset() != null || qs.getWith() != null) {
            throw StatementErrors.unsupported("clause: only SELECT, FROM, WHERE and ORDER BY are served");
        }
        if (sfw.getExclude() != null || sfw.getLet() != null || sfw.getGroupBy() != null || sfw.getHaving() != null
                || sfw.getWindow() != null) {
            throw StatementErrors.unsupported("clause: only SELECT, FROM, WHERE and ORDER BY are served");
        }
        if (sfw.getFrom() == null || sfw.getFrom().getTableRefs().size() != 1
                || !(sfw.getFrom().getTableRefs().get(0) instanceof FromExpr from)
                || from.getAsAlias() != null || from.getAtAlias() != null) {
            throw StatementErrors.unsupported("FROM clause: one table or one index is expected");
        }
        String[] source = source(from.getExpr());
        String table = source[0];
        String index = source[1];
        KeyNames keys = keysOf.apply(table);
        KeyNames target = keys;
        if (index != null) {
            target = keys.indexes().get(index);
            if (target == null) {
                throw ApiException.validation("The table does not have the specified index: " + index);
            }
        }
        List<Expr> conjuncts = ExpressionText.conjuncts(sfw.getWhere());
        Map<String, AttributeValue> key = index == null ? key(conjuncts, keys, new ArrayList<>()) : null;
        QueryRequest query = query(table, index, target, sfw, conjuncts);
        Boolean forward = qs.getOrderBy() == null ? null : forward(qs.getOrderBy(), target);
        if (forward != null && query == null) {
            throw ApiException.validation("Must have WHERE clause in the statement when using ORDER BY clause.");
        }
        if (query != null) {
            return new ReadStatement(table, forward == null ? query : query.toBuilder().scanIndexForward(forward).build(), null, key);
        }
        ExpressionText et = new ExpressionText(values);
        String filter = sfw.getWhere() == null ? null : et.condition(sfw.getWhere());
        String projection = projection(sfw, et);
        return new ReadStatement(table, null, ScanRequest.builder().tableName(table).indexName(index).filterExpression(filter)
                .projectionExpression(projection).expressionAttributeNames(et.placeholders.names())
                .expressionAttributeValues(et.placeholders.values()).build(), key);
    }

    /**
     * ORDER BY over key attributes of the table or index read, all one way: the Query's direction (true for ascending).
     * DynamoDB returns a partition's items in sort-key order, so only that order can be asked for.
     */
    private static boolean forward(OrderBy orderBy, KeyNames target) {
        Boolean forward = null;
        for (Sort sort : orderBy.getSorts()) {
            String name = ExpressionText.attribute(sort.getExpr());
            if (name == null || !name.equals(target.hash()) && !name.equals(target.range()) || sort.getNulls() != null) {
                throw StatementErrors.unsupported("ORDER BY: only the key attributes of the table or index read can order it");
            }
            boolean asc = sort.getOrder() == null || sort.getOrder().code() == Order.ASC;
            if (forward != null && forward != asc) {
                throw StatementErrors.unsupported("ORDER BY: the key attributes must all be ordered one way");
            }
            forward = asc;
        }
        return forward == null || forward;
    }

    /** A Query when a top-level conjunct is partition key = value and no other part of the WHERE needs a key attribute filtered. */
    private QueryRequest query(String table, String index, KeyNames target, QueryBody.SFW sfw, List<Expr> conjuncts) {
        Expr hash = conjuncts.stream().filter(c -> equality(c, target.hash()) != null).findFirst().orElse(null);
        if (hash == null) {
            return null;
        }
        List<Expr> rest = new ArrayList<>(conjuncts);
        rest.remove(hash);
        Expr range = target.range() == null ? null
                : rest.stream().filter(c -> rangeCondition(c, target.range())).findFirst().orElse(null);
        rest.remove(range);
        for (Expr c : rest) {
            ExpressionText probe = new ExpressionText(values);
            probe.condition(c);
            if (probe.placeholders.topLevelNames().contains(target.hash())
                    || target.range() != null && probe.placeholders.topLevelNames().contains(target.range())) {
                return null; // DynamoDB's Query filters no key attribute: a Scan answers this WHERE
            }
        }
        ExpressionText et = new ExpressionText(values);
        String keyCondition = et.condition(hash) + (range == null ? "" : " AND " + et.condition(range));
        List<String> filters = new ArrayList<>();
        rest.forEach(c -> filters.add("(" + et.condition(c) + ")"));
        String projection = projection(sfw, et);
        return QueryRequest.builder().tableName(table).indexName(index).keyConditionExpression(keyCondition)
                .filterExpression(filters.isEmpty() ? null : String.join(" AND ", filters)).projectionExpression(projection)
                .expressionAttributeNames(et.placeholders.names()).expressionAttributeValues(et.placeholders.values()).build();
    }

    /** A condition a Query's key condition can hold on the sort key: a comparison, BETWEEN or begins_with with values. */
    private static boolean rangeCondition(Expr c, String range) {
        if (c instanceof ExprOperator op && op.getLhs() != null && List.of("=", "<", "<=", ">", ">=").contains(op.getSymbol())) {
            return range.equals(ExpressionText.attribute(op.getLhs())) && Values.isValue(op.getRhs());
        }
        if (c instanceof ExprBetween b) {
            return !b.isNot() && range.equals(ExpressionText.attribute(b.getValue())) && Values.isValue(b.getFrom())
                    && Values.isValue(b.getTo());
        }
        return c instanceof ExprCall call && "begins_with".equals(ExpressionText.function(call)) && call.getArgs().size() == 2
                && range.equals(ExpressionText.attribute(call.getArgs().get(0))) && Values.isValue(call.getArgs().get(1));
    }

    /** The value of a top-level {@code attribute = value} conjunct (either way round), or null. */
    private static Expr equality(Expr c, String attribute) {
        if (attribute != null && c instanceof ExprOperator op && "=".equals(op.getSymbol()) && op.getLhs() != null) {
            if (attribute.equals(ExpressionText.attribute(op.getLhs())) && Values.isValue(op.getRhs())) {
                return op.getRhs();
            }
            if (attribute.equals(ExpressionText.attribute(op.getRhs())) && Values.isValue(op.getLhs())) {
                return op.getLhs();
            }
        }
        return null;
    }

    /** The whole primary key named by = conjuncts, which are moved out of {@code rest}; null when a key attribute is not named. */
    private Map<String, AttributeValue> key(List<Expr> conjuncts, KeyNames keys, List<Expr> rest) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        rest.addAll(conjuncts);
        for (String name : keys.range() == null ? List.of(keys.hash()) : List.of(keys.hash(), keys.range())) {
            Expr found = rest.stream().filter(c -> equality(c, name) != null).findFirst().orElse(null);
            if (found == null) {
                return null;
            }
            rest.remove(found);
            key.put(name, values.of(equality(found, name)));
        }
        return key;
    }

    private static String projection(QueryBody.SFW sfw, ExpressionText et) {
        if (sfw.getSelect() instanceof SelectStar star && star.getSetq() == null) {
            return null;
        }
        if (!(sfw.getSelect() instanceof SelectList list) || list.getSetq() != null) {
            throw StatementErrors.unsupported("SELECT list: paths or * are expected");
        }
        List<String> paths = new ArrayList<>();
        for (SelectItem item : list.getItems()) {
            if (!(item instanceof SelectItem.Expr e) || e.getAsAlias() != null) {
                throw StatementErrors.unsupported("SELECT list: paths or * are expected");
            }
            paths.add(et.path(e.getExpr()));
        }
        return String.join(", ", paths);
    }

    /** {table, index or null} of FROM "table" or FROM "table"."index". */
    private static String[] source(Expr e) {
        String table = ExpressionText.attribute(e);
        if (table != null) {
            return new String[] {table, null};
        }
        if (e instanceof ExprPath p && ExpressionText.attribute(p.getRoot()) != null && p.getSteps().size() == 1
                && p.getSteps().get(0) instanceof PathStep.Field f) {
            return new String[] {ExpressionText.attribute(p.getRoot()), f.getField().getText()};
        }
        throw StatementErrors.unsupported("FROM clause: one table or one index is expected");
    }

    private String writeTarget(Identifier name) {
        if (name.hasQualifier()) {
            throw ApiException.validation("This operation is not supported on an index");
        }
        return name.getIdentifier().getText();
    }

    private WriteStatement insert(Insert i) {
        String table = writeTarget(i.getTableName());
        if (i.getAsAlias() != null || i.getOnConflict() != null || !(i.getSource() instanceof InsertSource.FromExpr src)
                || src.getColumns() != null && !src.getColumns().isEmpty() || !(src.getExpr() instanceof ExprStruct)) {
            throw StatementErrors.malformed("INSERT INTO table VALUE {...} is expected");
        }
        KeyNames keys = keysOf.apply(table);
        AttributeValue item = values.of(src.getExpr());
        ExpressionText et = new ExpressionText(values);
        String absent = "attribute_not_exists(" + et.placeholders.name(keys.hash(), true) + ")";
        return new WriteStatement(WriteStatement.Kind.INSERT, PutItemRequest.builder().tableName(table).item(item.m())
                .conditionExpression(absent).expressionAttributeNames(et.placeholders.names()).build(), null, null);
    }

    private WriteStatement update(Update u, DialectText.Split split) {
        String table = writeTarget(u.getTableName());
        KeyNames keys = keysOf.apply(table);
        List<Expr> rest = new ArrayList<>();
        Map<String, AttributeValue> key = key(ExpressionText.conjuncts(u.getCondition()), keys, rest);
        if (key == null) {
            throw StatementErrors.keyNotNamed();
        }
        ExpressionText et = new ExpressionText(values);
        List<String> sets = new ArrayList<>();
        List<String> adds = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        List<SetClause> clauses = u.getSetClauses();
        for (int n = 0; n < clauses.size(); n++) {
            SetClause c = clauses.get(n);
            String target = et.path(c.getTarget());
            if (n >= split.assignments()) {
                removes.add(target);
            } else if (c.getExpr() instanceof ExprCall call && List.of("set_add", "set_delete").contains(ExpressionText.function(call))) {
                if (call.getArgs().size() != 2 || !Values.isValue(call.getArgs().get(1))) {
                    throw StatementErrors.malformed(ExpressionText.function(call) + " expects an attribute and a set");
                }
                String set = et.operand(call.getArgs().get(1));
                ("set_add".equals(ExpressionText.function(call)) ? adds : deletes).add(target + " " + set);
            } else {
                sets.add(target + " = " + updateValue(c.getExpr(), et));
            }
        }
        StringBuilder expr = new StringBuilder();
        clause(expr, "SET", sets);
        clause(expr, "ADD", adds);
        clause(expr, "DELETE", deletes);
        clause(expr, "REMOVE", removes);
        // PartiQL's UPDATE changes an existing item only: the key must name one.
        String condition = "attribute_exists(" + et.placeholders.name(keys.hash(), true) + ")" + conditions(rest, et);
        return new WriteStatement(WriteStatement.Kind.UPDATE, null, UpdateItemRequest.builder().tableName(table).key(key)
                .updateExpression(expr.toString()).conditionExpression(condition)
                .expressionAttributeNames(et.placeholders.names()).expressionAttributeValues(et.placeholders.values())
                .returnValues(returning(split.returning(), false)).build(), null);
    }

    private WriteStatement delete(Delete d, String returning) {
        String table = writeTarget(d.getTableName());
        KeyNames keys = keysOf.apply(table);
        List<Expr> rest = new ArrayList<>();
        Map<String, AttributeValue> key = key(ExpressionText.conjuncts(d.getCondition()), keys, rest);
        if (key == null) {
            throw StatementErrors.keyNotNamed();
        }
        ExpressionText et = new ExpressionText(values);
        String condition = conditions(rest, et);
        return new WriteStatement(WriteStatement.Kind.DELETE, null, null, DeleteItemRequest.builder().tableName(table).key(key)
                .conditionExpression(condition.isEmpty() ? null : condition.substring(" AND ".length()))
                .expressionAttributeNames(et.placeholders.names()).expressionAttributeValues(et.placeholders.values())
                .returnValues(returning(returning, true)).build());
    }

    private static String conditions(List<Expr> rest, ExpressionText et) {
        StringBuilder out = new StringBuilder();
        rest.forEach(c -> out.append(" AND (").append(et.condition(c)).append(')'));
        return out.toString();
    }

    private static void clause(StringBuilder expr, String keyword, List<String> actions) {
        if (!actions.isEmpty()) {
            expr.append(expr.isEmpty() ? "" : " ").append(keyword).append(' ').append(String.join(", ", actions));
        }
    }

    /** A SET value: a value, a path, path ± operand, list_append(...) or if_not_exists(...). */
    private static String updateValue(Expr e, ExpressionText et) {
        if (e instanceof ExprOperator op && op.getLhs() != null && ("+".equals(op.getSymbol()) || "-".equals(op.getSymbol()))) {
            return et.operand(op.getLhs()) + " " + op.getSymbol() + " " + et.operand(op.getRhs());
        }
        if (e instanceof ExprCall call && List.of("list_append", "if_not_exists").contains(ExpressionText.function(call))) {
            List<String> args = new ArrayList<>();
            call.getArgs().forEach(a -> args.add(et.operand(a)));
            return ExpressionText.function(call) + "(" + String.join(", ", args) + ")";
        }
        return et.operand(e);
    }

    /** RETURNING ALL|MODIFIED OLD|NEW * as ReturnValues; a DELETE returns ALL OLD * only. */
    private static String returning(String words, boolean delete) {
        if (words == null) {
            return null;
        }
        String rv = switch (words.toUpperCase(Locale.ROOT)) {
            case "ALL OLD *" -> "ALL_OLD";
            case "MODIFIED OLD *" -> "UPDATED_OLD";
            case "ALL NEW *" -> "ALL_NEW";
            case "MODIFIED NEW *" -> "UPDATED_NEW";
            default -> throw StatementErrors.malformed("RETURNING ALL|MODIFIED OLD|NEW * is expected");
        };
        if (delete && !"ALL_OLD".equals(rv)) {
            throw StatementErrors.malformed("Only RETURNING ALL OLD * is allowed in DELETE statements");
        }
        return rv;
    }
}
