package earkit.reference.domain.table;

import static earkit.reference.domain.table.TransactionsTest.delete;
import static earkit.reference.domain.table.TransactionsTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A transaction's writes to a global table reach its replicas as single-item writes do. */
class TransactionReplicationTest extends ReplicaTestBase {

    @Test
    void transactionalWritesAreReplicated() {
        String usKey = kms.createKey().keyMetadata().arn();
        String euKey = euKms.createKey().keyMetadata().arn();
        createTable("Global", null, EncryptedTablesTest.cmk(usKey));
        createTable("Local", null);
        ddb.putItem(r -> r.tableName("Global").item(item("pk", "old")));
        addReplica("Global", "eu-west-1", euKey);
        eu.waiter().waitUntilTableExists(r -> r.tableName("Global"));

        ddb.transactWriteItems(r -> r.transactItems(put("Global", item("pk", "new", "v", "1")), delete("Global", "old"),
                put("Local", item("pk", "here"))));
        assertEquals(item("pk", "new", "v", "1"), get(eu, "Global", "new"));
        assertNull(get(eu, "Global", "old"));
    }
}
