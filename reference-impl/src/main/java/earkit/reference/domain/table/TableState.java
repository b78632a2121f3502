package earkit.reference.domain.table;

/** One live table: its record and its data. Its monitor is the table's lock. */
public final class TableState {
    final TableRecord record;
    final TableData data;

    TableState(TableRecord record, TableData data) {
        this.record = record;
        this.data = data;
    }

    public TableRecord record() {
        return record;
    }

    public TableData data() {
        return data;
    }
}
