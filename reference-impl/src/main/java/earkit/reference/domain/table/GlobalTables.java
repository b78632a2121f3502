package earkit.reference.domain.table;

import earkit.reference.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Global tables version 2019.11.21 over the regions this process serves: replicas are created, re-keyed
 * and deleted through UpdateTable ReplicaUpdates; each replica is an ordinary table of its region under
 * its own regional KMS key and table key (DynamoDB Developer Guide "Global tables", version 2019.11.21).
 */
public final class GlobalTables {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    /** One other member of a table's group, as ReplicaDescription shows it. */
    public record Replica(String region, String status, String keyArn, Instant inaccessibleSince) {
    }

    private final Tables tables;
    private final ReplicationGroups groups;
    private final Replicator replicator;

    public GlobalTables(Tables tables, ReplicationGroups groups, Replicator replicator) {
        this.tables = tables;
        this.groups = groups;
        this.replicator = replicator;
    }

    /** The other members of the table's group, or empty if the table is no global table. */
    public Optional<List<Replica>> replicas(String account, String name, String region) {
        Optional<ReplicationGroup> g = groups.of(account, name, region);
        if (g.isEmpty()) {
            return Optional.empty();
        }
        List<Replica> out = new ArrayList<>();
        for (String r : g.get().regions) {
            if (r.equals(region)) {
                continue;
            }
            TableRecord t;
            try {
                t = tables.describe(Replicator.caller(account), r, name).table();
            } catch (DomainException e) {
                continue; // deleted in the meantime
            }
            out.add(new Replica(r, t.status.name(), t.keyKind == TableRecord.KeyKind.OWNED ? null : t.keyArn,
                    t.inaccessibleSince));
        }
        return Optional.of(out);
    }

    /**
     * A replica's customer managed key changes only through ReplicaUpdates (features/README.md, J7: replicas): an
     * SSESpecification naming a customer key, or replacing one, is refused on a member table.
     */
    public void checkKeySwitch(String account, String name, String region, TableKeys.Choice choice) {
        if (groups.of(account, name, region).isEmpty()) {
            return;
        }
        if (choice.kind() == TableRecord.KeyKind.CUSTOMER
                || tables.describe(Replicator.caller(account), region, name).table().keyKind == TableRecord.KeyKind.CUSTOMER) {
            throw DomainException.validation("Invalid operation: Customer Managed CMKs on Global Table Version 2019.11.21 "
                    + "replicas cannot be updated through SSESpecification parameter and can only be updated through "
                    + "ReplicaUpdates parameter");
        }
    }

    /** The regions of the table's other replicas (none if it is no global table). */
    public List<String> otherRegions(String account, String name, String region) {
        return groups.of(account, name, region)
                .map(g -> g.regions.stream().filter(r -> !r.equals(region)).toList())
                .orElse(List.of());
    }

    public boolean isReplica(String account, String name, String region) {
        return groups.of(account, name, region).isPresent();
    }

    /**
     * Creates the replica of the table of {@code home} in {@code region}: a table with the same schema under
     * the named key (or the same kind of key as the table), filled with the table's items, then a member.
     */
    public void createReplica(TableCaller caller, String home, String name, String region, String keyId) {
        checkRegion(region);
        replicator.exclusive(() -> {
            TableRecord source = tables.describe(caller, home, name).table();
            if (source.status != TableRecord.Status.ACTIVE) {
                throw new DomainException("ResourceInUseException",
                        "Attempt to change a resource which is still in use: Table is not ACTIVE: " + name);
            }
            if (tables.names(caller, region).contains(name)) {
                throw DomainException.validation("Failed to create a the new replica of table with name: '" + name
                        + "' because one or more replicas already existed as tables.");
            }
            TableKeys.Choice choice;
            if (keyId != null) {
                choice = new TableKeys.Choice(TableRecord.KeyKind.CUSTOMER, keyId);
            } else if (source.keyKind == TableRecord.KeyKind.CUSTOMER) {
                throw DomainException.validation("One or more parameter values were invalid: KMSMasterKeyId must be "
                        + "specified for each replica.");
            } else {
                choice = new TableKeys.Choice(source.keyKind, null);
            }
            tables.create(caller, draft(source, region), choice);
            try {
                replicator.copy(caller.account(), name, home, region);
            } catch (RuntimeException e) {
                // A replica that could not be filled (e.g. the table's own key just became unusable) is no replica.
                tables.delete(caller, region, name);
                throw e;
            }
            groups.join(caller.account(), name, home, region);
            return null;
        });
    }

    /** Switches the key of a member replica in place (J7: allowed, like an SSESpecification key switch). */
    public void updateReplica(TableCaller caller, String home, String name, String region, String keyId) {
        checkRegion(region);
        member(caller.account(), name, home, region);
        if (keyId != null) {
            tables.update(caller, region, name, new Tables.Update(null, null, null, null, null, null, null, null, null,
                    new TableKeys.Choice(TableRecord.KeyKind.CUSTOMER, keyId)));
        }
    }

    /** Deletes the replica table of {@code region} and takes it out of the group. */
    public void deleteReplica(TableCaller caller, String home, String name, String region) {
        checkRegion(region);
        member(caller.account(), name, home, region);
        replicator.exclusive(() -> {
            tables.delete(caller, region, name);
            groups.leave(caller.account(), name, region);
            return null;
        });
    }

    /** A member table deleted with DeleteTable leaves its group. */
    public void tableDeleted(String account, String name, String region) {
        replicator.exclusive(() -> {
            groups.leave(account, name, region);
            return null;
        });
    }

    private void member(String account, String name, String home, String region) {
        if (groups.of(account, name, home).filter(g -> g.has(region)).isEmpty()) {
            throw DomainException.validation("One or more parameter values were invalid: Table " + name
                    + " has no replica in region " + region);
        }
    }

    private static void checkRegion(String region) {
        if (!REGION.matcher(region).matches()) {
            throw DomainException.validation("One or more parameter values were invalid: Invalid region name: " + region);
        }
    }

    /** The replica's record: the source's schema, indexes, billing and stream settings; the rest is the replica's own. */
    private static TableRecord draft(TableRecord source, String region) {
        TableRecord t = new TableRecord();
        TableRecord copy = TableCatalog.copy(source);
        t.name = copy.name;
        t.region = region;
        t.account = copy.account;
        t.keySchema = copy.keySchema;
        t.attributeTypes = copy.attributeTypes;
        t.billingMode = copy.billingMode;
        t.readCapacity = copy.readCapacity;
        t.writeCapacity = copy.writeCapacity;
        t.indexes = copy.indexes;
        t.streamEnabled = copy.streamEnabled;
        t.streamViewType = copy.streamViewType;
        t.streamLabel = copy.streamLabel;
        t.tableClass = copy.tableClass;
        return t;
    }
}
