package io.connectorkit.fake.snowflake;

/**
 * One login request as it reached the fake. Secrets are never kept: only whether a password or a token (OAuth
 * access token, programmatic access token, key-pair JWT) came with it.
 *
 * @param authenticator as the driver named it, {@code SNOWFLAKE} for a password login (the driver then sends none)
 * @param database      the database, schema, role and warehouse asked for in the connection, null when not set
 */
public record RecordedLogin(
        String user,
        String account,
        String authenticator,
        boolean passwordPresent,
        boolean tokenPresent,
        String database,
        String schema,
        String role,
        String warehouse) {
}
