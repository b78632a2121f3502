package earkit.reference.clients;

import java.util.Locale;

/**
 * The SDK a User-Agent's first token names, and what to change, in that SDK's terms, when it opens a connection per
 * request (each new connection costs DynamoDB a table-key refresh through KMS, S46-S49).
 */
enum SdkFamily {
    JAVA_V2("aws-sdk-java/2.", "AWS SDK for Java v2", "keep one client for the application's life (never a client per "
            + "request); its pool keeps connections: ApacheHttpClient.builder().maxConnections(n), Netty maxConcurrency(n)"),
    JAVA_V1("aws-sdk-java/1.", "AWS SDK for Java v1", "keep one client for the application's life; "
            + "new ClientConfiguration().withMaxConnections(n).withTcpKeepAlive(true)"),
    JAVASCRIPT_V3("aws-sdk-js/3.", "AWS SDK for JavaScript v3", "requestHandler: new NodeHttpHandler({ httpsAgent: "
            + "new https.Agent({ keepAlive: true }) }) (http.Agent for an http:// endpoint), and one client for the application's life"),
    JAVASCRIPT_V2("aws-sdk-nodejs/2.", "AWS SDK for JavaScript v2", "AWS_NODEJS_CONNECTION_REUSE_ENABLED=1, or "
            + "httpOptions: { agent: new https.Agent({ keepAlive: true }) }"),
    BOTO3("boto3/", "AWS SDK for Python (boto3)", "keep one client (botocore keeps connections alive in its urllib3 pool); "
            + "botocore.config.Config(max_pool_connections=n, tcp_keepalive=True)"),
    BOTOCORE("botocore/", "botocore", "keep one client; botocore.config.Config(max_pool_connections=n, tcp_keepalive=True)"),
    AWS_CLI("aws-cli/", "AWS CLI", "each aws command is a new process with new connections: for many requests use an SDK "
            + "client that lives as long as the work, or batch commands"),
    OTHER("", "unknown SDK", "reuse one client and turn on HTTP keep-alive in its HTTP client");

    private final String prefix;
    /** How the report names the SDK line, e.g. {@code aws-sdk-js/3.x}: one row for all its packages' versions. */
    final String line;
    final String displayName;
    final String advice;

    SdkFamily(String prefix, String displayName, String advice) {
        this.prefix = prefix;
        this.line = prefix.endsWith(".") ? prefix + "x" : prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
        this.displayName = displayName;
        this.advice = advice;
    }

    static SdkFamily of(String firstToken) {
        String t = firstToken.toLowerCase(Locale.ROOT);
        for (SdkFamily f : values()) {
            if (!f.prefix.isEmpty() && t.startsWith(f.prefix)) {
                return f;
            }
        }
        return OTHER;
    }
}
