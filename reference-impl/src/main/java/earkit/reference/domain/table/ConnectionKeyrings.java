package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.crypto.SealBroken;
import earkit.reference.crypto.TableKeyring;

/**
 * The table key a request works with: the one cached for the caller's connection, refreshed through KMS as
 * DynamoDB does. The KMS answer decides the table's accessibility: a refusal of the key itself makes the
 * table inaccessible (EAR-INA-001, EAR-INA-002), a usable key makes an inaccessible table accessible again
 * (EAR-INA-004).
 */
final class ConnectionKeyrings {
    private final TableKeys keys;
    private final TableLifecycle lifecycle;
    private final Faults faults;

    ConnectionKeyrings(TableKeys keys, TableLifecycle lifecycle, Faults faults) {
        this.faults = faults;
        this.keys = keys;
        this.lifecycle = lifecycle;
    }

    /**
     * {@code pathFaults}: the self-test faults that let the request's data path skip KMS (BATCH_GET_SKIPS_KEY_CHECK for
     * a BatchGetItem, TRANSACT_GET_SKIPS_KEY_CHECK for a TransactGetItems, ...): none for the common path; null entries stand for none.
     */
    TableKeyring of(TableState s, TableCaller caller, Fault... pathFaults) {
        boolean wasInaccessible = lifecycle.isInaccessible(s.record);
        boolean fromMemory = faults.has(Fault.INACCESSIBLE_TABLE_SERVED_FROM_MEMORY);
        for (Fault f : pathFaults) {
            fromMemory |= f != null && faults.has(f);
        }
        if (wasInaccessible && fromMemory) {
            TableKeyring held = keys.heldRing(s.record);
            if (held != null) {
                return held;
            }
        }
        TableKeyring ring;
        try {
            ring = keys.keyring(s.record, caller.connectionId(), caller.arn(), wasInaccessible);
        } catch (SealBroken e) {
            throw new IntegrityException(e.getMessage());
        } catch (KeyAccessException e) {
            if (caller.arn() != null && serviceCanUnwrap(s)) {
                throw e; // only this caller is refused (e.g. a key policy denies it); the table stays accessible
            }
            synchronized (s) {
                lifecycle.inaccessible(s);
            }
            throw e;
        }
        if (wasInaccessible) {
            synchronized (s) {
                lifecycle.accessible(s);
            }
        }
        return ring;
    }

    private boolean serviceCanUnwrap(TableState s) {
        try {
            keys.unwrap(s.record, null);
            return true;
        } catch (KeyAccessException e) {
            return false;
        }
    }

    /** Forgets the cached table keys of a closed client connection. */
    void connectionClosed(String connectionId) {
        keys.forgetConnection(connectionId);
    }
}
