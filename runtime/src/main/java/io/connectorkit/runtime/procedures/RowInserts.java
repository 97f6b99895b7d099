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

    /** Bound values per Snowflake statement. */
    static final int MAX_PARAMETERS = 16_000;

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

    /** {@code INSERT INTO t (…) SELECT ?, … UNION ALL SELECT ?, …}, as many rows per statement as fit. */
    private void insertSelect(List<String> columns, List<Object[]> rows) {
        int perStatement = Math.max(1, Math.min(TableSink.BATCH_ROWS, MAX_PARAMETERS / columns.size()));
        String select = "SELECT " + placeholders(columns);
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            StringBuilder source = new StringBuilder();
            List<Object> parameters = new ArrayList<>(chunk.size() * columns.size());
            for (Object[] row : chunk) {
                source.append(source.length() == 0 ? "" : " UNION ALL ").append(select);
                parameters.addAll(Arrays.asList(row));
            }
            port.update(insert(columns, source.toString()), parameters.toArray());
        }
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
