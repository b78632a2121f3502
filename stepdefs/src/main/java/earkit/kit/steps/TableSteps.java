package earkit.kit.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Tables: creation with a key kind, key switches, items, status. */
public class TableSteps {
    private static final Duration CLOCK_STEP = Duration.ofSeconds(1);
    private final World world;
    private final TableOps tables;
    private final KeyOps keys;

    public TableSteps(World world, TableOps tables, KeyOps keys) {
        this.world = world;
        this.tables = tables;
        this.keys = keys;
    }

    @When("I create the table {string} with no SSE specification")
    public void createWithoutSpecification(String name) {
        tables.create(name, world.region(), tables.request(name, false).build());
    }

    @When("I create the table {string} with SSE specification disabled")
    public void createWithSpecificationDisabled(String name) {
        tables.create(name, TableOps.spec(KeyKind.AWS_OWNED, null), false);
    }

    @Given("the table {string} encrypted with the {keyKind} key")
    @When("I create the table {string} encrypted with the {keyKind} key")
    public void createWithKind(String name, KeyKind kind) {
        tables.create(name, tables.spec(kind), false);
    }

    @Given("the table {string} encrypted with {string}")
    @When("I create the table {string} encrypted with {string}")
    public void createWithKey(String name, String key) {
        tables.create(name, TableOps.spec(KeyKind.CUSTOMER_MANAGED, world.key(key).arn()), false);
    }

    @Given("the table {string} with a local secondary index, a global secondary index and a stream, encrypted with {string}")
    public void createWithIndexes(String name, String key) {
        tables.create(name, TableOps.spec(KeyKind.CUSTOMER_MANAGED, world.key(key).arn()), true);
    }

    @Given("the table {string} with a local secondary index, a global secondary index and a stream, encrypted with the {keyKind} key")
    public void createWithIndexesAndKind(String name, KeyKind kind) {
        tables.create(name, tables.spec(kind), true);
    }

    @When("I create the table {string} encrypted with {string} named by its {identifierForm}")
    public void createWithKeyNamedBy(String name, String key, KeyIdentifierForm form) {
        String id = switch (form) {
            case KEY_ID -> world.key(key).keyId();
            case KEY_ARN -> world.key(key).arn();
            case ALIAS_NAME -> keys.aliasOf(key);
            case ALIAS_ARN -> keys.aliasArn(key);
        };
        tables.create(name, TableOps.spec(KeyKind.CUSTOMER_MANAGED, id), false);
    }

    @When("I try to create the table {string} encrypted with a customer managed key that does not exist")
    public void createWithMissingKey(String name) {
        tryCreate(name, TableOps.spec(KeyKind.CUSTOMER_MANAGED, UUID.randomUUID().toString()));
    }

    @When("I try to create the table {string} with SSE type {string}")
    public void createWithSseType(String name, String type) {
        tryCreate(name, SSESpecification.builder().enabled(true).sseType(SSEType.fromValue(type)).build());
    }

    private void tryCreate(String name, SSESpecification sse) {
        world.tableRegions.put(name, world.region());
        world.lastOutcome = Outcome.of(() -> world.dynamo().createTable(tables.request(name, false).sseSpecification(sse).build()));
    }

    /** HTTP 400 and, since any 400 would do for the feature, one of the codes the catalogue accepts for the requirement. */
    @Then("DynamoDB refuses the request with HTTP status {int}")
    public void refusedWithStatus(int status) {
        if (status != 400) {
            throw new IllegalStateException("A documented refusal is HTTP 400; the feature asks for " + status);
        }
        world.checkRefused(world.judged(Requirement.CMK_003), world.lastOutcome, "DynamoDB's answer to CreateTable");
    }

    @Then("DynamoDB refuses the request with error code {string}")
    public void refusedWithCode(String code) {
        Requirement r = world.judged(Requirement.SSE_002, Requirement.SSE_003, Requirement.SSE_005);
        if (!r.acceptedErrors().contains(code)) {
            throw new IllegalStateException("The feature expects " + code + " for " + r + ", the catalogue accepts " + r.acceptedErrors());
        }
        world.check(r, world.lastOutcome.refusedWith(400, List.of(code)), "DynamoDB's answer", "a refusal with HTTP 400 and " + code,
                world.lastOutcome);
    }

