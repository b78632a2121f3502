package earkit.kit.steps;

import earkit.kit.spi.Capability;
import earkit.sdkcompat.SdkConfiguration;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * "The client": one application talking to the target, either over one kept-alive connection or
 * over a new connection for every request. KMS calls are counted from CloudTrail (events that were
 * not there when the client started) or from the KMS proxy; latency with the wall clock, because
 * injected KMS latency is real time.
 */
public class TrafficSteps {
    private final World world;
    private final CloudTrailLookup trail;
    private final ClockSteps clock;
    private DynamoDbClient client;
    /** Every client of the scenario, {@link #client} first; each has connections of its own. */
    private final List<DynamoDbClient> clients = new ArrayList<>();
    private Set<String> eventsBefore;
    private Instant firstRead;
    private final List<Duration> latencies = new ArrayList<>();

    public TrafficSteps(World world, CloudTrailLookup trail, ClockSteps clock) {
        this.world = world;
        this.trail = trail;
        this.clock = clock;
    }

    @Given("a client that uses {connectionMode}")
    public void client(ConnectionMode mode) {
        clients(1, mode);
    }

    @Given("two clients that each use {connectionMode}")
    public void twoClients(ConnectionMode mode) {
        clients(2, mode);
    }

    /** A scenario may change its client (kept-alive, then new connections): the latest replaces the earlier ones. */
    private void clients(int n, ConnectionMode mode) {
        if (mode == ConnectionMode.KEPT_ALIVE) {
            // A property of the SDK configuration, not of the target: it cannot keep a connection (kit run --sdk).
            DriverDynamoDb.selected().flatMap(SdkConfiguration::cannotKeepOneConnection).ifPresent(why -> Assumptions.abort(
                    "not applicable: " + why + "; the scenario needs a kept-alive connection [" + world.requirements() + "]"));
        }
        clients.clear();
        for (int i = 0; i < n; i++) {
            clients.add(world.clients().newDynamo(world.region(), mode, world.session().credentials()));
        }
        client = clients.get(0);
        eventsBefore = world.target().capabilities().contains(Capability.KMS_AUDIT.wireName()) ? eventIds() : Set.of();
    }

    private Set<String> eventIds() {
        Set<String> ids = new HashSet<>();
        trail.kms().forEach(e -> ids.add(e.path("eventID").asText()));
        return ids;
    }

    private void readOnce(String table) {
        readOnce(client, table);
    }

    private void readOnce(DynamoDbClient by, String table) {
        var item = world.writtenTo(table).get(0);
        long start = System.nanoTime();
        by.getItem(b -> b.tableName(world.table(table)).key(Items.key(item)));
        latencies.add(Duration.ofNanos(System.nanoTime() - start));
    }

    @Given("the client has read from {string}")
    public void warmUp(String table) {
        readOnce(table);
        latencies.clear();
        firstRead = world.now();
    }

    /** All clients read at the same virtual instant, the first read of each. */
    @Given("both clients have read from {string}")
    public void allWarmUp(String table) {
        clients.forEach(c -> readOnce(c, table));
        latencies.clear();
        firstRead = world.now();
    }

    @When("the client makes a request to {string}")
    public void request(String table) {
        readOnce(table);
    }

    @When("both clients make a request to {string}")
    public void allRequest(String table) {
        clients.forEach(c -> readOnce(c, table));
    }

    @When("both clients make a request to {string} every minute for {int} minutes")
    public void allSteadyTraffic(String table, int minutes) {
        for (int i = 0; i < minutes; i++) {
            clients.forEach(c -> readOnce(c, table));
            world.control().advance(Duration.ofMinutes(1));
        }
    }

    @When("the client makes {int} requests to {string}")
    public void requests(int n, String table) {
        latencies.clear();
        for (int i = 0; i < n; i++) {
            readOnce(table);
        }
    }

    @When("the client makes a request to {string} every minute for {int} minutes")
    public void steadyTraffic(String table, int minutes) {
        for (int i = 0; i < minutes; i++) {
            readOnce(table);
            world.control().advance(Duration.ofMinutes(1));
        }
    }

    @When("the clock moves on to {duration} after the client's/clients' first read")
    public void clockAfterFirstRead(Duration d) {
        clock.moveTo(firstRead.plus(d), "the client's first read at " + firstRead + " + " + d);
    }

