package earkit.kit.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.Tag;

/** KMS keys: customer managed keys, the AWS managed key, aliases, state changes, rotation, grants. */
public class KeySteps {
    private final World world;
    private final KeyOps keys;
    private final TableOps tables;
    private KeyMetadata described;
    private java.util.Set<String> notedKeys;
    private java.util.Set<String> notedAliases;
    private Instant rotationEnabledAt;
    /** What the customer can read of a key before a change KMS must refuse: policy, tags and rotation, compared after. */
    private Map<String, Object> beforeRefusedChange;

    public KeySteps(World world, KeyOps keys, TableOps tables) {
        this.world = world;
        this.keys = keys;
        this.tables = tables;
    }

    @Given("a customer managed key {string}")
    public void customerKey(String name) {
        keys.create(name, world.region());
    }

    @Given("customer managed keys {string} and {string}")
    public void customerKeys(String a, String b) {
        keys.create(a, world.region());
        keys.create(b, world.region());
    }

    @Given("a customer managed key {string} in {string}")
    public void customerKeyIn(String name, String region) {
        keys.create(name, RegionNames.resolve(world, region));
    }

    @Given("a customer managed key {string} with the alias {string}")
    public void customerKeyWithAlias(String name, String alias) {
        keys.create(name, world.region());
        keys.createAlias(name, alias);
    }

    @Given("the account has no AWS managed key for DynamoDB")
    public void noManagedKey() {
        AliasListEntry alias = keys.aliases().stream().filter(a -> a.aliasName().equals(KeyOps.AWS_MANAGED_ALIAS))
                .findFirst().orElse(null);
        if (alias != null && alias.targetKeyId() != null) {
            throw world.setUpFailure("alias/aws/dynamodb before the first table (the target declares fresh-account)",
                    "absent or without a target key", alias);
        }
    }

    @Then("the alias {string} targets a key")
    public void aliasTargets(String alias) {
        AliasListEntry a = keys.aliases().stream().filter(e -> e.aliasName().equals(alias)).findFirst().orElse(null);
        world.check(Requirement.MAN_002, a != null && a.targetKeyId() != null, "alias " + alias, "an alias with a TargetKeyId", a);
    }

    @When("I describe the KMS key of the table {string}")
    public void describeTableKey(String table) {
        described = keys.describe(tables.kmsKeyOf(table));
    }

    @Then("the key is managed by {string} and is in state {string}")
    public void describedKeyIs(String manager, String state) {
        world.check(Requirement.MAN_004, manager.equals(described.keyManagerAsString()) && state.equals(described.keyStateAsString()),
                "KeyManager and KeyState of " + described.arn(), manager + ", " + state,
                described.keyManagerAsString() + ", " + described.keyStateAsString());
    }

    @Then("the key policy of that key can be read and allows the DynamoDB service to use it")
    public void policyReadable() {
        String policy = world.kms().getKeyPolicy(b -> b.keyId(described.keyId()).policyName("default")).policy();
        String region = described.arn().split(":")[3];
        List<String> problems = Policies.dynamoDbUseProblems(policy, described.awsAccountId(), region);
        world.check(Requirement.MAN_004, problems.isEmpty(), "key policy of " + described.arn(),
                "an Allow statement for the account's principals of " + Policies.DYNAMODB_ACTIONS + " with kms:CallerAccount "
                        + described.awsAccountId() + " and kms:ViaService dynamodb." + region + ".amazonaws.com",
                problems + " in " + policy);
    }

