package earkit.kit.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * data-paths.feature: one data path ({@link DataPath}) at a time on a table whose key is gone or which is
 * archived. Every call goes on a new connection, which holds no table key from before the loss (a kept-alive
 * connection may rightly go on with its cached key until the refresh: EAR-REF-003).
 */
public class DataPathSteps {
    private static final String TTL_ATTRIBUTE = "expires";
    private static final Duration STEP = Duration.ofHours(1);
    private final World world;
    /** The item the scenario gave an expiry. */
    private Map<String, AttributeValue> expiring;

    public DataPathSteps(World world) {
        this.world = world;
    }

    private DataPath.Call call(String table, DataPath.Aim aim) {
        String region = world.tableRegion(table);
        return new DataPath.Call(world.clients().dynamoOnNewConnections(region), world.clients().streamsOnNewConnections(region),
                world.table(table), world.writtenTo(table), aim);
    }

    /**
     * A refusal of an archived table is EAR-INA-005's; of an index of an inaccessible table EAR-IDX-001's where the
     * row carries it; otherwise EAR-INA-001's. Only HTTP 400 with a code the catalogue accepts passes.
     */
    @Then("{dataPath} on {string} is refused as documented")
    public void refused(DataPath path, String table) {
        Requirement r = path.index() ? world.judged(Requirement.INA_005, Requirement.IDX_001, Requirement.INA_001)
                : world.judged(Requirement.INA_005, Requirement.INA_001);
        Outcome outcome = Outcome.of(() -> path.run(call(table, DataPath.Aim.WRITTEN)));
        world.checkRefused(r, outcome, path + " on \"" + table + "\"");
    }

    /** With access given back, the path answers again, and a read sees what was written (EAR-INA-004). */
    @Then("{dataPath} on {string} works again")
    public void worksAgain(DataPath path, String table) {
        int[] seen = {-1};
        Outcome outcome = Outcome.of(() -> seen[0] = path.run(call(table, DataPath.Aim.PROBE)));
        world.check(Requirement.INA_004, outcome.isAccepted(), path + " on \"" + table + "\" with the key back", "accepted", outcome);
        int expected = path.expected(world.writtenTo(table));
        world.check(Requirement.INA_004, seen[0] == expected, path + " on \"" + table + "\" with the key back",
                expected < 0 ? "done in full" : expected + " items or records", seen[0] == 0 && expected < 0 ? "writes left unprocessed" : seen[0]);
    }

    @Given("Time to Live is enabled on {string}")
    public void enableTimeToLive(String table) {
        world.clients().dynamo(world.tableRegion(table)).updateTimeToLive(b -> b.tableName(world.table(table))
                .timeToLiveSpecification(t -> t.enabled(true).attributeName(TTL_ATTRIBUTE)));
    }

    @Given("an item of {string} expires {duration} from now")
    public void itemExpires(String table, Duration in) {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>(Items.item(8000, "expires"));
        item.put(TTL_ATTRIBUTE, AttributeValue.builder().n(Long.toString(world.now().plus(in).getEpochSecond())).build());
        world.clients().dynamo(world.tableRegion(table)).putItem(b -> b.tableName(world.table(table)).item(item));
        expiring = item;
    }

    /**
     * AWS deletes expired items "typically within two days", and TTL deletions go on for 30 minutes after the key is
     * disabled (DynamoDB Developer Guide: DynamoDB encryption at rest usage notes); the scenario's item expires later
     * than that. So: gone within {@code within} of the key's return (EAR-INA-004), by DynamoDB itself (the stream's
     * REMOVE record names the service), and not before the key came back (EAR-INA-001).
     */
    @Then("the expired item of {string} is deleted by DynamoDB within {duration} of the key's return, not before it")
    public void expiredItemDeleted(String table, Duration within) {
        Instant back = world.now();
        String region = world.tableRegion(table);
        // Hour by hour of virtual time, so that the REMOVE record is read well within its 24 hours in the stream.
        boolean present = true;
        for (Duration waited = Duration.ZERO; present && waited.compareTo(within) < 0; waited = waited.plus(STEP)) {
            world.control().advance(STEP);
            present = world.clients().dynamoOnNewConnections(region).getItem(b -> b.tableName(world.table(table))
                    .key(Items.key(expiring)).consistentRead(true)).hasItem();
        }
        world.check(Requirement.INA_004, !present, "the expired item of \"" + table + "\" within " + within + " after the key came back",
                "deleted by Time to Live", "still there");
        Record removal = removalOf(table, region);
        world.check(Requirement.INA_004, removal != null && removal.userIdentity() != null
                        && "Service".equals(removal.userIdentity().type()) && "dynamodb.amazonaws.com".equals(removal.userIdentity().principalId()),
                "the REMOVE record of the expired item in the stream of \"" + table + "\"",
                "userIdentity {type: Service, principalId: dynamodb.amazonaws.com}", removal == null ? "no REMOVE record" : removal.userIdentity());
        Instant when = removal.dynamodb().approximateCreationDateTime();
        // The record's time has a resolution of one second.
        world.check(Requirement.INA_001, when != null && !when.isBefore(back.minusSeconds(1)),
                "when DynamoDB deleted the expired item of \"" + table + "\"", "after the key came back, at " + back, when);
    }

    private Record removalOf(String table, String region) {
        var streams = world.clients().streamsOnNewConnections(region);
        String arn = world.clients().dynamo(region).describeTable(b -> b.tableName(world.table(table))).table().latestStreamArn();
        Record found = null;
        for (var shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (it != null) {
                String current = it;
                var page = streams.getRecords(b -> b.shardIterator(current));
                for (Record r : page.records()) {
                    if (r.eventName() == OperationType.REMOVE && Items.key(expiring).equals(r.dynamodb().keys())) {
                        found = r;
                    }
                }
                it = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return found;
    }
}
