package earkit.reference.protocol;

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

    private record Binding<I>(Supplier<? extends SdkBuilder<?, I>> builder,
                              BiFunction<RequestContext, I, ? extends SdkPojo> handler) {
        SdkPojo invoke(RequestContext ctx, byte[] body, Interceptor interceptor) {
            if (interceptor == null) {
                return handler.apply(ctx, WireCodec.read(body, builder));
            }
            I request;
            try {
                request = WireCodec.read(body, builder);
            } catch (WireCodec.MalformedJson e) {
                throw e; // not JSON at all: refused before it is a request of this operation
            } catch (ApiException e) {
                // A request the codec refuses still reaches the interceptor (with no request), so it is audited too.
                return interceptor.around(ctx, null, () -> {
                    throw e;
                });
            }
            return interceptor.around(ctx, request, () -> handler.apply(ctx, request));
        }
    }

    private final Map<String, Binding<?>> bindings = new TreeMap<>();
    private Interceptor interceptor;

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
        return b == null ? Optional.empty() : Optional.of(b.invoke(ctx, body, interceptor));
    }
}