    @Then("the table {string} does not exist")
    public void doesNotExist(String name) {
        Outcome described = Outcome.of(() -> tables.describe(name));
        world.check(Requirement.CMK_003, described.refusedWith(400, List.of("ResourceNotFoundException")),
                "DescribeTable of \"" + name + "\"", "ResourceNotFoundException (no table)", described.isAccepted()
                        ? "a table in status " + tables.describe(name).tableStatusAsString() : described);
    }

    @Then("the table {string} is encrypted with the {keyKind} key")
    public void encryptedWithKind(String name, KeyKind kind) {
        Requirement r = world.judged(Requirement.SSE_001, Requirement.OWN_001);
        SSEDescription sse = tables.describe(name).sseDescription();
        switch (kind) {
            case AWS_OWNED -> world.check(r, sse == null, "SSEDescription of \"" + name + "\" (AWS owned key)", "none", sse);
            case AWS_MANAGED -> assertSse(r, name, "ENABLED", "KMS", keys.awsManagedKeyArn());
            case CUSTOMER_MANAGED -> assertSse(r, name, "ENABLED", "KMS", world.defaultCustomerKey().arn());
        }
    }

    @Then("the table {string} reports SSE status {string}, type {string} and the ARN of the AWS managed key")
    public void reportsManagedKey(String name, String status, String type) {
        assertSse(Requirement.MAN_001, name, status, type, keys.awsManagedKeyArn());
    }

    @Then("the table {string} reports SSE status {string}, type {string} and the ARN of {string}")
    public void reportsKey(String name, String status, String type, String key) {
        assertSse(world.judged(Requirement.CMK_001, Requirement.SSE_001, Requirement.ROT_006), name, status, type, world.key(key).arn());
    }

    private void assertSse(Requirement r, String name, String status, String type, String arn) {
        SSEDescription sse = tables.describe(name).sseDescription();
        String observed = sse == null ? "no SSEDescription"
                : sse.statusAsString() + ", " + sse.sseTypeAsString() + ", " + sse.kmsMasterKeyArn();
        world.check(r, sse != null && status.equals(sse.statusAsString()) && type.equals(sse.sseTypeAsString())
                && arn.equals(sse.kmsMasterKeyArn()), "SSEDescription of \"" + name + "\"", status + ", " + type + ", " + arn, observed);
    }

    @Then("the tables {string} and {string} report the same KMS key ARN")
    public void sameKey(String a, String b) {
        String ka = tables.keyArn(a);
        String kb = tables.keyArn(b);
        world.check(Requirement.MAN_003, ka != null && ka.equals(kb), "SSEDescription.KMSMasterKeyArn of \"" + a + "\" and \"" + b + "\"",
                "one key ARN reported by both tables", "\"" + a + "\": " + ka + ", \"" + b + "\": " + kb);
    }

    @Then("the table {string} reports the key that {string} targets")
    public void reportsAliasTarget(String name, String alias) {
        String target = keys.describe(alias).arn();
        String reported = tables.keyArn(name);
        world.check(Requirement.MAN_002, target.equals(reported), "KMS key of \"" + name + "\"", target, reported);
    }

    @When("I write {int} item(s) to {string}")
    @When("I write {int} more items to {string}")
    public void write(int count, String name) {
        tables.write(name, count);
    }

    @Then("an item written to {string} reads back unchanged")
    public void oneItemRoundTrip(String name) {
        int expected = world.writtenTo(name).size() + 1;
        tables.write(name, 1);
        tables.assertReadBack(name, name, expected, world.clients().dynamo(world.tableRegion(name)));
    }

    @Then("an item holding every attribute type reads back unchanged from {string}")
    public void everyTypeRoundTrip(String name) {
        DynamoDbClient ddb = world.clients().dynamo(world.tableRegion(name));
        Map<String, AttributeValue> item = Items.everyType();
        ddb.putItem(b -> b.tableName(world.table(name)).item(item));
        Map<String, AttributeValue> read = ddb.getItem(b -> b.tableName(world.table(name)).key(Items.key(item)).consistentRead(true)).item();
        world.check(Requirement.ENC_004, Items.canonical(item).equals(Items.canonical(read)),
                "an item holding every attribute type read back from \"" + name + "\"", item, read);
    }

    @Then("the {int} items written to {string} read back unchanged")
    public void readBack(int count, String name) {
        tables.assertReadBack(name, name, count, world.clients().dynamo(world.tableRegion(name)));
    }

