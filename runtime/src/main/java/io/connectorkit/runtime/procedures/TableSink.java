package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.json.InvalidJsonException;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.Sink;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.sql.SqlPort;
import io.connectorkit.runtime.sql.SqlRow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@link Sink} of one run: rows are buffered and sent in batches of {@value #BATCH_ROWS} — a JDBC batch of one
 * prepared {@code INSERT} on the embedded target, multi-row {@code INSERT … SELECT … UNION ALL …} statements in
 * Snowflake (where {@code PARSE_JSON} is not allowed in {@code VALUES}) — inside the run's transaction. The
 * destination table is prepared (created, or given missing columns) at the first batch, through DDL that runs before
 * anything of the run is written.
 */
final class TableSink implements Sink {

    static final int BATCH_ROWS = 1000;
    /** Bound values per Snowflake statement. */
    private static final int MAX_PARAMETERS = 16_000;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS",
            Locale.ROOT);

    /** The kinds of columns the sink distinguishes: how a value is bound, and the type of a column it creates. */
    enum Kind {
        STRING("CHARACTER VARYING", "VARCHAR"),
        INTEGER("BIGINT", "NUMBER(38,0)"),
        FLOAT("DOUBLE PRECISION", "FLOAT"),
        DECIMAL("NUMERIC(38,9)", "NUMBER(38,9)"),
        BOOLEAN("BOOLEAN", "BOOLEAN"),
        TIMESTAMP("TIMESTAMP", "TIMESTAMP_NTZ"),
        DATE("DATE", "DATE"),
        JSON("JSON", "VARIANT");

        private final String h2;
        private final String snowflake;

        Kind(String h2, String snowflake) {
            this.h2 = h2;
            this.snowflake = snowflake;
        }

        String sqlType(boolean onSnowflake) {
            return onSnowflake ? snowflake : h2;
        }

        /** The kind of an existing column, from INFORMATION_SCHEMA.COLUMNS.DATA_TYPE of either target. */
        static Kind ofDataType(String dataType) {
            String type = dataType == null ? "" : dataType.toUpperCase(Locale.ROOT);
            if (type.equals("JSON") || type.equals("VARIANT") || type.equals("OBJECT") || type.equals("ARRAY")) {
                return JSON;
            }
            if (type.startsWith("TIMESTAMP")) {
                return TIMESTAMP;
            }
            if (type.equals("DATE")) {
                return DATE;
            }
            return STRING;
        }

        /** The kind of column a value needs. */
        static Kind ofValue(String column, Object value) {
            if (value instanceof CharSequence || value instanceof Character) {
                return STRING;
            }
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                    || value instanceof BigInteger) {
                return INTEGER;
            }
            if (value instanceof Double || value instanceof Float) {
                return FLOAT;
            }
            if (value instanceof BigDecimal) {
                return DECIMAL;
            }
            if (value instanceof Boolean) {
                return BOOLEAN;
            }
            if (value instanceof LocalDate) {
                return DATE;
            }
            if (value instanceof LocalDateTime || value instanceof Instant || value instanceof OffsetDateTime
                    || value instanceof ZonedDateTime || value instanceof java.util.Date) {
                return TIMESTAMP;
            }
            if (value instanceof Map || value instanceof List) {
                return JSON;
            }
            throw unsupported(column, value);
        }
    }

    private final SqlPort port;
    private final Supplier<Destination> destination;
    private final boolean onSnowflake;
    private final List<Map<String, ?>> buffer = new ArrayList<>();
    /** The run's columns in the order its rows named them, and each row key's position among them. */
    private final List<String> runColumns = new ArrayList<>();
    private final Map<String, Integer> keyIndex = new HashMap<>();
    /** The table's columns and their kinds, known from the first batch on. */
    private LinkedHashMap<String, Kind> tableColumns;
    private Destination table;
    private boolean wroteRows;
    private boolean clearRequested;
    private boolean cleared;
    private long written;
    private boolean cursorSet;
    private String cursorJson;

    /** The statement of the last batch, kept while the batches have the same columns. */
    private List<String> statementColumns = List.of();
    private String statementSql;

    TableSink(SqlPort port, Supplier<Destination> destination) {
        this.port = port;
        this.destination = destination;
        this.onSnowflake = "snowflake".equals(port.dialect().name());
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
            throw new IllegalStateException("clearDestination() must come before the run's first rows are sent; "
                    + "call it before writing");
        }
        clearRequested = true;
    }

    @Override
    public long rowsWritten() {
        return written;
    }

    @Override
    public String destinationTable() {
        return destination().sql();
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
            prepareTable(List.of(), List.of(), new int[0]);
            clearIfRequested();
        }
    }

    private Destination destination() {
        if (table == null) {
            table = destination.get();
        }
        return table;
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        // One pass over the rows: each key costs one lookup (new keys become columns of the run), and each value is
        // converted at once when its column's kind is known (every batch after a run's first).
        Kind[] kinds = runKinds();
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
                    value = bindable(runColumns.get(index), kinds[index], value);
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
        prepareTable(columns, rows, positions);
        clearIfRequested();
        if (unconverted) {
            Kind[] known = runKinds();
            for (Object[] values : rows) {
                for (int index = 0; index < values.length; index++) {
                    if (values[index] != null && (index >= kinds.length || kinds[index] == null)) {
                        values[index] = bindable(runColumns.get(index), known[index], values[index]);
                    }
                }
            }
        }
        if (!columns.equals(statementColumns)) {
            statementColumns = List.copyOf(columns);
            statementSql = onSnowflake ? null : insert(columns, "VALUES (" + placeholders(columns) + ")");
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
        if (onSnowflake) {
            insertSelect(columns, rows);
        } else {
            port.batch(statementSql, rows);
        }
        wroteRows = true;
        buffer.clear();
    }

    /** The kind of each column of the run, null while the table does not have it yet. */
    private Kind[] runKinds() {
        Kind[] kinds = new Kind[runColumns.size()];
        if (tableColumns != null) {
            for (int i = 0; i < kinds.length; i++) {
                kinds[i] = tableColumns.get(runColumns.get(i));
            }
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
            throw new IllegalArgumentException("The row key '" + key + "' is not a valid column name: " + e.reason(),
                    e);
        }
    }

    /**
     * Makes the table hold the columns: at the run's first batch, creates the schema and table or adds missing
     * columns (DDL, before the run wrote anything); later, a new column fails the run.
     */
    private void prepareTable(List<String> columns, List<Object[]> rows, int[] positions) {
        if (tableColumns == null) {
            tableColumns = existingColumns();
        }
        List<String> missing = columns.stream().filter(column -> !tableColumns.containsKey(column)).toList();
        if (missing.isEmpty()) {
            return;
        }
        if (wroteRows || cleared) {
            throw new IllegalStateException("The destination table " + destination().sql() + " has no column "
                    + String.join(", ", missing) + ", and this run already sent rows; a run's first batch ("
                    + BATCH_ROWS + " rows) decides the columns it adds, so give early rows every key (null values "
                    + "are fine)");
        }
        LinkedHashMap<String, Kind> added = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (missing.contains(columns.get(i))) {
                added.put(columns.get(i), inferKind(columns.get(i), rows, positions[i]));
            }
        }
        if (tableColumns.isEmpty()) {
            port.ddl("CREATE SCHEMA IF NOT EXISTS " + destination().schemaSql());
            StringBuilder definition = new StringBuilder();
            added.forEach((column, kind) -> definition.append(definition.length() == 0 ? "" : ", ")
                    .append(Identifier.ofName(column).sql()).append(' ').append(kind.sqlType(onSnowflake)));
            port.ddl("CREATE TABLE IF NOT EXISTS " + destination().sql() + " (" + definition + ")");
            if (onSnowflake) {
                // The consumer reads the app's tables through its application roles, as the Native SDK's example
                // connectors grant theirs (https://docs.snowflake.com/en/developer-guide/native-apps/creating-setup-script).
                port.ddl("GRANT USAGE ON SCHEMA " + destination().schemaSql() + " TO APPLICATION ROLE DATA_READER");
                port.ddl("GRANT SELECT ON TABLE " + destination().sql() + " TO APPLICATION ROLE DATA_READER");
            }
        } else {
            added.forEach((column, kind) -> port.ddl("ALTER TABLE " + destination().sql() + " ADD COLUMN IF NOT EXISTS "
                    + Identifier.ofName(column).sql() + " " + kind.sqlType(onSnowflake)));
        }
        tableColumns.putAll(added);
    }

    /** The kind of the column's first non-null value in the batch; only nulls: text. */
    private static Kind inferKind(String column, List<Object[]> rows, int position) {
        for (Object[] row : rows) {
            if (position < row.length && row[position] != null) {
                return Kind.ofValue(column, row[position]);
            }
        }
        return Kind.STRING;
    }

    private LinkedHashMap<String, Kind> existingColumns() {
        Destination target = destination();
        String columns = target.database().map(database -> database.sql() + ".").orElse("")
                + "INFORMATION_SCHEMA.COLUMNS";
        LinkedHashMap<String, Kind> existing = new LinkedHashMap<>();
        for (SqlRow row : port.query("SELECT COLUMN_NAME, DATA_TYPE FROM " + columns + " WHERE TABLE_SCHEMA = ? AND"
                + " TABLE_NAME = ? ORDER BY ORDINAL_POSITION", target.schema().name(), target.table().name())) {
            existing.put(row.getString(0), Kind.ofDataType(row.getString(1)));
        }
        return existing;
    }

    private void clearIfRequested() {
        if (clearRequested && !cleared && !tableColumns.isEmpty()) {
            port.update("DELETE FROM " + destination().sql());
        }
        cleared = cleared || clearRequested;
    }

    private String insert(List<String> columns, String source) {
        StringBuilder names = new StringBuilder();
        for (String column : columns) {
            names.append(names.length() == 0 ? "" : ", ").append(Identifier.ofName(column).sql());
        }
        return "INSERT INTO " + destination().sql() + " (" + names + ") " + source;
    }

    private String placeholders(List<String> columns) {
        StringBuilder text = new StringBuilder();
        for (String column : columns) {
            text.append(text.length() == 0 ? "" : ", ").append(placeholder(tableColumns.get(column)));
        }
        return text.toString();
    }

    private String placeholder(Kind kind) {
        if (kind == Kind.JSON) {
            return port.dialect().jsonParameter();
        }
        if (onSnowflake && kind == Kind.TIMESTAMP) {
            return "CAST(? AS TIMESTAMP_NTZ)";
        }
        if (onSnowflake && kind == Kind.DATE) {
            return "CAST(? AS DATE)";
        }
        return "?";
    }

    /** Snowflake: {@code INSERT INTO t (…) SELECT ?, … UNION ALL SELECT ?, …}, as many rows per statement as fit. */
    private void insertSelect(List<String> columns, List<Object[]> rows) {
        int perStatement = Math.max(1, Math.min(BATCH_ROWS, MAX_PARAMETERS / columns.size()));
        String select = "SELECT " + placeholders(columns);
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            StringBuilder source = new StringBuilder();
            List<Object> parameters = new ArrayList<>(chunk.size() * columns.size());
            for (Object[] row : chunk) {
                source.append(source.length() == 0 ? "" : " UNION ALL ").append(select);
                parameters.addAll(java.util.Arrays.asList(row));
            }
            port.update(insert(columns, source.toString()), parameters.toArray());
        }
    }

    /** The value as it is bound for a column of this kind. */
    private Object bindable(String column, Kind kind, Object value) {
        if (value == null) {
            return null;
        }
        Object plain = plain(column, value);
        if (kind == Kind.JSON) {
            return JsonTree.write(JsonTree.tree(plain instanceof LocalDateTime || plain instanceof LocalDate
                    ? text(plain) : plain));
        }
        if (plain instanceof Map || plain instanceof List) {
            return JsonTree.write(JsonTree.tree(plain));
        }
        if (onSnowflake && (plain instanceof LocalDateTime || plain instanceof LocalDate)) {
            return text(plain);
        }
        return plain;
    }

    /** Java types JDBC and Snowpark bind as they are; date-times in UTC. */
    private static Object plain(String column, Object value) {
        if (value instanceof String || value instanceof Long || value instanceof Integer || value instanceof Boolean
                || value instanceof Double || value instanceof BigDecimal || value instanceof LocalDateTime
                || value instanceof LocalDate || value instanceof Map || value instanceof List) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof ZonedDateTime time) {
            return time.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof java.util.Date date) {
            return LocalDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
        }
        throw unsupported(column, value);
    }

    private static String text(Object dateOrTime) {
        return dateOrTime instanceof LocalDate date ? date.toString()
                : ((LocalDateTime) dateOrTime).format(TIMESTAMP);
    }

    private static IllegalArgumentException unsupported(String column, Object value) {
        return new IllegalArgumentException("The value of column " + column + " is a " + value.getClass().getName()
                + "; a sink takes String, numbers, Boolean, java.time dates and times, Map, List or null");
    }
}
