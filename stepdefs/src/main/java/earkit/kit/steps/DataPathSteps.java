package earkit.kit.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * data-paths.feature: one data path ({@link DataPath}) at a time on a table whose key is gone or which is
 * archived. Every call goes on a new connection, which holds no table key from before the loss (a kept-alive
 * connection may rightly go on with its cached key until the refresh: EAR-REF-003).
 */
public class DataPathSteps {
    private static final String TTL_ATTRIBUTE = "expires";
    private static final Duration STEP = Duration.ofHours(1);
    private final World world;
    /** Runs of paths so far in the scenario: each run's probe is an item of its own. */
    private int runs;
    /** The item the scenario gave an expiry. */
    private Map<String, AttributeValue> expiring;

    public DataPathSteps(World world) {
        this.world = world;
    }

    private DataPath.Call call(String table, String healthy, DataPath.Aim aim) {
        String region = world.tableRegion(table);
        DataPath.Side side = healthy == null ? null : new DataPath.Side(world.table(healthy), world.writtenTo(healthy));
        return new DataPath.Call(world.clients().dynamoOnNewConnections(region), world.clients().streamsOnNewConnections(region),
                world.table(table), world.writtenTo(table), aim, side, ++runs);
    }

    /**
     * A refusal of an archived table is EAR-INA-005's; of an index of an inaccessible table EAR-IDX-001's where the
     * row carries it; otherwise EAR-INA-001's. Only HTTP 400 with a code the catalogue accepts passes.
     */
    @Then("{dataPath} on {string} is refused as documented")
    public void refused(DataPath path, String table) {
        refused(path, table, null);
    }

    /**
     * A transaction naming the healthy table first and then the table whose key is gone (or which is archived):
     * refused as a whole, as the call on that table alone would be.
     */
    @Then("{dataPath} across {string} and {string} is refused as documented")
    public void refusedAcross(DataPath path, String healthy, String table) {
        refused(path, table, healthy);
    }

    private void refused(DataPath path, String table, String healthy) {
        Requirement r = path.index() ? world.judged(Requirement.INA_005, Requirement.IDX_001, Requirement.INA_001)
                : world.judged(Requirement.INA_005, Requirement.INA_001);
        DataPath.Call call = call(table, healthy, DataPath.Aim.WRITTEN);
        Outcome outcome = Outcome.of(() -> path.run(call));
        String what = path + " on \"" + table + "\"" + (healthy == null ? "" : " after \"" + healthy + "\"");
        List<String> accepted = r.acceptedErrors();
        Set<String> codes = accepted.stream().map(DataPathSteps::entryCode).collect(Collectors.toCollection(TreeSet::new));
        if (outcome.isAccepted() && !call.statementErrors().isEmpty()) {
            world.check(r, call.statementErrors().stream().allMatch(codes::contains), what,
                    "every statement's Error.Code one of " + codes + " (or the whole request refused with HTTP 400 and "
                            + String.join(" or ", accepted) + ")", "statement errors " + call.statementErrors());
        } else if (outcome.refusal().orElse(null) instanceof TransactionCanceledException cancelled) {
            List<String> reasons = cancelled.hasCancellationReasons()
                    ? cancelled.cancellationReasons().stream().map(CancellationReason::code).toList() : List.of();
            world.check(r, cancelled.statusCode() == 400 && reasonsFollowActions(reasons, call.actionTables(), call.table(), codes), what,
                    "a refusal with HTTP 400 and " + String.join(" or ", accepted) + ", or a cancellation with one reason per action: "
                            + codes + " for an action on \"" + table + "\", None for the others (actions on " + call.actionTables() + ")",
                    outcome + ", reasons " + reasons);
        } else {
            world.checkRefused(r, outcome, what);
        }
    }

    /**
     * A transaction's cancellation reasons answer its actions in order (DynamoDB API Reference: TransactionCanceledException):
     * one reason per action, at least one action on the refused table carrying one of the accepted codes (AWS does not
     * say whether every action on it does, so the others may say None), and every action on another table None.
     */
    static boolean reasonsFollowActions(List<String> reasons, List<String> actionTables, String refused, Set<String> codes) {
        if (reasons.size() != actionTables.size()) {
            return false;
        }
        boolean coded = false;
        for (int i = 0; i < reasons.size(); i++) {
            boolean onRefused = refused.equals(actionTables.get(i));
            coded |= onRefused && codes.contains(reasons.get(i));
            if (!"None".equals(reasons.get(i)) && !(onRefused && codes.contains(reasons.get(i)))) {
                return false;
            }
        }
        return coded;
    }

