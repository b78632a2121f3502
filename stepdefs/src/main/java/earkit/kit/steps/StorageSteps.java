package earkit.kit.steps;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.Map;

/**
 * What the target keeps at rest, through the control route {@code POST /_kit/storage/find}
 * ({@code {"needles": ["..."]}} → {@code {"found": [{"needle", "map", "in"}, ...]}}), which searches
 * every stored byte: map names, keys and values.
 */
public class StorageSteps {
    private final World world;

    public StorageSteps(World world) {
        this.world = world;
    }

    @When("I write an item to {string} holding the marker {string}")
    public void writeMarker(String table, String marker) {
        var item = Items.item(world.writtenTo(table).size() + 1, marker);
        world.clients().dynamo(world.tableRegion(table)).putItem(b -> b.tableName(world.table(table)).item(item));
        world.writtenTo(table).add(item);
    }

    @Then("the stored bytes of the target do not contain the marker {string}")
    public void notStored(String marker) {
        JsonNode r = world.control().post("/_kit/storage/find", Map.of("needles", java.util.List.of(marker)));
        JsonNode found = r.path("found");
        if (!found.isArray()) {
            throw new TargetFault("control POST /_kit/storage/find", "an answer without a \"found\" array: " + r,
                    world.requirements(), null);
        }
        world.check(Requirement.ENC_001, found.isEmpty(), "stored bytes", "no plaintext \"" + marker + "\"", found);
    }
}
