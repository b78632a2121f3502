package earkit.kit.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Global tables (version 2019.11.21): replicas with their own customer managed key. */
public class ReplicaSteps {
    private final World world;
    private final TableOps tables;
    private static final Duration POLL = Duration.ofMillis(20);
    private int nextItem = 1000;
    /** The item the Background replicated, as written. */
    private Map<String, AttributeValue> replicatedBefore;
    /** How long that replication took: the window in which a write that should stay on its side is watched. */
    private Duration replicationTook = Duration.ZERO;
    /** Items by the scenario's name for them, and the writes of each by Region. */
    private final Map<String, Integer> named = new HashMap<>();
    private final List<Integer> raced = new ArrayList<>();

    public ReplicaSteps(World world, TableOps tables) {
        this.world = world;
        this.tables = tables;
    }

    @Given("the table {string} in {string} encrypted with {string}")
    public void tableIn(String name, String region, String key) {
        String r = RegionNames.resolve(world, region);
        tables.create(name, r, tables.request(name, false)
                .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .sseSpecification(TableOps.spec(KeyKind.CUSTOMER_MANAGED, world.key(key).arn())).build());
    }

    @Given("a replica of {string} in {string} encrypted with {string}")
    public void replica(String name, String region, String key) {
        String r = RegionNames.resolve(world, region);
        world.clients().dynamo(world.tableRegion(name)).updateTable(b -> b.tableName(world.table(name)).replicaUpdates(
                ReplicationGroupUpdate.builder().create(CreateReplicationGroupMemberAction.builder().regionName(r)
                        .kmsMasterKeyId(world.key(key).arn()).build()).build()));
        world.awaitSetUp("replica of \"" + name + "\" in " + r, () -> replica(name, r).map(ReplicaDescription::replicaStatus)
                .orElse(null), ReplicaStatus.ACTIVE);
        world.awaitSetUp("status of table \"" + name + "\" with its replica", () -> tables.describe(name).tableStatus(),
                software.amazon.awssdk.services.dynamodb.model.TableStatus.ACTIVE);
    }

    private Optional<ReplicaDescription> replica(String name, String region) {
        return tables.describe(name).replicas().stream().filter(r -> region.equals(r.regionName())).findFirst();
    }

    private Map<String, AttributeValue> write(String name, String region) {
        var item = Items.item(nextItem++, "replication probe");
        world.clients().dynamo(region).putItem(b -> b.tableName(world.table(name)).item(item));
        return item;
    }

    /** The write of item {@code n} made in {@code region}: the same key everywhere, the Region in its note. */
    private static Map<String, AttributeValue> writeOf(int n, String region) {
        return Items.item(n, "written in " + region);
    }

    private void put(String name, String region, Map<String, AttributeValue> item) {
        world.clients().dynamo(region).putItem(b -> b.tableName(world.table(name)).item(item));
    }

    /** The item with the key of {@code like} as {@code region} holds it (strongly consistent), or null. */
    private Map<String, AttributeValue> read(String name, String region, Map<String, AttributeValue> like) {
        var got = world.clients().dynamo(region).getItem(b -> b.tableName(world.table(name)).key(Items.key(like)).consistentRead(true));
        return got.hasItem() ? got.item() : null;
    }

    @Given("an item written to {string} in {string} is replicated to {string}")
    public void replicated(String name, String from, String to) {
        long start = System.nanoTime();
        var item = write(name, RegionNames.resolve(world, from));
        world.awaitSetUp("replication of " + item.get("pk").s() + " to " + to,
                () -> item.equals(read(name, RegionNames.resolve(world, to), item)), true);
        replicationTook = Duration.ofNanos(System.nanoTime() - start);
        replicatedBefore = item;
    }

    @When("DynamoDB detects that the key of the replica of {string} in {string} is inaccessible")
    public void detectReplica(String name, String region) {
        String r = RegionNames.resolve(world, region);
        tables.makeDynamoDbCallKms(name, r);
        world.awaitValue(Requirement.GTR_001, "status of the replica of \"" + name + "\" in " + r,
                () -> replica(name, r).map(ReplicaDescription::replicaStatus).orElse(null),
                ReplicaStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS);
        Instant at = replica(name, r).map(ReplicaDescription::replicaInaccessibleDateTime).orElse(null);
        world.detection = at != null ? at : world.now();
    }

    @Then("the replica of {string} in {string} has status {string} and records when")
    public void replicaStatus(String name, String region, String status) {
        String r = RegionNames.resolve(world, region);
        ReplicaDescription d = replica(name, r).orElse(null);
        world.check(Requirement.GTR_001, d != null && status.equals(d.replicaStatusAsString()) && d.replicaInaccessibleDateTime() != null,
                "replica of \"" + name + "\" in " + r, status + " with ReplicaInaccessibleDateTime", d);
    }

    @Then("the replica of {string} in {string} is still in the replication group")
    public void stillMember(String name, String region) {
        String r = RegionNames.resolve(world, region);
        world.check(Requirement.GTR_001, replica(name, r).isPresent(), "replicas of \"" + name + "\" at " + world.now(),
                "one in " + r, tables.describe(name).replicas());
    }

