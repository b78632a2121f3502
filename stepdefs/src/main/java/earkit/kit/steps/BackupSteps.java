package earkit.kit.steps;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** On-demand backups, the archival backup and restores. */
public class BackupSteps {
    private final World world;
    private final TableOps tables;

    public BackupSteps(World world, TableOps tables) {
        this.world = world;
        this.tables = tables;
    }

    @When("I create the backup {string} of {string}")
    public void createBackup(String backup, String table) {
        String arn = world.dynamo().createBackup(b -> b.tableName(world.table(table)).backupName(world.uniqueName(backup)))
                .backupDetails().backupArn();
        world.backups.put(backup, arn);
    }

    /** The key ARN the backup records, or what is missing on the way to it, as a report reader wants to see it. */
    private String backupKey(String backup) {
        BackupDescription d = world.dynamo().describeBackup(b -> b.backupArn(world.backups.get(backup))).backupDescription();
        if (d.sourceTableFeatureDetails() == null) {
            return "no SourceTableFeatureDetails";
        }
        SSEDescription sse = d.sourceTableFeatureDetails().sseDescription();
        if (sse == null) {
            return "no SSEDescription in SourceTableFeatureDetails";
        }
        return sse.kmsMasterKeyArn() == null ? "no KMSMasterKeyArn in SSEDescription" : sse.kmsMasterKeyArn();
    }

    @Then("the backup {string} records the key that {string} reports")
    public void recordsTableKey(String backup, String table) {
        String expected = tables.keyArn(table);
        String observed = backupKey(backup);
        world.check(Requirement.BAK_001, expected != null && expected.equals(observed),
                "SourceTableFeatureDetails.SSEDescription.KMSMasterKeyArn of backup \"" + backup + "\"", expected, observed);
    }

    @Then("the backup {string} records the ARN of {string}")
    public void recordsKey(String backup, String key) {
        String expected = world.key(key).arn();
        String observed = backupKey(backup);
        world.check(Requirement.BAK_002, expected.equals(observed),
                "SourceTableFeatureDetails.SSEDescription.KMSMasterKeyArn of backup \"" + backup + "\"", expected, observed);
    }

    private String archivalBackup(String table) {
        var summary = tables.describe(table).archivalSummary();
        world.check(Requirement.INA_006, summary != null && summary.archivalBackupArn() != null, "ArchivalSummary of \"" + table + "\"",
                "an ArchivalBackupArn", summary);
        return summary.archivalBackupArn();
    }

    @Then("the archival backup of {string} is listed among the backups of {string}")
    public void archivalBackupListed(String table, String source) {
        String arn = archivalBackup(table);
        // The type AWS gives the archival backup is undocumented (SYSTEM or USER), so every type is listed.
        List<BackupSummary> all = new ArrayList<>(world.dynamo().listBackups(b -> b.tableName(world.table(source))
                .backupType(software.amazon.awssdk.services.dynamodb.model.BackupTypeFilter.ALL)).backupSummaries());
        world.check(Requirement.INA_006, all.stream().anyMatch(s -> arn.equals(s.backupArn())), "ListBackups of \"" + source + "\"",
                "the archival backup " + arn, all);
        BackupDescription d = world.dynamo().describeBackup(b -> b.backupArn(arn)).backupDescription();
        world.check(Requirement.INA_006, d.backupDetails() != null, "DescribeBackup of the archival backup", "details", d);
    }

    @When("I restore the archival backup of {string} to the table {string}")
    public void restore(String table, String target) {
        String arn = archivalBackup(table);
        world.tableRegions.put(target, world.region());
        world.dynamo().restoreTableFromBackup(b -> b.backupArn(arn).targetTableName(world.uniqueTable(target)));
    }

    @When("I try to restore the archival backup of {string} to the table {string}")
    public void tryRestore(String table, String target) {
        world.lastOutcome = Outcome.of(() -> restore(table, target));
    }

    /**
     * EAR-INA-008: the restore is refused as documented, or the new table never serves a read while the key stays
     * disabled. A restore that is accepted is watched for the whole asynchronous timeout (after an hour of virtual time
     * where the target's clock can be moved, as a restore may take that long): a status other than ACTIVE is not
     * enough at any one moment, since the table may become ACTIVE later; once ACTIVE, a read must be refused with a
     * documented code. A table that is simply not there does not serve a read either.
     */
    @Then("the restore is refused or the table {string} is not readable")
    public void restoreRefused(String target) {
        if (!world.lastOutcome.isAccepted()) {
            world.checkRefused(Requirement.INA_008, world.lastOutcome, "RestoreTableFromBackup of the archival backup");
            return;
        }
        if (world.session().control().isPresent() && world.target().capabilities().contains(earkit.kit.spi.Capability.CLOCK_CONTROL.wireName())) {
            world.control().advance(java.time.Duration.ofHours(1));
        }
        java.time.Duration watch = world.session().asyncTimeout();
        Outcome[] served = {null};
        String[] lastSeen = {"nothing"};
        try {
            org.awaitility.Awaitility.await("table \"" + target + "\" restored while its key is disabled").pollDelay(java.time.Duration.ZERO)
                    .pollInterval(java.time.Duration.ofMillis(50)).during(watch).atMost(watch.multipliedBy(2))
                    .until(() -> {
                        Outcome described = Outcome.of(() -> tables.describe(target));
                        if (!described.isAccepted()) {
                            lastSeen[0] = described.toString();
                            return true;
                        }
                        TableStatus status = tables.describe(target).tableStatus();
                        lastSeen[0] = String.valueOf(status);
                        if (status != TableStatus.ACTIVE) {
                            return true;
                        }
                        Outcome read = readRestored(target);
                        if (read.isAccepted() || !read.refusedWith(400, Requirement.INA_008.acceptedErrors())) {
                            served[0] = read;
                            return false;
                        }
                        return true;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the condition failed once: served[0] says how
        }
        if (served[0] != null) {
            world.checkRefused(Requirement.INA_008, served[0], "GetItem on the table restored from the archival backup while the key is disabled");
        }
        world.log("restored table \"" + target + "\" after " + watch + ": " + lastSeen[0]);
    }

    private Outcome readRestored(String target) {
        return Outcome.of(() -> world.clients().dynamoOnNewConnections(world.region()).getItem(b -> b.tableName(world.table(target))
                .key(Items.key(Items.item(1, ""))).consistentRead(true)));
    }
}