    @Then("a read from {string} by the client succeeds")
    public void readSucceeds(String table) {
        Outcome read = Outcome.of(() -> readOnce(table));
        world.check(Requirement.REF_003, read.isAccepted(), "read on the kept-alive connection before its table key is refreshed",
                "accepted", read);
    }

    @Then("a read from {string} by the client fails")
    public void readFails(String table) {
        world.checkRefused(Requirement.REF_003, Outcome.of(() -> readOnce(table)),
                "read on the kept-alive connection after its table key is refreshed");
    }

    private int newEvents(String table, String name) {
        String real = world.table(table);
        return (int) trail.kms().stream().filter(e -> !eventsBefore.contains(e.path("eventID").asText()))
                .filter(e -> real.equals(CloudTrailLookup.tableOf(e)) && name.equals(e.path("eventName").asText())).count();
    }

    @Then("CloudTrail shows at most {int} {string} event(s) for the table {string} since the client started")
    public void atMostSince(int max, String name, String table) {
        Requirement judged = world.judged(Requirement.REF_001, Requirement.CON_001);
        int n = newEvents(table, name);
        world.check(judged, n <= max, name + " events for \"" + table + "\" since the client started", "at most " + max, n);
    }

    @Then("CloudTrail shows at least {int} {string} event(s) for the table {string} since the client started")
    public void atLeastSince(int min, String name, String table) {
        int[] n = {0};
        try {
            world.await(name + " events").until(() -> (n[0] = newEvents(table, name)) >= min);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw world.violation(Requirement.CON_001, name + " events for \"" + table + "\" since the client started", "at least " + min, n[0]);
        }
    }

    @Then("CloudTrail shows between {int} and {int} {string} events for the table {string} since the client started")
    public void betweenSince(int min, int max, String name, String table) {
        int n = newEvents(table, name);
        world.check(Requirement.REF_002, n >= min && n <= max, name + " events for \"" + table + "\" since the client started",
                "between " + min + " and " + max, n);
    }

    /** Every event counted, not a range: the refresh instant is probed one second either side of five minutes. */
    @Then("CloudTrail shows exactly {int} {string} event(s) for the table {string} since the client(s) started")
    public void exactlySince(int expected, String name, String table) {
        int n = newEvents(table, name);
        world.check(Requirement.REF_002, n == expected, name + " events for \"" + table + "\" since the client started at " + world.now(),
                expected, n);
    }

    @Given("KMS answers the target {int} milliseconds late")
    public void kmsLatency(int millis) {
        world.proxy().delay(millis);
    }

    /** KMS trouble during the next table-key refresh (the kit's reading: KMS trouble is not key loss, features/README.md). */
    @When("KMS answers the next {int} requests of the target with {kmsTrouble}")
    public void kmsTrouble(int count, KmsProxy.Injection trouble) {
        world.proxy().troubleNext(trouble, count);
    }

    @When("the KMS trouble ends")
    public void kmsTroubleEnds() {
        world.proxy().endTrouble();
    }

    @Then("a read from {string} by the client still succeeds despite the KMS trouble")
    public void readSucceedsDespiteTrouble(String table) {
        Outcome read = Outcome.of(() -> readOnce(table));
        world.check(Requirement.INA_002, read.isAccepted(), "read on the kept-alive connection while KMS is in trouble at its refresh",
                "accepted (served from the connection's table key)", read);
    }

    @Then("each of those requests took less than {int} milliseconds")
    public void fasterThan(int millis) {
        world.check(Requirement.CON_002, latencies.stream().allMatch(l -> l.toMillis() < millis), "latency of each request", "< " + millis + " ms",
                latencies.stream().map(Duration::toMillis).toList() + " ms");
    }

    @Then("each of those requests took at least {int} milliseconds")
    public void slowerThan(int millis) {
        world.check(Requirement.CON_002, latencies.stream().allMatch(l -> l.toMillis() >= millis), "latency of each request", ">= " + millis + " ms",
                latencies.stream().map(Duration::toMillis).toList() + " ms");
    }

    @Then("the KMS proxy saw at least {int} {string} requests")
    public void proxySaw(int min, String operation) {
        int n = world.proxy().count(operation);
        world.check(Requirement.CON_002, n >= min, operation + " requests through the KMS proxy", "at least " + min, n);
    }

}
