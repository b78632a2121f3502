package earkit.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The connection-reuse report ({@code GET /_kit/clients}) through the SDKs whose connection handling differs most:
 * the same work (a customer managed key, a table under it, a write and {@value #READS} reads) from Node.js v3 with
 * keep-alive on and off, boto3, Java v1 and the AWS CLI (a command, so a connection, per call). The report names the SDK from its User-Agent, counts the connections, and
 * flags the client that opens one per request with what to change in its own terms. The tables the reference prints
 * go to target/sdk-compat/client-report.txt.
 */
class ClientReportTest {
    private static final int READS = 30;
    private static final Map<SdkConfiguration, String> TABLES = new TreeMap<>();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SdkConfiguration.class, names = {"NODE_V3_KEEPALIVE", "NODE_V3_NO_KEEPALIVE", "BOTO3", "JAVA_V1",
            "AWS_CLI"})
    void theReportShowsWhetherTheSdkReusesConnections(SdkConfiguration sdk) {
        Runnability.assume(sdk);
        try (ReferenceUnderTest reference = new ReferenceUnderTest(); SdkDriver driver = sdk.open(DriverSettings.reference(reference.endpoint(), true))) {
            SdkCalls calls = new SdkCalls(driver);
            calls.createTable("orders", calls.createKey("orders"), false, "");
            calls.ddb("PutItem", "{\"TableName\": \"orders\", \"Item\": {\"pk\": {\"S\": \"o-1\"}, \"total\": {\"N\": \"12\"}}}");
            for (int i = 0; i < READS; i++) {
                assertEquals("12", calls.ddb("GetItem", "{\"TableName\": \"orders\", \"Key\": {\"pk\": {\"S\": \"o-1\"}}}")
                        .path("Item").path("total").path("N").asText());
            }
            JsonNode clients = reference.clients().path("clients");
            TABLES.put(sdk, reference.clientTable());
            assertEquals(1, clients.size(), "one client (access key and SDK): " + clients);
            JsonNode row = clients.path(0);
            long requests = 3 + READS; // CreateKey, CreateTable, PutItem, the reads
            assertEquals("test", row.path("accessKey").asText());
            assertEquals(expectedSdkName(sdk), row.path("sdkName").asText(), row.toString());
            assertEquals(requests, row.path("requests").asLong(), row.toString());
            long connections = row.path("connections").asLong();
            if (sdk.connectionsAtMost > 0) {
                // One pool per service client: KMS and DynamoDB each keep their connection.
                assertTrue(connections <= 2 * sdk.connectionsAtMost, row.toString());
                assertEquals(1, row.path("tableKeyRefreshes").asLong(),
                        "the GenerateDataKey of CreateTable; the write and the reads reuse DynamoDB's connection: " + row);
                assertTrue(!row.path("connectionPerRequest").asBoolean() && row.path("advice").isNull(), row.toString());
            } else {
                assertEquals(requests, connections, "keep-alive off: a connection per request; " + row);
                assertEquals(1 + (requests - 2), row.path("tableKeyRefreshes").asLong(),
                        "GenerateDataKey at CreateTable, then a Decrypt for the PutItem and every read: " + row);
                assertTrue(row.path("connectionPerRequest").asBoolean(), row.toString());
                assertTrue(row.path("advice").asText().startsWith(sdk == SdkConfiguration.AWS_CLI
                        ? "each aws command is a new process with new connections: for many requests use an SDK client"
                        : "requestHandler: new NodeHttpHandler({ httpsAgent: new https.Agent({ keepAlive: true }) })"), row.toString());
            }
        }
    }

    private static String expectedSdkName(SdkConfiguration sdk) {
        return switch (sdk) {
            case NODE_V3_KEEPALIVE, NODE_V3_NO_KEEPALIVE -> "AWS SDK for JavaScript v3";
            case BOTO3 -> "AWS SDK for Python (boto3)";
            case JAVA_V1 -> "AWS SDK for Java v1";
            case AWS_CLI -> "AWS CLI";
            default -> "AWS SDK for Java v2";
        };
    }

    @AfterAll
    static void writeTables() throws IOException {
        List<String> out = new ArrayList<>();
        TABLES.forEach((sdk, table) -> out.add("## " + sdk.label + "\n\n" + table));
        Files.writeString(Files.createDirectories(Path.of("target", "sdk-compat")).resolve("client-report.txt"),
                String.join("\n", out));
    }
}
