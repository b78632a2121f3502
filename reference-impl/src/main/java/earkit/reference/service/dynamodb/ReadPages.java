package earkit.reference.service.dynamodb;

import static earkit.reference.service.dynamodb.ItemParameters.condition;
import static earkit.reference.service.dynamodb.ItemParameters.projection;

import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.domain.expression.Condition;
import earkit.reference.domain.expression.Projection;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.TableSession;
import earkit.reference.protocol.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What a Query or Scan reads, checked once, and how a page of it is read: up to the limit or 1 MB of data. */
final class ReadPages {
    /** A Query or Scan page stops after this much data read (DynamoDB's 1 MB). */
    private static final long PAGE_BYTES = 1024 * 1024;

    private ReadPages() {
    }

    /**
     * What a Query or Scan reads and returns. {@code fromTable}: a local index that lacks attributes the
     * request needs reads them from the table, as DynamoDB does.
     */
    record Read(String index, Condition filter, Projection projection, boolean count, Integer limit,
                        Map<String, AttributeValue> exclusiveStart, boolean fromTable) {
    }

    /** {@code bytes}: the size of the items read, which a read's consumed capacity counts. */
    record Page(List<Map<String, AttributeValue>> items, int count, int scanned,
                        Map<String, AttributeValue> lastKey, long bytes) {
    }

    /** {@code legacyFilter}: a QueryFilter or ScanFilter, given instead of {@code filterExpr}. */
    static Read read(TableRecord t, String index, String select, String filterExpr, Condition legacyFilter, String projectionExpr,
                             List<String> attributesToGet, Map<String, String> names, Map<String, AttributeValue> values,
                             Integer limit, Map<String, AttributeValue> exclusiveStart, Boolean consistent,
                             List<earkit.reference.domain.expression.Parsed> parsed) {
        TableRecord.IndexRecord ix = null;
        if (index != null) {
            ix = t.index(index);
            if (ix == null) {
                throw ApiException.validation("The table does not have the specified index: " + index);
            }
            if (ix.global && Boolean.TRUE.equals(consistent)) {
                throw ApiException.validation("Consistent reads are not supported on global secondary indexes");
            }
        }
        checkLimit(limit);
        Condition filter = legacyFilter != null ? legacyFilter : condition("FilterExpression", filterExpr, names, values);
        Projection proj = projection(projectionExpr, names, attributesToGet);
        parsed.add(filter);
        parsed.add(proj);
        String sel = select;
        if (sel != null && !Set.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT").contains(sel)) {
            throw ApiException.validation("1 validation error detected: Value '" + sel
                    + "' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
        }
        if (proj != null && sel != null && !"SPECIFIC_ATTRIBUTES".equals(sel)) {
            throw ApiException.validation("Cannot specify the AttributesToGet or ProjectionExpression when choosing to get " + sel);
        }
        if ("ALL_PROJECTED_ATTRIBUTES".equals(sel) && ix == null) {
            throw ApiException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        if ("ALL_ATTRIBUTES".equals(sel) && ix != null && ix.global && !"ALL".equals(ix.projectionType)) {
            throw ItemRules.invalid("Select type ALL_ATTRIBUTES is not supported for global secondary index " + ix.name
                    + " because its projection type is not ALL");
        }
        if (exclusiveStart != null) {
            ItemRules.checkValues(exclusiveStart);
            Set<String> needed = new HashSet<>();
            t.keySchema.forEach(k -> needed.add(k.name));
            if (ix != null) {
                ix.keySchema.forEach(k -> needed.add(k.name));
            }
            for (String n : needed) {
                AttributeValue v = exclusiveStart.get(n);
                if (v == null || !AttributeValues.type(v).equals(t.attributeTypes.get(n))) {
                    throw ApiException.validation("The provided starting key is invalid: The provided key element does not match the schema");
                }
            }
        }
        boolean fromTable = ix != null && !ix.global && !"ALL".equals(ix.projectionType)
                && ("ALL_ATTRIBUTES".equals(sel) || proj != null || filter != null);
        return new Read(index, filter, proj, "COUNT".equals(sel), limit, exclusiveStart, fromTable);
    }

    /** Limit ≥ 1, a constraint of the request model: checked before the table is looked up, as DynamoDB does. */
    static void checkLimit(Integer limit) {
        if (limit != null && limit < 1) {
            throw ApiException.validation("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
    }

    /** Reads entries until the limit or a page's worth of data, filtering and projecting as asked. */
    static Page page(TableSession s, Read rd, Iterator<TableSession.Found> it,
                             java.util.function.Predicate<TableSession.Found> inRange,
                             java.util.function.Predicate<TableSession.Found> inSegment) {
        TableRecord t = s.table();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        int count = 0;
        int scanned = 0;
        long bytes = 0;
        Map<String, AttributeValue> last = null;
        boolean stopped = false;
        while (it.hasNext()) {
            TableSession.Found f = it.next();
            if (!inRange.test(f) || !inSegment.test(f)) {
                continue;
            }
            Map<String, AttributeValue> item = f.item();
            if (rd.fromTable()) {
                Map<String, AttributeValue> full = s.get(ItemRules.keyOf(t, item));
                item = full == null ? item : full;
            }
            long size = AttributeValues.size(item);
            if (scanned > 0 && bytes + size > PAGE_BYTES) {
                // A page holds at most 1 MB: the item that would cross it starts the next page.
                stopped = true;
                break;
            }
            scanned++;
            bytes += size;
            if (rd.filter() == null || rd.filter().test(item)) {
                count++;
                if (!rd.count()) {
                    items.add(rd.projection() == null ? item : rd.projection().apply(item));
                }
            }
            last = item;
            if ((rd.limit() != null && scanned >= rd.limit()) || bytes >= PAGE_BYTES) {
                stopped = true;
                break;
            }
        }
        Map<String, AttributeValue> lastKey = null;
        if (stopped && last != null) {
            lastKey = new LinkedHashMap<>(ItemRules.keyOf(t, last));
            if (rd.index() != null) {
                for (TableRecord.KeyPart k : t.index(rd.index()).keySchema) {
                    lastKey.put(k.name, last.get(k.name));
                }
            }
        }
        return new Page(items, count, scanned, lastKey, bytes);
    }
}
