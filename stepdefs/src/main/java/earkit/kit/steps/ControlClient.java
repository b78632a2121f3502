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
    private final RequestHistory history;

    ControlClient(URI base, java.util.function.Supplier<String> context, RequestHistory history) {
        this.base = base;
        this.context = context;
        this.history = history;
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
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), null);
    }

    JsonNode post(String path, Object body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The control API has no documented refusals: any answer but a 2xx JSON document, or none, is a target fault. */
    private JsonNode send(HttpRequest.Builder request, byte[] sent) {
        HttpRequest r = request.timeout(Duration.ofSeconds(30)).build();
        String operation = r.method() + " " + r.uri().getPath();
        String call = "control " + operation;
        Instant wall = Instant.now();
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            record(operation, null, null, wall, start, sent, null);
            throw new TargetFault(call, e.getClass().getSimpleName() + ": " + e.getMessage(), context.get(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        JsonNode answer = null;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException notJson) {
            // judged below, after the call is in the history
        }
        record(operation, response, answer, wall, start, sent, response.body());
        if (response.statusCode() / 100 != 2) {
            throw new TargetFault(call, "HTTP " + response.statusCode() + ": " + new String(response.body()), context.get(), null);
        }
        if (answer == null || answer.isMissingNode()) {
            throw new TargetFault(call, "HTTP " + response.statusCode() + " with a body that is not JSON", context.get(), null);
        }
        return answer;
    }

    /** The control API's clock answers carry the virtual time ({@code now}); other answers may carry none. */
    private void record(String operation, HttpResponse<byte[]> response, JsonNode answer, Instant wall, long start,
            byte[] request, byte[] body) {
        if (answer != null && answer.hasNonNull("now")) {
            try {
                history.clockReads(Instant.parse(answer.get("now").asText()));
            } catch (RuntimeException notAnInstant) {
                // the history shows the body; a missing clock reading is no fault of the call
            }
        }
        history.add("control", operation, response == null ? null : response.statusCode(), null,
                response == null ? null : response.headers().firstValue("x-amzn-RequestId").orElse(null), "control", history.virtualNow(),
                wall, (System.nanoTime() - start) / 1_000_000, request, body);
    }
}
