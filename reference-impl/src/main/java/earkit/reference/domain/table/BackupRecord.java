package earkit.reference.domain.table;

import java.time.Instant;

/**
 * One on-demand backup, persisted as JSON beside its items. {@code source} is the table record as it was
 * when the backup was made, wrapped key material included: that is what binds the backup to the
 * table-level key of that moment (S24), whatever the table's key becomes later (S25).
 */
public final class BackupRecord {
    public String arn;
    public String name;
    /** USER (CreateBackup) or SYSTEM (made by the service, e.g. at archival). */
    public String type;
    public String status;
    public Instant created;
    public long sizeBytes;
    public long itemCount;
    public TableRecord source;
}
