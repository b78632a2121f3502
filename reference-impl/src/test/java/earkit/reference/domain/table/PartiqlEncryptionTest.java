package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** PartiQL inherits the item calls' encryption: no plaintext at rest, and a lost key refuses statements as it refuses GetItem. */
class PartiqlEncryptionTest extends StoreTestBase {
    private static final String MARKER = "PARTIQL-MARKER-51c2";

    @Test
    void statementsKeepNoPlaintextAtRest() {
        createTable("Secrets", null, EncryptedTablesTest.cmk(kms.createKey().keyMetadata().arn()));
        ddb.executeStatement(r -> r.statement("INSERT INTO Secrets VALUE {'pk': '" + MARKER + "-pk', 'note': '" + MARKER + "'}"));
        ddb.executeStatement(r -> r.statement("UPDATE Secrets SET other = ? WHERE pk = ?")
                .parameters(s(MARKER + "-updated"), s(MARKER + "-pk")));
        ddb.batchExecuteStatement(r -> r.statements(s -> s.statement("INSERT INTO Secrets VALUE {'pk': '" + MARKER + "-batch'}")));
        assertEquals(MARKER, ddb.executeStatement(r -> r.statement("SELECT note FROM Secrets WHERE pk = '" + MARKER + "-pk'"))
                .items().get(0).get("note").s());
        String found = control("/_kit/storage/find", "{\"needles\":[\"" + MARKER + "\"]}");
        assertTrue(found.contains("\"found\":[]"), found);
        assertFalse(found.contains("\"entriesScanned\":0"), found);
    }

    @Test
    void aTableWhoseKeyIsDisabledRefusesStatementsAsItRefusesGetItem() {
        String key = kms.createKey().keyMetadata().arn();
        createTable("Watched", null, EncryptedTablesTest.cmk(key));
        ddb.executeStatement(r -> r.statement("INSERT INTO Watched VALUE {'pk': 'a', 'v': 1}"));
        kms.disableKey(r -> r.keyId(key));
        advance("PT5M");
        DynamoDbException get = assertThrows(DynamoDbException.class,
                () -> ddb.getItem(r -> r.tableName("Watched").key(item("pk", "a"))));
        for (String statement : List.of("SELECT * FROM Watched WHERE pk = 'a'", "SELECT * FROM Watched",
                "INSERT INTO Watched VALUE {'pk': 'b'}", "UPDATE Watched SET v = 2 WHERE pk = 'a'", "DELETE FROM Watched WHERE pk = 'a'")) {
            DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.executeStatement(r -> r.statement(statement)));
            assertEquals(400, e.statusCode(), statement);
            assertEquals(get.awsErrorDetails().errorCode(), e.awsErrorDetails().errorCode(), statement);
            assertEquals(withoutRequestId(get.awsErrorDetails().errorMessage()), withoutRequestId(e.awsErrorDetails().errorMessage()), statement);
        }
        BatchStatementResponse b = ddb.batchExecuteStatement(r -> r.statements(s -> s.statement("SELECT * FROM Watched WHERE pk = 'a'")))
                .responses().get(0);
        assertEquals("AccessDenied", b.error().codeAsString());
        assertEquals(withoutRequestId(get.awsErrorDetails().errorMessage()), withoutRequestId(b.error().message()));
    }

    /** The message names the request id of KMS's answer, which differs from call to call. */
    private static String withoutRequestId(String message) {
        assertTrue(message.startsWith("KMS key access denied error: "), message);
        return message.replaceAll("Request ID: [^;]*;", "");
    }
}
