package earkit.kit.steps;

import earkit.kit.spi.ClientSettings;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Applies a target's {@link ClientSettings} to the kit's SDK client builders: the HTTP client and the API call
 * timeouts. With {@code netty} the DynamoDB client is the asynchronous one, seen by the steps through the
 * synchronous interface ({@link #blocking(DynamoDbAsyncClient)}), so the same features exercise either.
 */
final class SdkClients {
    /** One event loop for every Netty client: a group per client costs seconds of quiet period at each close. */
    private static final SdkEventLoopGroup EVENT_LOOP = SdkEventLoopGroup.builder().numberOfThreads(2).build();

    /**
     * One timer for every client's call timeouts: by default each client starts a scheduler thread of its own, about
     * ten per scenario. The SDK never shuts down a scheduler it was given; it only aborts the call a timer fires for.
     */
    private static final ScheduledExecutorService TIMEOUTS = timeoutScheduler();

    private SdkClients() {
    }

    private static ScheduledExecutorService timeoutScheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "earkit-sdk-timeouts");
            t.setDaemon(true);
            return t;
        });
        // every call that ends in time cancels its timer: without this, thousands of them would wait out their delay
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    /** Timeouts of the settings on top of {@code o}. */
    static ClientOverrideConfiguration.Builder timeouts(ClientOverrideConfiguration.Builder o, ClientSettings s) {
        o.scheduledExecutorService(TIMEOUTS);
        o.apiCallTimeout(s.apiCallTimeout());
        s.apiCallAttemptTimeout().ifPresent(o::apiCallAttemptTimeout);
        return o;
    }

    /** A synchronous client's HTTP client; {@code maxConnections} 1 makes "a client" one connection. */
    static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B http(B builder, ClientSettings s, int maxConnections) {
        if (s.httpClient() == ClientSettings.HttpClient.URL_CONNECTION) {
            return builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        ApacheHttpClient.Builder apache = ApacheHttpClient.builder();
        if (maxConnections > 0) {
            apache.maxConnections(maxConnections);
        }
        return builder.httpClientBuilder(apache);
    }

    static NettyNioAsyncHttpClient.Builder netty(int maxConnections) {
        NettyNioAsyncHttpClient.Builder b = NettyNioAsyncHttpClient.builder().eventLoopGroup(EVENT_LOOP);
        return maxConnections > 0 ? b.maxConcurrency(maxConnections) : b;
    }

    /** The asynchronous client behind the synchronous interface: each call waits for its future. */
    static DynamoDbClient blocking(DynamoDbAsyncClient async) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "blocking " + async;
                };
            }
            Method target = DynamoDbAsyncClient.class.getMethod(method.getName(), method.getParameterTypes());
            Object result;
            try {
                result = target.invoke(async, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof CompletableFuture<?> f) {
                try {
                    return f.join();
                } catch (CompletionException e) {
                    throw e.getCause() == null ? e : e.getCause();
                }
            }
            return result;
        };
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, h);
    }
}