    @When("I try to {managementOperation} the KMS key of the table {string}")
    public void tryToManage(KeyManagementOperation operation, String table) {
        String arn = tables.kmsKeyOf(table);
        KmsClient kms = world.kms();
        beforeRefusedChange = readable(arn);
        // read before the attempt, so that a policy the target wrongly lets the customer replace can be put back; a
        // refused read is EAR-MAN-004's to judge, not this scenario's
        String policy = null;
        if (operation == KeyManagementOperation.REPLACE_POLICY) {
            try {
                policy = kms.getKeyPolicy(b -> b.keyId(arn).policyName("default")).policy();
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                world.log("the policy of " + arn + " could not be read before the attempt: " + e.getMessage());
            }
        }
        String before = policy;
        attempt(() -> {
            switch (operation) {
                case DISABLE -> kms.disableKey(b -> b.keyId(arn));
                case SCHEDULE_DELETION -> kms.scheduleKeyDeletion(b -> b.keyId(arn).pendingWindowInDays(7));
                case REPLACE_POLICY -> kms.putKeyPolicy(b -> b.keyId(arn).policyName("default")
                        .policy(Policies.fullControl(arn.split(":")[4])));
                case DISABLE_ROTATION -> kms.disableKeyRotation(b -> b.keyId(arn));
                case TAG -> kms.tagResource(b -> b.keyId(arn).tags(Tag.builder().tagKey("owner").tagValue("me").build()));
            }
        });
        if (world.lastOutcome.isAccepted()) {
            // The AWS managed key is the account's: on a shared target the change would reach every later scenario.
            world.restorations.add(new World.Restoration("AWS managed key " + arn + " not restored after '" + operation + "'", () -> {
                switch (operation) {
                    case DISABLE -> kms.enableKey(b -> b.keyId(arn));
                    case SCHEDULE_DELETION -> {
                        kms.cancelKeyDeletion(b -> b.keyId(arn));
                        kms.enableKey(b -> b.keyId(arn));
                    }
                    case REPLACE_POLICY -> {
                        if (before != null) {
                            kms.putKeyPolicy(b -> b.keyId(arn).policyName("default").policy(before));
                        }
                    }
                    case DISABLE_ROTATION -> kms.enableKeyRotation(b -> b.keyId(arn));
                    case TAG -> kms.untagResource(b -> b.keyId(arn).tagKeys("owner"));
                }
            }));
        }
    }

    @When("I try to rotate the KMS key of the table {string} on demand")
    public void tryRotateTableKey(String table) {
        String arn = tables.kmsKeyOf(table);
        attempt(() -> world.kms().rotateKeyOnDemand(b -> b.keyId(arn)));
    }

    private void attempt(Runnable call) {
        world.lastOutcome = Outcome.of(call);
    }

    @Then("KMS refuses the request")
    public void kmsRefuses() {
        world.checkRefused(world.judged(Requirement.MAN_005, Requirement.ROT_005), world.lastOutcome, "KMS's answer");
    }

    @Then("the key of the table {string} is still enabled and managed by {string}")
    public void stillEnabled(String table, String manager) {
        KeyMetadata k = keys.describe(tables.kmsKeyOf(table));
        world.check(Requirement.MAN_005, k.keyState() == KeyState.ENABLED && manager.equals(k.keyManagerAsString()), "key of \"" + table + "\"",
                "Enabled, " + manager, k.keyStateAsString() + ", " + k.keyManagerAsString());
        if (beforeRefusedChange != null) {
            Map<String, Object> now = readable(k.arn());
            for (String part : beforeRefusedChange.keySet()) {
                world.check(Requirement.MAN_005, beforeRefusedChange.get(part).equals(now.get(part)), part + " of " + k.arn()
                        + " after the refused request", beforeRefusedChange.get(part), now.get(part));
            }
        }
    }

    /** The key policy (parsed, so that layout does not count), the tags and the rotation status of a key. */
    private Map<String, Object> readable(String arn) {
        KmsClient kms = world.kms();
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        String policy = kms.getKeyPolicy(b -> b.keyId(arn).policyName("default")).policy();
        try {
            state.put("key policy", ControlClient.JSON.readTree(policy));
        } catch (java.io.IOException notJson) {
            state.put("key policy", policy);
        }
        Map<String, String> tags = new java.util.TreeMap<>();
        kms.listResourceTagsPaginator(b -> b.keyId(arn)).tags().forEach(t -> tags.put(t.tagKey(), t.tagValue()));
        state.put("tags", tags);
        GetKeyRotationStatusResponse rotation = kms.getKeyRotationStatus(b -> b.keyId(arn));
        state.put("rotation", rotation.keyRotationEnabled() + ", every " + rotation.rotationPeriodInDays() + " days");
        return state;
    }