    @Then("the replica of {string} in {string} is removed from the replication group")
    public void removed(String name, String region) {
        String r = RegionNames.resolve(world, region);
        world.awaitValue(Requirement.GTR_001, "replica of \"" + name + "\" in " + r + " in the replication group", () -> replica(name, r).isPresent(), false);
    }

    @Then("the table {string} still exists in {string}")
    public void stillExists(String name, String region) {
        String r = RegionNames.resolve(world, region);
        var d = world.clients().dynamo(r).describeTable(b -> b.tableName(world.table(name))).table();
        world.check(Requirement.GTR_002, d != null && d.tableName() != null, "table \"" + name + "\" in " + r, "kept", d);
    }

    @Then("the table {string} in {string} still holds the item replicated to it before the removal")
    public void keptData(String name, String region) {
        String r = RegionNames.resolve(world, region);
        var held = read(name, r, replicatedBefore);
        world.check(Requirement.GTR_002, replicatedBefore.equals(held), "item " + replicatedBefore.get("pk").s() + " in " + r,
                replicatedBefore, held);
    }

    @Then("an item written to {string} in {string} does not reach {string}")
    public void notReplicated(String name, String from, String to) {
        String f = RegionNames.resolve(world, from);
        String t = RegionNames.resolve(world, to);
        var item = write(name, f);
        var own = read(name, f, item);
        world.check(Requirement.GTR_002, item.equals(own), "item " + item.get("pk").s() + " read back in " + f, item, own);
        stays("item " + item.get("pk").s() + " written in " + f + ", in " + t, () -> read(name, t, item), null);
    }

    /**
     * {@code value} keeps {@code expected} for twice the time replication took before the removal (at least 100 ms):
     * a replication that still ran would have shown by then, on an asynchronous target too.
     */
    private void stays(String what, Supplier<Map<String, AttributeValue>> value, Map<String, AttributeValue> expected) {
        Duration window = replicationTook.multipliedBy(2).compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100)
                : replicationTook.multipliedBy(2);
        long end = System.nanoTime() + window.toNanos();
        do {
            Map<String, AttributeValue> v = value.get();
            world.check(Requirement.GTR_002, Objects.equals(expected, v), what + " (watched for " + window + ")",
                    expected == null ? "absent" : expected, v);
            LockSupport.parkNanos(POLL.toNanos()); // the pace of every other wait of the kit
        } while (System.nanoTime() < end);
    }

    @When("the item {string} of {string} is written in {string} and then at once in {string}")
    public void writtenTwice(String item, String name, String first, String second) {
        int n = named.computeIfAbsent(item, i -> nextItem++);
        put(name, RegionNames.resolve(world, first), writeOf(n, RegionNames.resolve(world, first)));
        put(name, RegionNames.resolve(world, second), writeOf(n, RegionNames.resolve(world, second)));
    }

    @Then("the item {string} of {string} settles on the write made in {string} in {string} and {string}")
    public void settlesOn(String item, String name, String writer, String one, String other) {
        var expected = writeOf(named.get(item), RegionNames.resolve(world, writer));
        for (String region : List.of(one, other)) {
            String r = RegionNames.resolve(world, region);
            world.awaitValue(Requirement.GTR_002, "item \"" + item + "\" in " + r + ", last written in " + writer,
                    () -> read(name, r, expected), expected);
        }
    }

    @Then("{string} keeps its own write of the item {string} of {string}")
    public void keepsOwn(String region, String item, String name) {
        String r = RegionNames.resolve(world, region);
        var own = writeOf(named.get(item), r);
        stays("item \"" + item + "\" in " + r, () -> read(name, r, own), own);
    }

    @When("{int} items of {string} are each written in {string} and in {string} at the same moment")
    public void race(int count, String name, String one, String other) throws Exception {
        List<String> regions = List.of(RegionNames.resolve(world, one), RegionNames.resolve(world, other));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < count; i++) {
                int n = nextItem++;
                raced.add(n);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<?>> writes = new ArrayList<>();
                for (String r : regions) {
                    writes.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        put(name, r, writeOf(n, r));
                        return null;
                    }));
                }
                for (Future<?> w : writes) {
                    try {
                        w.get(60, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof RuntimeException re ? re : e;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Then("each of those items of {string} settles on one and the same of its two writes in {string} and {string}")
    public void settleOnOne(String name, String one, String other) {
        String a = RegionNames.resolve(world, one);
        String b = RegionNames.resolve(world, other);
        for (int n : raced) {
            Set<Map<String, AttributeValue>> writes = Set.of(writeOf(n, a), writeOf(n, b));
            var like = writeOf(n, a);
            world.awaitValue(Requirement.GTR_002, "item " + like.get("pk").s() + " written in " + a + " and " + b + " at once",
                    () -> {
                        var inA = read(name, a, like);
                        var inB = read(name, b, like);
                        return writes.contains(inA) && inA.equals(inB) ? "one of the two writes, the same in both"
                                : a + ": " + inA + ", " + b + ": " + inB;
                    }, "one of the two writes, the same in both");
        }
    }
}
