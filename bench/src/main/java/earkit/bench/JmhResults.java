package earkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The AES-256-GCM micro-benchmark (JMH's JSON result) as rows: provider, operation, size, ops/s, MB/s. */
final class Crypto {
    private Crypto() {
    }

    static ObjectNode summarize(JsonNode jmh) {
        ObjectNode c = LoadDriver.JSON.createObjectNode();
        ArrayNode rows = c.putArray("rows");
        for (JsonNode b : jmh) {
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
}
