package earkit.reference.domain.table;

import earkit.reference.Fault;

import earkit.reference.domain.DomainException;
import earkit.reference.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** CreateBackup and RestoreTableFromBackup on the live tables; the backups themselves are {@link Backups}. */
final class TableBackups {
    /** Makes a table holding {@code items} from its first moment. */
    interface Creation {
        Tables.View create(TableCaller caller, TableRecord draft, TableKeys.Choice choice,
                           List<Map<String, AttributeValue>> items);
    }

    private final LiveTables live;
    private final TableLifecycle lifecycle;
    private final Backups backups;
    private final VirtualClock clock;
    private final Creation creation;

    TableBackups(LiveTables live, TableLifecycle lifecycle, Backups backups, VirtualClock clock, Creation creation) {
        this.live = live;
        this.lifecycle = lifecycle;
        this.backups = backups;
        this.clock = clock;
        this.creation = creation;
    }

    /**
     * CreateBackup: a copy of the table's sealed items under its key of this moment (EAR-BAK-001). Allowed while
     * the table is ACTIVE or INACCESSIBLE_ENCRYPTION_CREDENTIALS (J3: copying ciphertext needs no key).
     */
    BackupRecord backup(TableCaller caller, String region, String name, String backupName) {
        TableState s = live.get(caller.account(), region, name);
        if (s != null) {
            lifecycle.settle(s);
        }
        if (s == null || s.record.status == TableRecord.Status.CREATING || s.record.status == TableRecord.Status.DELETING) {
            throw new DomainException("TableNotFoundException", "Table not found: " + name);
        }
        synchronized (s) {
            TableRecord t = s.record;
            if (TableLifecycle.isArchived(t)) {
                TableRefusals.refuseIfArchived(t);
            }
            if (t.status != TableRecord.Status.ACTIVE && !lifecycle.isInaccessible(t)) {
                throw new DomainException("TableInUseException", "Table is being updated: " + name);
            }
            return backups.create(s, backupName, "USER");
        }
    }

    /**
     * RestoreTableFromBackup: a new table with the backup's items. Without an override the new table gets the
     * backup's key (the reference's choice for J6 in features/README.md); opening the backup needs that key
     * usable (EAR-INA-007, EAR-INA-008).
     */
    Tables.View restore(TableCaller caller, String region, String backupArn, String targetName,
                        TableKeys.Choice override) {
        BackupRecord b = backups.get(backupArn)
                .filter(x -> x.source.region.equals(region) && x.source.account.equals(caller.account()))
                .orElseThrow(() -> Backups.notFound(backupArn));
        if (live.contains(caller.account(), region, targetName)) {
            throw new DomainException("TableAlreadyExistsException", "Table already exists: " + targetName);
        }
        List<Map<String, AttributeValue>> items;
        TableRecord src = b.source;
        boolean fallsBackLater = false;
        try {
            items = backups.open(b, caller.arn());
        } catch (DomainException e) {
            fallsBackLater = backups.faults().has(Fault.RESTORE_FALLS_BACK_LATER);
            if (!backups.faults().has(Fault.RESTORE_IGNORES_KEY_LOSS) && !fallsBackLater) {
                throw e;
            }
            items = List.of();
            override = new TableKeys.Choice(TableRecord.KeyKind.OWNED, null);
        }
        TableKeys.Choice choice = override != null ? override : switch (src.keyKind) {
            case OWNED -> new TableKeys.Choice(TableRecord.KeyKind.OWNED, null);
            case MANAGED -> new TableKeys.Choice(TableRecord.KeyKind.MANAGED, null);
            case CUSTOMER -> new TableKeys.Choice(TableRecord.KeyKind.CUSTOMER, src.keyArn);
        };
        TableRecord draft = draft(b, caller, targetName);
        if (fallsBackLater) {
            lifecycle.holdCreation(draft, clock.now().plus(java.time.Duration.ofMinutes(10)));
        }
        return creation.create(caller, draft, choice, items);
    }

    /** The restored table's record: the source's schema and settings, none of its key, stream or archival state. */
    private TableRecord draft(BackupRecord b, TableCaller caller, String targetName) {
        TableRecord src = b.source;
        TableRecord draft = TableCatalog.copy(src);
        draft.name = targetName;
        draft.tags = new java.util.LinkedHashMap<>(); // a restored table's tags are set anew (Developer Guide, "Restoring a table")
        draft.account = caller.account();
        draft.keyKind = TableRecord.KeyKind.OWNED;
        draft.keyArn = null;
        draft.grantId = null;
        draft.sseStatus = "ENABLED";
        draft.previousKeyArn = null;
        draft.previousKeyKind = null;
        draft.inaccessibleSince = null;
        draft.keySwitches = new ArrayList<>();
        draft.streamEnabled = false;
        draft.streamViewType = null;
        draft.streamLabel = null;
        draft.streamDisabledAt = null;
        draft.pastStreams = new ArrayList<>();
        // Stream and Time to Live settings are set anew on a restored table (Developer Guide, "Restoring a table")
        draft.ttlEnabled = false;
        draft.ttlAttribute = null;
        draft.ttlUpdatedAt = null;
        draft.deletionProtection = false;
        draft.archivedAt = null;
        draft.archivalReason = null;
        draft.archivalBackupArn = null;
        draft.restoredFromBackupArn = b.arn;
        draft.restoredFromTableArn = src.arn();
        draft.restoredAt = clock.now();
        return draft;
    }
}
