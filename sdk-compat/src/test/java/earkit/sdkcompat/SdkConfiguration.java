package earkit.sdkcompat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Every SDK and configuration the reference must work with unchanged, by the name a later {@code kit run --sdk}
 * will use. Each knows how to start its driver, how many connections it opens for sequential requests (and so
 * how many table-key refreshes it causes: one per connection, S46-S49), the name of its generic service exception for errors the service models do
 * not name, and what to change, in that SDK's terms, when it opens a connection per request.
 */
enum SdkConfiguration {
    JAVA_V2_APACHE("java-v2-apache", 1, "Java v2"),
    JAVA_V2_URL_CONNECTION("java-v2-url-connection", 1, "Java v2"),
    /** The next request can start before the last one's connection is back in the pool: a second connection. */
    JAVA_V2_NETTY("java-v2-netty", 2, "Java v2"),
    /** The CRT connection manager races acquisition with release too, and keeps opening connections now and then. */
    JAVA_V2_CRT("java-v2-crt", 20, "Java v2"),
    JAVA_V1("java-v1", 1, "Java v1"),
    NODE_V3_KEEPALIVE("node-v3-keepalive", 1, "Node v3"),
    NODE_V3_NO_KEEPALIVE("node-v3-no-keepalive", 0, "Node v3"),
    BOTO3("boto3", 1, "boto3");

    private static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));
    /** The SDK's exception for a DynamoDB error code its model does not name (ValidationException, AccessDeniedException). */
    private static final Map<String, String> GENERIC_DYNAMODB_EXCEPTION = Map.of("Java v2", "DynamoDbException",
            "Java v1", "AmazonDynamoDBException", "Node v3", "DynamoDBServiceException", "boto3", "ClientError");

    final String label;
    /** How many connections 200 sequential requests may open; 0: one per request. */
    final int connectionsAtMost;
    private final String family;

    SdkConfiguration(String label, int connectionsAtMost, String family) {
        this.label = label;
        this.connectionsAtMost = connectionsAtMost;
        this.family = family;
    }

    /** A new driver: a new SDK client and so new connections. */
    SdkDriver open(URI endpoint) {
        return switch (this) {
            case JAVA_V2_APACHE -> new JavaV2Driver(JavaV2Driver.HttpClient.APACHE, endpoint);
            case JAVA_V2_URL_CONNECTION -> new JavaV2Driver(JavaV2Driver.HttpClient.URL_CONNECTION, endpoint);
            case JAVA_V2_NETTY -> new JavaV2Driver(JavaV2Driver.HttpClient.NETTY, endpoint);
            case JAVA_V2_CRT -> new JavaV2Driver(JavaV2Driver.HttpClient.CRT, endpoint);
            case JAVA_V1 -> new JavaV1Driver(endpoint);
            case NODE_V3_KEEPALIVE, NODE_V3_NO_KEEPALIVE -> SdkDriverProcess.start(label, List.of("node", "driver.js"),
                    BASEDIR.resolve("node"), endpoint, this == NODE_V3_KEEPALIVE);
            case BOTO3 -> SdkDriverProcess.start(label, List.of("python3", "driver.py"), BASEDIR.resolve("python"), endpoint, true);
        };
    }

    /** Skips, saying why, a configuration this build was told not to run or whose runtime cannot load here. */
    void assumeRunnable() {
        if (family.equals("Node v3")) {
            Assumptions.assumeFalse(Boolean.getBoolean("earkit.skipNode"), "the Node.js driver is skipped (-DskipNode)");
            if (!Files.isDirectory(BASEDIR.resolve("node/node_modules/@aws-sdk/client-dynamodb"))) {
                throw new IllegalStateException("the Node.js driver's packages are not installed: run `npm ci` in "
                        + BASEDIR.resolve("node") + " (the build does so unless -DskipNode)");
            }
        }
        if (this == JAVA_V2_CRT) {
            try {
                Class.forName("software.amazon.awssdk.crt.CRT", true, SdkConfiguration.class.getClassLoader());
            } catch (Throwable e) {
                Assumptions.abort("the AWS CRT native library does not load on this machine ("
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + e);
            }
        }
    }

    String genericDynamoDbException() {
        return GENERIC_DYNAMODB_EXCEPTION.get(family);
    }

    /** What to change when this configuration opens a connection per request, in the SDK's own terms. */
    String connectionAdvice() {
        return switch (family) {
            case "Node v3" -> "requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true }), "
                    + "httpsAgent: new https.Agent({ keepAlive: true }) })";
            case "Java v2" -> "keep one client for the application's life; ApacheHttpClient.builder().maxConnections(n) "
                    + "sizes its pool (never a client per request)";
            case "Java v1" -> "keep one client; ClientConfiguration.withMaxConnections(n) and withTcpKeepAlive(true)";
            default -> "keep one client; botocore Config(max_pool_connections=n) sizes the urllib3 pool";
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
