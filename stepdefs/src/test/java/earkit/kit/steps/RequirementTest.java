package earkit.kit.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written {@link Requirement} constants must be the catalogue's requirements, in order, with the same accepted errors. */
class RequirementTest {
    @Test
    void theEnumIsTheCatalogue() throws IOException {
        JsonNode catalogue = new ObjectMapper().readTree(Path.of("..", "features", "catalogue.json").toFile());
        Map<String, List<String>> fromCatalogue = new LinkedHashMap<>();
        for (JsonNode r : catalogue.path("requirements")) {
            List<String> codes = new ArrayList<>();
            r.path("acceptedErrors").forEach(c -> codes.add(c.asText()));
            fromCatalogue.put(r.path("id").asText(), codes);
        }
        Map<String, List<String>> fromEnum = new LinkedHashMap<>();
        Arrays.stream(Requirement.values()).forEach(r -> fromEnum.put(r.id(), r.acceptedErrors()));
        assertEquals(fromCatalogue, fromEnum);
    }
}
