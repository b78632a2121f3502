package earkit.kit.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Instant;
import java.util.Optional;
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
    private int nextItem = 1000;

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

    private String write(String name, String region) {
        var item = Items.item(nextItem++, "replication probe");
        world.clients().dynamo(region).putItem(b -> b.tableName(world.table(name)).item(item));
        return item.get("pk").s();
    }

    private boolean present(String name, String region, String pk) {
        return world.clients().dynamo(region).getItem(b -> b.tableName(world.table(name))
                .key(Items.key(Items.item(Integer.parseInt(pk.substring(5)), ""))).consistentRead(true)).hasItem();
    }

    @Given("an item written to {string} in {string} is replicated to {string}")
    public void replicated(String name, String from, String to) {
        String pk = write(name, RegionNames.resolve(world, from));
        world.awaitSetUp("replication of " + pk + " to " + to, () -> present(name, RegionNames.resolve(world, to), pk), true);
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

    @Then("an item written to {string} in {string} does not reach {string}")
    public void notReplicated(String name, String from, String to) {
        String pk = write(name, RegionNames.resolve(world, from));
        // Replication is asynchronous; the Background showed that a replicated item arrives within the
        // profile's timeout, so absence right after the write is only meaningful on a synchronous target.
        world.check(Requirement.GTR_002, !present(name, RegionNames.resolve(world, to), pk), "item " + pk + " written in " + from,
                "absent from " + to, "replicated");
    }
}
