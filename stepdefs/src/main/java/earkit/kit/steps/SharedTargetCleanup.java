package earkit.kit.steps;

import java.util.List;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Leaves a shared target as the scenario found it, so that no verdict depends on the order of scenarios: undoes
 * the account-wide changes the scenario made (its aliases; a change to the AWS managed key the target accepted
 * though it should have refused it), deletes the scenario's backups and tables and
 * waits until each is gone and DynamoDB has retired its grant (DynamoDB retires it asynchronously after the
 * deletion: a RetireGrant that lands later would count in the next scenario's KMS meter, EAR-OWN-004) and schedules
 * its keys for deletion (the shortest window, 7 days). A step of the clean-up that
 * fails is logged, never a verdict.
 */
final class SharedTargetCleanup {
    private static final String TABLE_NAME_CONTEXT = "aws:dynamodb:tableName";
    private final World world;

    SharedTargetCleanup(World world) {
        this.world = world;
    }

    void run() {
        List<World.Restoration> undo = List.copyOf(world.restorations);
        for (int i = undo.size() - 1; i >= 0; i--) {
            World.Restoration r = undo.get(i);
            attempt(r.what(), () -> {
                r.action().run();
                return null;
            });
        }
        world.backups.forEach((name, arn) -> attempt("backup " + arn + " not deleted",
                () -> world.dynamo().deleteBackup(b -> b.backupArn(arn))));
        world.tables.forEach((name, real) -> attempt("table " + real + " not deleted", () -> {
            deleteTable(world.clients().dynamo(world.tableRegion(name)), real);
            return null;
        }));
        world.keys.values().forEach(k -> attempt("key " + k.arn() + " not scheduled for deletion", () ->
                world.clients().kms(k.arn().split(":")[3]).scheduleKeyDeletion(b -> b.keyId(k.keyId()).pendingWindowInDays(7))));
    }

    private void deleteTable(DynamoDbClient ddb, String real) {
        TableDescription d = ddb.deleteTable(b -> b.tableName(real)).tableDescription();
        world.await("clean-up: table " + real + " gone").until(() -> gone(ddb, real));
        String keyArn = d.sseDescription() == null ? null : d.sseDescription().kmsMasterKeyArn();
        if (keyArn != null) {
            KmsClient kms = world.clients().kms(keyArn.split(":")[3]);
            world.await("clean-up: grant for " + real + " retired").until(() -> kms.listGrantsPaginator(b -> b.keyId(keyArn)).grants()
                    .stream().noneMatch(g -> g.constraints() != null && g.constraints().hasEncryptionContextSubset()
                            && real.equals(g.constraints().encryptionContextSubset().get(TABLE_NAME_CONTEXT))));
        }
    }

    private static boolean gone(DynamoDbClient ddb, String real) {
        try {
            ddb.describeTable(b -> b.tableName(real));
            return false;
        } catch (ResourceNotFoundException e) {
            return true;
        }
    }

    private void attempt(String what, Callable<?> step) {
        try {
            step.call();
        } catch (Exception | AssertionError e) {
            world.log("clean-up: " + what + ": " + e.getMessage());
        }
    }
}
