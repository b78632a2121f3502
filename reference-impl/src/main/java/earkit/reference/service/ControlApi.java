package earkit.reference.service;

import earkit.reference.domain.DomainException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.HttpAnswer;
import earkit.reference.protocol.HttpCall;
import earkit.reference.protocol.Router;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The kit's own API under {@code /_kit/}: plain JSON, no SigV4. Components register their routes
 * (clock, notifications, meters, storage inspection). It can be switched off, or guarded by a token,
 * so that no one else can move a shared server's clock.
 */
public final class ControlApi implements Router.ControlHandler {
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String TYPE = "application/json";

    /** How the control API is exposed: {@code open}, {@code off}, or {@code token:SECRET}. */
    public record Mode(boolean enabled, String token) {
        public static Mode parse(String spec) {
            if (spec == null || spec.equals("open") || spec.isBlank()) {
                return new Mode(true, null);
            }
            if (spec.equals("off")) {
                return new Mode(false, null);
            }
            if (spec.startsWith("token:") && spec.length() > 6) {
                return new Mode(true, spec.substring(6));
            }
            throw new IllegalArgumentException("--control takes open, off or token:SECRET, not '" + spec + "'");
        }
    }

    private final Map<String, Function<JsonNode, Object>> routes = new TreeMap<>();
    private final Mode mode;

    public ControlApi(Mode mode) {
        this.mode = mode;
    }

    /** Registers {@code METHOD /_kit/path}; the handler gets the JSON body (an empty object for GET). */
    public void route(String method, String path, Function<JsonNode, Object> handler) {
        routes.put(method + " " + path, handler);
    }

    @Override
    public HttpAnswer handle(HttpCall call) {
        try {
            if (!mode.enabled()) {
                throw new ApiException("AccessDeniedException", "The control API of this server is switched off", 403);
            }
            if (mode.token() != null && !("Bearer " + mode.token()).equals(call.header("authorization"))) {
                throw new ApiException("AccessDeniedException", "The control API of this server needs 'Authorization: Bearer <token>'", 403);
            }
            Function<JsonNode, Object> h = routes.get(call.method() + " " + call.path());
            if (h == null) {
                throw new ApiException("ResourceNotFoundException", "No control route " + call.method() + " " + call.path()
                        + "; known: " + routes.keySet(), 404);
            }
            JsonNode body = parse(call);
            Object result = h.apply(body);
            return HttpAnswer.json(200, TYPE, JSON.writeValueAsBytes(result == null ? JSON.createObjectNode() : result));
        } catch (ApiException e) {
            return Router.error(e, TYPE, "", "control");
        } catch (DomainException e) {
            return Router.error(WireErrors.of(e), TYPE, "", "control");
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Router.error(ApiException.validation(e.getMessage()), TYPE, "", "control");
        } catch (IOException e) {
            return Router.error(ApiException.serialization("Malformed JSON: " + e.getMessage()), TYPE, "", "control");
        }
    }

    private static JsonNode parse(HttpCall call) throws IOException {
        if (call.body().length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode n = JSON.readTree(call.body());
        if (n == null || !n.isObject()) {
            throw ApiException.serialization("The control API takes a JSON object");
        }
        return n;
    }

    /** A required text member of a control request. */
    public static String text(JsonNode body, String member) {
        JsonNode v = body.get(member);
        if (v == null || !v.isTextual()) {
            throw ApiException.validation("Member '" + member + "' (a string) is required");
        }
        return v.asText();
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
