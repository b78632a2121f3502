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
    /** The KMS operations DynamoDB sends for a table (AWS KMS Developer Guide: How Amazon DynamoDB uses AWS KMS). */
    static final java.util.Set<String> DYNAMODB_OPERATIONS = java.util.Set.of("GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
            "Decrypt", "Encrypt", "ReEncrypt", "CreateGrant", "DescribeKey", "RetireGrant");
    /** Those of them that take an encryption context. */
    static final java.util.Set<String> TAKES_CONTEXT = java.util.Set.of("GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
            "Decrypt", "Encrypt", "ReEncrypt");
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

    /**
     * Whether any value of the event, wherever it sits (encryption context, grant constraints, resources, request
     * parameters), is the table's name or ARN, or the ARN of something under the table (an index, a stream).
     */
    static boolean names(JsonNode event, String realTable, String tableArn) {
        if (event.isTextual()) {
            String v = event.asText();
            return v.equals(realTable) || v.equals(tableArn) || v.startsWith(tableArn + "/");
        }
        for (JsonNode child : event) {
            if (names(child, realTable, tableArn)) {
                return true;
            }
        }
        return false;
    }

    /** The table an event's encryption context or grant constraint names, or null when it carries neither. */
    static String contextTableOf(JsonNode event) {
        JsonNode p = event.path("requestParameters");
        for (JsonNode context : List.of(p.path("encryptionContext"), p.path("sourceEncryptionContext"),
                p.path("constraints").path("encryptionContextSubset"), p.path("constraints").path("encryptionContextEquals"))) {
            if (context.has("aws:dynamodb:tableName")) {
                return context.get("aws:dynamodb:tableName").asText();
            }
        }
        return null;
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
