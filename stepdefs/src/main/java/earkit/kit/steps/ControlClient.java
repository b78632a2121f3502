package earkit.kit.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The target's control API ({@code /_kit/...}): plain JSON over HTTP, no AWS signing. */
final class ControlClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final java.util.function.Supplier<String> context;

    /** {@code context} names the scenario's requirements in the message of a target fault. */
    ControlClient(URI base, java.util.function.Supplier<String> context) {
        this.base = base;
        this.context = context;
    }

    Instant now() {
        return Instant.parse(get("/_kit/clock").path("now").asText());
    }

    Instant advance(Duration by) {
        return Instant.parse(post("/_kit/clock/advance", Map.of("by", by.toString())).path("now").asText());
    }

    Instant set(Instant to) {
        return Instant.parse(post("/_kit/clock/set", Map.of("to", to.toString())).path("now").asText());
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    JsonNode post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The control API has no documented refusals: any answer but a 2xx JSON document, or none, is a target fault. */
    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest r = request.timeout(Duration.ofSeconds(30)).build();
        String call = "control " + r.method() + " " + r.uri().getPath();
        HttpResponse<byte[]> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TargetFault(call, e.getClass().getSimpleName() + ": " + e.getMessage(), context.get(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new TargetFault(call, "HTTP " + response.statusCode() + ": " + new String(response.body()), context.get(), null);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new TargetFault(call, "HTTP " + response.statusCode() + " with a body that is not JSON: " + e.getMessage(),
                    context.get(), e);
        }
    }
}
