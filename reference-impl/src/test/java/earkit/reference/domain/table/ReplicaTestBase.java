package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;
import software.amazon.awssdk.services.kms.KmsClient;

/** Clients of three regions (us-east-1 from the base, eu-west-1, ap-southeast-2) and global table helpers. */
abstract class ReplicaTestBase extends StoreTestBase {
    protected DynamoDbClient eu;
    protected DynamoDbClient ap;
    protected KmsClient euKms;

    @BeforeEach
    void regionalClients() {
        eu = dynamo("test", "eu-west-1");
        ap = dynamo("test", "ap-southeast-2");
        euKms = client(KmsClient.builder(), "eu-west-1");
    }

    @AfterEach
    void closeRegionalClients() {
        eu.close();
        ap.close();
        euKms.close();
    }

    protected TableDescription describe(DynamoDbClient client, String table) {
        return client.describeTable(r -> r.tableName(table)).table();
    }

    protected UpdateTableResponse addReplica(String table, String region, String keyId) {
        return ddb.updateTable(r -> r.tableName(table).replicaUpdates(u -> u.create(c -> c.regionName(region).kmsMasterKeyId(keyId))));
    }

    protected Map<String, AttributeValue> get(DynamoDbClient client, String table, String pk) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).key(item("pk", pk))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    protected static ReplicaDescription replica(TableDescription d, String region) {
        return d.replicas().stream().filter(r -> r.regionName().equals(region)).findFirst().orElse(null);
    }

    protected static DynamoDbException refused(Runnable call) {
        return assertThrows(DynamoDbException.class, call::run);
    }

}
