package earkit.sdkcompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailAsyncClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsAsyncClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The AWS SDK for Java v2 in this JVM, on one of its HTTP clients, behind the driver protocol: an operation is the
 * client method of that name, its input and output translated by the SDK's own model ({@link PojoWireJson}).
 */
public final class JavaV2Driver implements SdkDriver {

    /** The HTTP clients the SDK v2 ships; Netty is asynchronous only, so it drives the async service clients. */
    public enum HttpClient {
        APACHE("ApacheHttpClient (sync), default connection pool"),
        URL_CONNECTION("UrlConnectionHttpClient (sync), the JDK's HttpURLConnection keep-alive cache"),
        NETTY("NettyNioAsyncHttpClient (async clients), default connection pool"),
        CRT("AwsCrtHttpClient (sync), AWS Common Runtime connection manager");

        final String description;

        HttpClient(String description) {
            this.description = description;
        }
    }

    private final HttpClient http;
    private final DriverSettings settings;
    private final SdkHttpClient sync;
    private final SdkAsyncHttpClient async;
    private final Map<String, SdkClient> clients = new LinkedHashMap<>();

    public JavaV2Driver(HttpClient http, DriverSettings settings) {
        this.http = http;
        this.settings = settings;
        int max = settings.maxConnections();
        this.sync = switch (http) {
            case APACHE -> max > 0 ? ApacheHttpClient.builder().maxConnections(max).build() : ApacheHttpClient.create();
            // The JDK's keep-alive cache is JVM-wide: nothing to cap per client.
            case URL_CONNECTION -> UrlConnectionHttpClient.create();
            case CRT -> max > 0 ? AwsCrtHttpClient.builder().maxConcurrency(max).build() : AwsCrtHttpClient.create();
            case NETTY -> null;
        };
        this.async = http != HttpClient.NETTY ? null
                : max > 0 ? NettyNioAsyncHttpClient.builder().maxConcurrency(max).build() : NettyNioAsyncHttpClient.create();
    }

    @Override
    public JsonNode call(String service, String operation, JsonNode input) {
        SdkClient client = clients.computeIfAbsent(service, this::client);
        Method method = operation(client, operation);
        Object request = PojoWireJson.build(builderOf(method.getParameterTypes()[0]), input);
        try {
            Object response = method.invoke(client, request);
            if (response instanceof CompletableFuture<?> future) {
                response = future.join();
            }
            return PojoWireJson.toJson((SdkPojo) response);
        } catch (InvocationTargetException e) {
            throw sdkError(e.getCause());
        } catch (CompletionException e) {
            throw sdkError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SdkError sdkError(Throwable t) {
        if (t instanceof AwsServiceException e) {
            return new SdkError(e.awsErrorDetails().errorCode(), e.statusCode(), e.awsErrorDetails().errorMessage(),
                    e.getClass().getSimpleName());
        }
        if (t instanceof SdkClientException e) {
            return new SdkError("DriverError", 0, String.valueOf(e.getMessage()), e.getClass().getSimpleName());
        }
        throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }

    private static Method operation(SdkClient client, String operation) {
        String name = Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
        for (Class<?> api : client.getClass().getInterfaces()) {
            for (Method m : api.getMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 1 && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("no operation " + operation + " on " + client.serviceName());
    }

    private static SdkPojo builderOf(Class<?> requestClass) {
        try {
            return (SdkPojo) requestClass.getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no builder on " + requestClass, e);
        }
    }

    private SdkClient client(String service) {
        boolean isAsync = async != null;
        return switch (service) {
            case "dynamodb" -> isAsync ? configure(DynamoDbAsyncClient.builder()).build() : configure(DynamoDbClient.builder()).build();
            case "streams" -> isAsync ? configure(DynamoDbStreamsAsyncClient.builder()).build() : configure(DynamoDbStreamsClient.builder()).build();
            case "kms" -> isAsync ? configure(KmsAsyncClient.builder()).build() : configure(KmsClient.builder()).build();
            case "cloudtrail" -> isAsync ? configure(CloudTrailAsyncClient.builder()).build() : configure(CloudTrailClient.builder()).build();
            case "logs" -> isAsync ? configure(CloudWatchLogsAsyncClient.builder()).build() : configure(CloudWatchLogsClient.builder()).build();
            default -> throw new IllegalArgumentException("unknown service " + service);
        };
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.endpointOverride(settings.endpoint()).region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(),
                        settings.secretAccessKey())));
        ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder();
        if (!settings.retries()) {
            o.retryStrategy(AwsRetryStrategy.doNotRetry());
        }
        settings.callTimeout().ifPresent(o::apiCallTimeout);
        if (!settings.keepAlive()) {
            o.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                    return context.httpRequest().toBuilder().putHeader("Connection", "close").build();
                }
            });
        }
        builder.overrideConfiguration(o.build());
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> s) {
            s.httpClient(sync);
        } else if (builder instanceof software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder<?, ?> a) {
            a.httpClient(async);
        }
        return builder;
    }

    @Override
    public JsonNode info() {
        return JsonNodeFactory.instance.objectNode().put("name", "AWS SDK for Java v2").put("version", VersionInfo.SDK_VERSION)
                .put("runtime", "Java " + Runtime.version()).put("http", http.description);
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        if (sync != null) {
            sync.close();
        }
        if (async != null) {
            async.close();
        }
    }
}
