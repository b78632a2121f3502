package earkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JMH results as rows: the AES-256-GCM micro-benchmark (provider, operation, size, ops/s, MB/s) and the
 * reference's own path per call.
 */
final class JmhResults {
    private JmhResults() {
    }

    static ObjectNode crypto(JsonNode jmh) {
        ObjectNode c = LoadDriver.JSON.createObjectNode();
        ArrayNode rows = c.putArray("rows");
        for (JsonNode b : jmh) {
            if (!b.path("benchmark").asText().contains("AeadBenchmark")) {
                continue;
            }
            String method = b.path("benchmark").asText().replaceAll(".*\\.", "");
            int size = b.path("params").path("size").asInt();
            double ops = b.path("primaryMetric").path("score").asDouble();
            ObjectNode r = rows.addObject();
            r.put("provider", method.startsWith("jca") ? "JCA (SunJCE)" : "Bouncy Castle lightweight");
            r.put("operation", method.endsWith("Seal") ? "seal" : "open");
            r.put("bytes", size);
            r.put("opsPerSecond", ops);
            r.put("error", b.path("primaryMetric").path("scoreError").asDouble());
            r.put("megabytesPerSecond", ops * size / 1e6);
        }
        return c;
    }

    /** The reference's own path per call (RouterBenchmark's rows of the same JMH result), in microseconds. */
    static ObjectNode serverPath(JsonNode jmh) {
        ObjectNode c = LoadDriver.JSON.createObjectNode();
        ArrayNode rows = c.putArray("rows");
        for (JsonNode b : jmh) {
            if (b.path("benchmark").asText().contains("RouterBenchmark")) {
                ObjectNode r = rows.addObject();
                String method = b.path("benchmark").asText().replaceAll(".*\\.", "");
                r.put("operation", Character.toUpperCase(method.charAt(0)) + method.substring(1));
                r.put("micros", b.path("primaryMetric").path("score").asDouble());
                r.put("error", b.path("primaryMetric").path("scoreError").asDouble());
            }
        }
        return c;
    }
}