    @Then("{string} is managed by {string}")
    public void managedBy(String key, String manager) {
        KeyMetadata k = keys.describe(world.key(key).arn());
        world.check(Requirement.CMK_002, manager.equals(k.keyManagerAsString()), "KeyManager of " + key, manager, k.keyManagerAsString());
    }

    @Then("I can put a new key policy on {string}")
    public void putPolicy(String key) {
        KeyMetadata k = world.key(key);
        must("PutKeyPolicy", () -> keys.kmsOf(key).putKeyPolicy(b -> b.keyId(k.keyId()).policyName("default")
                .policy(Policies.fullControl(k.awsAccountId()))));
    }

    @Then("I can create a grant on {string}")
    public void createGrant(String key) {
        KeyMetadata k = world.key(key);
        must("CreateGrant", () -> keys.kmsOf(key).createGrant(b -> b.keyId(k.keyId())
                .granteePrincipal("arn:aws:iam::" + k.awsAccountId() + ":root").operations(GrantOperation.DECRYPT)));
    }

    @Then("I can tag {string}")
    public void tag(String key) {
        must("TagResource", () -> keys.kmsOf(key).tagResource(b -> b.keyId(world.key(key).keyId())
                .tags(Tag.builder().tagKey("owner").tagValue("earkit").build())));
    }

    @Then("I can create the alias {string} for {string}")
    public void alias(String alias, String key) {
        must("CreateAlias", () -> keys.createAlias(key, alias));
    }

    @Then("I can enable automatic rotation of {string} every {int} days")
    public void canEnableRotation(String key, int days) {
        must("EnableKeyRotation", () -> enableRotation(key, days));
    }

    @Then("I can disable and re-enable {string}")
    public void disableEnable(String key) {
        KmsClient kms = keys.kmsOf(key);
        String id = world.key(key).keyId();
        must("DisableKey", () -> kms.disableKey(b -> b.keyId(id)));
        must("EnableKey", () -> kms.enableKey(b -> b.keyId(id)));
    }

    @Then("I can schedule {string} for deletion and cancel the deletion")
    public void scheduleAndCancel(String key) {
        KmsClient kms = keys.kmsOf(key);
        String id = world.key(key).keyId();
        must("ScheduleKeyDeletion", () -> kms.scheduleKeyDeletion(b -> b.keyId(id).pendingWindowInDays(7)));
        must("CancelKeyDeletion", () -> kms.cancelKeyDeletion(b -> b.keyId(id)));
        must("EnableKey", () -> kms.enableKey(b -> b.keyId(id)));
    }

    /** A management call the customer must be able to make on a key of their own (EAR-CMK-002). */
    private void must(String operation, Runnable call) {
        Outcome outcome = Outcome.of(call);
        world.check(Requirement.CMK_002, outcome.isAccepted(), operation + " by the customer", "accepted", outcome);
    }

    @When("{string} is {keyChange}")
    public void takeAway(String key, KeyWithdrawal change) {
        KmsClient kms = keys.kmsOf(key);
        String id = world.key(key).keyId();
        world.keyTakenAwayAt = world.session().control().isPresent() ? world.now() : null;
        switch (change) {
            case DISABLED -> kms.disableKey(b -> b.keyId(id));
            case SCHEDULED_FOR_DELETION -> kms.scheduleKeyDeletion(b -> b.keyId(id).pendingWindowInDays(30));
        }
    }

    @When("I enable {string}")
    public void enable(String key) {
        keys.kmsOf(key).enableKey(b -> b.keyId(world.key(key).keyId()));
    }

