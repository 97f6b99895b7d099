package io.connectorkit.benchmarks;

import io.connectorkit.runtime.sql.Dialect;
import io.connectorkit.runtime.sql.SqlPort;
import io.connectorkit.runtime.sql.SqlRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Counts the statements an iteration sends, BEGIN and COMMIT included (each is a statement in Snowflake). */
final class CountingPort implements SqlPort {

    final List<String> statements = new ArrayList<>();
    private final SqlPort delegate;
    private int depth;

    CountingPort(SqlPort delegate) {
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
        statements.add(sql);
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
        } finally {
            depth--;
        }
    }

    @Override
    public Dialect dialect() {
        return delegate.dialect();
    }
}
