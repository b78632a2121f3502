package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Errors as DynamoDB shapes them: {@code com.amazon.coral.validate#ValidationException}, framework errors in
 * {@code com.amazon.coral.service#} (serialization errors with {@code Message}), modeled errors in
 * {@code com.amazonaws.dynamodb.v20120810#}; a request is validated before its table is looked up.
 */
class WireErrorShapeTest extends StoreTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode raw(String operation, String body) throws Exception {
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(server.endpoint() + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0").putHeader("X-Amz-Target", "DynamoDB_20120810." + operation)
                .contentStreamProvider(RequestBody.fromString(body).contentStreamProvider()).build();
        @SuppressWarnings("deprecation")
        SdkHttpFullRequest signed = Aws4Signer.create().sign(unsigned, Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create("test", "test")).signingName("dynamodb").signingRegion(Region.US_EAST_1).build());
        try (SdkHttpClient http = ApacheHttpClient.create()) {
            HttpExecuteResponse r = http.prepareRequest(HttpExecuteRequest.builder().request(signed)
                    .contentStreamProvider(signed.contentStreamProvider().orElseThrow()).build()).call();
            assertEquals(400, r.httpResponse().statusCode());
            return JSON.readTree(r.responseBody().orElseThrow().readAllBytes());
        }
    }

    @Test
    void eachKindOfErrorHasDynamoDbsNamespaceAndMessageKey() throws Exception {
        JsonNode validation = raw("Scan", "{\"TableName\":\"Nowhere\",\"Limit\":0}");
        assertEquals("com.amazon.coral.validate#ValidationException", validation.path("__type").asText());
        assertEquals("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 1", validation.path("message").asText());
        JsonNode missing = raw("GetItem", "{\"TableName\":\"Nowhere\",\"Key\":{\"pk\":{\"S\":\"a\"}}}");
        assertEquals("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", missing.path("__type").asText());
        assertFalse(missing.path("message").asText().isEmpty());
        JsonNode serialization = raw("GetItem", "{\"TableName\":5}");
        assertEquals("com.amazon.coral.service#SerializationException", serialization.path("__type").asText());
        assertFalse(serialization.path("Message").asText().isEmpty(), serialization.toString());
        assertFalse(serialization.has("message"));
    }

    @Test
    void theSdkStillMapsEachToItsExceptionClass() {
        DynamoDbException validation = assertThrows(DynamoDbException.class, () -> ddb.scan(r -> r.tableName("Nowhere").limit(0)));
        assertEquals("ValidationException", validation.awsErrorDetails().errorCode());
        assertEquals(400, validation.statusCode());
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> ddb.getItem(r -> r.tableName("Nowhere").key(Map.of("pk", AttributeValue.fromS("a")))));
        assertEquals(400, missing.statusCode());
    }

    @Test
    void everyBrokenModelConstraintIsReportedTogetherInDynamoDbsOrder() {
        DynamoDbException scan = assertThrows(DynamoDbException.class, () -> ddb.scan(r -> r.tableName("x!").limit(0).select("BAD")));
        assertEquals("ValidationException", scan.awsErrorDetails().errorCode());
        assertEquals("4 validation errors detected: "
                + "Value 'BAD' at 'select' failed to satisfy constraint: Member must satisfy enum value set: "
                + "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]; "
                + "Value 'x!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                + "Value 'x!' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3; "
                + "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
                scan.awsErrorDetails().errorMessage());
        DynamoDbException put = assertThrows(DynamoDbException.class, () -> ddb.putItem(r -> r.tableName("Nowhere")
                .item(Map.of("pk", AttributeValue.fromS("a"))).returnValues("EVERYTHING").returnConsumedCapacity("ALL")));
        assertEquals("2 validation errors detected: "
                + "Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; "
                + "Value 'EVERYTHING' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: "
                + "[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]", put.awsErrorDetails().errorMessage());
        DynamoDbException get = assertThrows(DynamoDbException.class, () -> ddb.getItem(r -> r.tableName("ab")));
        assertEquals("2 validation errors detected: "
                + "Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3; "
                + "Value null at 'key' failed to satisfy constraint: Member must not be null", get.awsErrorDetails().errorMessage());
    }

    @Test
    void aMalformedKeyIsRefusedBeforeTheTableIsLookedUp() {
        Map<String, AttributeValue> badKey = Map.of("pk", AttributeValue.fromN("1E+200"));
        for (Runnable call : new Runnable[] {
            () -> ddb.getItem(r -> r.tableName("Nowhere").key(badKey)),
            () -> ddb.deleteItem(r -> r.tableName("Nowhere").key(badKey)),
            () -> ddb.updateItem(r -> r.tableName("Nowhere").key(badKey)),
            () -> ddb.putItem(r -> r.tableName("Nowhere").item(badKey))}) {
            DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
            assertEquals("ValidationException", e.awsErrorDetails().errorCode());
            assertEquals("Number overflow. Attempting to store a number with magnitude larger than supported range",
                    e.awsErrorDetails().errorMessage());
        }
    }
}