    @When("I cancel the deletion of {string} and enable it")
    public void cancelAndEnable(String key) {
        KmsClient kms = keys.kmsOf(key);
        String id = world.key(key).keyId();
        kms.cancelKeyDeletion(b -> b.keyId(id));
        kms.enableKey(b -> b.keyId(id));
    }

    @Given("I note the KMS keys and aliases of the account")
    public void noteKeys() {
        notedKeys = new java.util.TreeSet<>(keys.keyIds());
        notedAliases = aliasSummary();
    }

    @Then("the account has the same KMS keys and aliases as noted")
    public void sameKeys() {
        java.util.Set<String> nowKeys = new java.util.TreeSet<>(keys.keyIds());
        world.check(Requirement.OWN_002, nowKeys.equals(notedKeys), "KMS keys of the account", notedKeys, nowKeys);
        java.util.Set<String> nowAliases = aliasSummary();
        world.check(Requirement.OWN_002, nowAliases.equals(notedAliases), "KMS aliases of the account (name → target)", notedAliases, nowAliases);
    }

    private java.util.Set<String> aliasSummary() {
        java.util.Set<String> s = new java.util.TreeSet<>();
        keys.aliases().forEach(a -> s.add(a.aliasName() + " -> " + a.targetKeyId()));
        return s;
    }

    @Then("the KMS key of the table {string} reports automatic rotation enabled")
    public void tableKeyRotationEnabled(String table) {
        String arn = tables.kmsKeyOf(table);
        GetKeyRotationStatusResponse r = world.kms().getKeyRotationStatus(b -> b.keyId(arn));
        world.check(Requirement.ROT_001, Boolean.TRUE.equals(r.keyRotationEnabled()), "rotation status of " + arn, "enabled", r);
    }

    @Then("{string} reports automatic rotation disabled")
    public void rotationDisabled(String key) {
        GetKeyRotationStatusResponse r = keys.kmsOf(key).getKeyRotationStatus(b -> b.keyId(world.key(key).keyId()));
        world.check(Requirement.ROT_004, Boolean.FALSE.equals(r.keyRotationEnabled()), "rotation status of " + key, "disabled", r);
    }

    /** DescribeKey on the predefined alias creates the AWS managed key when it does not exist yet (AWS KMS API Reference: DescribeKey). */
    @Given("the AWS managed key for DynamoDB exists")
    public void managedKeyExists() {
        KeyMetadata k = keys.describe(KeyOps.AWS_MANAGED_ALIAS);
        world.check(Requirement.MAN_004, "AWS".equals(k.keyManagerAsString()), "DescribeKey " + KeyOps.AWS_MANAGED_ALIAS, "an AWS managed key", k);
    }

    @Then("the AWS managed key for DynamoDB has been rotated {int} times")
    public void managedKeyRotated(int count) {
        Requirement judged = world.judged(Requirement.ROT_002, Requirement.ROT_003);
        String arn = keys.awsManagedKeyArn();
        int n = keys.rotations(arn);
        world.check(judged, n == count, "completed rotations of " + arn + " at " + world.now(), count, n);
    }

    @Then("{string} has been rotated {int} times")
    public void keyRotated(String key, int count) {
        Requirement judged = world.judged(Requirement.ROT_004, Requirement.ROT_005);
        int n = keys.rotations(world.key(key).keyId());
        world.check(judged, n == count, "completed rotations of " + key + " at " + world.now(), count, n);
    }

    @When("I enable automatic rotation of {string} every {int} days")
    public void enableRotation(String key, int days) {
        rotationEnabledAt = world.now();
        keys.kmsOf(key).enableKeyRotation(b -> b.keyId(world.key(key).keyId()).rotationPeriodInDays(days));
    }

    @When("I rotate {string} on demand")
    public void rotateOnDemand(String key) {
        keys.kmsOf(key).rotateKeyOnDemand(b -> b.keyId(world.key(key).keyId()));
    }

    @When("I try to enable automatic rotation of {string} every {int} days")
    public void tryEnableRotation(String key, int days) {
        attempt(() -> keys.kmsOf(key).enableKeyRotation(b -> b.keyId(world.key(key).keyId()).rotationPeriodInDays(days)));
    }

