package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.crypto.TableKeyring;
import earkit.reference.domain.DomainException;
import earkit.reference.time.VirtualClock;

/**
 * UpdateTable's key switch (EAR-SSE-001): a new table key under the chosen KMS key, within the switch quota
 * (EAR-SSE-003, EAR-SSE-004); the table's data and naming keys are wrapped again under it, the table is
 * UPDATING until the switch settles (J8 in features/README.md), and the old key's grant is retired after.
 */
final class KeySwitch {
    private final TableKeys keys;
    private final TableCatalog catalog;
    private final TableLifecycle lifecycle;
    private final VirtualClock clock;
    private final Backups backups;
    private final Faults faults;

    KeySwitch(TableKeys keys, TableCatalog catalog, TableLifecycle lifecycle, VirtualClock clock, Backups backups, Faults faults) {
        this.backups = backups;
        this.faults = faults;
        this.keys = keys;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** The new table key: made through KMS, so outside the table's lock. */
    TableKeys.NewKey newKey(TableRecord t, TableKeys.Choice choice, TableCaller caller) {
        TableKeys.Resolved target = keys.resolve(t, choice, caller.arn());
        boolean toOwned = target.kind() == TableRecord.KeyKind.OWNED;
        boolean same = toOwned ? t.keyKind == TableRecord.KeyKind.OWNED
                : faults.has(Fault.SWITCH_COMPARES_KINDS) ? target.kind() == t.keyKind : target.arn().equals(t.keyArn);
        if (same) {
            throw DomainException.validation(toOwned ? "Table is already encrypted by default"
                    : "Table is already encrypted by given KMSMasterKeyId");
        }
        KeySwitchQuota.check(t, clock.now(), toOwned, faults);
        return keys.create(t, target, caller.arn());
    }

    /**
     * Makes {@code newKey} the table's key, with {@code ring} (the table's keyring under the old key) wrapped
     * again under it; the table is UPDATING until the switch settles. Caller holds the table's lock.
     */
    void commit(TableState s, TableKeys.NewKey newKey, TableKeyring ring, TableCaller caller) {
        TableRecord t = s.record;
        t.previousKeyArn = t.keyArn;
        t.previousKeyKind = t.keyKind;
        String oldGrant = t.grantId;
        String oldArn = t.keyArn;
        newKey.installIn(t, ring.rewrap(newKey.plaintext()));
        t.keyVersion++;
        t.sseStatus = "UPDATING";
        t.keySwitches.add(clock.now());
        if (faults.has(Fault.SWITCH_MOVES_BACKUPS)) {
            backups.followKey(t);
        }
        keys.remember(t, newKey.plaintext(), caller.connectionId());
        t.moveTo(TableRecord.Status.UPDATING);
        catalog.save(t);
        lifecycle.updated(s, () -> lifecycle.afterwards(() -> keys.retireGrant(t.region, oldArn, oldGrant)));
    }
}
