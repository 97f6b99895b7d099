package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.sql.Sql;
import java.util.Optional;

/**
 * What a connector hook can see and use while a procedure runs. The runtime passes one to every hook; a hook must
 * not keep it beyond its call.
 */
public interface ConnectorContext {

    /**
     * The stored {@code connector_configuration}, or an empty one.
     *
     * @return the configuration as it is stored now, read again at each call (so it includes what this procedure
     *     wrote so far); an empty configuration before {@code CONFIGURE_CONNECTOR} has saved one
     */
    Configuration connectorConfiguration();

    /**
     * The stored {@code connection_configuration}, or an empty one.
     *
     * @return the configuration as it is stored now, read again at each call; secret fields hold the names of their
     *     secret references, not the secrets (read those with {@link #secret(String)}); an empty configuration
     *     before one is saved
     */
    Configuration connectionConfiguration();

    /**
     * Statements in the procedure's own transaction: what a hook writes is kept only if the procedure succeeds.
     * DDL commits the transaction early on both targets, so keep DDL idempotent ({@code IF NOT EXISTS}).
     *
     * @return the statements of this call, on the embedded H2 database or in Snowflake
     */
    Sql sql();

    /**
     * Where the app runs: {@code embedded} (H2) or {@code snowflake}.
     *
     * @return {@code "embedded"} or {@code "snowflake"}, in lower case
     */
    String target();

    /**
     * The value of the secret bound to a secret field of the connection configuration: {@code secret("api_token")}
     * reads the secret bound to the reference {@code API_TOKEN_SECRET}. Empty when no secret is bound to it (in
     * Snowflake also when the procedure was not given the secret). Keep the value out of responses and logs.
     *
     * @param fieldName the name of a secret field declared in the connection configuration, such as
     *     {@code api_token} (not the reference name)
     * @return the secret's value, or empty when none can be read
     * @throws IllegalArgumentException when the connector declares no secret connection field of that name
     */
    Optional<String> secret(String fieldName);
}
