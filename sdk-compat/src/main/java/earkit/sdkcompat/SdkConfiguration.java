package earkit.sdkcompat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Every SDK and configuration the kit drives, by the name {@code kit run --sdk} takes. Each knows how to start its
 * driver, how many connections it opens for sequential requests (and so how many table-key refreshes it causes: one
 * per connection, S46-S49), the name of its generic service exception for errors the service models do not name,
 * what to change, in that SDK's terms, when it opens a connection per request, and whether this machine can run it.
 */
public enum SdkConfiguration {
    JAVA_V2_APACHE("java-v2-apache", 1, "Java v2"),
    JAVA_V2_URL_CONNECTION("java-v2-url-connection", 1, "Java v2"),
    /** The next request can start before the last one's connection is back in the pool: a second connection. */
    JAVA_V2_NETTY("java-v2-netty", 2, "Java v2"),
    /**
     * The sync AwsCrtHttpClient (SDK 2.36.2) shuts a kept-alive connection down now and then, when the caller closes the
     * response stream before the CRT's completion callback has handed the connection back to its pool; the next request
     * opens a new one (docs/sdk-compatibility.md).
     */
    JAVA_V2_CRT("java-v2-crt", 20, "Java v2"),
    JAVA_V1("java-v1", 1, "Java v1"),
    NODE_V3_KEEPALIVE("node-v3-keepalive", 1, "Node v3"),
    NODE_V3_NO_KEEPALIVE("node-v3-no-keepalive", 0, "Node v3"),
    BOTO3("boto3", 1, "boto3"),
    /** Every call is one `aws` command: a new session and a new connection each, none kept between commands. */
    AWS_CLI("aws-cli", 0, "AWS CLI");

    /** The SDK's exception for a DynamoDB error code its model does not name (ValidationException, AccessDeniedException). */
    private static final Map<String, String> GENERIC_DYNAMODB_EXCEPTION = Map.of("Java v2", "DynamoDbException",
            "Java v1", "AmazonDynamoDBException", "Node v3", "DynamoDBServiceException", "boto3", "ClientError",
            // The CLI raises no exception types: what it shows is its exit status and error line (cliRefusal).
            "AWS CLI", "exit status");

    public final String label;
    /** How many connections 200 sequential requests may open; 0: one per request. */
    public final int connectionsAtMost;
    private final String family;

    SdkConfiguration(String label, int connectionsAtMost, String family) {
        this.label = label;
        this.connectionsAtMost = connectionsAtMost;
        this.family = family;
    }

