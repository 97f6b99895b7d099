package io.connectorkit.fake.snowflake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** How the fake answers a statement: rows, a number of rows changed, or a Snowflake error. */
public sealed interface Reply permits Reply.Result, Reply.RowsAffected, Reply.Failure {

    /** What Snowflake answers to DDL and most commands. */
    String STATEMENT_EXECUTED = "Statement executed successfully.";

    /** A result with these columns and no rows yet; add rows with {@link Result#row}. */
    static Result columns(Column... columns) {
        return new Result(List.of(columns), List.of());
    }

    /** The one-row {@code status} result Snowflake gives for DDL and most commands. */
    static Result statementExecuted() {
        return columns(Column.text("status")).row(STATEMENT_EXECUTED);
    }

    /** The answer to an INSERT, UPDATE, DELETE or MERGE: what {@code executeUpdate} returns. */
    static RowsAffected rowsAffected(long count) {
        return new RowsAffected(count);
    }

    /**
     * A failed statement: the driver throws a SQLException with this vendor code, SQLSTATE and message.
     *
     * @param code Snowflake's error code, such as 2003 (object does not exist) or 93030
     */
    static Failure error(int code, String sqlState, String message) {
        return new Failure(code, sqlState, message);
    }

    /**
     * Rows of values typed by their column: Strings, Numbers, Booleans or nulls. Immutable; {@link #row} returns a
     * copy with one more row.
     */
    record Result(List<Column> columns, List<List<Object>> rows) implements Reply {

        public Result {
            columns = List.copyOf(columns);
            rows = rows.stream().map(Result::frozen).toList();
            for (List<Object> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException(
                            "A row of " + row.size() + " values for " + columns.size() + " columns: " + row);
                }
            }
        }

        public Result row(Object... values) {
            List<List<Object>> more = new ArrayList<>(rows);
            more.add(Arrays.asList(values));
            return new Result(columns, more);
        }

        private static List<Object> frozen(List<Object> row) {
            return Collections.unmodifiableList(new ArrayList<>(row));
        }
    }

    /** The number of rows a DML statement changed. */
    record RowsAffected(long count) implements Reply {}

    /** A Snowflake error. */
    record Failure(int code, String sqlState, String message) implements Reply {}
}
