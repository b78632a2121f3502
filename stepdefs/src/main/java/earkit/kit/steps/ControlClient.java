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

    ControlClient(URI base) {
        this.base = base;
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

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                throw new AssertionError("Control API " + r.request().method() + " " + r.request().uri().getPath()
                        + " answered HTTP " + r.statusCode() + ": " + new String(r.body()));
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("Control API unreachable at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
