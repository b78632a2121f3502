package earkit.reference.domain.table;

import earkit.reference.domain.DomainException;

/** The errors a table's status causes, worded as DynamoDB words them. */
final class TableRefusals {
    private TableRefusals() {
    }

    /** A control-plane change while the table is still changing (CreateTable, UpdateTable, DeleteTable). */
    static DomainException inUse(TableRecord t) {
        String doing = switch (t.status) {
            case CREATING -> "Table is being created";
            case UPDATING -> "Table is being updated";
            case DELETING -> "Table is being deleted";
            default -> "Table is in status " + t.status;
        };
        return new DomainException("ResourceInUseException", "Attempt to change a resource which is still in use: "
                + doing + ": " + t.name);
    }

    /**
     * The reference's choice for J4 (features/README.md, EAR-INA-005): item calls, UpdateTable and CreateBackup
     * on an archived table are a ValidationException naming the archival backup.
     */
    static void refuseIfArchived(TableRecord t) {
        if (t.status == TableRecord.Status.ARCHIVING) {
            throw DomainException.validation("Table " + t.name + " is being archived (ArchivalReason "
                    + t.archivalReason + "); no operations are allowed until archival completes");
        }
        if (t.status == TableRecord.Status.ARCHIVED) {
            throw DomainException.validation("Table " + t.name + " is archived (ArchivalReason " + t.archivalReason
                    + "); restore its archival backup " + t.archivalBackupArn + " to a new table");
        }
    }
}
