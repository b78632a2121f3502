package earkit.kit.steps;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.RotationsListEntry;

/** KMS operations shared by the step classes. */
public final class KeyOps {
    static final String AWS_MANAGED_ALIAS = "alias/aws/dynamodb";
    private final World world;

    public KeyOps(World world) {
        this.world = world;
    }

    KeyMetadata create(String name, String region) {
        KmsClient kms = world.clients().kms(region);
        KeyMetadata k = kms.createKey(b -> b.description("earkit " + world.uniqueName(name.replace(' ', '-')))).keyMetadata();
        world.keys.put(name, k);
        return k;
    }

    KeyMetadata describe(String keyIdOrAlias) {
        return world.kms().describeKey(b -> b.keyId(keyIdOrAlias)).keyMetadata();
    }

    /** The ARN of the AWS managed key for DynamoDB in the scenario's Region. */
    String awsManagedKeyArn() {
        return describe(AWS_MANAGED_ALIAS).arn();
    }

    void createAlias(String key, String alias) {
        String real = world.aliases.computeIfAbsent(alias, a -> world.uniqueName(a));
        KmsClient kms = world.clients().kms(region(key));
        kms.createAlias(b -> b.aliasName(real).targetKeyId(world.key(key).keyId()));
        // alias names are unique in the account: on a shared target one left behind would outlive the scenario
        world.restorations.add(new World.Restoration("alias " + real + " not deleted", () -> kms.deleteAlias(b -> b.aliasName(real))));
    }

    String aliasOf(String key) {
        return world.aliases.values().stream().filter(a -> aliasTarget(a).equals(world.key(key).keyId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("\"" + key + "\" has no alias in this scenario"));
    }

    String aliasArn(String key) {
        String alias = aliasOf(key);
        KeyMetadata k = world.key(key);
        return "arn:aws:kms:" + region(key) + ":" + k.awsAccountId() + ":" + alias;
    }

    private String aliasTarget(String alias) {
        return aliases().stream().filter(a -> a.aliasName().equals(alias)).map(AliasListEntry::targetKeyId)
                .findFirst().orElse("");
    }

    List<AliasListEntry> aliases() {
        List<AliasListEntry> all = new ArrayList<>();
        world.kms().listAliasesPaginator(b -> b.limit(100)).aliases().forEach(all::add);
        return all;
    }

    List<String> keyIds() {
        List<String> all = new ArrayList<>();
        world.kms().listKeysPaginator(b -> b.limit(1000)).keys().forEach(k -> all.add(k.keyId()));
        return all;
    }

    int rotations(String keyId) {
        List<RotationsListEntry> all = new ArrayList<>();
        world.kms().listKeyRotationsPaginator(b -> b.keyId(keyId)).rotations().forEach(all::add);
        return all.size();
    }

    String region(String key) {
        return world.key(key).arn().split(":")[3];
    }

    KmsClient kmsOf(String key) {
        return world.clients().kms(region(key));
    }
}
