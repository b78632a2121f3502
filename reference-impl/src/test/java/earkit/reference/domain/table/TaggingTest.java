package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** TagResource, UntagResource, ListTagsOfResource on tables, their refusals, and tags kept across a restart. */
class TaggingTest extends StoreTestBase {

    private static Tag tag(String k, String v) {
        return Tag.builder().key(k).value(v).build();
    }

    private Map<String, String> tags(DynamoDbClient client, String arn) {
        return client.listTagsOfResource(r -> r.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static void refused(int status, String code, String message, Executable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call);
        assertEquals(status, e.statusCode());
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    @Test
    void tagsAreAddedReplacedListedAndRemoved() {
        String arn = createTable("Tagged", null).tableArn();
        assertEquals(Map.of(), tags(ddb, arn));
        ddb.tagResource(r -> r.resourceArn(arn).tags(tag("team", "store"), tag("env", "test")));
        ddb.tagResource(r -> r.resourceArn(arn).tags(tag("env", "prod"), tag("empty", "")));
        assertEquals(List.of("team", "env", "empty"), List.copyOf(tags(ddb, arn).keySet()));
        assertEquals(Map.of("team", "store", "env", "prod", "empty", ""), tags(ddb, arn));
        ddb.untagResource(r -> r.resourceArn(arn).tagKeys("team", "absent"));
        assertEquals(Map.of("env", "prod", "empty", ""), tags(ddb, arn));

        String backup = ddb.createBackup(r -> r.tableName("Tagged").backupName("tagged-backup")).backupDetails().backupArn();
        String restored = ddb.restoreTableFromBackup(r -> r.backupArn(backup).targetTableName("Restored"))
                .tableDescription().tableArn();
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Restored"));
        assertEquals(Map.of(), tags(ddb, restored), "a restored table's tags are set anew");
        assertEquals(Map.of("env", "prod", "empty", ""), tags(ddb, arn));
    }

    @Test
    void createTableTagsTheTableAtOnceWithinTheSameLimits() {
        String arn = ddb.createTable(r -> r.tableName("BornTagged").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType("HASH")).attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .tags(tag("team", "store"), tag("env", ""))).tableDescription().tableArn();
        assertEquals(Map.of("team", "store", "env", ""), tags(ddb, arn));
        refused(400, "ValidationException", "1 validation error detected: Value '" + "k".repeat(129)
                + "' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
                () -> ddb.createTable(r -> r.tableName("TooLongKey").billingMode("PAY_PER_REQUEST")
                        .keySchema(k -> k.attributeName("pk").keyType("HASH")).attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                        .tags(tag("k".repeat(129), "v"))));
        Tag[] many = new Tag[51];
        for (int i = 0; i < many.length; i++) {
            many[i] = tag("k" + i, "v");
        }
        refused(400, "LimitExceededException", "The number of tags exceeds the limit of 50 tags per resource",
                () -> ddb.createTable(r -> r.tableName("TooManyTags").billingMode("PAY_PER_REQUEST")
                        .keySchema(k -> k.attributeName("pk").keyType("HASH")).attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                        .tags(many)));
        assertEquals(List.of("BornTagged"), ddb.listTables().tableNames(), "a refused CreateTable leaves no table");
    }

    @Test
    void refusalsAsDynamoDbWordsThem() {
        String arn = createTable("Tagged", null).tableArn();
        String missing = arn.replace("table/Tagged", "table/Nowhere");
        refused(400, "ResourceNotFoundException", "Requested resource not found: ResourcArn: " + missing + " not found",
                () -> ddb.tagResource(r -> r.resourceArn(missing).tags(tag("a", "b"))));
        assertThrows(ResourceNotFoundException.class, () -> ddb.listTagsOfResource(r -> r.resourceArn(missing)));
        refused(400, "ValidationException", "Invalid TableArn: Invalid ResourceArn provided as input arn:aws:dynamodb:us-east-1:1:thing/x",
                () -> ddb.tagResource(r -> r.resourceArn("arn:aws:dynamodb:us-east-1:1:thing/x").tags(tag("a", "b"))));
        refused(400, "AccessDeniedException", "User: arn:aws:iam::000000000000:root is not authorized to perform: "
                        + "dynamodb:ListTagsOfResource on resource: Tagged",
                () -> ddb.listTagsOfResource(r -> r.resourceArn("Tagged")));
        refused(400, "ValidationException", "Atleast one Tag needs to be provided as Input.",
                () -> ddb.tagResource(r -> r.resourceArn(arn).tags(List.of())));
        refused(400, "ValidationException", "Atleast one Tag Key needs to be provided as Input.",
                () -> ddb.untagResource(r -> r.resourceArn(arn).tagKeys(List.of())));
        refused(400, "ValidationException", "1 validation error detected: Value '" + "k".repeat(129)
                        + "' at 'tags.2.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
                () -> ddb.tagResource(r -> r.resourceArn(arn).tags(tag("ok", "v"), tag("k".repeat(129), "v"))));
        List<Tag> fifty = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(tag("t" + i, "v"));
        }
        ddb.tagResource(r -> r.resourceArn(arn).tags(fifty));
        assertThrows(LimitExceededException.class, () -> ddb.tagResource(r -> r.resourceArn(arn).tags(tag("one-more", "v"))));
        assertEquals(50, tags(ddb, arn).size(), "a refused TagResource changes nothing");
    }

    @Test
    void describeTimeToLiveSaysDisabledUntilEnabled() {
        createTable("Ttl", null);
        assertEquals(software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus.DISABLED,
                ddb.describeTimeToLive(r -> r.tableName("Ttl")).timeToLiveDescription().timeToLiveStatus());
        assertThrows(ResourceNotFoundException.class, () -> ddb.describeTimeToLive(r -> r.tableName("Nowhere")));
    }

    @Test
    void tagsSurviveARestartWithTheirTable(@TempDir Path dir) {
        String arn;
        ddb.close();
        try (ReferenceServer first = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir))) {
            server.close();
            server = first;
            try (DynamoDbClient client = dynamo("test", "us-east-1")) {
                ddb = client;
                arn = createTable("Kept", null).tableArn();
                client.tagResource(r -> r.resourceArn(arn).tags(tag("keep", "me")));
            }
        }
        server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir));
        ddb = dynamo("test", "us-east-1");
        assertEquals(Map.of("keep", "me"), tags(ddb, arn));
    }
}
