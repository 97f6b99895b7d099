package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.sql.Sql;

/** What a connector hook can see and use while a procedure runs. */
public interface ConnectorContext {

    /** The stored {@code connector_configuration}, or an empty one. */
    Configuration connectorConfiguration();

    /** The stored {@code connection_configuration}, or an empty one. */
    Configuration connectionConfiguration();

    /**
     * Statements in the procedure's own transaction: what a hook writes is kept only if the procedure succeeds.
     * DDL commits the transaction early on both targets, so keep DDL idempotent ({@code IF NOT EXISTS}).
     */
    Sql sql();

    /** Where the app runs: {@code embedded} (H2) or {@code snowflake}. */
    String target();
}
