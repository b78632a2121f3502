package earkit.reference.service.dynamodb;

import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.Transactions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * ReturnConsumedCapacity of the transactions (Developer Guide, "Amazon DynamoDB transactions", capacity
 * management): DynamoDB reads or writes every item of a transaction twice, to prepare and to commit it, so each
 * action costs twice what the single-item call costs ({@link Capacity}): a write twice its write units (a
 * ConditionCheck is charged as a write of the item it checks, with no index entry changed), a read twice the
 * strongly consistent read units. One entry per table, in the order the tables first appear.
 */
final class TransactCapacity {
    private static final double TRANSACTIONAL = 2;

    private TransactCapacity() {
    }

    /** Of a TransactWriteItems that was applied. */
    static List<ConsumedCapacity> writes(Capacity cap, List<Transactions.Written> actions) {
        Map<String, List<ConsumedCapacity>> perTable = new LinkedHashMap<>();
        for (Transactions.Written w : actions) {
            perTable.computeIfAbsent(w.table().name, n -> new ArrayList<>()).add(cap.write(w.table(), w.before(), w.after()));
        }
        List<ConsumedCapacity> out = new ArrayList<>();
        perTable.forEach((table, parts) -> out.add(sum(table, parts, TRANSACTIONAL)));
        return out;
    }

    /**
     * Of a TransactWriteItems repeated with its client token within the token's window, which writes nothing:
     * read units for reading the items it names (API Reference, TransactWriteItems, ClientRequestToken), one
     * strongly consistent read each.
     */
    static List<ConsumedCapacity> replay(Capacity cap, List<Transactions.Written> actions) {
        return reads(cap, actions.stream().map(w -> new Transactions.Read(w.table(), w.after())).toList(), 1);
    }

    /** Of a TransactGetItems. */
    static List<ConsumedCapacity> reads(Capacity cap, List<Transactions.Read> reads) {
        return reads(cap, reads, TRANSACTIONAL);
    }

    private static List<ConsumedCapacity> reads(Capacity cap, List<Transactions.Read> reads, double factor) {
        Map<String, TableRecord> tables = new LinkedHashMap<>();
        Map<String, Double> units = new LinkedHashMap<>();
        for (Transactions.Read r : reads) {
            tables.putIfAbsent(r.table().name, r.table());
            Map<String, AttributeValue> item = r.item();
            units.merge(r.table().name, Capacity.readUnits(item == null ? 0 : AttributeValues.size(item), true), Double::sum);
        }
        List<ConsumedCapacity> out = new ArrayList<>();
        units.forEach((table, u) -> out.add(cap.read(tables.get(table), null, u * factor)));
        return out;
    }

    /** The entries {@link Capacity#write} gave for one table's actions, added up and multiplied. */
    private static ConsumedCapacity sum(String table, List<ConsumedCapacity> parts, double factor) {
        double total = 0;
        double tableUnits = 0;
        boolean detailed = false;
        Map<String, Double> gsi = new LinkedHashMap<>();
        Map<String, Double> lsi = new LinkedHashMap<>();
        for (ConsumedCapacity c : parts) {
            total += c.capacityUnits();
            if (c.table() != null) {
                detailed = true;
                tableUnits += c.table().capacityUnits();
            }
            c.globalSecondaryIndexes().forEach((n, u) -> gsi.merge(n, u.capacityUnits(), Double::sum));
            c.localSecondaryIndexes().forEach((n, u) -> lsi.merge(n, u.capacityUnits(), Double::sum));
        }
        ConsumedCapacity.Builder b = ConsumedCapacity.builder().tableName(table)
                .capacityUnits(total * factor).writeCapacityUnits(total * factor);
        if (detailed) {
            b.table(units(tableUnits * factor));
            if (!gsi.isEmpty()) {
                b.globalSecondaryIndexes(indexes(gsi, factor));
            }
            if (!lsi.isEmpty()) {
                b.localSecondaryIndexes(indexes(lsi, factor));
            }
        }
        return b.build();
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.Capacity> indexes(Map<String, Double> units, double factor) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.Capacity> out = new LinkedHashMap<>();
        units.forEach((n, u) -> out.put(n, units(u * factor)));
        return out;
    }

    private static software.amazon.awssdk.services.dynamodb.model.Capacity units(double u) {
        return software.amazon.awssdk.services.dynamodb.model.Capacity.builder().capacityUnits(u).writeCapacityUnits(u).build();
    }
}
