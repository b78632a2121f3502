package earkit.bench;

import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import earkit.reference.protocol.HttpAnswer;
import earkit.reference.protocol.HttpCall;
import earkit.reference.protocol.InProcessHttpClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The reference's own path for one PutItem and one GetItem of the load driver's 1 KB items, under a customer
 * managed key: from the received request (headers, body) to the answer's bytes, SigV4 verification, JSON,
 * HMAC naming, AES-GCM and the store included, the socket and Netty's HTTP framing left out. The requests are
 * signed by the SDK beforehand, a thousand of them over a thousand keys, and replayed; the load driver's server
 * CPU per call is this plus the operating system's and Netty's share.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RouterBenchmark {
    private static final String CONNECTION = "bench-connection";

    private ReferenceServer server;
    private final List<HttpCall> puts = new ArrayList<>();
    private final List<HttpCall> gets = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        server = ReferenceServer.start(ServerOptions.defaults().withPort(0));
        String table = BenchTables.create(server.port(), "routerbench", BenchTables.Sse.CMK);
        List<HttpCall> captured = new ArrayList<>();
        try (DynamoDbClient signer = capturing(captured::add)) {
            for (int i = 0; i < Workload.KEYS; i++) {
                int k = i;
                signer.putItem(r -> r.tableName(table).item(Workload.item(k)));
                signer.getItem(r -> r.tableName(table).key(Workload.key(k, "0")));
            }
        }
        for (int i = 0; i < captured.size(); i += 2) {
            puts.add(captured.get(i));
            gets.add(captured.get(i + 1));
        }
        puts.forEach(this::expectOk); // every key holds its item before GetItem is measured
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
    }

    @Benchmark
    public HttpAnswer putItem() {
        return server.router().handle(puts.get(next++ % puts.size()));
    }

    @Benchmark
    public HttpAnswer getItem() {
        return server.router().handle(gets.get(next++ % gets.size()));
    }

    private void expectOk(HttpCall call) {
        HttpAnswer a = server.router().handle(call);
        if (a.status() != 200) {
            throw new IllegalStateException("the reference refused a prepared request: " + a.status() + " " + new String(a.body()));
        }
    }

    /** A DynamoDB client whose requests are signed and handed to {@code sink} as the front door would pass them on. */
    private static DynamoDbClient capturing(Consumer<HttpCall> sink) {
        SdkHttpClient http = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                sink.accept(InProcessHttpClient.asCall(request, CONNECTION));
                return new ExecutableHttpRequest() {
                    @Override
                    public HttpExecuteResponse call() {
                        return HttpExecuteResponse.builder()
                                .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Length", "2").build())
                                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(new byte[] {'{', '}'}))).build();
                    }

                    @Override
                    public void abort() {
                    }
                };
            }

            @Override
            public String clientName() {
                return "earkit-capture";
            }

            @Override
            public void close() {
            }
        };
        return DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:4566")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).httpClient(http).build();
    }
}
