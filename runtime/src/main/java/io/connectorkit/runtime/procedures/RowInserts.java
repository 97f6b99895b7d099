package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.sql.SqlPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The INSERTs of a run's batches, as the dialect sends rows: a JDBC batch of one prepared {@code INSERT … VALUES}
 * (the embedded target), or multi-row {@code INSERT … SELECT … UNION ALL …} statements (Snowflake, where
 * {@code PARSE_JSON} is not allowed in VALUES), each within the bound-value limit.
 */
final class RowInserts {

    /**
     * Bound values per Snowflake statement. Snowflake documents no count limit; this is the kit's cap, so that the
     * {@code UNION ALL} of a narrow batch stays quick to compile.
     */
    static final int MAX_PARAMETERS = 16_000;

    /**
     * Bytes of statement text and bound values per Snowflake statement: Snowflake asks for at most 1 MB per statement,
     * bound values included, or the statement cannot be retried
     * (https://docs.snowflake.com/en/user-guide/query-size-limits).
     */
    static final int MAX_STATEMENT_BYTES = 1_000_000;

    private final SqlPort port;
    private final DestinationTable table;
    /** The VALUES statement of the last batch, kept while the batches have the same columns. */
    private List<String> statementColumns = List.of();

    private String statementSql;

    RowInserts(SqlPort port, DestinationTable table) {
        this.port = port;
        this.table = table;
    }

    /** Sends the rows, each holding the values of the columns in order. */
    void send(List<String> columns, List<Object[]> rows) {
        if (port.dialect().insertsRowsWithSelect()) {
            insertSelect(columns, rows);
            return;
        }
        if (!columns.equals(statementColumns)) {
            statementColumns = List.copyOf(columns);
            statementSql = insert(columns, "VALUES (" + placeholders(columns) + ")");
        }
        port.batch(statementSql, rows);
    }

    /**
     * {@code INSERT INTO t (…) SELECT ?, … UNION ALL SELECT ?, …}, as many rows per statement as fit in the bound-value
     * cap, the batch size and the statement size; a row larger than the statement size goes alone.
     */
    private void insertSelect(List<String> columns, List<Object[]> rows) {
        int maxRows = Math.max(1, Math.min(TableSink.BATCH_ROWS, MAX_PARAMETERS / columns.size()));
        String select = "SELECT " + placeholders(columns);
        String prefix = insert(columns, "");
        int rowTextBytes = utf8Length(select) + " UNION ALL ".length();
        int prefixBytes = utf8Length(prefix);
        int from = 0;
        while (from < rows.size()) {
            int to = from;
            long bytes = prefixBytes;
            while (to < rows.size() && to - from < maxRows) {
                long rowBytes = rowTextBytes + valueBytes(rows.get(to));
                if (to > from && bytes + rowBytes > MAX_STATEMENT_BYTES) {
                    break;
                }
                bytes += rowBytes;
                to++;
            }
            send(columns, select, rows.subList(from, to));
            from = to;
        }
    }

    private void send(List<String> columns, String select, List<Object[]> chunk) {
        StringBuilder source = new StringBuilder();
        List<Object> parameters = new ArrayList<>(chunk.size() * columns.size());
        for (Object[] row : chunk) {
            source.append(source.length() == 0 ? "" : " UNION ALL ").append(select);
            parameters.addAll(Arrays.asList(row));
        }
        port.update(insert(columns, source.toString()), parameters.toArray());
    }

    /** The bytes a row's values take when bound: their text in UTF-8 (a byte array, its length). */
    private static long valueBytes(Object[] row) {
        long bytes = 0;
        for (Object value : row) {
            if (value instanceof byte[] binary) {
                bytes += binary.length;
            } else if (value != null) {
                bytes += utf8Length(value.toString());
            }
        }
        return bytes;
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private String insert(List<String> columns, String source) {
        StringBuilder names = new StringBuilder();
        for (String column : columns) {
            names.append(names.length() == 0 ? "" : ", ")
                    .append(Identifier.ofName(column).sql());
        }
        return "INSERT INTO " + table.destination().sql() + " (" + names + ") " + source;
    }

    private String placeholders(List<String> columns) {
        StringBuilder text = new StringBuilder();
        for (String column : columns) {
            text.append(text.length() == 0 ? "" : ", ").append(port.dialect().rowParameter(table.kindOf(column)));
        }
        return text.toString();
    }
}
