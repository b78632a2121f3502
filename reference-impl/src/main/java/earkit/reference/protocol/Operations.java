package earkit.reference.protocol;

import earkit.reference.json.MalformedJson;
import earkit.reference.json.ShapeException;
import earkit.reference.json.ShapeReader;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/** The operations of one JSON service: name → (request shape, handler). */
public final class Operations {

    /**
     * Runs around every operation of a service, e.g. to audit KMS calls whatever their outcome. {@code request}
     * is null when the body could not be read into the request shape; {@code next} then throws that error.
     */
    public interface Interceptor {
        SdkPojo around(RequestContext ctx, Object request, Supplier<SdkPojo> next);
    }

    /**
     * Turns what a layer below the protocol throws into the AWS-shaped error it stands for, or null when
     * it stands for none (a bug, answered as {@code InternalServerError}).
     */
    public interface Refusals {
        ApiException of(RuntimeException e);
    }

    private record Binding<I>(Supplier<? extends SdkBuilder<?, I>> builder,
                              BiFunction<RequestContext, I, ? extends SdkPojo> handler) {
        SdkPojo invoke(RequestContext ctx, byte[] body, Interceptor interceptor) {
            if (interceptor == null) {
                return handler.apply(ctx, read(body, builder));
            }
            I request;
            try {
                request = ShapeReader.read(body, builder);
            } catch (MalformedJson e) {
                throw ApiException.serialization(e.getMessage()); // not JSON at all: refused before it is a request of this operation
            } catch (ShapeException e) {
                // A request the codec refuses still reaches the interceptor (with no request), so it is audited too.
                ApiException refusal = ApiException.serialization(e.getMessage());
                return interceptor.around(ctx, null, () -> {
                    throw refusal;
                });
            }
            return interceptor.around(ctx, request, () -> handler.apply(ctx, request));
        }
    }

    /** A request body read into its shape; a body that does not fit is the caller's {@code SerializationException}. */
    private static <I> I read(byte[] body, Supplier<? extends SdkBuilder<?, I>> builder) {
        try {
            return ShapeReader.read(body, builder);
        } catch (ShapeException e) {
            throw ApiException.serialization(e.getMessage());
        }
    }

    private final Map<String, Binding<?>> bindings = new TreeMap<>();
    private final Refusals refusals;
    private Interceptor interceptor;

    /** {@code refusals}: how the errors of the layers below answer on the wire. */
    public Operations(Refusals refusals) {
        this.refusals = refusals;
    }

    public <I> Operations add(String name, Supplier<? extends SdkBuilder<?, I>> builder,
                              BiFunction<RequestContext, I, ? extends SdkPojo> handler) {
        bindings.put(name, new Binding<>(builder, handler));
        return this;
    }

    public Operations intercept(Interceptor interceptor) {
        this.interceptor = interceptor;
        return this;
    }

    public Set<String> names() {
        return bindings.keySet();
    }

    public boolean has(String name) {
        return bindings.containsKey(name);
    }

    public Optional<SdkPojo> invoke(String name, RequestContext ctx, byte[] body) {
        Binding<?> b = bindings.get(name);
        if (b == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(b.invoke(ctx, body, interceptor));
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            ApiException refusal = refusals.of(e);
            throw refusal != null ? refusal : e;
        }
    }
}
