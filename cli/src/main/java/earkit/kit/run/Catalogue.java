package earkit.kit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** The requirement catalogue ({@code features/catalogue.json} on the classpath). */
public record Catalogue(byte[] json, Map<String, String> levels, Map<String, String> statements) {
    public static Catalogue load() {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream("features/catalogue.json")) {
            if (in == null) {
                throw new IllegalStateException("features/catalogue.json is not on the classpath");
            }
            byte[] bytes = in.readAllBytes();
            JsonNode root = new ObjectMapper().readTree(bytes);
            Map<String, String> levels = new LinkedHashMap<>();
            Map<String, String> statements = new LinkedHashMap<>();
            root.path("requirements").forEach(r -> {
                levels.put(r.path("id").asText(), r.path("level").asText());
                statements.put(r.path("id").asText(), r.path("statement").asText());
            });
            return new Catalogue(bytes, levels, statements);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read features/catalogue.json: " + e.getMessage(), e);
        }
    }
}