    @Then("the {int} items written to {string} read back unchanged on a new connection")
    public void readBackOnNewConnection(int count, String name) {
        tables.assertReadBack(name, name, count, world.clients().dynamoOnNewConnections(world.tableRegion(name)));
    }

    @Then("the {int} items written to {string} read back unchanged from {string}")
    public void readBackFrom(int count, String source, String restored) {
        tables.assertReadBack(source, restored, count, world.clients().dynamoOnNewConnections(world.tableRegion(restored)));
    }

    @When("I read {int} item(s) from {string}")
    public void read(int count, String name) {
        readWith(count, name, world.clients().dynamo(world.tableRegion(name)));
    }

    @When("I read {int} item(s) from {string} on a new connection")
    public void readOnNewConnection(int count, String name) {
        readWith(count, name, world.clients().dynamoOnNewConnections(world.tableRegion(name)));
    }

    private void readWith(int count, String name, DynamoDbClient ddb) {
        List<Map<String, AttributeValue>> items = world.writtenTo(name);
        for (int i = 0; i < count; i++) {
            var item = items.get(i % items.size());
            ddb.getItem(b -> b.tableName(world.table(name)).key(Items.key(item)));
        }
    }

    @When("I switch the table {string} to the {keyKind} key")
    public void switchToKind(String name, KeyKind kind) {
        switchTo(name, tables.spec(kind));
    }

    @When("I switch the table {string} to {string}")
    public void switchToKey(String name, String key) {
        switchTo(name, TableOps.spec(KeyKind.CUSTOMER_MANAGED, world.key(key).arn()));
    }

    void switchTo(String name, SSESpecification sse) {
        world.lastOutcome = Outcome.of(() -> world.clients().dynamo(world.tableRegion(name))
                .updateTable(b -> b.tableName(world.table(name)).sseSpecification(sse)));
    }

    /** A key switch that is refused or never completes is evidence against EAR-SSE-001, whatever scenario switches. */
    @When("the table {string} finishes updating")
    public void finishesUpdating(String name) {
        world.check(Requirement.SSE_001, world.lastOutcome.isAccepted(), "UpdateTable of \"" + name + "\"", "accepted",
                world.lastOutcome);
        tables.awaitUpdated(Requirement.SSE_001, name);
    }

    @When("I switch the table {string} between {string} and {string} {int} times, one hour apart")
    public void switchRepeatedly(String name, String first, String second, int times) {
        for (int i = 1; i <= times; i++) {
            world.control().advance(java.time.Duration.ofHours(1));
            switchToKey(name, i % 2 == 1 ? first : second);
            if (i < times) {
                world.check(Requirement.SSE_003, world.lastOutcome.isAccepted(), "key switch " + i + " of " + times, "accepted",
                        world.lastOutcome);
            }
            if (world.lastOutcome.isAccepted()) {
                tables.awaitUpdated(Requirement.SSE_003, name);
            }
        }
    }

    @Then("the last switch is accepted")
    public void lastSwitchAccepted() {
        world.check(world.judged(Requirement.SSE_004, Requirement.SSE_005, Requirement.SSE_003), world.lastOutcome.isAccepted(),
                "the last key switch", "accepted", world.lastOutcome);
    }

    @Then("the last switch is refused with error code {string}")
    public void lastSwitchRefused(String code) {
        refusedWithCode(code);
    }

    @Then("the table {string} has status {string}")
    public void hasStatus(String name, String status) {
        String observed = tables.describe(name).tableStatusAsString();
        world.check(Requirement.INA_002, status.equals(observed), "status of table \"" + name + "\"", status, observed);
    }

    @When("DynamoDB detects that the key of {string} is inaccessible")
    public void detect(String name) {
        tables.detectInaccessible(name);
    }

    @When("DynamoDB uses the key of {string} again")
    public void useKeyAgain(String name) {
        world.log("read while recovering: " + tables.makeDynamoDbCallKms(name, world.tableRegion(name)));
    }

    @Then("the table {string} becomes {string}")
    public void becomes(String name, String status) {
        tables.awaitStatus(world.judged(Requirement.INA_004, Requirement.INA_007), name, TableStatus.fromValue(status));
    }

