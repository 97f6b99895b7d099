package io.connectorkit.runtime.sql;

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
}
