package earkit.kit.steps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Writes each SDK call of one client into the scenario's {@link RequestHistory}. Its {@code modifyException} must run
 * before that of {@link TargetFaults}, which throws: the SDK runs answer-side hooks in reverse order of the list, so
 * it comes after {@link TargetFaults} in the client's interceptor list.
 */
final class HistoryRecorder implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> START = new ExecutionAttribute<>("earkit.history.start");
    private static final ExecutionAttribute<Instant> WALL = new ExecutionAttribute<>("earkit.history.wall");
    private static final ExecutionAttribute<byte[]> REQUEST = new ExecutionAttribute<>("earkit.history.request");
    private static final ExecutionAttribute<byte[]> RESPONSE = new ExecutionAttribute<>("earkit.history.response");
    private static final ExecutionAttribute<RequestHistory.BodyCopy> STREAMED = new ExecutionAttribute<>("earkit.history.streamed");
    private final RequestHistory history;
    private final String service;
    private final String connection;

    HistoryRecorder(RequestHistory history, String service, String connection) {
        this.history = history;
        this.service = service;
        this.connection = connection;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(START, System.nanoTime());
        attributes.putAttribute(WALL, Instant.now());
    }

    @Override
    public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        context.requestBody().ifPresent(body -> {
            try (InputStream in = body.contentStreamProvider().newStream()) {
                attributes.putAttribute(REQUEST, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return context.requestBody();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        return context.responseBody().map(in -> {
            try (in) {
                byte[] body = in.readAllBytes();
                attributes.putAttribute(RESPONSE, body);
                return new java.io.ByteArrayInputStream(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public Optional<Publisher<ByteBuffer>> modifyAsyncHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        RequestHistory.BodyCopy copy = new RequestHistory.BodyCopy();
        attributes.putAttribute(STREAMED, copy);
        return context.responsePublisher().map(p -> subscriber -> p.subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription s) {
                subscriber.onSubscribe(s);
            }

            @Override
            public void onNext(ByteBuffer b) {
                copy.append(b);
                subscriber.onNext(b);
            }

            @Override
            public void onError(Throwable t) {
                subscriber.onError(t);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        }));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkHttpResponse r = context.httpResponse();
        record(attributes, r.statusCode(), null, r);
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable e = context.exception();
        SdkHttpResponse r = context.httpResponse().orElse(null);
        if (e instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            if (attributes.getAttribute(RESPONSE) == null && ase.awsErrorDetails() != null && ase.awsErrorDetails().rawResponse() != null) {
                attributes.putAttribute(RESPONSE, ase.awsErrorDetails().rawResponse().asByteArray());
            }
            record(attributes, ase.statusCode(), code, r);
        } else {
            record(attributes, r == null ? null : r.statusCode(), null, r);
        }
        return e;
    }

    private void record(ExecutionAttributes attributes, Integer status, String errorCode, SdkHttpResponse response) {
        Long start = attributes.getAttribute(START);
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        Instant wall = attributes.getAttribute(WALL) == null ? Instant.now() : attributes.getAttribute(WALL);
        byte[] body = attributes.getAttribute(RESPONSE);
        RequestHistory.BodyCopy streamed = attributes.getAttribute(STREAMED);
        if (body == null && streamed != null) {
            body = streamed.bytes();
        }
        String requestId = null;
        if (response != null) {
            requestId = response.firstMatchingHeader("x-amzn-RequestId").or(() -> response.firstMatchingHeader("x-amz-request-id"))
                    .orElse(null);
        }
        history.add(service, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), status, errorCode, requestId,
                connection, history.virtualNow(), wall, millis, attributes.getAttribute(REQUEST), body);
    }
}
