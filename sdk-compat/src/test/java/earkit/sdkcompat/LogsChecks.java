package earkit.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit read through CloudWatch Logs (S42 names it beside CloudTrail): the trail's log group and stream, the
 * CloudTrail records in GetLogEvents, FilterLogEvents with a JSON filter pattern over pages, and the documented errors.
 */
final class LogsChecks extends SdkCalls {
    private static final String GROUP = "aws-cloudtrail-logs-000000000000";
    private static final String STREAM = "000000000000_CloudTrail_us-east-1";
    private static final String DYNAMODB_DECRYPTS_OF_AUDITED_1 = "{ $.eventName = \\\"Decrypt\\\" && "
            + "$.userIdentity.invokedBy = \\\"dynamodb.amazonaws.com\\\" && "
            + "$.requestParameters.encryptionContext.aws:dynamodb:tableName = \\\"audited-1\\\" }";

    LogsChecks(SdkDriver driver) {
        super(driver);
    }

    JsonNode logs(String operation, String template, Object... args) {
        return driver.call("logs", operation, json(template, args));
    }

    /** Two tables under one key, each read after the 5-minute refresh; then the trail's delivery, read through this SDK. */
    void trailDelivery(ReferenceUnderTest reference) {
        tablesReadAfterTheRefresh(reference);
        logs("CreateLogGroup", "{\"logGroupName\": \"/app/audit\"}");
        List<String> groups = new ArrayList<>();
        String token = "";
        do {
            JsonNode page = logs("DescribeLogGroups", "{\"limit\": 1%s}", token);
            page.path("logGroups").forEach(g -> groups.add(g.path("logGroupName").asText()));
            token = page.has("nextToken") ? ", \"nextToken\": \"" + page.path("nextToken").asText() + "\"" : "";
        } while (!token.isEmpty() && groups.size() < 10);
        assertEquals(List.of("/app/audit", GROUP), groups, sdk + ": DescribeLogGroups in pages of one");
        JsonNode streams = logs("DescribeLogStreams", "{\"logGroupName\": \"%s\"}", GROUP).path("logStreams");
        assertEquals(1, streams.size(), sdk + ": " + streams);
        assertEquals(STREAM, streams.path(0).path("logStreamName").asText());

        List<String> expected = new ArrayList<>();
        for (JsonNode e : logs("GetLogEvents", "{\"logGroupName\": \"%s\", \"logStreamName\": \"%s\", \"startFromHead\": true}",
                GROUP, STREAM).path("events")) {
            JsonNode record = json(e.path("message").asText());
            if (record.path("eventName").asText().equals("Decrypt")
                    && record.path("userIdentity").path("invokedBy").asText().equals("dynamodb.amazonaws.com")
                    && record.path("requestParameters").path("encryptionContext").path("aws:dynamodb:tableName").asText().equals("audited-1")) {
                expected.add(record.path("eventID").asText());
            }
        }
        List<String> found = new ArrayList<>();
        token = "";
        int pages = 0;
        do {
            JsonNode page = logs("FilterLogEvents", "{\"logGroupName\": \"%s\", \"filterPattern\": \"%s\", \"limit\": 1%s}",
                    GROUP, DYNAMODB_DECRYPTS_OF_AUDITED_1, token);
            page.path("events").forEach(e -> found.add(json(e.path("message").asText()).path("eventID").asText()));
            token = page.has("nextToken") ? ", \"nextToken\": \"" + page.path("nextToken").asText() + "\"" : "";
            pages++;
        } while (!token.isEmpty() && pages < 50);
        assertTrue(!expected.isEmpty(), sdk + ": the refresh after 5 minutes left a Decrypt of audited-1 in the log stream");
        assertEquals(expected, found, sdk + ": FilterLogEvents returns exactly DynamoDB's Decrypts of audited-1, oldest first");

        refused("ResourceNotFoundException", "ResourceNotFoundException", "logs", "DescribeLogStreams",
                "{\"logGroupName\": \"no-such-group\"}");
        refused("ResourceAlreadyExistsException", "ResourceAlreadyExistsException", "logs", "CreateLogGroup",
                "{\"logGroupName\": \"/app/audit\"}");
        refused("InvalidParameterException", "InvalidParameterException", "logs", "FilterLogEvents",
                "{\"logGroupName\": \"%s\", \"filterPattern\": \"{ $.eventName = }\"}", GROUP);
    }
}
