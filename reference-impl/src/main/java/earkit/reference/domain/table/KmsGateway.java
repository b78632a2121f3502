package earkit.reference.domain.table;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * How the store reaches KMS: as DynamoDB does, through an SDK client per region, signed with the
 * service identity, naming the caller it acts for in {@code x-kit-on-behalf-of} when it acts for one.
 * Clients are made on first use, when the server's own port (the default endpoint) is known. The HTTP
 * client is given: the built-in KMS is reached in process, another KMS over the network.
 */
public final class KmsGateway implements AutoCloseable {
    private final Supplier<URI> endpoint;
    private final SdkHttpClient http;
    private final AwsCredentials serviceCredentials;
    private final String onBehalfOfHeader;
    private final Map<String, KmsClient> clients = new ConcurrentHashMap<>();
    private final java.time.Duration callTimeout;
    private final java.time.Duration refreshTimeout;
    private volatile Consumer<String> callListener = operation -> { };

    /** {@code serviceCredentials} and {@code onBehalfOfHeader}: how the front door knows the store and its caller. */
    public KmsGateway(Supplier<URI> endpoint, SdkHttpClient http, AwsCredentials serviceCredentials, String onBehalfOfHeader) {
        this(endpoint, http, serviceCredentials, onBehalfOfHeader, null, null);
    }

    /**
     * {@code callTimeout}: how long a KMS call over the network may take before the store gives up on it;
     * {@code refreshTimeout}: the same for a refresh while the store still holds the table key it serves from (see
     * TableKeys). {@code null} for none (the in-process KMS).
     */
    public KmsGateway(Supplier<URI> endpoint, SdkHttpClient http, AwsCredentials serviceCredentials, String onBehalfOfHeader,
                      java.time.Duration callTimeout, java.time.Duration refreshTimeout) {
        this.callTimeout = callTimeout;
        this.refreshTimeout = refreshTimeout;
        this.endpoint = endpoint;
        this.http = http;
        this.serviceCredentials = serviceCredentials;
        this.onBehalfOfHeader = onBehalfOfHeader;
    }

    /** Told the operation name of every KMS call the store sends, before it leaves: what the store's work costs in KMS. */
    public void onCall(Consumer<String> listener) {
        this.callListener = listener;
    }

    public KmsClient client(String region) {
        return clients.computeIfAbsent(region, r -> KmsClient.builder()
                .region(Region.of(r))
                .endpointOverride(endpoint.get())
                .credentialsProvider(StaticCredentialsProvider.create(serviceCredentials))
                .httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(callTimeout)
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                                callListener.accept(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                            }
                        }))
                .build());
    }

    /** Request options naming the caller the store acts for; {@code null} means the service acts on its own. */
    public AwsRequestOverrideConfiguration onBehalfOf(String callerArn) {
        AwsRequestOverrideConfiguration.Builder b = AwsRequestOverrideConfiguration.builder();
        if (callerArn != null) {
            b.putHeader(onBehalfOfHeader, callerArn);
        }
        return b.build();
    }

    /**
     * {@link #onBehalfOf} for a refresh while the store holds the table key: the request waits for KMS only the
     * shorter refresh timeout, then is served from the held key. Such a call is never the gateway's first (the held key
     * came through it), so the client's set-up, which once took longer than 2 s on a busy machine, is not in it.
     */
    public AwsRequestOverrideConfiguration refreshOnBehalfOf(String callerArn) {
        AwsRequestOverrideConfiguration.Builder b = onBehalfOf(callerArn).toBuilder();
        if (refreshTimeout != null) {
            b.apiCallTimeout(refreshTimeout);
        }
        return b.build();
    }

    @Override
    public void close() {
        clients.values().forEach(KmsClient::close);
        http.close();
    }
}
