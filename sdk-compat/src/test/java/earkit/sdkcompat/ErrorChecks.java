package earkit.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Refusals as each SDK raises them: HTTP 400, the documented code, and the SDK's modeled exception type where the
 * service's model names the error (its generic service exception where it does not); and the inaccessible table.
 */
final class ErrorChecks extends SdkCalls {
    private final SdkConfiguration configuration;

    ErrorChecks(SdkDriver driver, SdkConfiguration configuration) {
        super(driver);
        this.configuration = configuration;
    }

    void modeledErrors() {
        refused("ResourceNotFoundException", "ResourceNotFoundException", "dynamodb", "DescribeTable", "{\"TableName\": \"no-such-table\"}");
        String key = createKey("errors");
        createTable("errors", key, false, "");
        ddb("PutItem", "{\"TableName\": \"errors\", \"Item\": {\"pk\": {\"S\": \"x\"}}}");
        // A number where the key schema says string: refused by the service, not by the SDK's own validation.
        refused("ValidationException", configuration.genericDynamoDbException(), "dynamodb", "GetItem",
                "{\"TableName\": \"errors\", \"Key\": {\"pk\": {\"N\": \"1\"}}}");
        refused("ConditionalCheckFailedException", "ConditionalCheckFailedException", "dynamodb", "PutItem",
                "{\"TableName\": \"errors\", \"Item\": {\"pk\": {\"S\": \"x\"}}, \"ConditionExpression\": \"attribute_not_exists(pk)\"}");
        refused("NotFoundException", "NotFoundException", "kms", "DescribeKey",
                "{\"KeyId\": \"arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}");
        kms("DisableKey", "{\"KeyId\": \"%s\"}", key);
        refused("DisabledException", "DisabledException", "kms", "Encrypt", "{\"KeyId\": \"%s\", \"Plaintext\": \"AQID\"}", key);
    }

    /**
     * The table's key disabled, the clock past the 5-minute table-key refresh: a read on a new connection is refused
     * as DynamoDB refuses it (HTTP 400 AccessDeniedException, "KMS key access denied error", EAR-INA-001) and the
     * table is INACCESSIBLE_ENCRYPTION_CREDENTIALS (EAR-INA-002).
     *
     * @param fresh a second client of the same SDK: a new connection, with no table key cached for it
     */
    void inaccessibleTable(ReferenceUnderTest reference, SdkDriver fresh) {
        String key = createKey("lost");
        createTable("lost", key, false, "");
        ddb("PutItem", "{\"TableName\": \"lost\", \"Item\": {\"pk\": {\"S\": \"x\"}}}");
        kms("DisableKey", "{\"KeyId\": \"%s\"}", key);
        reference.advanceClock("PT5M1S");
        SdkError e = new SdkCalls(fresh).refused("AccessDeniedException", configuration.genericDynamoDbException(), "dynamodb", "GetItem",
                "{\"TableName\": \"lost\", \"Key\": {\"pk\": {\"S\": \"x\"}}}");
        assertTrue(e.getMessage().contains("KMS key access denied error"), sdk + ": the refusal's message " + e.getMessage());
        JsonNode table = ddb("DescribeTable", "{\"TableName\": \"lost\"}").path("Table");
        assertEquals(List.of("INACCESSIBLE_ENCRYPTION_CREDENTIALS", key),
                List.of(table.path("TableStatus").asText(), table.path("SSEDescription").path("KMSMasterKeyArn").asText()),
                sdk + ": DescribeTable of the table whose key is disabled " + table);
        assertTrue(table.path("SSEDescription").path("InaccessibleEncryptionDateTime").isNumber(),
                sdk + ": InaccessibleEncryptionDateTime in epoch seconds " + table.path("SSEDescription"));
    }
}
