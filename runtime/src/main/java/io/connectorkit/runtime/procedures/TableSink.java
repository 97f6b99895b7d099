package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.json.InvalidJsonException;
import io.connectorkit.runtime.spi.Sink;
import io.connectorkit.runtime.sql.ColumnKind;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.sql.SqlPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@link Sink} of one run: rows are buffered and sent in batches of {@value #BATCH_ROWS} inside the run's
 * transaction. This class gathers each batch's columns and values; {@link DestinationTable} prepares the table at the
 * first batch, {@link SinkValues} converts the values, and {@link RowInserts} sends them as the dialect inserts rows.
 */
final class TableSink implements Sink {

    static final int BATCH_ROWS = 1000;

    private final DestinationTable table;
    private final SinkValues conversions;
    private final RowInserts inserts;
    private final List<Map<String, ?>> buffer = new ArrayList<>();
    /** The run's columns in the order its rows named them, and each row key's position among them. */
    private final List<String> runColumns = new ArrayList<>();

    private final Map<String, Integer> keyIndex = new HashMap<>();
    private boolean wroteRows;
    private boolean clearRequested;
    private boolean cleared;
    private long written;
    private boolean cursorSet;
    private String cursorJson;

    TableSink(SqlPort port, Supplier<Destination> destination) {
        this.table = new DestinationTable(port, destination);
        this.conversions = new SinkValues(port.dialect());
        this.inserts = new RowInserts(port, table);
    }

    @Override
    public void write(Map<String, ?> row) {
        Objects.requireNonNull(row, "A row is a map of column names to values, not null");
        buffer.add(row);
        written++;
        if (buffer.size() >= BATCH_ROWS) {
            flush();
        }
    }

    @Override
    public void setCursor(String json) {
        if (json == null) {
            cursorJson = null;
        } else {
            try {
                cursorJson = JsonTree.write(JsonTree.parse(json));
            } catch (InvalidJsonException e) {
                throw new IllegalArgumentException("The cursor must be JSON text: " + e.getMessage(), e);
            }
        }
        cursorSet = true;
    }

    @Override
    public void setCursor(Map<String, ?> cursor) {
        setCursor(cursor == null ? null : JsonTree.write(JsonTree.tree(cursor)));
    }

    @Override
    public void clearDestination() {
        if (wroteRows) {
            throw new IllegalStateException(
                    "clearDestination() must come before the run's first rows are sent; " + "call it before writing");
        }
        clearRequested = true;
    }

    @Override
    public long rowsWritten() {
        return written;
    }

    @Override
    public String destinationTable() {
        return table.destination().sql();
    }

    boolean cursorSet() {
        return cursorSet;
    }

    /** The cursor set by the run; only meaningful when {@link #cursorSet()}. */
    String cursorJson() {
        return cursorJson;
    }

    /** Sends what is still buffered, and empties the table for a requested clear that no row triggered. */
    void finish() {
        flush();
        if (clearRequested && !cleared) {
            table.prepare(List.of(), List.of(), new int[0], wroteRows || cleared);
            clearIfRequested();
        }
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        // One pass over the rows: each key costs one lookup (new keys become columns of the run), and each value is
        // converted at once when its column's kind is known (every batch after a run's first).
        ColumnKind[] kinds = runKinds();
        boolean unconverted = false;
        List<Object[]> rows = new ArrayList<>(buffer.size());
        int[] seen = new int[Math.max(runColumns.size(), 8)];
        int rowNumber = 0;
        for (Map<String, ?> row : buffer) {
            rowNumber++;
            Object[] values = new Object[runColumns.size()];
            for (Map.Entry<String, ?> entry : row.entrySet()) {
                Integer position = keyIndex.get(entry.getKey());
                int index = position != null ? position : newKey(entry.getKey());
                if (index >= values.length) {
                    values = Arrays.copyOf(values, runColumns.size());
                }
                if (index >= seen.length) {
                    seen = Arrays.copyOf(seen, runColumns.size() * 2);
                }
                if (seen[index] == rowNumber) {
                    throw new IllegalArgumentException("A row has two keys for the column " + runColumns.get(index)
                            + " (names are compared as Snowflake does: id = ID); keep one");
                }
                seen[index] = rowNumber;
                Object value = entry.getValue();
                if (value != null && index < kinds.length && kinds[index] != null) {
                    value = conversions.bindable(runColumns.get(index), kinds[index], value);
                } else {
                    unconverted = unconverted || value != null;
                }
                values[index] = value;
            }
            rows.add(values);
        }
        // The batch's columns: those some row of it names (a column no row names keeps its default).
        int total = runColumns.size();
        int[] positions = new int[total];
        int count = 0;
        for (int i = 0; i < total; i++) {
            if (i < seen.length && seen[i] != 0) {
                positions[count++] = i;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("The rows written have no columns; a row maps column names to values");
        }
        List<String> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            columns.add(runColumns.get(positions[i]));
        }
        table.prepare(columns, rows, positions, wroteRows || cleared);
        clearIfRequested();
        if (unconverted) {
            ColumnKind[] known = runKinds();
            for (Object[] row : rows) {
                for (int index = 0; index < row.length; index++) {
                    if (row[index] != null && (index >= kinds.length || kinds[index] == null)) {
                        row[index] = conversions.bindable(runColumns.get(index), known[index], row[index]);
                    }
                }
            }
        }
        if (count != total) {
            // Some column of the run is not in this batch: keep only the batch's columns.
            for (int r = 0; r < rows.size(); r++) {
                Object[] values = rows.get(r);
                Object[] kept = new Object[count];
                for (int i = 0; i < count; i++) {
                    kept[i] = positions[i] < values.length ? values[positions[i]] : null;
                }
                rows.set(r, kept);
            }
        } else {
            for (int r = 0; r < rows.size(); r++) {
                if (rows.get(r).length != total) {
                    rows.set(r, Arrays.copyOf(rows.get(r), total));
                }
            }
        }
        inserts.send(columns, rows);
        wroteRows = true;
        buffer.clear();
    }

    /** The kind of each column of the run, null while the table does not have it yet. */
    private ColumnKind[] runKinds() {
        ColumnKind[] kinds = new ColumnKind[runColumns.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = table.kindOf(runColumns.get(i));
        }
        return kinds;
    }

    /** A key first seen in this run: its column, new or already named by another key ({@code id}, {@code ID}). */
    private int newKey(String key) {
        String name = columnName(key);
        int index = runColumns.indexOf(name);
        if (index < 0) {
            runColumns.add(name);
            index = runColumns.size() - 1;
        }
        keyIndex.put(key, index);
        return index;
    }

    private String columnName(String key) {
        if (key == null) {
            throw new IllegalArgumentException("A row has a null column name");
        }
        try {
            return Identifier.parse(key).name();
        } catch (Identifier.InvalidIdentifierException e) {
            throw new IllegalArgumentException(
                    "The row key '" + key + "' is not a valid column name: " + e.reason(), e);
        }
    }

    private void clearIfRequested() {
        if (clearRequested && !cleared) {
            table.clear();
        }
        cleared = cleared || clearRequested;
    }
}
