package earkit.kit.steps;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

/** The account's KMS events as CloudTrail LookupEvents returns them, parsed from CloudTrailEvent. */
public final class CloudTrailLookup {
    private final World world;

    public CloudTrailLookup(World world) {
        this.world = world;
    }

    /** Every KMS management event of the account in the scenario's Region. */
    List<JsonNode> kms() {
        return lookup(LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_SOURCE).attributeValue("kms.amazonaws.com").build());
    }

    /** KMS events that DynamoDB made for the table, recognised by their encryption context. */
    List<JsonNode> forTable(String realTable) {
        return kms().stream().filter(e -> realTable.equals(tableOf(e))).toList();
    }

    List<JsonNode> forTable(String realTable, String eventName) {
        return forTable(realTable).stream().filter(e -> eventName.equals(e.path("eventName").asText())).toList();
    }

    static String tableOf(JsonNode event) {
        return event.path("requestParameters").path("encryptionContext").path("aws:dynamodb:tableName").asText(null);
    }

    static String keyArnOf(JsonNode event) {
        for (JsonNode r : event.path("resources")) {
            if (r.hasNonNull("ARN")) {
                return r.get("ARN").asText();
            }
        }
        return event.path("requestParameters").path("keyId").asText(null);
    }

    private List<JsonNode> lookup(LookupAttribute attribute) {
        List<JsonNode> events = new ArrayList<>();
        world.clients().cloudTrail(world.region()).lookupEventsPaginator(b -> b.lookupAttributes(attribute).maxResults(50))
                .events().forEach(e -> {
                    try {
                        events.add(ControlClient.JSON.readTree(e.cloudTrailEvent()));
                    } catch (IOException ex) {
                        throw new UncheckedIOException("CloudTrailEvent is not JSON: " + e.cloudTrailEvent(), ex);
                    }
                });
        return events;
    }
}