    /** The configuration of that name, e.g. {@code node-v3-keepalive}. */
    public static Optional<SdkConfiguration> byLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label.equals(label.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String known() {
        return Arrays.stream(values()).map(c -> c.label).collect(Collectors.joining(", "));
    }

    /** A new driver: new SDK clients and so new connections. */
    public SdkDriver open(DriverSettings settings) {
        return switch (this) {
            case JAVA_V2_APACHE -> new JavaV2Driver(JavaV2Driver.HttpClient.APACHE, settings);
            case JAVA_V2_URL_CONNECTION -> new JavaV2Driver(JavaV2Driver.HttpClient.URL_CONNECTION, settings);
            case JAVA_V2_NETTY -> new JavaV2Driver(JavaV2Driver.HttpClient.NETTY, settings);
            case JAVA_V2_CRT -> new JavaV2Driver(JavaV2Driver.HttpClient.CRT, settings);
            case JAVA_V1 -> new JavaV1Driver(settings);
            // The configuration's own keep-alive wins over the settings' only when the settings keep connections.
            case NODE_V3_KEEPALIVE, NODE_V3_NO_KEEPALIVE -> SdkDriverProcess.start(label, List.of("node", "driver.js"),
                    home().resolve("node"), keepAlive(settings, this == NODE_V3_KEEPALIVE));
            case BOTO3 -> SdkDriverProcess.start(label, List.of("python3", "driver.py"), home().resolve("python"), settings);
            case AWS_CLI -> SdkDriverProcess.start(label, List.of("python3", "cli_driver.py"), home().resolve("python"), settings);
        };
    }

    private static DriverSettings keepAlive(DriverSettings s, boolean keepAlive) {
        return new DriverSettings(s.endpoint(), s.region(), s.accessKeyId(), s.secretAccessKey(), s.keepAlive() && keepAlive,
                s.retries(), s.callTimeout(), s.maxConnections());
    }

    public String family() {
        return family;
    }

    /**
     * Why a client of this configuration cannot keep its requests on one connection, as the scenarios of one kept-alive
     * connection need (a property of the configuration, not of the target); empty when it can.
     */
    public Optional<String> cannotKeepOneConnection() {
        if (this == AWS_CLI) {
            return Optional.of(label + " runs every call as a command of its own, each on a new connection, and keeps none "
                    + "between commands");
        }
        if (connectionsAtMost == 0) {
            return Optional.of(label + " opens a connection per request");
        }
        if (this == JAVA_V2_CRT) {
            // Measured: 3-14 connections for 1,001 sequential requests with maxConcurrency(1), against the reference and a
            // bare socket server alike; no builder setting of the sync client avoids it.
            return Optional.of(label + " (the sync AwsCrtHttpClient) closes a kept-alive connection when its caller closes the "
                    + "response stream before the CRT hands the connection back to its pool, so sequential requests open "
                    + "further connections even with maxConcurrency(1)");
        }
        return Optional.empty();
    }

    /**
     * Why this machine cannot run the configuration (no runtime, its packages not installed, the native library does
     * not load), in one line that says what to do; empty when it can.
     */
    public Optional<String> unavailable() {
        switch (family) {
            case "Node v3" -> {
                if (!runs("node", "--version")) {
                    return Optional.of(label + ": Node.js (`node`) is not on the PATH; install Node.js 20 or later");
                }
                Path node = home().resolve("node");
                if (!Files.isDirectory(node.resolve("node_modules/@aws-sdk/client-dynamodb"))) {
                    return Optional.of(label + ": the Node.js driver's AWS SDK packages are not installed: run `npm ci` in "
                            + node.toAbsolutePath().normalize() + " (the Maven build does so unless -DskipNode)");
                }
            }
            case "boto3" -> {
                if (!runs("python3", "-c", "import boto3")) {
                    return Optional.of(label + ": `python3` with boto3 is not available; install boto3 "
                            + "(`pip install boto3`, or Debian's python3-boto3)");
                }
            }
            case "AWS CLI" -> {
                if (!runs("aws", "--version")) {
                    return Optional.of(label + ": the AWS CLI (`aws`) is not on the PATH or does not run `aws --version`; install it "
                            + "(Debian's awscli, `pip install awscli`, or the AWS CLI v2 installer)");
                }
                if (!runs("python3", "--version")) {
                    return Optional.of(label + ": `python3`, which runs the kit's AWS CLI driver, is not on the PATH; install Python 3");
                }
            }
            default -> {
                if (this == JAVA_V2_CRT) {
                    try {
                        Class.forName("software.amazon.awssdk.crt.CRT", true, SdkConfiguration.class.getClassLoader());
                    } catch (Throwable e) {
                        return Optional.of(label + ": the AWS CRT native library does not load on this machine ("
                                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + e);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The module directory holding the drivers in other languages ({@code node/driver.js}, {@code python/driver.py}):
     * the system property {@code earkit.sdk-compat.dir}, else {@code sdk-compat/} in the working directory or one of
     * its parents (the kit's checkout), else the working directory itself (this module's own tests).
     */
    public static Path home() {
        String dir = System.getProperty("earkit.sdk-compat.dir");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("sdk-compat/node/driver.js"))) {
                return p.resolve("sdk-compat");
            }
        }
        return Path.of("").toAbsolutePath();
    }

    public String genericDynamoDbException() {
        return GENERIC_DYNAMODB_EXCEPTION.get(family);
    }

    /**
     * What the AWS CLI shows for a refusal by the service, in place of an SDK's exception type: its exit status and its
     * error line's code. The exit status is 254 from v2 ("a request was made to the specified service but the service
     * returned an error") and 255 from v1, whose return codes do not tell a service's refusal from the CLI's own errors
     * (AWS CLI User Guide, "Command line return codes").
     */
    public static String cliRefusal(String cliVersion, String code) {
        return "exit " + (cliVersion.startsWith("1.") ? 255 : 254) + ": An error occurred (" + code + ")";
    }

    /** How many GetItem calls the KMS cost probe sends: fewer through the CLI, whose every call is a command of its own. */
    public int costProbeOperations() {
        return this == AWS_CLI ? 100 : 1000;
    }

    /** What to change when this configuration opens a connection per request, in the SDK's own terms. */
    public String connectionAdvice() {
        if (this == JAVA_V2_CRT) {
            return "keep one client; the sync AwsCrtHttpClient drops a kept-alive connection whenever the caller closes the "
                    + "response stream before the CRT has pooled the connection again, and no setting of it avoids that: "
                    + "AwsCrtAsyncHttpClient.builder().maxConcurrency(n) with the async service clients keeps its connections "
                    + "(or ApacheHttpClient for sync clients)";
        }
        if (this == JAVA_V2_NETTY) {
            return "keep one client; NettyNioAsyncHttpClient.builder().maxConcurrency(n) sizes its pool (never a client per request)";
        }
        return switch (family) {
            case "AWS CLI" -> "`aws` opens a new connection for every command and keeps none between commands: send fewer, "
                    + "larger commands (aws dynamodb batch-get-item of up to 100 keys, batch-write-item of up to 25 items), and "
                    + "use an SDK client that keeps its connections for bulk or repeated work";
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
