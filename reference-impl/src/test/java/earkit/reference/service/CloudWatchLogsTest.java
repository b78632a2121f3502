package earkit.reference.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.reference.KitServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * CloudWatch Logs beside CloudTrail (S42): the trail's log group {@code aws-cloudtrail-logs-<account>} holds, in the
 * stream {@code <account>_CloudTrail_<region>}, exactly the CloudTrail records LookupEvents returns, one log event each;
 * FilterLogEvents with the JSON filter syntax returns exactly the records the pattern describes, judged here against
 * the records themselves, parsed.
 */
class CloudWatchLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "aws-cloudtrail-logs-000000000000";
    private static final String STREAM = "000000000000_CloudTrail_us-east-1";
    private KitServer kit;
    private CloudWatchLogsClient logs;

    @BeforeEach
    void start() {
        kit = KitServer.start();
        logs = kit.client(CloudWatchLogsClient.builder(), "test", "test", Region.US_EAST_1);
    }

    @AfterEach
    void stop() {
        logs.close();
        kit.close();
    }

    /** Two tables under one customer managed key, each read after the 5-minute refresh: GenerateDataKey and Decrypt for both. */
    private void dynamoDbUsesItsKey() {
        try (KmsClient kms = kit.kms(); DynamoDbClient ddb = kit.dynamo()) {
            String key = kms.createKey().keyMetadata().arn();
            for (String table : List.of("orders", "invoices")) {
                ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(key)));
                ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("a"))));
            }
            kit.advance(Duration.ofMinutes(5).plusSeconds(1));
            for (String table : List.of("orders", "invoices")) {
                ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("a"))));
            }
        }
    }

    @Test
    void theTrailsLogStreamHoldsExactlyTheCloudTrailRecords() throws Exception {
        assertEquals(List.of(), logs.describeLogGroups().logGroups(), "no trail group before the first event");
        dynamoDbUsesItsKey();
        List<LogGroup> groups = logs.describeLogGroups().logGroups();
        assertEquals(List.of(GROUP), groups.stream().map(LogGroup::logGroupName).toList());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:" + GROUP, groups.get(0).logGroupArn());
        List<LogStream> streams = logs.describeLogStreams(b -> b.logGroupName(GROUP)).logStreams();
        assertEquals(List.of(STREAM), streams.stream().map(LogStream::logStreamName).toList());

        List<String> messages = allMessages();
        Set<String> trailIds = new HashSet<>();
        try (CloudTrailClient trail = kit.cloudTrail()) {
            for (Event e : trail.lookupEventsPaginator(b -> { }).events()) {
                assertTrue(messages.contains(e.cloudTrailEvent()), "delivered to the log stream as it is: " + e.eventName());
                trailIds.add(e.eventId());
            }
        }
        Set<String> logIds = new HashSet<>();
        long previous = Long.MIN_VALUE;
        for (String m : messages) {
            JsonNode record = JSON.readTree(m);
            logIds.add(record.path("eventID").asText());
        }
        assertEquals(trailIds, logIds, "the same events in both channels");
        assertEquals(messages.size(), logIds.size(), "each event once");
        for (OutputLogEvent e : logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM).startFromHead(true)).events()) {
            assertTrue(e.timestamp() >= previous, "oldest first");
            previous = e.timestamp();
        }
        assertTrue(messages.stream().anyMatch(m -> m.contains("\"Decrypt\"")), "the refresh after 5 minutes is there");
    }

    @Test
    void filterPatternsSelectExactlyTheRecordsTheyDescribe() throws Exception {
        dynamoDbUsesItsKey();
        List<JsonNode> records = new ArrayList<>();
        for (String m : allMessages()) {
            records.add(JSON.readTree(m));
        }
        Predicate<JsonNode> decrypt = r -> r.path("eventName").asText().equals("Decrypt");
        Predicate<JsonNode> byDynamoDb = r -> r.path("userIdentity").path("invokedBy").asText().equals("dynamodb.amazonaws.com");
        Predicate<JsonNode> orders = r -> r.path("requestParameters").path("encryptionContext").path("aws:dynamodb:tableName")
                .asText().equals("orders");
        Predicate<JsonNode> grant = r -> r.path("eventName").asText().equals("CreateGrant");
        Map<String, Predicate<JsonNode>> patterns = new java.util.LinkedHashMap<>();
        patterns.put("{ $.eventName = \"Decrypt\" }", decrypt);
        patterns.put("{ $.userIdentity.invokedBy = \"dynamodb.amazonaws.com\" }", byDynamoDb);
        patterns.put("{ $.requestParameters.encryptionContext.aws:dynamodb:tableName = \"orders\" }", orders);
        patterns.put("{ ($.eventName = \"Decrypt\") && $.requestParameters.encryptionContext.aws:dynamodb:tableName = \"orders\" }",
                decrypt.and(orders));
        patterns.put("{ $.eventName = \"Decrypt\" || $.eventName = CreateGrant }", decrypt.or(grant));
        patterns.put("{ $.eventName = \"Gen*Key\" }", r -> r.path("eventName").asText().equals("GenerateDataKey"));
        patterns.put("{ $.eventName = \"*e*a*Key\" }", r -> r.path("eventName").asText().matches(".*e.*a.*Key")); // CreateKey too
        patterns.put("{ $.eventName = *rypt }", decrypt);
        patterns.put("{ $.eventName != \"Decrypt\" && $.userIdentity.invokedBy = \"dynamodb.amazonaws.com\" }", decrypt.negate().and(byDynamoDb));
        patterns.put("{ $.userIdentity.invokedBy NOT EXISTS }", r -> r.path("userIdentity").path("invokedBy").isMissingNode());
        patterns.put("Decrypt", r -> r.toString().contains("Decrypt"));
        patterns.put("{ $.resources[*].ARN = \"arn:aws:kms:*\" && $.eventName = Decrypt }", decrypt.and(r -> {
            boolean any = false;
            for (JsonNode resource : r.path("resources")) {
                any |= resource.path("ARN").asText().startsWith("arn:aws:kms:");
            }
            return any;
        }));
        patterns.put("{ $.readOnly IS FALSE }", r -> r.path("readOnly").isBoolean() && !r.path("readOnly").booleanValue());
        patterns.put("?CreateGrant ?CreateKey -Decrypt", r -> !r.toString().contains("Decrypt")
                && (r.toString().contains("CreateGrant") || r.toString().contains("CreateKey")));
        for (Map.Entry<String, Predicate<JsonNode>> p : patterns.entrySet()) {
            Set<String> expected = new HashSet<>();
            records.stream().filter(p.getValue()).forEach(r -> expected.add(r.path("eventID").asText()));
            Set<String> found = new HashSet<>();
            for (FilteredLogEvent e : logs.filterLogEventsPaginator(b -> b.logGroupName(GROUP).filterPattern(p.getKey()).limit(2)).events()) {
                assertEquals(STREAM, e.logStreamName());
                assertTrue(found.add(JSON.readTree(e.message()).path("eventID").asText()), "each event once: " + p.getKey());
            }
            assertTrue(!expected.isEmpty() && expected.size() < records.size(), "a pattern that tells events apart: " + p.getKey());
            assertEquals(expected, found, p.getKey());
        }
    }

    @Test
    void errorsAreTheDocumentedOnes() {
        dynamoDbUsesItsKey();
        AwsServiceException notFound = assertThrows(ResourceNotFoundException.class,
                () -> logs.describeLogStreams(b -> b.logGroupName("no-such-group")));
        assertEquals(400, notFound.statusCode());
        assertEquals("The specified log group does not exist.", notFound.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class, () -> logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName("nope")));
        assertThrows(ResourceNotFoundException.class, () -> logs.filterLogEvents(b -> b.logGroupName("no-such-group")));

        logs.createLogGroup(b -> b.logGroupName("/app/orders"));
        AwsServiceException exists = assertThrows(ResourceAlreadyExistsException.class, () -> logs.createLogGroup(b -> b.logGroupName("/app/orders")));
        assertEquals(400, exists.statusCode());
        assertThrows(ResourceAlreadyExistsException.class, () -> logs.createLogGroup(b -> b.logGroupName(GROUP)));
        assertThrows(InvalidParameterException.class, () -> logs.createLogGroup(b -> b.logGroupName("has space")));

        for (String bad : List.of("{ $.eventName = }", "{ eventName = \"Decrypt\" }", "{ $.eventName = \"Decrypt\" ", "{ $.eventName ~ 1 }",
                "{ $.eventName = \"Decrypt\" && }", "{ ($.eventName = \"Decrypt\" }", "{ $.requestParameters.numberOfBytes > abc }", "\"open",
                "{ $.eventName = \"" + "*a".repeat(600) + "\" }")) {
            AwsServiceException e = assertThrows(InvalidParameterException.class,
                    () -> logs.filterLogEvents(b -> b.logGroupName(GROUP).filterPattern(bad)), bad);
            assertEquals(400, e.statusCode(), bad);
        }
        assertThrows(InvalidParameterException.class, () -> logs.filterLogEvents(b -> b.logGroupName(GROUP).limit(0)));
        assertThrows(InvalidParameterException.class, () -> logs.filterLogEvents(b -> b.logGroupName(GROUP).nextToken("garbage")));
    }

    @Test
    void groupsOfOnesOwnArePagedBesideTheTrailsAndHoldNoStreams() {
        dynamoDbUsesItsKey();
        logs.createLogGroup(b -> b.logGroupName("/app/orders"));
        List<String> paged = new ArrayList<>();
        logs.describeLogGroupsPaginator(b -> b.limit(1)).logGroups().forEach(g -> paged.add(g.logGroupName()));
        assertEquals(List.of("/app/orders", GROUP), paged);
        assertEquals(List.of(GROUP), logs.describeLogGroups(b -> b.logGroupNamePrefix("aws-")).logGroups().stream()
                .map(LogGroup::logGroupName).toList());
        assertEquals(List.of(), logs.describeLogStreams(b -> b.logGroupName("/app/orders")).logStreams());
        assertEquals(kit.now().toEpochMilli(), logs.describeLogGroups(b -> b.logGroupNamePrefix("/app")).logGroups().get(0).creationTime(),
                "created at the virtual now");
    }

    @Test
    void getLogEventsPagesForwardAndBackward() {
        dynamoDbUsesItsKey();
        List<String> all = allMessages();
        List<String> forward = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 100; page++) {
            String t = token;
            GetLogEventsResponse r = logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM).limit(2)
                    .startFromHead(true).nextToken(t));
            r.events().forEach(e -> forward.add(e.message()));
            if (r.nextForwardToken().equals(t)) {
                break; // the end: the same token again, as CloudWatch Logs answers
            }
            token = r.nextForwardToken();
        }
        assertEquals(all, forward);
        GetLogEventsResponse last = logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM).limit(2));
        assertEquals(all.subList(all.size() - 2, all.size()), last.events().stream().map(OutputLogEvent::message).toList(),
                "without startFromHead: the latest events");
        GetLogEventsResponse before = logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM).limit(2)
                .nextToken(last.nextBackwardToken()));
        assertEquals(all.subList(all.size() - 4, all.size() - 2), before.events().stream().map(OutputLogEvent::message).toList());
        assertNotEquals(last.nextBackwardToken(), before.nextBackwardToken());
    }

    private List<String> allMessages() {
        FilterLogEventsResponse r = logs.filterLogEvents(b -> b.logGroupName(GROUP));
        assertEquals(null, r.nextToken());
        return r.events().stream().map(FilteredLogEvent::message).toList();
    }
}
