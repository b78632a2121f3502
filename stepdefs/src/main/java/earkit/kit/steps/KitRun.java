package earkit.kit.steps;

import com.fasterxml.jackson.databind.JsonNode;
import earkit.kit.spi.Deviation;
import earkit.kit.spi.Target;
import earkit.kit.spi.Targets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What lives for a whole run rather than a scenario: the chosen target and its known deviations. The
 * target is rebuilt when the {@code kit.*} system properties change, so one JVM can run the suite
 * against several targets in turn (the self-tests do).
 */
public final class KitRun {
    private static String signature;
    private static Target target;
    private static Map<String, Deviation> deviations = Map.of();
    private static String deviationsTarget;

    private KitRun() {
    }

    public static synchronized Target target() {
        String now = kitProperties();
        if (target == null || !now.equals(signature)) {
            if (target != null) {
                target.close();
            }
            target = Targets.fromSystemProperties();
            signature = now;
            deviationsTarget = Optional.ofNullable(System.getProperty(Targets.PROPERTY)).orElse(baseName(target.name()));
            deviations = loadDeviations(deviationsTarget);
        }
        return target;
    }

    public static synchronized Map<String, Deviation> deviations() {
        target();
        return deviations;
    }

    /** The text of the target's deviation file, for the report directory; empty when it has none. */
    public static synchronized Optional<byte[]> deviationsFile() {
        target();
        String rel = "fixtures/targets/" + deviationsTarget + "/deviations.json";
        try {
            Path file = Path.of(rel);
            if (Files.isRegularFile(file)) {
                return Optional.of(Files.readAllBytes(file));
            }
            try (InputStream in = KitRun.class.getClassLoader().getResourceAsStream(rel)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + rel + ": " + e.getMessage(), e);
        }
    }

    private static String baseName(String name) {
        int b = name.indexOf('[');
        return b < 0 ? name : name.substring(0, b);
    }

    private static String kitProperties() {
        Properties p = System.getProperties();
        Map<String, String> m = new java.util.TreeMap<>();
        p.forEach((k, v) -> {
            if (k.toString().startsWith("kit.")) {
                m.put(k.toString(), v.toString());
            }
        });
        return m.toString();
    }

    static Map<String, Deviation> loadDeviations(String targetName) {
        String rel = "fixtures/targets/" + targetName + "/deviations.json";
        try {
            JsonNode root;
            Path file = Path.of(rel);
            if (Files.isRegularFile(file)) {
                root = ControlClient.JSON.readTree(file.toFile());
            } else {
                try (InputStream in = KitRun.class.getClassLoader().getResourceAsStream(rel)) {
                    if (in == null) {
                        return Map.of();
                    }
                    root = ControlClient.JSON.readTree(in);
                }
            }
            Map<String, Deviation> m = new HashMap<>();
            for (JsonNode d : root.path("deviations")) {
                String reason = d.path("reason").asText("");
                if (reason.isBlank()) {
                    throw new IllegalStateException(rel + ": every deviation needs a reason (" + d + ")");
                }
                m.put(d.path("requirement").asText(), new Deviation(d.path("requirement").asText(),
                        d.path("status").asText(Deviation.KNOWN_FAILURE), reason));
            }
            return Map.copyOf(m);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + rel + ": " + e.getMessage(), e);
        }
    }
}
