package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.sql.ColumnKind;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.sql.SqlPort;
import io.connectorkit.runtime.sql.SqlRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A run's destination table and its columns: found (INFORMATION_SCHEMA.COLUMNS) at the first batch, created there
 * or given the columns it lacks, through DDL that runs before anything of the run is written; emptied on request.
 */
final class DestinationTable {

    private final SqlPort port;
    private final Supplier<Destination> destination;
    private Destination table;
    /** The table's columns and their kinds, known from the first batch on. */
    private LinkedHashMap<String, ColumnKind> columns;

    DestinationTable(SqlPort port, Supplier<Destination> destination) {
        this.port = port;
        this.destination = destination;
    }

    Destination destination() {
        if (table == null) {
            table = destination.get();
        }
        return table;
    }

    /** The kind of a column of the table; null before the first batch or for a column it does not have. */
    ColumnKind kindOf(String column) {
        return columns == null ? null : columns.get(column);
    }

    /** Whether the table has no columns yet (it does not exist). */
    boolean isEmpty() {
        return columns.isEmpty();
    }

    /**
     * Makes the table hold the columns: at the run's first batch, creates the schema and table or adds missing
     * columns; once the run sent rows or cleared the table, a new column fails the run.
     *
     * @param rows the batch's values, by the run's column positions
     * @param positions each column's position in the rows
     */
    void prepare(List<String> batchColumns, List<Object[]> rows, int[] positions, boolean changedAlready) {
        if (columns == null) {
            columns = existingColumns();
        }
        List<String> missing = batchColumns.stream()
                .filter(column -> !columns.containsKey(column))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        if (changedAlready) {
            throw new IllegalStateException("The destination table "
                    + destination().sql() + " has no column "
                    + String.join(", ", missing) + ", and this run already sent rows; a run's first batch ("
                    + TableSink.BATCH_ROWS + " rows) decides the columns it adds, so give early rows every key (null "
                    + "values are fine)");
        }
        LinkedHashMap<String, ColumnKind> added = new LinkedHashMap<>();
        for (int i = 0; i < batchColumns.size(); i++) {
            if (missing.contains(batchColumns.get(i))) {
                added.put(batchColumns.get(i), inferKind(batchColumns.get(i), rows, positions[i]));
            }
        }
        if (columns.isEmpty()) {
            create(added);
        } else {
            added.forEach((column, kind) -> port.ddl("ALTER TABLE "
                    + destination().sql() + " ADD COLUMN IF NOT EXISTS "
                    + Identifier.ofName(column).sql() + " " + port.dialect().columnType(kind)));
        }
        columns.putAll(added);
    }

    /** Empties the table, when it exists. */
    void clear() {
        if (!columns.isEmpty()) {
            port.update("DELETE FROM " + destination().sql());
        }
    }

    private void create(Map<String, ColumnKind> added) {
        port.ddl("CREATE SCHEMA IF NOT EXISTS " + destination().schemaSql());
        StringBuilder definition = new StringBuilder();
        added.forEach((column, kind) -> definition
                .append(definition.length() == 0 ? "" : ", ")
                .append(Identifier.ofName(column).sql())
                .append(' ')
                .append(port.dialect().columnType(kind)));
        port.ddl("CREATE TABLE IF NOT EXISTS " + destination().sql() + " (" + definition + ")");
        port.dialect()
                .grantsOnCreatedTable(destination().schemaSql(), destination().sql())
                .forEach(port::ddl);
    }

    /** The kind of the column's first non-null value in the batch; only nulls: text. */
    private static ColumnKind inferKind(String column, List<Object[]> rows, int position) {
        for (Object[] row : rows) {
            if (position < row.length && row[position] != null) {
                return ColumnKind.ofValue(column, row[position]);
            }
        }
        return ColumnKind.STRING;
    }

    private LinkedHashMap<String, ColumnKind> existingColumns() {
        Destination target = destination();
        String information =
                target.database().map(database -> database.sql() + ".").orElse("") + "INFORMATION_SCHEMA.COLUMNS";
        LinkedHashMap<String, ColumnKind> existing = new LinkedHashMap<>();
        for (SqlRow row : port.query(
                "SELECT COLUMN_NAME, DATA_TYPE FROM " + information + " WHERE TABLE_SCHEMA = ? AND"
                        + " TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
                target.schema().name(),
                target.table().name())) {
            existing.put(row.getString(0), ColumnKind.ofDataType(row.getString(1)));
        }
        return existing;
    }
}
