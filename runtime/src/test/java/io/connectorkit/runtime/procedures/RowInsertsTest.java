package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.embedded.H2Dialect;
import io.connectorkit.runtime.snowflake.SnowflakeDialect;
import io.connectorkit.runtime.sql.Dialect;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.sql.SqlPort;
import io.connectorkit.runtime.sql.SqlRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How a run's rows reach the destination table: on Snowflake as {@code INSERT … SELECT … UNION ALL …} statements split
 * so that none binds more than {@link RowInserts#MAX_PARAMETERS} values, none holds more than a batch of rows and
 * none exceeds {@link RowInserts#MAX_STATEMENT_BYTES} of text and bound values, on
 * the embedded target as one JDBC batch of a prepared {@code INSERT … VALUES}.
 */
class RowInsertsTest {

    /** One statement the inserts sent, with its bound values. */
    record Sent(String sql, List<Object> parameters, int batchRows) {}

    /** A port that answers the table's columns and records what is sent. */
    static final class RecordingPort implements SqlPort {
        final Dialect dialect;
        final List<String> existingColumns;
        final List<Sent> sent = new ArrayList<>();

        RecordingPort(Dialect dialect, List<String> existingColumns) {
            this.dialect = dialect;
            this.existingColumns = existingColumns;
        }

        @Override
        public List<SqlRow> query(String sql, Object... parameters) {
            List<SqlRow> rows = new ArrayList<>();
            for (String column : existingColumns) {
                String[] nameAndType = column.split(" ");
                rows.add(new SqlRow(List.of(nameAndType[0], nameAndType[1])));
            }
            return rows;
        }

        @Override
        public int update(String sql, Object... parameters) {
            sent.add(new Sent(sql, Arrays.asList(parameters), 0));
            return 1;
        }

        @Override
        public void execute(String sql, Object... parameters) {
            sent.add(new Sent(sql, Arrays.asList(parameters), 0));
        }

        @Override
        public long batch(String sql, List<Object[]> rows) {
            List<Object> parameters = new ArrayList<>();
            rows.forEach(row -> parameters.addAll(Arrays.asList(row)));
            sent.add(new Sent(sql, parameters, rows.size()));
            return rows.size();
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }

        @Override
        public Dialect dialect() {
            return dialect;
        }
    }

    private static final Destination ORDERS =
            new Destination(Optional.of(Identifier.parse("DB")), Identifier.parse("DEST"), Identifier.parse("ORDERS"));

    private static List<String> columns(int count) {
        return IntStream.range(0, count).mapToObj(i -> "C" + i).toList();
    }

    /** Rows whose values are their own positions in the run, so the order of bound values is visible. */
    private static List<Object[]> rows(int count, int columns) {
        List<Object[]> rows = new ArrayList<>();
        for (int row = 0; row < count; row++) {
            Object[] values = new Object[columns];
            for (int column = 0; column < columns; column++) {
                values[column] = (long) row * columns + column;
            }
            rows.add(values);
        }
        return rows;
    }

    private static RecordingPort send(Dialect dialect, List<String> columns, List<Object[]> rows) {
        RecordingPort port = new RecordingPort(
                dialect, columns.stream().map(column -> column + " VARCHAR").toList());
        DestinationTable table = new DestinationTable(port, () -> ORDERS);
        table.prepare(columns, rows, IntStream.range(0, columns.size()).toArray(), false);
        new RowInserts(port, table).send(columns, rows);
        return port;
    }

    private static List<Integer> rowsPerStatement(RecordingPort port, int columns) {
        return port.sent.stream()
                .map(sent -> sent.parameters().size() / columns)
                .toList();
    }

    private static List<Object> allValues(List<Object[]> rows) {
        List<Object> values = new ArrayList<>();
        rows.forEach(row -> values.addAll(Arrays.asList(row)));
        return values;
    }

    private static List<Object> sentValues(RecordingPort port) {
        List<Object> values = new ArrayList<>();
        port.sent.forEach(sent -> values.addAll(sent.parameters()));
        return values;
    }

    @Test
    void snowflakeGetsOneMultiRowSelectWithEveryValueBound() {
        List<Object[]> rows = rows(3, 2);
        RecordingPort port = send(SnowflakeDialect.INSTANCE, List.of("ID", "Name"), rows);

        assertThat(port.sent).singleElement().satisfies(sent -> {
            assertThat(sent.sql())
                    .isEqualTo("INSERT INTO \"DB\".\"DEST\".\"ORDERS\" (\"ID\", \"Name\") SELECT ?, ?"
                            + " UNION ALL SELECT ?, ? UNION ALL SELECT ?, ?");
            assertThat(sent.parameters()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        });
    }

    @Test
    void snowflakeValuesOfJsonTimestampAndDateColumnsAreConvertedInTheSelect() {
        RecordingPort port = new RecordingPort(
                SnowflakeDialect.INSTANCE,
                List.of("PAYLOAD VARIANT", "SEEN_AT TIMESTAMP_NTZ", "DAY DATE", "NOTE VARCHAR"));
        DestinationTable table = new DestinationTable(port, () -> ORDERS);
        List<String> columns = List.of("PAYLOAD", "SEEN_AT", "DAY", "NOTE");
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"{}", "2026-03-01 08:00:00", "2026-03-01", "x"});
        table.prepare(columns, rows, new int[] {0, 1, 2, 3}, false);

        new RowInserts(port, table).send(columns, rows);

        assertThat(port.sent)
                .singleElement()
                .extracting(Sent::sql)
                .isEqualTo("INSERT INTO \"DB\".\"DEST\".\"ORDERS\""
                        + " (\"PAYLOAD\", \"SEEN_AT\", \"DAY\", \"NOTE\") SELECT PARSE_JSON(?), CAST(? AS TIMESTAMP_NTZ),"
                        + " CAST(? AS DATE), ?");
    }

    @Test
    void aNarrowBatchIsSplitAtTheBatchSizeOnlyWhenItHasMoreRows() {
        assertThat(rowsPerStatement(send(SnowflakeDialect.INSTANCE, columns(1), rows(TableSink.BATCH_ROWS, 1)), 1))
                .containsExactly(TableSink.BATCH_ROWS);
        assertThat(rowsPerStatement(send(SnowflakeDialect.INSTANCE, columns(1), rows(TableSink.BATCH_ROWS + 1, 1)), 1))
                .containsExactly(TableSink.BATCH_ROWS, 1);
        assertThat(rowsPerStatement(send(SnowflakeDialect.INSTANCE, columns(1), rows(2 * TableSink.BATCH_ROWS, 1)), 1))
                .containsExactly(TableSink.BATCH_ROWS, TableSink.BATCH_ROWS);
    }

    @Test
    void aWideBatchIsSplitSoThatNoStatementBindsMoreThanTheLimit() {
        // 20 columns: 800 rows bind exactly 16,000 values, the limit; the 801st row goes into a second statement.
        int columns = 20;
        int atTheLimit = RowInserts.MAX_PARAMETERS / columns;
        assertThat(atTheLimit * columns).isEqualTo(RowInserts.MAX_PARAMETERS);

        RecordingPort exactly = send(SnowflakeDialect.INSTANCE, columns(columns), rows(atTheLimit, columns));
        assertThat(exactly.sent)
                .singleElement()
                .satisfies(sent -> assertThat(sent.parameters()).hasSize(RowInserts.MAX_PARAMETERS));

        List<Object[]> oneOver = rows(atTheLimit + 1, columns);
        RecordingPort over = send(SnowflakeDialect.INSTANCE, columns(columns), oneOver);
        assertThat(rowsPerStatement(over, columns)).containsExactly(atTheLimit, 1);
        assertThat(over.sent.get(1).sql()).endsWith(") SELECT " + String.join(", ", Collections.nCopies(columns, "?")));
        assertThat(sentValues(over)).isEqualTo(allValues(oneOver));
    }

    @Test
    void aColumnCountThatDoesNotDivideTheLimitRoundsTheRowsPerStatementDown() {
        int columns = 17;
        int perStatement = RowInserts.MAX_PARAMETERS / columns;
        List<Object[]> rows = rows(2 * perStatement + 5, columns);

        RecordingPort port = send(SnowflakeDialect.INSTANCE, columns(columns), rows);

        assertThat(rowsPerStatement(port, columns)).containsExactly(perStatement, perStatement, 5);
        assertThat(port.sent)
                .allSatisfy(
                        sent -> assertThat(sent.parameters().size()).isLessThanOrEqualTo(RowInserts.MAX_PARAMETERS));
        assertThat(sentValues(port)).isEqualTo(allValues(rows));
    }

    @Test
    void aRowWiderThanTheLimitStillGoesOneRowPerStatement() {
        int columns = RowInserts.MAX_PARAMETERS + 1;
        List<Object[]> rows = rows(2, columns);

        RecordingPort port = send(SnowflakeDialect.INSTANCE, columns(columns), rows);

        assertThat(rowsPerStatement(port, columns)).containsExactly(1, 1);
        assertThat(port.sent).allSatisfy(sent -> assertThat(sent.sql()).doesNotContain("UNION ALL"));
        assertThat(sentValues(port)).isEqualTo(allValues(rows));
    }

    @Test
    void largeValuesSplitTheBatchSoThatNoStatementExceedsOneMegabyte() {
        // 3 columns of 100,000 characters: 300 KB a row, so 3 rows fit in 1 MB and the 4th starts a new statement.
        String large = "x".repeat(100_000);
        List<Object[]> rows = IntStream.range(0, 7)
                .mapToObj(row -> new Object[] {large, large, row + "-" + large})
                .toList();

        RecordingPort port = send(SnowflakeDialect.INSTANCE, columns(3), rows);

        assertThat(rowsPerStatement(port, 3)).containsExactly(3, 3, 1);
        assertThat(port.sent)
                .allSatisfy(
                        sent -> assertThat(statementBytes(sent)).isLessThanOrEqualTo(RowInserts.MAX_STATEMENT_BYTES));
        assertThat(sentValues(port)).isEqualTo(allValues(rows));
    }

    @Test
    void theStatementSizeCountsBytesOfUtf8NotCharactersAndARowLargerThanItGoesAlone() {
        // 200,000 two-byte characters are 400 KB: two such rows fit, a third does not.
        String accented = "é".repeat(200_000);
        List<Object[]> rows =
                IntStream.range(0, 3).mapToObj(row -> new Object[] {accented}).toList();
        assertThat(rowsPerStatement(send(SnowflakeDialect.INSTANCE, columns(1), rows), 1))
                .containsExactly(2, 1);

        List<Object[]> huge = List.of(
                new Object[] {"small"},
                new Object[] {"y".repeat(RowInserts.MAX_STATEMENT_BYTES + 1)},
                new Object[] {"small"});
        assertThat(rowsPerStatement(send(SnowflakeDialect.INSTANCE, columns(1), huge), 1))
                .containsExactly(1, 1, 1);
    }

    private static long statementBytes(Sent sent) {
        long bytes = sent.sql().getBytes(StandardCharsets.UTF_8).length;
        for (Object value : sent.parameters()) {
            bytes += String.valueOf(value).getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    @Test
    void noRowsSendNothing() {
        assertThat(send(SnowflakeDialect.INSTANCE, columns(3), List.of()).sent).isEmpty();
    }

    @Test
    void theEmbeddedTargetSendsOneBatchOfAPreparedValuesInsert() {
        List<Object[]> rows = rows(TableSink.BATCH_ROWS + 1, 2);
        RecordingPort port = send(H2Dialect.INSTANCE, List.of("ID", "Name"), rows);

        assertThat(port.sent).singleElement().satisfies(sent -> {
            assertThat(sent.sql()).isEqualTo("INSERT INTO \"DB\".\"DEST\".\"ORDERS\" (\"ID\", \"Name\") VALUES (?, ?)");
            assertThat(sent.batchRows()).isEqualTo(TableSink.BATCH_ROWS + 1);
            assertThat(sent.parameters()).isEqualTo(allValues(rows));
        });
    }

    @Test
    void theEmbeddedStatementFollowsTheColumnsOfEachBatch() {
        RecordingPort port = new RecordingPort(H2Dialect.INSTANCE, List.of("A VARCHAR", "B JSON"));
        DestinationTable table = new DestinationTable(port, () -> ORDERS);
        table.prepare(List.of("A", "B"), List.of(), new int[] {0, 1}, false);
        RowInserts inserts = new RowInserts(port, table);

        inserts.send(List.of("A", "B"), rows(1, 2));
        inserts.send(List.of("A", "B"), rows(1, 2));
        inserts.send(List.of("A"), rows(1, 1));
        inserts.send(List.of("A", "B"), rows(1, 2));

        assertThat(port.sent)
                .extracting(Sent::sql)
                .containsExactly(
                        "INSERT INTO \"DB\".\"DEST\".\"ORDERS\" (\"A\", \"B\") VALUES (?, ? FORMAT JSON)",
                        "INSERT INTO \"DB\".\"DEST\".\"ORDERS\" (\"A\", \"B\") VALUES (?, ? FORMAT JSON)",
                        "INSERT INTO \"DB\".\"DEST\".\"ORDERS\" (\"A\") VALUES (?)",
                        "INSERT INTO \"DB\".\"DEST\".\"ORDERS\" (\"A\", \"B\") VALUES (?, ? FORMAT JSON)");
    }
}
