package earkit.kit.steps;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.Map;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * Changes a customer tries on the AWS managed key of a table, which KMS must refuse (EAR-MAN-005): the attempt, a
 * restoration should the target accept it, and what the customer can read of the key (policy, tags, rotation)
 * before the attempt and after, which must not differ.
 */
public class ManagedKeyChangeSteps {
    private final World world;
    private final KeyOps keys;
    private final TableOps tables;
    /** What the customer can read of a key before a change KMS must refuse: policy, tags and rotation, compared after. */
    private Map<String, Object> beforeRefusedChange;

    public ManagedKeyChangeSteps(World world, KeyOps keys, TableOps tables) {
        this.world = world;
        this.keys = keys;
        this.tables = tables;
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
        world.lastOutcome = Outcome.of(() -> {
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
}
