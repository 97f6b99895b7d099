package io.connectorkit.runtime.testing;

import io.connectorkit.runtime.sql.Dialect;
import io.connectorkit.runtime.sql.SqlPort;
import io.connectorkit.runtime.sql.SqlRow;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A port that records every statement it sends, transactions included (each {@code BEGIN}/{@code COMMIT} is a
 * statement in Snowflake), for tests and benchmarks that count round trips.
 */
public final class CountingSqlPort implements SqlPort {

    public final List<String> statements = new CopyOnWriteArrayList<>();
    private final SqlPort delegate;
    private int depth;

    public CountingSqlPort(SqlPort delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<SqlRow> query(String sql, Object... parameters) {
        statements.add(sql);
        return delegate.query(sql, parameters);
    }

    @Override
    public int update(String sql, Object... parameters) {
        statements.add(sql);
        return delegate.update(sql, parameters);
    }

    @Override
    public void execute(String sql, Object... parameters) {
        statements.add(sql);
        delegate.execute(sql, parameters);
    }

    @Override
    public long batch(String sql, List<Object[]> rows) {
        statements.add(sql + " [batch of " + rows.size() + "]");
        return delegate.batch(sql, rows);
    }

    @Override
    public void ddl(String sql) {
        statements.add(sql);
        delegate.ddl(sql);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (depth > 0) {
            return work.get();
        }
        depth++;
        statements.add("BEGIN");
        try {
            T result = delegate.inTransaction(work);
            statements.add("COMMIT");
            return result;
        } catch (RuntimeException | Error e) {
            statements.add("ROLLBACK");
            throw e;
        } finally {
            depth--;
        }
    }

    @Override
    public Dialect dialect() {
        return delegate.dialect();
    }
}
