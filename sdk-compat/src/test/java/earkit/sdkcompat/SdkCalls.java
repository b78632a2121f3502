package earkit.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checks' vocabulary over one driver: calls written as wire JSON (a template with {@code %s} holes), the
 * expectation of an exact refusal, and DynamoDB items compared exactly (sets as sets: DynamoDB does not keep the
 * order of a set's members).
 */
class SdkCalls {
    static final ObjectMapper JSON = new ObjectMapper();
    final SdkDriver driver;
    final String sdk;

    SdkCalls(SdkDriver driver) {
        this.driver = driver;
        this.sdk = driver.info().path("name").asText() + " " + driver.info().path("version").asText() + " ("
                + driver.info().path("http").asText() + ")";
    }

    static JsonNode json(String template, Object... args) {
        try {
            return JSON.readTree(args.length == 0 ? template : String.format(template, args));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + template, e);
        }
    }

    JsonNode ddb(String operation, String template, Object... args) {
        return driver.call("dynamodb", operation, json(template, args));
    }

    JsonNode kms(String operation, String template, Object... args) {
        return driver.call("kms", operation, json(template, args));
    }

    JsonNode streams(String operation, String template, Object... args) {
        return driver.call("streams", operation, json(template, args));
    }

    JsonNode cloudtrail(String operation, String template, Object... args) {
        return driver.call("cloudtrail", operation, json(template, args));
    }

    boolean cli() {
        return driver.info().path("name").asText().equals("AWS CLI");
    }

    /** Whether the driver's tool takes blobs only as text, sending their UTF-8 bytes (the AWS CLI v1). */
    boolean textBlobsOnly() {
        return driver.info().path("blobInput").asText().equals("utf-8 text");
    }

    /** The call must not be sent: its tool cannot express it (a blob that is not UTF-8 text, for the AWS CLI v1). */
    UnsupportedRequest unsupported(String service, String operation, String template, Object... args) {
        try {
            JsonNode output = driver.call(service, operation, json(template, args));
            return fail(sdk + ": " + operation + " cannot be expressed by this tool, but was answered: " + output);
        } catch (UnsupportedRequest e) {
            assertTrue(e.getMessage().contains("not valid UTF-8"), sdk + ": the reason " + e.getMessage());
            return e;
        }
    }

    /** The call must be refused with HTTP 400 and exactly {@code code}, raised as {@code exceptionType}. */
    SdkError refused(String code, String exceptionType, String service, String operation, String template, Object... args) {
        try {
            JsonNode output = driver.call(service, operation, json(template, args));
            return fail(sdk + ": " + operation + " should be refused with " + code + ", but succeeded: " + output);
        } catch (SdkError e) {
            // The AWS CLI has no exception types: what it shows, its exit status and error line, takes their place.
            String expectedType = cli() ? SdkConfiguration.cliRefusal(driver.info().path("version").asText(), code) : exceptionType;
            assertEquals(List.of(code, 400, expectedType), List.of(e.code(), e.httpStatus(), e.sdkExceptionType()),
                    sdk + ": " + operation + " refused with (code, HTTP status, SDK exception type); " + e.getMessage());
            return e;
        }
    }

    /**
     * What the audit checks read: tables audited-1 and audited-2 under one new customer managed key (GenerateDataKey
     * each), an item written to each, and each read after the 5-minute table-key refresh (Decrypt each). The clock,
     * not a new client, forces the refresh: some HTTP clients share connections between clients (the JDK's
     * keep-alive cache), so a new client is not always a new connection. Returns the key's ARN.
     */
    String tablesReadAfterTheRefresh(ReferenceUnderTest reference) {
        String key = createKey("audit");
        for (String table : List.of("audited-1", "audited-2")) {
            createTable(table, key, false, "");
            ddb("PutItem", "{\"TableName\": \"%s\", \"Item\": {\"pk\": {\"S\": \"a\"}}}", table);
        }
        reference.advanceClock("PT5M1S");
        for (String table : List.of("audited-1", "audited-2")) {
            ddb("GetItem", "{\"TableName\": \"%s\", \"Key\": {\"pk\": {\"S\": \"a\"}}}", table);
        }
        return key;
    }

    /** A customer managed key's ARN. */
    String createKey(String description) {
        return kms("CreateKey", "{\"Description\": \"%s\"}", description).path("KeyMetadata").path("Arn").asText();
    }

    /** A table with a string partition key {@code pk} (and a number sort key {@code sk} when {@code sorted}). */
    JsonNode createTable(String name, String keyArn, boolean sorted, String extra) {
        String attributes = sorted ? "{\"AttributeName\": \"pk\", \"AttributeType\": \"S\"}, {\"AttributeName\": \"sk\", \"AttributeType\": \"N\"}"
                : "{\"AttributeName\": \"pk\", \"AttributeType\": \"S\"}";
        String schema = sorted ? "{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"}, {\"AttributeName\": \"sk\", \"KeyType\": \"RANGE\"}"
                : "{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"}";
        return ddb("CreateTable", """
                {"TableName": "%s", "AttributeDefinitions": [%s], "KeySchema": [%s], "BillingMode": "PAY_PER_REQUEST",
                 "SSESpecification": {"Enabled": true, "SSEType": "KMS", "KMSMasterKeyId": "%s"}%s}""",
                name, attributes, schema, keyArn, extra).path("TableDescription");
    }

    /** An item with every attribute type, the key attributes given as wire JSON members. */
    static ObjectNode everyType(String keyMembers) {
        return (ObjectNode) json("""
                {%s,
                 "s": {"S": "naïve ☃ text"}, "n": {"N": "-12.5"}, "b": {"B": "AAEC/f7/"},
                 "ss": {"SS": ["b", "a", "c"]}, "ns": {"NS": ["3", "-1.5", "1000000"]}, "bs": {"BS": ["AAE=", "/w==", "AP8A"]},
                 "m": {"M": {"inner": {"S": "x"}, "num": {"N": "7"}, "deep": {"M": {"flag": {"BOOL": false}}}}},
                 "l": {"L": [{"S": "one"}, {"N": "2"}, {"NULL": true}, {"B": "AQ=="}, {"L": [{"BOOL": true}]}]},
                 "t": {"BOOL": true}, "nul": {"NULL": true}}""", keyMembers);
    }

    /** The item with its sets' members sorted, so that two items compare as DynamoDB means them. */
    static JsonNode setsSorted(JsonNode item) {
        if (item.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            item.fields().forEachRemaining(e -> sorted.put(e.getKey(), setsSorted(e.getValue())));
            ObjectNode out = JSON.createObjectNode();
            sorted.forEach((k, v) -> {
                if ((k.equals("SS") || k.equals("NS") || k.equals("BS")) && v.isArray()) {
                    List<String> members = new ArrayList<>();
                    v.forEach(m -> members.add(m.asText()));
                    members.sort(null);
                    ArrayNode a = out.putArray(k);
                    members.forEach(a::add);
                } else {
                    out.set(k, v);
                }
            });
            return out;
        }
        if (item.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            item.forEach(e -> out.add(setsSorted(e)));
            return out;
        }
        return item;
    }

    void assertSameItem(JsonNode expected, JsonNode actual, String what) {
        assertEquals(setsSorted(expected), setsSorted(actual), sdk + ": " + what);
    }
}
