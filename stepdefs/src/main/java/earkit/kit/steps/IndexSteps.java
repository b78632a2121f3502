package earkit.kit.steps;

import io.cucumber.java.en.Then;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Secondary indexes and the stream of a table. */
public class IndexSteps {
    private final World world;
    private final TableOps tables;

    public IndexSteps(World world, TableOps tables) {
        this.world = world;
        this.tables = tables;
    }

    private List<Map<String, AttributeValue>> queryGsi(String table, DynamoDbClient ddb) {
        return ddb.query(b -> b.tableName(world.table(table)).indexName(TableOps.GSI).keyConditionExpression("gk = :g")
                .expressionAttributeValues(Map.of(":g", Items.s("group")))).items();
    }

    private List<Map<String, AttributeValue>> queryLsi(String table, DynamoDbClient ddb) {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        for (var item : world.writtenTo(table)) {
            all.addAll(ddb.query(b -> b.tableName(world.table(table)).indexName(TableOps.LSI).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", item.get("pk")))).items());
        }
        return all;
    }

    @Then("the global secondary index of {string} returns the {int} items")
    public void gsiReturns(String table, int n) {
        assertSameItems("global secondary index", table, n, () -> queryGsi(table, world.dynamo()));
    }

    @Then("the local secondary index of {string} returns the {int} items")
    public void lsiReturns(String table, int n) {
        assertSameItems("local secondary index", table, n, () -> queryLsi(table, world.dynamo()));
    }

    /** Global secondary indexes are eventually consistent, so the GSI is awaited, not read once. */
    private void assertSameItems(String index, String table, int n, java.util.concurrent.Callable<List<Map<String, AttributeValue>>> read) {
        List<Map<String, AttributeValue>> expected = world.writtenTo(table);
        if (expected.size() != n) {
            throw new IllegalStateException("The feature speaks of " + n + " items, the scenario wrote " + expected.size());
        }
        world.awaitValue(Requirement.IDX_001, index + " of \"" + table + "\"", () -> new java.util.HashSet<>(read.call()), new java.util.HashSet<>(expected));
    }

    @Then("the stream of {string} holds {int} new images matching the items")
    public void streamHolds(String table, int n) {
        String arn = tables.describe(table).latestStreamArn();
        world.check(Requirement.IDX_002, arn != null, "LatestStreamArn of \"" + table + "\"", "a stream", "none");
        DynamoDbStreamsClient streams = world.clients().streams(world.tableRegion(table));
        world.awaitValue(Requirement.IDX_002, "new images in the stream of \"" + table + "\"", () -> {
            List<Map<String, AttributeValue>> images = new ArrayList<>();
            for (var shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
                String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                for (Record r : streams.getRecords(b -> b.shardIterator(it)).records()) {
                    if (r.dynamodb() != null && r.dynamodb().hasNewImage()) {
                        images.add(r.dynamodb().newImage());
                    }
                }
            }
            return new java.util.HashSet<>(images);
        }, new java.util.HashSet<>(world.writtenTo(table)));
    }

    @Then("querying the global secondary index of {string} fails")
    public void gsiFails(String table) {
        fails("Query on the global secondary index of \"" + table + "\"",
                () -> queryGsi(table, world.clients().dynamoOnNewConnections(world.tableRegion(table))));
    }

    @Then("querying the local secondary index of {string} fails")
    public void lsiFails(String table) {
        fails("Query on the local secondary index of \"" + table + "\"",
                () -> queryLsi(table, world.clients().dynamoOnNewConnections(world.tableRegion(table))));
    }

    private void fails(String what, Runnable call) {
        world.checkRefused(Requirement.IDX_001, Outcome.of(call), what + " with the table's key inaccessible");
    }
}