    /**
     * The code of a BatchExecuteStatement entry's error, or of a transaction's cancellation reason, that stands for a
     * request-level error: the error code less "Exception", except that the enums spell ValidationException and
     * ThrottlingException as ValidationError and ThrottlingError (DynamoDB API Reference: BatchStatementError,
     * CancellationReason).
     */
    static String entryCode(String errorCode) {
        String base = errorCode.endsWith("Exception") ? errorCode.substring(0, errorCode.length() - "Exception".length()) : errorCode;
        return "Validation".equals(base) || "Throttling".equals(base) ? base + "Error" : base;
    }

    /** With access given back, the path answers again, and a read sees what was written (EAR-INA-004). */
    @Then("{dataPath} on {string} works again")
    public void worksAgain(DataPath path, String table) {
        worksAgain(path, table, null);
    }

    /** With access given back, the transaction goes through on both tables: a write leaves its probe, whole, in each. */
    @Then("{dataPath} across {string} and {string} works again on both")
    public void worksAgainAcross(DataPath path, String healthy, String table) {
        DataPath.Call call = worksAgain(path, table, healthy);
        if (path.leavesProbe()) {
            for (DataPath.Side side : call.sides()) {
                var read = call.ddb().getItem(b -> b.tableName(side.table()).key(Items.key(call.probe())).consistentRead(true));
                world.check(Requirement.INA_004, call.probe().equals(read.item()), "the item " + path + " wrote to " + side.table(),
                        call.probe(), read.hasItem() ? read.item() : "no item");
            }
        }
    }

    private DataPath.Call worksAgain(DataPath path, String table, String healthy) {
        int[] seen = {-1};
        DataPath.Call call = call(table, healthy, DataPath.Aim.PROBE);
        Outcome outcome = Outcome.of(() -> seen[0] = path.run(call));
        String what = path + " on \"" + table + "\"" + (healthy == null ? "" : " after \"" + healthy + "\"") + " with the key back";
        world.check(Requirement.INA_004, outcome.isAccepted(), what, "accepted", outcome);
        int expected = path.expected(call);
        world.check(Requirement.INA_004, seen[0] == expected, what, expected < 0 ? "done in full" : expected + " items or records",
                seen[0] == 0 && expected < 0 ? "writes not done (left unprocessed, or statement errors " + call.statementErrors() + ")" : seen[0]);
        return call;
    }

    /** A transaction refused because of another table changed nothing here: every written item reads back as written. */
    @Then("the {int} items written to {string} are untouched by the refusal")
    public void untouched(int count, String table) {
        List<Map<String, AttributeValue>> items = world.writtenTo(table);
        if (items.size() != count) {
            throw new IllegalStateException("The feature speaks of " + count + " items, the scenario wrote " + items.size() + " to \"" + table + "\"");
        }
        var ddb = world.clients().dynamoOnNewConnections(world.tableRegion(table));
        for (var item : items) {
            var read = ddb.getItem(b -> b.tableName(world.table(table)).key(Items.key(item)).consistentRead(true));
            world.check(Requirement.INA_001, item.equals(read.item()), "item " + item.get("pk").s() + " of \"" + table
                    + "\" after the refused call", item, read.hasItem() ? read.item() : "no item");
        }
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
     * than that. So: still there when the key comes back, and not deleted before it (EAR-INA-001); gone within
     * {@code within} of the key's return (EAR-INA-004), by DynamoDB itself (the stream's REMOVE record names the service).
     */
    @Then("the expired item of {string} is deleted by DynamoDB within {duration} of the key's return, not before it")
    public void expiredItemDeleted(String table, Duration within) {
        Instant back = world.now();
        String region = world.tableRegion(table);
        // Checked first: a deletion while the key was gone is days old by now, so its REMOVE record has left the
        // stream (24 hours) and the record checks below could only report it as missing, against EAR-INA-004.
        boolean there = world.clients().dynamoOnNewConnections(region).getItem(b -> b.tableName(world.table(table))
                .key(Items.key(expiring)).consistentRead(true)).hasItem();
        world.check(Requirement.INA_001, there, "the expired item of \"" + table + "\" when the key came back, at " + back,
                "still there (nothing is deleted while the key is inaccessible)", "already deleted");
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
