package earkit.reference.service.dynamodb;

import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.domain.table.TableData;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.protocol.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * ReturnConsumedCapacity's arithmetic (Developer Guide, "Read/write capacity mode"): a read costs one unit per
 * 4 KB of the items read (a Query or Scan sums its items first), half of that when eventually consistent, at
 * least one unit (half) even when nothing is found; a write costs one unit per 1 KB of the larger of the item
 * before and after, at least one, and each secondary index whose entry is written costs its own units.
 */
final class Capacity {
    private static final double READ_UNIT = 4096;
    private static final double WRITE_UNIT = 1024;

    private final String mode;

    private Capacity(String mode) {
        this.mode = mode;
    }

    /** The requested detail, or null for none (NONE or absent). */
    static Capacity of(String returnConsumedCapacity) {
        if (returnConsumedCapacity == null || "NONE".equals(returnConsumedCapacity)) {
            return null;
        }
        if (!"TOTAL".equals(returnConsumedCapacity) && !"INDEXES".equals(returnConsumedCapacity)) {
            throw ApiException.validation("1 validation error detected: Value '" + returnConsumedCapacity
                    + "' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
        }
        return new Capacity(returnConsumedCapacity);
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / READ_UNIT));
        return consistent ? units : units / 2;
    }

    static double writeUnits(long bytes) {
        return Math.max(1, Math.ceil(bytes / WRITE_UNIT));
    }

    /** A read of the table, or of one of its indexes ({@code index} null for the table). */
    ConsumedCapacity read(TableRecord t, String index, double units) {
        Map<String, Double> gsi = new LinkedHashMap<>();
        Map<String, Double> lsi = new LinkedHashMap<>();
        if (index != null) {
            (t.index(index).global ? gsi : lsi).put(index, units);
        }
        return answer(t.name, index == null ? units : 0, gsi, lsi, true);
    }

    /** An item before and after a write ({@code old}, {@code item} null when absent). */
    record Change(Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
    }

    /** A write of one item ({@code old}, {@code item} null when absent), with the entries of its indexes. */
    ConsumedCapacity write(TableRecord t, Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
        return writes(t, List.of(new Change(old, item)), 1);
    }

    /**
     * Writes of items of one table added up, with the entries of its indexes, every unit times {@code scale}
     * (2 in a transaction, which writes each item twice: to prepare and to commit it).
     */
    ConsumedCapacity writes(TableRecord t, List<Change> changes, double scale) {
        double tableUnits = 0;
        Map<String, Double> gsi = new LinkedHashMap<>();
        Map<String, Double> lsi = new LinkedHashMap<>();
        for (Change c : changes) {
            long before = c.old() == null ? 0 : AttributeValues.size(c.old());
            long after = c.item() == null ? 0 : AttributeValues.size(c.item());
            tableUnits += writeUnits(Math.max(before, after));
            for (TableRecord.IndexRecord ix : t.indexes) {
                double units = indexWrite(t, ix, c.old(), c.item());
                if (units > 0) {
                    (ix.global ? gsi : lsi).merge(ix.name, units, Double::sum);
                }
            }
        }
        gsi.replaceAll((name, units) -> units * scale);
        lsi.replaceAll((name, units) -> units * scale);
        return answer(t.name, tableUnits * scale, gsi, lsi, false);
    }

    /** Per table, units already summed (BatchGetItem, BatchWriteItem). */
    ConsumedCapacity total(String table, double units, boolean read) {
        return answer(table, units, Map.of(), Map.of(), read);
    }

    /**
     * An index entry written: a new or removed entry costs its size, a changed one the larger size, one whose
     * index key changed a removal and a new entry; an entry left as it was costs nothing.
     */
    private static double indexWrite(TableRecord t, TableRecord.IndexRecord ix, Map<String, AttributeValue> old,
                                     Map<String, AttributeValue> item) {
        Map<String, AttributeValue> was = entry(t, ix, old);
        Map<String, AttributeValue> is = entry(t, ix, item);
        if (was == null && is == null || Objects.equals(was, is)) {
            return 0;
        }
        if (was == null || is == null) {
            return writeUnits(AttributeValues.size(was == null ? is : was));
        }
        boolean keyChanged = !Objects.equals(was.get(ix.hashKey()), is.get(ix.hashKey()))
                || ix.rangeKey() != null && !Objects.equals(was.get(ix.rangeKey()), is.get(ix.rangeKey()));
        return keyChanged ? writeUnits(AttributeValues.size(was)) + writeUnits(AttributeValues.size(is))
                : writeUnits(Math.max(AttributeValues.size(was), AttributeValues.size(is)));
    }

    private static Map<String, AttributeValue> entry(TableRecord t, TableRecord.IndexRecord ix, Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(ix.hashKey()) || ix.rangeKey() != null && !item.containsKey(ix.rangeKey())) {
            return null;
        }
        return TableData.project(ix, item, t);
    }

    private ConsumedCapacity answer(String table, double tableUnits, Map<String, Double> gsi, Map<String, Double> lsi, boolean read) {
        double total = tableUnits + gsi.values().stream().mapToDouble(Double::doubleValue).sum()
                + lsi.values().stream().mapToDouble(Double::doubleValue).sum();
        ConsumedCapacity.Builder b = units(ConsumedCapacity.builder().tableName(table), total, read);
        if ("INDEXES".equals(mode)) {
            b.table(c -> units(c, tableUnits, read));
            if (!gsi.isEmpty()) {
                b.globalSecondaryIndexes(capacities(gsi, read));
            }
            if (!lsi.isEmpty()) {
                b.localSecondaryIndexes(capacities(lsi, read));
            }
        }
        return b.build();
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.Capacity> capacities(Map<String, Double> units, boolean read) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.Capacity> out = new LinkedHashMap<>();
        units.forEach((name, u) -> out.put(name, read
                ? software.amazon.awssdk.services.dynamodb.model.Capacity.builder().capacityUnits(u).readCapacityUnits(u).build()
                : software.amazon.awssdk.services.dynamodb.model.Capacity.builder().capacityUnits(u).writeCapacityUnits(u).build()));
        return out;
    }

    private static ConsumedCapacity.Builder units(ConsumedCapacity.Builder b, double u, boolean read) {
        b.capacityUnits(u);
        return read ? b.readCapacityUnits(u) : b.writeCapacityUnits(u);
    }

    private static software.amazon.awssdk.services.dynamodb.model.Capacity.Builder units(
            software.amazon.awssdk.services.dynamodb.model.Capacity.Builder b, double u, boolean read) {
        b.capacityUnits(u);
        return read ? b.readCapacityUnits(u) : b.writeCapacityUnits(u);
    }
}
