package earkit.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** DynamoDB and DynamoDB Streams as the conformance suite uses them, through one SDK. */
final class StoreChecks extends SdkCalls {

    StoreChecks(SdkDriver driver) {
        super(driver);
    }

    /** Tables under a customer managed key, items of every type under each key kind, pages, a key switch, a backup. */
    void tablesItemsPagesAndBackups() {
        String keyA = createKey("store A");
        JsonNode created = createTable("items", keyA, true, "");
        assertEquals("items", created.path("TableName").asText(), sdk + ": CreateTable's TableDescription");
        JsonNode table = ddb("DescribeTable", "{\"TableName\": \"items\"}").path("Table");
        assertEquals("ACTIVE", table.path("TableStatus").asText(), sdk + ": TableStatus");
        assertEquals(json("{\"Status\": \"ENABLED\", \"SSEType\": \"KMS\", \"KMSMasterKeyArn\": \"%s\"}", keyA),
                table.path("SSEDescription"), sdk + ": SSEDescription of a table under a customer managed key");

        // Every attribute type under a string+number key and under a binary key.
        JsonNode item = everyType("\"pk\": {\"S\": \"p1\"}, \"sk\": {\"N\": \"1\"}");
        if (textBlobsOnly()) {
            // The AWS CLI v1 cannot send bytes that are not UTF-8: it says so, sends nothing, and gets the item's text-blob twin.
            unsupported("dynamodb", "PutItem", "{\"TableName\": \"items\", \"Item\": %s}", item);
            item = utf8Blobs((ObjectNode) item);
        }
        ddb("PutItem", "{\"TableName\": \"items\", \"Item\": %s}", item);
        assertSameItem(item, ddb("GetItem", "{\"TableName\": \"items\", \"Key\": {\"pk\": {\"S\": \"p1\"}, \"sk\": {\"N\": \"1\"}}, "
                + "\"ConsistentRead\": true}").path("Item"), "GetItem of the item with every attribute type (S and N keys)");
        ddb("CreateTable", """
                {"TableName": "blobs", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "B"}],
                 "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST",
                 "SSESpecification": {"Enabled": true, "SSEType": "KMS", "KMSMasterKeyId": "%s"}}""", keyA);
        String blobKey = textBlobsOnly() ? Base64.getEncoder().encodeToString("key ☃".getBytes(StandardCharsets.UTF_8)) : "AP/+AQ==";
        JsonNode blobItem = everyType("\"pk\": {\"B\": \"" + blobKey + "\"}");
        if (textBlobsOnly()) {
            blobItem = utf8Blobs((ObjectNode) blobItem);
        }
        ddb("PutItem", "{\"TableName\": \"blobs\", \"Item\": %s}", blobItem);
        assertSameItem(blobItem, ddb("GetItem", "{\"TableName\": \"blobs\", \"Key\": {\"pk\": {\"B\": \"%s\"}}}", blobKey).path("Item"),
                "GetItem of the item with every attribute type (B key)");

        for (int sk = 1; sk <= 7; sk++) {
            ddb("PutItem", "{\"TableName\": \"items\", \"Item\": {\"pk\": {\"S\": \"q\"}, \"sk\": {\"N\": \"%d\"}}}", sk);
        }
        List<String> queried = pages("Query", """
                {"TableName": "items", "KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "q"}}, "Limit": 3%s}""", 3);
        assertEquals(List.of("q/1", "q/2", "q/3", "q/4", "q/5", "q/6", "q/7"), queried, sdk + ": Query over 3 pages of Limit 3");
        List<String> scanned = pages("Scan", "{\"TableName\": \"items\", \"Limit\": 3%s}", 3);
        assertEquals(Set.of("p1/1", "q/1", "q/2", "q/3", "q/4", "q/5", "q/6", "q/7"), new HashSet<>(scanned), sdk + ": Scan's items");
        assertEquals(8, scanned.size(), sdk + ": Scan sees every item once " + scanned);

        List<String> listed = new ArrayList<>();
        String start = "";
        int pages = 0;
        do {
            JsonNode page = ddb("ListTables", "{\"Limit\": 1%s}", start);
            page.path("TableNames").forEach(n -> listed.add(n.asText()));
            start = page.has("LastEvaluatedTableName") ? ", \"ExclusiveStartTableName\": \"" + page.path("LastEvaluatedTableName").asText() + "\"" : "";
            pages++;
        } while (!start.isEmpty() && pages < 10);
        List<String> all = new ArrayList<>();
        ddb("ListTables", "{}").path("TableNames").forEach(n -> all.add(n.asText()));
        assertEquals(all, listed, sdk + ": ListTables in pages of 1 lists every table once, as one call does");
        assertTrue(all.containsAll(List.of("blobs", "items")) && pages >= 2, sdk + ": " + pages + " pages of ListTables: " + listed);

        String keyB = createKey("store B");
        ddb("UpdateTable", "{\"TableName\": \"items\", \"SSESpecification\": {\"Enabled\": true, \"SSEType\": \"KMS\", \"KMSMasterKeyId\": \"%s\"}}", keyB);
        JsonNode switched = ddb("DescribeTable", "{\"TableName\": \"items\"}").path("Table").path("SSEDescription");
        assertEquals(keyB, switched.path("KMSMasterKeyArn").asText(), sdk + ": KMSMasterKeyArn after the key switch " + switched);
        assertSameItem(item, ddb("GetItem", "{\"TableName\": \"items\", \"Key\": {\"pk\": {\"S\": \"p1\"}, \"sk\": {\"N\": \"1\"}}}").path("Item"),
                "the item after the key switch");

        JsonNode backup = ddb("CreateBackup", "{\"TableName\": \"items\", \"BackupName\": \"items-backup\"}").path("BackupDetails");
        String backupArn = backup.path("BackupArn").asText();
        assertTrue(backupArn.startsWith("arn:aws:dynamodb:us-east-1:") && "items-backup".equals(backup.path("BackupName").asText()),
                sdk + ": CreateBackup's BackupDetails " + backup);
        JsonNode described = ddb("DescribeBackup", "{\"BackupArn\": \"%s\"}", backupArn).path("BackupDescription");
        assertEquals(List.of(backupArn, "items"), List.of(described.path("BackupDetails").path("BackupArn").asText(),
                described.path("SourceTableDetails").path("TableName").asText()), sdk + ": DescribeBackup " + described);
    }