    @Then("{string} reports automatic rotation every {int} days")
    public void rotationEvery(String key, int days) {
        world.check(Requirement.ROT_004, world.lastOutcome.isAccepted(), "EnableKeyRotation of " + key + " every " + days + " days",
                "accepted", world.lastOutcome);
        GetKeyRotationStatusResponse r = keys.kmsOf(key).getKeyRotationStatus(b -> b.keyId(world.key(key).keyId()));
        world.check(Requirement.ROT_004, Boolean.TRUE.equals(r.keyRotationEnabled()) && Integer.valueOf(days).equals(r.rotationPeriodInDays()),
                "rotation status of " + key, "enabled, every " + days + " days", r);
    }

    /** Each rotation an hour after the previous one: on-demand rotation is asynchronous in KMS (ConflictException while one runs). */
    @When("I rotate {string} on demand {int} times, one hour apart")
    public void rotateOnDemandRepeatedly(String key, int times) {
        for (int i = 1; i <= times; i++) {
            Outcome rotated = Outcome.of(() -> rotateOnDemand(key));
            world.check(Requirement.ROT_005, rotated.isAccepted(), "on-demand rotation " + i + " of " + times + " of " + key,
                    "accepted", rotated);
            world.control().advance(Duration.ofHours(1));
        }
    }

    @When("I try to rotate {string} on demand")
    public void tryRotateOnDemand(String key) {
        attempt(() -> rotateOnDemand(key));
    }

    /** The exact code AWS documents for this refusal, which must also be one the catalogue accepts for the requirement. */
    @Then("KMS refuses the request with error code {string}")
    public void kmsRefusesWith(String code) {
        Requirement r = world.judged(Requirement.ROT_004, Requirement.ROT_005);
        if (!r.acceptedErrors().contains(code)) {
            throw new IllegalStateException("The feature expects " + code + " for " + r + ", the catalogue accepts " + r.acceptedErrors());
        }
        world.check(r, world.lastOutcome.refusedWith(400, java.util.List.of(code)), "KMS's answer",
                "a refusal with HTTP 400 and " + code, world.lastOutcome);
    }

    @Then("the next automatic rotation of {string} is still {int} days after rotation was enabled")
    public void nextRotation(String key, int days) {
        GetKeyRotationStatusResponse r = keys.kmsOf(key).getKeyRotationStatus(b -> b.keyId(world.key(key).keyId()));
        Instant expected = rotationEnabledAt.plus(Duration.ofDays(days));
        Instant next = r.nextRotationDate();
        world.check(Requirement.ROT_005, next != null && Duration.between(expected, next).abs().compareTo(Duration.ofDays(1)) <= 0,
                "NextRotationDate of " + key, expected + " (± 1 day)", next);
    }

    @Then("{string} has a grant for the DynamoDB service principal constrained to the encryption context of {string}")
    public void dynamoGrant(String key, String table) {
        KeyMetadata k = world.key(key);
        Map<String, String> context = Map.of("aws:dynamodb:tableName", world.table(table),
                "aws:dynamodb:subscriberId", k.awsAccountId());
        java.util.List<GrantListEntry> grants = new java.util.ArrayList<>();
        keys.kmsOf(key).listGrantsPaginator(b -> b.keyId(k.keyId())).grants().forEach(grants::add);
        // The grantee is DynamoDB's Regional service principal (AWS KMS Developer Guide: How Amazon DynamoDB uses AWS KMS).
        String grantee = "dynamodb." + k.arn().split(":")[3] + ".amazonaws.com";
        boolean found = grants.stream().anyMatch(g -> grantee.equals(g.granteePrincipal())
                && g.constraints() != null && context.equals(g.constraints().encryptionContextSubset()));
        world.check(Requirement.AUD_003, found, "grants on " + key, "a grant to " + grantee + " with EncryptionContextSubset " + context,
                grants);
    }
}
