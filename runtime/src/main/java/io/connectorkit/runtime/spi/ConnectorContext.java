package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.sql.Sql;
import java.util.Optional;

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

    /**
     * The value of the secret bound to a secret field of the connection configuration: {@code secret("api_token")}
     * reads the secret bound to the reference {@code API_TOKEN_SECRET}. Empty when no secret is bound to it (in
     * Snowflake also when the procedure was not given the secret). Keep the value out of responses and logs.
     *
     * @throws IllegalArgumentException when the connector declares no secret connection field of that name
     */
    Optional<String> secret(String fieldName);
}
