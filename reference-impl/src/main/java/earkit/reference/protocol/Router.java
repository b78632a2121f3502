package earkit.reference.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import earkit.reference.json.AwsJson;
import earkit.reference.json.ShapeWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Routes a request: {@code /_kit/*} to the control API, everything else by {@code X-Amz-Target} to a
 * JSON service after SigV4 verification. Every failure leaves as an AWS-shaped error.
 */
public final class Router {
    public static final String ON_BEHALF_OF_HEADER = "x-kit-on-behalf-of";
    private static final String CORAL = "com.amazon.coral.service#";
    private static final String SERIALIZATION = "SerializationException";
    /** Errors of the service framework, not of the service's model: DynamoDB types them in the coral namespace. */
    private static final java.util.Set<String> FRAMEWORK_ERRORS = java.util.Set.of(SERIALIZATION, "UnknownOperationException",
            "IncompleteSignatureException", "InvalidSignatureException", "MissingAuthenticationTokenException",
            "UnrecognizedClientException", "AccessDeniedException");

    /** Handles {@code /_kit/*}. */
    public interface ControlHandler {
        HttpAnswer handle(HttpCall call);
    }

    private final Map<String, JsonService> byPrefix = new LinkedHashMap<>();
    private final SigV4Verifier verifier;
    private final IdentityStore identities;
    private final ControlHandler control;

    public Router(List<JsonService> services, SigV4Verifier verifier, IdentityStore identities, ControlHandler control) {
        services.forEach(s -> s.targetPrefixes().forEach(p -> byPrefix.put(p, s)));
        this.verifier = verifier;
        this.identities = identities;
        this.control = control;
    }

    public HttpAnswer handle(HttpCall call) {
        String requestId = requestId();
        if (call.path().startsWith("/_kit/") || call.path().equals("/_kit")) {
            return control.handle(call).withHeader("x-amzn-RequestId", requestId);
        }
        String target = call.header("x-amz-target");
        if (target == null && call.method().equals("GET") && call.path().equals("/")) {
            return HttpAnswer.text(200, "healthy: earkit reference");
        }
        JsonService service = null;
        String operation = null;
        if (target != null) {
            int dot = target.lastIndexOf('.');
            if (dot > 0) {
                service = byPrefix.get(target.substring(0, dot));
                operation = target.substring(dot + 1);
            }
        }
        String contentType = service != null ? service.contentType() : "application/x-amz-json-1.0";
        String errorPrefix = service != null ? service.errorTypePrefix() : CORAL;
        try {
            if (!call.method().equals("POST")) {
                throw new ApiException("UnknownOperationException", "Only POST is supported for AWS JSON requests", 400);
            }
            SigV4Verifier.Verified who = verifier.verify(call);
            if (service == null || !service.operations().has(operation)) {
                throw new ApiException("UnknownOperationException",
                        target == null ? "Missing X-Amz-Target header" : "Unknown operation " + target);
            }
            Identity onBehalfOf = null;
            String forArn = call.header(ON_BEHALF_OF_HEADER);
            if (who.identity().service() && forArn != null) {
                onBehalfOf = identities.byArn(forArn).orElse(null);
            }
            RequestContext ctx = new RequestContext(requestId, who.identity(), who.region(), service.signingName(),
                    operation, call.connectionId(), call.remoteIp(), call.header("user-agent"), onBehalfOf);
            SdkPojo response = service.operations().invoke(operation, ctx, call.body()).orElseThrow();
            byte[] json = response instanceof EncodedResponse encoded ? encoded.json() : ShapeWriter.write(response);
            return HttpAnswer.json(200, contentType, json, requestId);
        } catch (ApiException e) {
            return error(e, contentType, errorPrefix, requestId);
        } catch (RuntimeException e) {
            // A bug of the reference, never the caller's fault; still AWS-shaped so clients can report it.
            return error(new ApiException("InternalServerError", "Internal error: " + e, 500), contentType, errorPrefix, requestId);
        }
    }

    /** A random version-4 UUID; not from a shared SecureRandom, whose lock every request would queue on. */
    private static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long high = (r.nextLong() & ~0xf000L) | 0x4000L;
        long low = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * The {@code __type} of an error. A JSON 1.0 service (a non-empty prefix, DynamoDB's) answers validation errors as
     * {@code com.amazon.coral.validate#ValidationException} and framework errors in {@code com.amazon.coral.service#},
     * its modeled errors in its own namespace; the JSON 1.1 services' codes go unprefixed.
     */
    static String errorType(String errorPrefix, String code) {
        if (errorPrefix.isEmpty()) {
            return code;
        }
        if ("ValidationException".equals(code)) {
            return "com.amazon.coral.validate#" + code;
        }
        return (FRAMEWORK_ERRORS.contains(code) ? CORAL : errorPrefix) + code;
    }

    public static HttpAnswer error(ApiException e, String contentType, String errorPrefix, String requestId) {
        ObjectNode body = AwsJson.MAPPER.createObjectNode();
        body.put("__type", errorType(errorPrefix, e.code()));
        // DynamoDB's one capitalised key: its serialization errors carry "Message", every other error "message".
        body.put(SERIALIZATION.equals(e.code()) && !errorPrefix.isEmpty() ? "Message" : "message",
                e.getMessage() == null ? "" : e.getMessage());
        if (e.members() != null) {
            addMembers(body, e.members());
        }
        return HttpAnswer.json(e.status(), contentType, body.toString().getBytes(StandardCharsets.UTF_8), requestId)
                .withHeader("x-amzn-ErrorType", e.code());
    }

    /** A modeled error's members beside its message, as the SDK's field metadata writes them. */
    private static void addMembers(ObjectNode body, SdkPojo members) {
        try {
            AwsJson.MAPPER.readTree(ShapeWriter.write(members)).fields().forEachRemaining(m -> {
                if (!body.has(m.getKey()) && !"Message".equals(m.getKey())) {
                    body.set(m.getKey(), m.getValue());
                }
            });
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException(impossible); // ShapeWriter writes JSON
        }
    }
}
