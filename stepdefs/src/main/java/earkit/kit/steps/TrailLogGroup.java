package earkit.kit.steps;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * The account's CloudTrail events as a trail delivers them to CloudWatch Logs (S42): read with {@code FilterLogEvents}
 * and the JSON filter syntax on the trail's log group, each log event's message parsed as the CloudTrail record. The
 * pattern only narrows what the target sends back: every returned record is checked against the same conditions,
 * parsed, so a target whose filter lets through what it should not cannot make a check pass.
 */
public final class TrailLogGroup {
    private final World world;

    public TrailLogGroup(World world) {
        this.world = world;
    }

    /**
     * The KMS events of the kinds DynamoDB sends ({@link CloudTrailLookup#DYNAMODB_OPERATIONS}), whoever made them:
     * whether DynamoDB is named as the caller is for the checks to judge, so it is no part of the pattern.
     */
    List<JsonNode> kmsOperations(String account) {
        String names = CloudTrailLookup.DYNAMODB_OPERATIONS.stream().sorted().map(n -> "$.eventName = " + quoted(n))
                .collect(Collectors.joining(" || "));
        List<JsonNode> events = filter(account, "{ $.eventSource = \"kms.amazonaws.com\" && (" + names + ") }");
        return matching(events, Map.of("eventSource", "kms.amazonaws.com"), e -> CloudTrailLookup.DYNAMODB_OPERATIONS.contains(e.path("eventName").asText()));
    }

    /**
     * The {@code eventName} events DynamoDB made for the table, as a customer finds them: eventName, invokedBy and the
     * table in the encryption context, all in the pattern.
     */
    List<JsonNode> dynamoDbCalls(String account, String realTable, String eventName) {
        String pattern = "{ $.eventSource = \"kms.amazonaws.com\" && $.eventName = " + quoted(eventName)
                + " && $.userIdentity.invokedBy = \"dynamodb.amazonaws.com\""
                + " && $.requestParameters.encryptionContext.aws:dynamodb:tableName = " + quoted(realTable) + " }";
        List<JsonNode> events = filter(account, pattern);
        return matching(events, Map.of("eventSource", "kms.amazonaws.com", "eventName", eventName), e ->
                "dynamodb.amazonaws.com".equals(e.path("userIdentity").path("invokedBy").asText(null))
                        && realTable.equals(CloudTrailLookup.tableOf(e)));
    }

    /** The trail's log group: the profile's {@code logs.group}, else the CloudTrail console's default name. */
    String groupName(String account) {
        return world.session().trailLogGroup().orElse("aws-cloudtrail-logs-" + account);
    }

    /** Those of the returned records that meet the pattern; one that does not is a violation, not something to skip. */
    private List<JsonNode> matching(List<JsonNode> events, Map<String, String> fields, Predicate<JsonNode> rest) {
        for (JsonNode e : events) {
            boolean meets = fields.entrySet().stream().allMatch(f -> f.getValue().equals(e.path(f.getKey()).asText(null))) && rest.test(e);
            world.check(Requirement.AUD_001, meets, "record " + e.path("eventID").asText() + " FilterLogEvents returned",
                    "only records its filter pattern matches", e);
        }
        return events;
    }

    private List<JsonNode> filter(String account, String pattern) {
        String group = groupName(account);
        List<JsonNode> events = new ArrayList<>();
        try {
            world.clients().logs(world.region()).filterLogEventsPaginator(b -> b.logGroupName(group).filterPattern(pattern))
                    .events().forEach(e -> {
                        try {
                            events.add(ControlClient.JSON.readTree(e.message()));
                        } catch (IOException ex) {
                            throw new UncheckedIOException("A log event of the trail's log group is not a CloudTrail record: "
                                    + e.message(), ex);
                        }
                    });
        } catch (ResourceNotFoundException e) {
            // The group is named by the profile or by the console's default: a wrong name is the kit's set-up, not a verdict.
            throw world.setUpFailure("the trail's log group " + group + " (profile key logs.group)", "a log group in CloudWatch Logs",
                    e.awsErrorDetails().errorMessage());
        }
        return events;
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }
}
