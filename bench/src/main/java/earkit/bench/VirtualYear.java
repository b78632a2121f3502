package earkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * What moving the virtual clock by one year costs: wall time and KMS calls, with tables under customer managed keys
 * and no traffic in the year. The cost must follow the events that fall due (here each key's rotations, KMS's own
 * work), not the time crossed: DynamoDB needs no table key without traffic, so it makes no KMS call. Calls are read
 * from the CloudTrail audit, split into DynamoDB's ({@code invokedBy dynamodb.amazonaws.com}) and KMS's own events.
 */
final class VirtualYear {
    /** Days between a key's automatic rotations: two rotations per key within the year. */
    static final int ROTATION_DAYS = 180;

    private VirtualYear() {
    }

    static ObjectNode measure(int tables, List<String> serverJvm, String serveClass) throws Exception {
        ObjectNode y = LoadDriver.JSON.createObjectNode();
        try (ChildProcess ref = ChildProcess.java("year", serverJvm, serveClass);
             CloudTrailClient trail = BenchClients.cloudTrail(ref.port);
             KmsClient kms = BenchClients.kms(ref.port);
             DynamoDbClient ddb = BenchClients.dynamoDb(ref.port)) {
            for (int i = 0; i < tables; i++) {
                String name = BenchTables.create(ref.port, "year" + i, BenchTables.Sse.CMK);
                String key = ddb.describeTable(r -> r.tableName(name)).table().sseDescription().kmsMasterKeyArn();
                kms.enableKeyRotation(r -> r.keyId(key).rotationPeriodInDays(ROTATION_DAYS));
                ddb.putItem(r -> r.tableName(name).item(Workload.item(0)));
            }
            Set<String> before = new HashSet<>();
            trail.lookupEventsPaginator(r -> r.maxResults(50)).events().forEach(e -> before.add(e.eventId()));
            // The driver's first control call loads java.net.http (hundreds of ms): not the server's cost, so it goes first.
            LoadDriver.control(ref.port, "GET", "/_kit/clock", null);
            long t0 = System.nanoTime();
            String to = LoadDriver.control(ref.port, "POST", "/_kit/clock/advance", "{\"by\":\"P365D\"}").path("now").asText();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long dynamoDbCalls = 0;
            long rotations = 0;
            long otherKmsEvents = 0;
            for (Event e : trail.lookupEventsPaginator(r -> r.maxResults(50)).events()) {
                if (before.contains(e.eventId())) {
                    continue;
                }
                JsonNode doc = LoadDriver.JSON.readTree(e.cloudTrailEvent());
                if ("dynamodb.amazonaws.com".equals(doc.at("/userIdentity/invokedBy").asText())) {
                    dynamoDbCalls++;
                } else if ("RotateKey".equals(e.eventName())) {
                    rotations++;
                } else {
                    otherKmsEvents++;
                }
            }
            for (int i = 0; i < tables; i++) {
                String name = "year" + i;
                if (!ddb.getItem(r -> r.tableName(name).key(Workload.key(0, "0"))).hasItem()) {
                    throw new IllegalStateException("table " + name + " lost its item in the year");
                }
            }
            y.put("tables", tables);
            y.put("advanceSeconds", seconds);
            y.put("virtualClockTo", to);
            y.put("dynamoDbKmsCalls", dynamoDbCalls);
            y.put("rotations", rotations);
            y.put("expectedRotations", tables * (365 / ROTATION_DAYS));
            y.put("otherKmsEvents", otherKmsEvents);
        }
        System.err.println("year " + y);
        return y;
    }
}
