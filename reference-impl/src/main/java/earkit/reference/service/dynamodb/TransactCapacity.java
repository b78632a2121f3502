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
        Map<String, TableRecord> tables = new LinkedHashMap<>();
        Map<String, List<Capacity.Change>> changes = new LinkedHashMap<>();
        for (Transactions.Written w : actions) {
            tables.putIfAbsent(w.table().name, w.table());
            changes.computeIfAbsent(w.table().name, n -> new ArrayList<>()).add(new Capacity.Change(w.before(), w.after()));
        }
        List<ConsumedCapacity> out = new ArrayList<>();
        changes.forEach((table, written) -> out.add(cap.writes(tables.get(table), written, TRANSACTIONAL)));
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
}
