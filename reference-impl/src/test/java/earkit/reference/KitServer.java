package earkit.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.reference.protocol.IdentityStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A reference server started in-process for one test, with SDK clients for the shipped identities,
 * the control API over plain HTTP, and raw signed requests for what an SDK would never send.
 */
public final class KitServer implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String ROOT_ARN = "arn:aws:iam::000000000000:root";
    public static final String RESTRICTED_ARN = "arn:aws:iam::000000000000:user/restricted";
    private final ReferenceServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public KitServer(ServerOptions options) {
        this.server = ReferenceServer.start(options);
    }

    public static KitServer start() {
        return new KitServer(ServerOptions.defaults());
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public KmsClient kms() {
        return kms("test", "test");
    }

    public KmsClient kms(String accessKey, String secret) {
        return kms(accessKey, secret, Region.US_EAST_1);
    }

    public KmsClient kms(String accessKey, String secret, Region region) {
        return client(KmsClient.builder(), accessKey, secret, region);
    }

    public DynamoDbClient dynamo() {
        return client(DynamoDbClient.builder(), "test", "test", Region.US_EAST_1);
    }

    /**
     * An SDK client ({@code CloudWatchLogsClient.builder()}, ...) of this server in {@code region}, signed as the
     * identity {@code accessKey}, without retries, so that a test sees each answer the server gives.
     */
    public <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder, String accessKey, String secret,
                                                                                      Region region) {
        return builder.endpointOverride(endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    /** KMS as the store calls it: signed by the DynamoDB service identity, optionally for a caller. */
    public KmsClient serviceKms(String onBehalfOfArn) {
        return KmsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        IdentityStore.SERVICE_ACCESS_KEY, IdentityStore.SERVICE_SECRET)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> {
                    o.retryStrategy(DefaultRetryStrategy.doNotRetry());
                    if (onBehalfOfArn != null) {
                        o.putHeader("x-kit-on-behalf-of", onBehalfOfArn);
                    }
                })
                .build();
    }

    public CloudTrailClient cloudTrail() {
        return cloudTrail("test", "test");
    }

    public CloudTrailClient cloudTrail(String accessKey, String secret) {
        return client(CloudTrailClient.builder(), accessKey, secret, Region.US_EAST_1);
    }

    /** A control API call; returns status and parsed JSON body. */
    public Answer control(String method, String path, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint().resolve(path)).timeout(Duration.ofSeconds(10));
        b = jsonBody == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(jsonBody)).header("content-type", "application/json");
        return send(b.build());
    }

    public Instant now() {
        return Instant.parse(control("GET", "/_kit/clock", null).json().get("now").asText());
    }

    public Instant advance(Duration by) {
        Answer a = control("POST", "/_kit/clock/advance", "{\"by\":\"" + by + "\"}");
        if (a.status() != 200) {
            throw new AssertionError("advance failed: " + a);
        }
        return Instant.parse(a.json().get("now").asText());
    }

    public Instant setClock(Instant to) {
        Answer a = control("POST", "/_kit/clock/set", "{\"to\":\"" + to + "\"}");
        if (a.status() != 200) {
            throw new AssertionError("set failed: " + a);
        }
        return Instant.parse(a.json().get("now").asText());
    }

    /** A SigV4-signed raw AWS JSON request with any body and target, as a misbehaving client might send it. */
    @SuppressWarnings("deprecation")
    public Answer signedRaw(String target, String contentType, String body, String accessKey, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint())
                .encodedPath("/").putHeader("Content-Type", contentType).putHeader("X-Amz-Target", target)
                .putHeader("Host", endpoint().getHost() + ":" + endpoint().getPort())
                .contentStreamProvider(() -> new ByteArrayInputStream(bytes)).build();
        SdkHttpFullRequest signed = Aws4Signer.create().sign(unsigned, Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(accessKey, secret)).signingName("kms")
                .signingRegion(Region.US_EAST_1).build());
        return raw(target, contentType, body, signed.headers().entrySet().stream()
                .filter(e -> !e.getKey().equalsIgnoreCase("host"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0))));
    }

    public Answer raw(String target, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("content-length")) {
                b.header(k, v);
            }
        });
        if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("x-amz-target")) && target != null) {
            b.header("X-Amz-Target", target);
        }
        if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("content-type"))) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
            return new Answer(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer: status and body. */
    public record Answer(int status, JsonNode json, String body) {
        public String type() {
            return json.path("__type").asText();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
