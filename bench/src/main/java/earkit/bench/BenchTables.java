package earkit.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kms.KmsClient;

/** The benchmark's tables: partition key {@code pk}, sort key {@code sk}, on demand. */
final class BenchTables {
    /** Under which key a table is encrypted: a new customer managed key, or the AWS owned key (no SSESpecification). */
    enum Sse { CMK, OWNED }

    private BenchTables() {
    }

    /** Creates the table (and for CMK a new KMS key) and waits until it is ACTIVE; returns its name. */
    static String create(int port, String name, Sse sse) throws InterruptedException {
        try (DynamoDbClient c = BenchClients.dynamoDb(port)) {
            c.createTable(r -> {
                r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE));
                if (sse == Sse.CMK) {
                    r.sseSpecification(SSESpecification.builder().enabled(true).sseType(SSEType.KMS)
                            .kmsMasterKeyId(newKey(port)).build());
                }
            });
            // Polled rather than through the SDK waiter, whose first retry comes after 20 seconds.
            for (int i = 0; i < 600; i++) {
                if (c.describeTable(r -> r.tableName(name)).table().tableStatus() == TableStatus.ACTIVE) {
                    return name;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("table " + name + " did not become ACTIVE");
        }
    }

    static String newKey(int port) {
        try (KmsClient kms = BenchClients.kms(port)) {
            return kms.createKey(r -> r.description("earkit bench")).keyMetadata().arn();
        }
    }
}