    /** Follows LastEvaluatedKey to the end; the "pk/sk" of every item seen, in order. */
    private List<String> pages(String operation, String template, int limit) {
        List<String> seen = new ArrayList<>();
        String startKey = "";
        int pages = 0;
        do {
            JsonNode page = ddb(operation, template, startKey);
            assertTrue(page.path("Items").size() <= limit, sdk + ": " + operation + " page of more than Limit items: " + page);
            page.path("Items").forEach(i -> seen.add(i.path("pk").path("S").asText() + "/" + i.path("sk").path("N").asText()));
            startKey = page.has("LastEvaluatedKey") ? ", \"ExclusiveStartKey\": " + page.path("LastEvaluatedKey") : "";
            pages++;
        } while (!startKey.isEmpty() && pages < 20);
        assertEquals(3, pages, sdk + ": pages of " + operation + " with Limit " + limit + ": " + seen);
        return seen;
    }

    /** A written item's new image through ListStreams, DescribeStream, GetShardIterator and GetRecords. */
    void streamRecords(Instant now) {
        String key = createKey("streams");
        createTable("events", key, false, ", \"StreamSpecification\": {\"StreamEnabled\": true, \"StreamViewType\": \"NEW_AND_OLD_IMAGES\"}");
        String streamArn = ddb("DescribeTable", "{\"TableName\": \"events\"}").path("Table").path("LatestStreamArn").asText();
        JsonNode item = everyType("\"pk\": {\"S\": \"e1\"}");
        if (textBlobsOnly()) {
            item = utf8Blobs((ObjectNode) item);
        }
        ddb("PutItem", "{\"TableName\": \"events\", \"Item\": %s}", item);

        JsonNode listed = streams("ListStreams", "{\"TableName\": \"events\"}").path("Streams");
        assertEquals(List.of(streamArn, "events"), List.of(listed.path(0).path("StreamArn").asText(), listed.path(0).path("TableName").asText()),
                sdk + ": ListStreams " + listed);
        JsonNode stream = streams("DescribeStream", "{\"StreamArn\": \"%s\"}", streamArn).path("StreamDescription");
        assertEquals(List.of("ENABLED", "NEW_AND_OLD_IMAGES"), List.of(stream.path("StreamStatus").asText(), stream.path("StreamViewType").asText()),
                sdk + ": DescribeStream " + stream);
        String shardId = stream.path("Shards").path(0).path("ShardId").asText();
        String iterator = streams("GetShardIterator", "{\"StreamArn\": \"%s\", \"ShardId\": \"%s\", \"ShardIteratorType\": \"TRIM_HORIZON\"}",
                streamArn, shardId).path("ShardIterator").asText();
        assertTrue(!iterator.isEmpty(), sdk + ": GetShardIterator gave an iterator");
        JsonNode records = streams("GetRecords", "{\"ShardIterator\": \"%s\"}", iterator).path("Records");
        assertEquals(1, records.size(), sdk + ": one record for one PutItem " + records);
        JsonNode record = records.path(0);
        assertEquals("INSERT", record.path("eventName").asText(), sdk + ": the record's eventName");
        assertSameItem(item, record.path("dynamodb").path("NewImage"), "the stream record's NewImage");
        assertEquals(json("{\"pk\": {\"S\": \"e1\"}}"), record.path("dynamodb").path("Keys"), sdk + ": the stream record's Keys");
        double created = record.path("dynamodb").path("ApproximateCreationDateTime").asDouble();
        assertTrue(Math.abs(created - now.getEpochSecond()) <= 60, sdk + ": ApproximateCreationDateTime " + created
                + " (epoch seconds) is the virtual now " + now);
    }

    /** The item with its binary values replaced by UTF-8 text's bytes, which a tool that takes blobs as text can send. */
    private static JsonNode utf8Blobs(ObjectNode item) {
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode copy = item.deepCopy();
        copy.putObject("b").put("B", b64.encodeToString("raw ☃ bytes".getBytes(StandardCharsets.UTF_8)));
        copy.putObject("bs").putArray("BS").add("AAE=").add(b64.encodeToString("☃".getBytes(StandardCharsets.UTF_8))).add("eA==");
        return copy;
    }
}