    /** Inaccessible (EAR-INA-001) or archived (EAR-INA-005): refused as documented, and never "not found". */
    @Then("reading {string} fails for every user")
    public void readingFails(String name) {
        everyUser(name, ddb -> ddb.getItem(b -> b.tableName(world.table(name)).key(Items.key(Items.item(1, "")))), "GetItem");
    }

    @Then("writing to {string} fails for every user")
    public void writingFails(String name) {
        everyUser(name, ddb -> ddb.putItem(b -> b.tableName(world.table(name)).item(Items.item(999, "must not be stored"))), "PutItem");
    }

    private void everyUser(String name, java.util.function.Consumer<DynamoDbClient> call, String operation) {
        Requirement r = world.judged(Requirement.INA_001, Requirement.INA_005);
        String region = world.tableRegion(name);
        List<software.amazon.awssdk.auth.credentials.AwsCredentialsProvider> users = new java.util.ArrayList<>();
        users.add(world.session().credentials());
        world.session().otherUser().ifPresent(users::add);
        for (var user : users) {
            DynamoDbClient ddb = world.clients().newDynamo(region, ConnectionMode.NEW_PER_REQUEST, user);
            Outcome outcome = Outcome.of(() -> call.accept(ddb));
            world.checkRefused(r, outcome, operation + " on \"" + name + "\" by " + user.resolveCredentials().accessKeyId());
        }
    }

    @Then("the table {string} records when the key was found inaccessible")
    public void recordsDetection(String name) {
        SSEDescription sse = tables.describe(name).sseDescription();
        Instant at = sse == null ? null : sse.inaccessibleEncryptionDateTime();
        Instant[] window = world.detectionWindow;
        // The detection lies between the key's withdrawal and the kit seeing the table inaccessible, give or take
        // the one-second resolution of the timestamp on the wire.
        boolean inWindow = at != null && (window == null || (!at.isBefore(window[0].minus(CLOCK_STEP))
                && !at.isAfter(window[1].plus(CLOCK_STEP))));
        world.check(Requirement.INA_002, inWindow, "SSEDescription.InaccessibleEncryptionDateTime of \"" + name + "\"",
                window == null ? "the detection time" : "the detection time, between " + window[0] + " and " + window[1], sse);
    }

    /** KMS trouble is not key loss (the kit's reading, features/README.md): no status change, no seven days started. */
    @Then("the table {string} is still accessible")
    public void stillAccessible(String name) {
        TableDescription d = tables.describe(name);
        SSEDescription sse = d.sseDescription();
        world.check(Requirement.INA_002, d.tableStatus() == TableStatus.ACTIVE && sse != null && sse.inaccessibleEncryptionDateTime() == null,
                "status and SSEDescription of \"" + name + "\"", "ACTIVE without InaccessibleEncryptionDateTime",
                d.tableStatusAsString() + ", " + sse);
    }

    @Then("the table {string} no longer records an inaccessible key")
    public void noDetectionRecorded(String name) {
        SSEDescription sse = tables.describe(name).sseDescription();
        world.check(Requirement.INA_004, sse != null && sse.inaccessibleEncryptionDateTime() == null,
                "SSEDescription.InaccessibleEncryptionDateTime of \"" + name + "\"", "cleared", sse);
    }

    @Then("the table {string} is inaccessible, not archived")
    public void inaccessibleNotArchived(String name) {
        TableDescription d = tables.describe(name);
        world.check(Requirement.INA_005, d.tableStatus() == TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS && d.archivalSummary() == null,
                "status of table \"" + name + "\"", "INACCESSIBLE_ENCRYPTION_CREDENTIALS without ArchivalSummary",
                d.tableStatusAsString() + ", " + d.archivalSummary());
    }

    @Then("the table {string} is archived")
    public void archived(String name) {
        tables.awaitStatus(Requirement.INA_005, name, TableStatus.ARCHIVED);
        TableDescription d = tables.describe(name);
        world.check(Requirement.INA_005, d.archivalSummary() != null && "INACCESSIBLE_ENCRYPTION_CREDENTIALS".equals(d.archivalSummary().archivalReason())
                && d.archivalSummary().archivalBackupArn() != null, "ArchivalSummary of \"" + name + "\"",
                "reason INACCESSIBLE_ENCRYPTION_CREDENTIALS and a backup ARN", d.archivalSummary());
    }
}
