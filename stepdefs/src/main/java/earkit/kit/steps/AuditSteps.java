package earkit.kit.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudTrail (its event history, or a trail's CloudWatch Logs log group), the KMS request meter and notifications: what
 * the customer can see of DynamoDB's KMS use.
 */
public class AuditSteps {
    private final World world;
    private final CloudTrailLookup trail;
    private final TrailLogGroup logGroup;
    private final TableOps tables;
    private long notedRequests;

    public AuditSteps(World world, CloudTrailLookup trail, TrailLogGroup logGroup, TableOps tables) {
        this.world = world;
        this.trail = trail;
        this.logGroup = logGroup;
        this.tables = tables;
    }

    @Then("CloudTrail holds no KMS event for the table {string}")
    public void noEvents(String table) {
        String real = world.table(table);
        String arn = tables.describe(table).tableArn();
        List<JsonNode> mentioning = trail.kms().stream().filter(e -> CloudTrailLookup.names(e, real, arn)).toList();
        world.check(Requirement.OWN_003, mentioning.isEmpty(), "KMS events in CloudTrail for \"" + table + "\"", "none", mentioning);
    }

    @Then("CloudTrail shows DynamoDB generating an {string} data key under the key of {string}")
    public void generatesDataKey(String spec, String table) {
        String arn = tables.kmsKeyOf(table);
        List<JsonNode> events = trail.forTable(world.table(table), "GenerateDataKey");
        boolean all = !events.isEmpty() && events.stream().allMatch(e -> spec.equals(e.path("requestParameters").path("keySpec").asText())
                && arn.equals(CloudTrailLookup.keyArnOf(e)));
        world.check(Requirement.ENC_002, all, "GenerateDataKey events for \"" + table + "\"", "at least one, each with keySpec " + spec + " on " + arn,
                events);
    }

    @Then("CloudTrail shows at most {int} {string} event(s) for the table {string}")
    public void atMost(int max, String name, String table) {
        List<JsonNode> events = trail.forTable(world.table(table), name);
        world.check(Requirement.ENC_003, events.size() <= max, name + " events for \"" + table + "\"", "at most " + max, events.size());
    }

    @Then("{auditChannel} shows {string} and {string} events for the table {string}")
    public void shows(AuditChannel channel, String a, String b, String table) {
        List<JsonNode> ea = forTable(channel, table, a);
        List<JsonNode> eb = forTable(channel, table, b);
        world.check(Requirement.AUD_001, !ea.isEmpty() && !eb.isEmpty(), a + " and " + b + " events for \"" + table + "\" in " + channel,
                "at least one of each", ea.size() + " " + a + ", " + eb.size() + " " + b);
    }

    private List<JsonNode> forTable(AuditChannel channel, String table, String eventName) {
        return channel == AuditChannel.CLOUDTRAIL ? trail.forTable(world.table(table), eventName)
                : logGroup.dynamoDbCalls(account(tables.kmsKeyOf(table)), world.table(table), eventName);
    }

    /**
     * Every check is made on the events of the channel the step names; when the target declares the other channel as
     * well, that one must hold the very same events (by eventID) with the same judged fields, or a customer reading it
     * would see a different audit.
     */
    @Then("every KMS event DynamoDB caused for {string} in {auditChannel} names its key, was invoked by {string} and carries the encryption context of {string} where the operation takes one")
    public void everyEvent(String table, AuditChannel channel, String invokedBy, String contextTable) {
        String arn = tables.kmsKeyOf(table);
        String account = account(arn);
        Map<String, String> context = new TreeMap<>(Map.of("aws:dynamodb:tableName", world.table(contextTable),
                "aws:dynamodb:subscriberId", account));
        List<JsonNode> events = dynamoDbEvents(channel, table, arn);
        world.check(Requirement.AUD_001, !events.isEmpty(), "KMS events DynamoDB caused for \"" + table + "\" in " + channel, "at least one", "none");
        for (JsonNode e : events) {
            String name = e.path("eventName").asText();
            String what = name + " event " + e.path("eventID").asText();
            world.check(Requirement.AUD_001, arn.equals(CloudTrailLookup.keyArnOf(e)), what + ": key", arn, CloudTrailLookup.keyArnOf(e));
            world.check(Requirement.AUD_001, invokedBy.equals(e.path("userIdentity").path("invokedBy").asText(null)),
                    what + ": userIdentity.invokedBy", invokedBy, e.path("userIdentity"));
            if (CloudTrailLookup.TAKES_CONTEXT.contains(name)) {
                Map<String, String> observed = new TreeMap<>();
                e.path("requestParameters").path("encryptionContext").fields().forEachRemaining(f -> observed.put(f.getKey(), f.getValue().asText()));
                world.check(Requirement.AUD_002, context.equals(observed), what + ": encryption context", context, observed);
            }
        }
        if (world.target().capabilities().contains(channel.other().capability.wireName())) {
            Map<String, JsonNode> here = judged(events);
            Map<String, JsonNode> there = judged(dynamoDbEvents(channel.other(), table, arn));
            world.check(Requirement.AUD_001, here.equals(there), "KMS events DynamoDB caused for \"" + table + "\" in " + channel.other()
                    + " (eventID: eventName, userIdentity.invokedBy, key, requestParameters.encryptionContext)", "the same as in " + channel + ": "
                    + here, there);
        }
    }

    /**
     * The KMS events of the kinds DynamoDB sends for a table: on a customer managed key the scenario made, every one on
     * that key (the kit itself only created it); on the AWS managed key, which the account's other tables share, those
     * whose encryption context or grant constraint names the table.
     */
    private List<JsonNode> dynamoDbEvents(AuditChannel channel, String table, String keyArn) {
        String real = world.table(table);
        boolean scenariosOwnKey = world.tableKinds.get(table) == KeyKind.CUSTOMER_MANAGED;
        List<JsonNode> kms = channel == AuditChannel.CLOUDTRAIL ? trail.kms() : logGroup.kmsOperations(account(keyArn));
        return kms.stream()
                .filter(e -> CloudTrailLookup.DYNAMODB_OPERATIONS.contains(e.path("eventName").asText()))
                .filter(e -> keyArn.equals(CloudTrailLookup.keyArnOf(e)) || real.equals(CloudTrailLookup.tableOf(e)))
                .filter(e -> {
                    String named = CloudTrailLookup.contextTableOf(e);
                    return named == null ? scenariosOwnKey : named.equals(real);
                })
                .toList();
    }

    /** By eventID, what the audit requirements judge of each event. */
    private static Map<String, JsonNode> judged(List<JsonNode> events) {
        Map<String, JsonNode> byId = new TreeMap<>();
        for (JsonNode e : events) {
            ObjectNode j = ControlClient.JSON.createObjectNode();
            j.put("eventName", e.path("eventName").asText());
            j.put("invokedBy", e.path("userIdentity").path("invokedBy").asText(null));
            j.put("key", CloudTrailLookup.keyArnOf(e));
            j.set("encryptionContext", e.path("requestParameters").get("encryptionContext"));
            byId.put(e.path("eventID").asText(), j);
        }
        return byId;
    }

    private static String account(String keyArn) {
        return keyArn.split(":")[4];
    }

    @When("I query both indexes of {string} on a new connection")
    public void queryIndexes(String table) {
        var ddb = world.clients().dynamoOnNewConnections(world.tableRegion(table));
        ddb.query(b -> b.tableName(world.table(table)).indexName(TableOps.GSI).keyConditionExpression("gk = :g")
                .expressionAttributeValues(Map.of(":g", Items.s("group"))));
        ddb.query(b -> b.tableName(world.table(table)).indexName(TableOps.LSI).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", Items.s("item-1"))));
    }

    @Then("every KMS event for the table {string} names {string}")
    public void everyEventNames(String table, String key) {
        String arn = world.key(key).arn();
        List<JsonNode> events = trail.forTable(world.table(table));
        world.check(Requirement.IDX_001, !events.isEmpty(), "KMS events for \"" + table + "\"", "at least one", "none");
        for (JsonNode e : events) {
            world.check(Requirement.IDX_001, arn.equals(CloudTrailLookup.keyArnOf(e)), e.path("eventName").asText() + " event for \"" + table + "\": key",
                    arn, CloudTrailLookup.keyArnOf(e));
        }
    }

    @Given("I note the KMS request meter of the account")
    public void noteMeter() {
        notedRequests = requests(world.control().get("/_kit/kms/meter"));
    }

    @Then("the KMS request meter of the account has not moved")
    public void meterUnchanged() {
        JsonNode now = world.control().get("/_kit/kms/meter");
        world.check(Requirement.OWN_004, requests(now) == notedRequests, "billed KMS requests (GET /_kit/kms/meter)", notedRequests, now);
    }

    /** The sum of every "requests" count in the meter, however the target groups it (per key, per operation). */
    private static long requests(JsonNode meter) {
        long sum = 0;
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = meter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            sum += f.getKey().equals("requests") && f.getValue().isNumber() ? f.getValue().asLong() : requests(f.getValue());
        }
        for (JsonNode element : meter.isArray() ? meter : ControlClient.JSON.createArrayNode()) {
            sum += requests(element);
        }
        return sum;
    }

    @Then("a notification names the table {string} and {string}")
    public void notified(String table, String key) {
        String real = world.table(table);
        String arn = world.key(key).arn();
        JsonNode all = world.control().get("/_kit/notifications");
        JsonNode list = all.isArray() ? all : all.path("notifications");
        boolean found = false;
        for (JsonNode n : list) {
            found |= real.equals(n.path("tableName").asText()) && arn.equals(n.path("kmsKeyArn").asText());
        }
        world.check(Requirement.INA_003, found, "notifications (GET /_kit/notifications)", "one with tableName " + real + " and kmsKeyArn " + arn, all);
    }
}
