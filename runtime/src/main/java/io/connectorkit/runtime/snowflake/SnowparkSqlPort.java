package io.connectorkit.runtime.snowflake;

import com.snowflake.snowpark_java.Row;
import com.snowflake.snowpark_java.Session;
import io.connectorkit.runtime.sql.Dialect;
import io.connectorkit.runtime.sql.SqlFailure;
import io.connectorkit.runtime.sql.SqlPort;
import io.connectorkit.runtime.sql.SqlRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The storage port inside Snowflake: statements through the procedure's Snowpark session, values bound. */
public final class SnowparkSqlPort implements SqlPort {

    private final Session session;
    private int transactionDepth;

    public SnowparkSqlPort(Session session) {
        this.session = session;
    }

    @Override
    public Dialect dialect() {
        return SnowflakeDialect.INSTANCE;
    }

    @Override
    public List<SqlRow> query(String sql, Object... parameters) {
        Row[] rows = run(sql, parameters);
        List<SqlRow> result = new ArrayList<>(rows.length);
        for (Row row : rows) {
            result.add(new SqlRow(row.toList()));
        }
        return result;
    }

    /** Snowflake answers a DML statement with one row whose first column counts the rows it changed. */
    @Override
    public int update(String sql, Object... parameters) {
        Row[] rows = run(sql, parameters);
        if (rows.length == 0 || rows[0].size() == 0 || rows[0].isNullAt(0)) {
            return 0;
        }
        Object count = rows[0].get(0);
        return count instanceof Number number ? number.intValue() : Integer.parseInt(count.toString());
    }

    @Override
    public void execute(String sql, Object... parameters) {
        run(sql, parameters);
    }

    /**
     * Inside a transaction, Snowflake commits it before the DDL and then runs every later statement on its own
     * (autocommit); a new {@code BEGIN TRANSACTION} keeps the rest of the unit atomic.
     */
    @Override
    public void ddl(String sql) {
        run(sql);
        if (transactionDepth > 0) {
            run("BEGIN TRANSACTION");
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (transactionDepth > 0) {
            return work.get();
        }
        transactionDepth++;
        try {
            run("BEGIN TRANSACTION");
            T result = work.get();
            run("COMMIT");
            return result;
        } catch (RuntimeException | Error e) {
            try {
                run("ROLLBACK");
            } catch (RuntimeException ignored) {
                // The original failure is what the caller needs to see.
            }
            throw e;
        } finally {
            transactionDepth--;
        }
    }

    private Row[] run(String sql, Object... parameters) {
        try {
            return (parameters.length == 0 ? session.sql(sql) : session.sql(sql, parameters)).collect();
        } catch (RuntimeException e) {
            String message = e.getMessage() + " [statement: " + sql + "]";
            // Snowflake's "statement aborted because a lock ... timed out" (000625/000626).
            if (String.valueOf(e.getMessage()).matches("(?s).*\\b00062[56]\\b.*")) {
                throw new SqlFailure.LockTimeout(message, e);
            }
            throw new SqlFailure(message, e);
        }
    }
}
