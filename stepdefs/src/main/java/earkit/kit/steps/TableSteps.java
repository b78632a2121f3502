package earkit.kit.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Tables: creation with a key kind, key switches, items, status. */
public class TableSteps {
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
    public void createWithKeyNamedBy(String name, String key, String form) {
        String id = switch (form) {
            case "key ID" -> world.key(key).keyId();
            case "key ARN" -> world.key(key).arn();
            case "alias name" -> keys.aliasOf(key);
            default -> keys.aliasArn(key);
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
        world.lastError = null;
        try {
            world.tableRegions.put(name, world.region());
            world.dynamo().createTable(tables.request(name, false).sseSpecification(sse).build());
        } catch (AwsServiceException e) {
            world.lastError = e;
        }
    }

    @Then("DynamoDB refuses the request with HTTP status {int}")
    public void refusedWithStatus(int status) {
        world.check(world.lastError instanceof AwsServiceException e && e.statusCode() == status,
                "DynamoDB's answer", "an error with HTTP status " + status, describeOutcome());
    }

    @Then("DynamoDB refuses the request with error code {string}")
    public void refusedWithCode(String code) {
        world.check(world.lastError instanceof AwsServiceException e && code.equals(e.awsErrorDetails().errorCode()),
                "DynamoDB's answer", code, describeOutcome());
    }

    private String describeOutcome() {
        if (world.lastError instanceof AwsServiceException e) {
            return e.awsErrorDetails().errorCode() + " (HTTP " + e.statusCode() + "): " + e.awsErrorDetails().errorMessage();
        }
        return world.lastError == null ? "success" : world.lastError.toString();
    }

    @Then("the table {string} does not exist")
    public void doesNotExist(String name) {
        try {
            TableDescription d = tables.describe(name);
            throw world.failure("table \"" + name + "\"", "no table", "a table in status " + d.tableStatusAsString());
        } catch (ResourceNotFoundException expected) {
            // the table was never created
        }
    }

    @Then("the table {string} is encrypted with the {keyKind} key")
    public void encryptedWithKind(String name, KeyKind kind) {
        SSEDescription sse = tables.describe(name).sseDescription();
        switch (kind) {
            case AWS_OWNED -> world.check(sse == null, "SSEDescription of \"" + name + "\" (AWS owned key)", "none", sse);
            case AWS_MANAGED -> assertSse(name, "ENABLED", "KMS", keys.awsManagedKeyArn());
            case CUSTOMER_MANAGED -> assertSse(name, "ENABLED", "KMS", world.defaultCustomerKey().arn());
        }
    }

    @Then("the table {string} reports SSE status {string}, type {string} and the ARN of the AWS managed key")
    public void reportsManagedKey(String name, String status, String type) {
        assertSse(name, status, type, keys.awsManagedKeyArn());
    }

    @Then("the table {string} reports SSE status {string}, type {string} and the ARN of {string}")
    public void reportsKey(String name, String status, String type, String key) {
        assertSse(name, status, type, world.key(key).arn());
    }

    private void assertSse(String name, String status, String type, String arn) {
        SSEDescription sse = tables.describe(name).sseDescription();
        String observed = sse == null ? "no SSEDescription"
                : sse.statusAsString() + ", " + sse.sseTypeAsString() + ", " + sse.kmsMasterKeyArn();
        world.check(sse != null && status.equals(sse.statusAsString()) && type.equals(sse.sseTypeAsString())
                && arn.equals(sse.kmsMasterKeyArn()), "SSEDescription of \"" + name + "\"", status + ", " + type + ", " + arn, observed);
    }

    @Then("the tables {string} and {string} report the same KMS key ARN")
    public void sameKey(String a, String b) {
        String ka = tables.keyArn(a);
        world.check(ka != null && ka.equals(tables.keyArn(b)), "KMS key of \"" + b + "\"", ka, tables.keyArn(b));
    }

    @Then("the table {string} reports the key that {string} targets")
    public void reportsAliasTarget(String name, String alias) {
        String target = keys.describe(alias).arn();
        world.check(target.equals(tables.keyArn(name)), "KMS key of \"" + name + "\"", target, tables.keyArn(name));
    }

    @When("I write {int} item(s) to {string}")
    @When("I write {int} more items to {string}")
    public void write(int count, String name) {
        tables.write(name, count);
    }

    @Then("an item written to {string} reads back unchanged")
    public void oneItemRoundTrip(String name) {
        tables.write(name, 1);
        tables.assertReadBack(name, name, world.writtenTo(name).size(), world.clients().dynamo(world.tableRegion(name)));
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
        world.lastError = null;
        try {
            world.clients().dynamo(world.tableRegion(name)).updateTable(b -> b.tableName(world.table(name)).sseSpecification(sse));
        } catch (AwsServiceException e) {
            world.lastError = e;
        }
    }

    @When("the table {string} finishes updating")
    public void finishesUpdating(String name) {
        world.check(world.lastError == null, "UpdateTable of \"" + name + "\"", "accepted", describeOutcome());
        tables.awaitUpdated(name);
    }

    @When("I switch the table {string} between {string} and {string} {int} times, one hour apart")
    public void switchRepeatedly(String name, String first, String second, int times) {
        for (int i = 1; i <= times; i++) {
            world.control().advance(java.time.Duration.ofHours(1));
            switchToKey(name, i % 2 == 1 ? first : second);
            if (i < times) {
                world.check(world.lastError == null, "key switch " + i + " of " + times, "accepted", describeOutcome());
            }
            if (world.lastError == null) {
                tables.awaitUpdated(name);
            }
        }
    }

    @Then("the last switch is accepted")
    public void lastSwitchAccepted() {
        world.check(world.lastError == null, "the last key switch", "accepted", describeOutcome());
    }

    @Then("the last switch is refused with error code {string}")
    public void lastSwitchRefused(String code) {
        refusedWithCode(code);
    }

    @Then("the table {string} has status {string}")
    public void hasStatus(String name, String status) {
        String observed = tables.describe(name).tableStatusAsString();
        world.check(status.equals(observed), "status of table \"" + name + "\"", status, observed);
    }

    @When("DynamoDB detects that the key of {string} is inaccessible")
    public void detect(String name) {
        tables.detectInaccessible(name);
    }

    /** A read on a new connection has no cached table key, so DynamoDB must ask KMS; its outcome does not matter here. */
    @When("DynamoDB uses the key of {string} again")
    public void useKeyAgain(String name) {
        try {
            world.clients().dynamoOnNewConnections(world.tableRegion(name)).getItem(b -> b.tableName(world.table(name))
                    .key(Items.key(Items.item(1, ""))));
        } catch (AwsServiceException ignored) {
            world.log("read while recovering: " + ignored.awsErrorDetails().errorCode());
        }
    }

    @Then("the table {string} becomes {string}")
    public void becomes(String name, String status) {
        tables.awaitStatus(name, TableStatus.fromValue(status));
    }

    @Then("reading {string} fails for every user")
    public void readingFails(String name) {
        everyUser(name, ddb -> ddb.getItem(b -> b.tableName(world.table(name)).key(Items.key(Items.item(1, "")))), "GetItem");
    }

    @Then("writing to {string} fails for every user")
    public void writingFails(String name) {
        everyUser(name, ddb -> ddb.putItem(b -> b.tableName(world.table(name)).item(Items.item(999, "must not be stored"))), "PutItem");
    }

    private void everyUser(String name, java.util.function.Consumer<DynamoDbClient> call, String operation) {
        String region = world.tableRegion(name);
        List<software.amazon.awssdk.auth.credentials.AwsCredentialsProvider> users = new java.util.ArrayList<>();
        users.add(world.session().credentials());
        world.session().otherUser().ifPresent(users::add);
        for (var user : users) {
            DynamoDbClient ddb = world.clients().newDynamo(region, ConnectionMode.NEW_PER_REQUEST, user);
            try {
                call.accept(ddb);
                throw world.failure(operation + " on \"" + name + "\" by " + user.resolveCredentials().accessKeyId(),
                        "an error", "success");
            } catch (AwsServiceException expected) {
                world.log(operation + " refused: " + expected.awsErrorDetails().errorCode());
            }
        }
    }

    @Then("the table {string} records when the key was found inaccessible")
    public void recordsDetection(String name) {
        SSEDescription sse = tables.describe(name).sseDescription();
        world.check(sse != null && sse.inaccessibleEncryptionDateTime() != null,
                "SSEDescription.InaccessibleEncryptionDateTime of \"" + name + "\"", "the detection time", sse);
    }

    @Then("the table {string} no longer records an inaccessible key")
    public void noDetectionRecorded(String name) {
        SSEDescription sse = tables.describe(name).sseDescription();
        world.check(sse != null && sse.inaccessibleEncryptionDateTime() == null,
                "SSEDescription.InaccessibleEncryptionDateTime of \"" + name + "\"", "cleared", sse);
    }

    @Then("the table {string} is inaccessible, not archived")
    public void inaccessibleNotArchived(String name) {
        TableDescription d = tables.describe(name);
        world.check(d.tableStatus() == TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS && d.archivalSummary() == null,
                "status of table \"" + name + "\"", "INACCESSIBLE_ENCRYPTION_CREDENTIALS without ArchivalSummary",
                d.tableStatusAsString() + ", " + d.archivalSummary());
    }

    @Then("the table {string} is archived")
    public void archived(String name) {
        tables.awaitStatus(name, TableStatus.ARCHIVED);
        TableDescription d = tables.describe(name);
        world.check(d.archivalSummary() != null && "INACCESSIBLE_ENCRYPTION_CREDENTIALS".equals(d.archivalSummary().archivalReason())
                && d.archivalSummary().archivalBackupArn() != null, "ArchivalSummary of \"" + name + "\"",
                "reason INACCESSIBLE_ENCRYPTION_CREDENTIALS and a backup ARN", d.archivalSummary());
    }
}
