package io.connectorkit.runtime.sql;

import java.util.List;
import java.util.function.Supplier;

/** The runtime's way to its storage: statements, plus transactions around a unit of work. */
public interface SqlPort extends Sql {

    /**
     * Runs the work in one transaction: commits when it returns, rolls back when it throws (and rethrows).
     * A nested call joins the enclosing transaction.
     */
    <T> T inTransaction(Supplier<T> work);

    /** The SQL dialect of this storage. */
    Dialect dialect();

    /**
     * Runs one data-changing statement once per row of values, in order; a port that can send them together (a JDBC
     * batch) does. Answers the number of rows changed.
     */
    default long batch(String sql, List<Object[]> rows) {
        long changed = 0;
        for (Object[] row : rows) {
            changed += update(sql, row);
        }
        return changed;
    }

    /**
     * Runs DDL inside a unit of work. DDL commits the open transaction on both targets; inside
     * {@link #inTransaction} the port then goes on in a new transaction, so that what the unit writes afterwards is
     * still undone when it fails. Call it before the unit writes anything it may have to undo.
     */
    default void ddl(String sql) {
        execute(sql);
    }
}
