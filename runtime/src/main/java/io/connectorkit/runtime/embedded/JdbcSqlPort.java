package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.sql.Dialect;
import io.connectorkit.runtime.sql.SqlFailure;
import io.connectorkit.runtime.sql.SqlPort;
import io.connectorkit.runtime.sql.SqlRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The storage port over a JDBC connection: the connection H2 hands to a procedure's Java alias. */
public final class JdbcSqlPort implements SqlPort {

    /** H2's error codes for a lock wait timeout and a deadlock: the state is busy, not broken. */
    private static final int H2_LOCK_TIMEOUT = 50200;

    private static final int H2_DEADLOCK = 40001;
    private static final int BATCH_SIZE = 1000;

    private final Connection connection;
    private final Dialect dialect;
    private int transactionDepth;

    public JdbcSqlPort(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public List<SqlRow> query(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            List<SqlRow> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> values = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getObject(i));
                }
                rows.add(new SqlRow(values));
            }
            return rows;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    @Override
    public int update(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    @Override
    public void execute(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            statement.execute();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** One prepared statement, its rows sent as JDBC batches of at most {@value #BATCH_SIZE}. */
    @Override
    public long batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            long changed = 0;
            int pending = 0;
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
                if (++pending == BATCH_SIZE) {
                    changed += sum(statement.executeBatch());
                    pending = 0;
                }
            }
            if (pending > 0) {
                changed += sum(statement.executeBatch());
            }
            return changed;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private static long sum(int[] counts) {
        long sum = 0;
        for (int count : counts) {
            sum += Math.max(count, 0);
        }
        return sum;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (transactionDepth > 0) {
            return work.get();
        }
        boolean autoCommit = autoCommit();
        transactionDepth++;
        try {
            setAutoCommit(false);
            T result = work.get();
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollback();
            throw failure("COMMIT", e);
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        } finally {
            transactionDepth--;
            setAutoCommit(autoCommit);
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, parameters);
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }

    private boolean autoCommit() {
        try {
            return connection.getAutoCommit();
        } catch (SQLException e) {
            throw failure("(read auto-commit)", e);
        }
    }

    private void setAutoCommit(boolean autoCommit) {
        try {
            if (connection.getAutoCommit() != autoCommit) {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("(set auto-commit)", e);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the caller needs to see.
        }
    }

    private static SqlFailure failure(String sql, SQLException e) {
        String message = e.getMessage() + " [statement: " + sql + "]";
        if (e.getErrorCode() == H2_LOCK_TIMEOUT || e.getErrorCode() == H2_DEADLOCK) {
            return new SqlFailure.LockTimeout(message, e);
        }
        return new SqlFailure(message, e);
    }
}
