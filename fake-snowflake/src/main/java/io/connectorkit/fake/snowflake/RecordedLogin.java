package io.connectorkit.fake.snowflake;

/**
 * One login request as it reached the fake. Secrets are never kept: only whether a password or a token (OAuth
 * access token, programmatic access token, key-pair JWT, workload identity attestation) came with it.
 *
 * @param authenticator    as the driver named it, {@code SNOWFLAKE} for a password login (the driver then sends none)
 * @param database         the database, schema, role and warehouse asked for in the connection, null when not set
 * @param workloadIdentity who a {@code WORKLOAD_IDENTITY} login claimed to be, null for every other authenticator
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
        String warehouse,
        WorkloadIdentity workloadIdentity) {

    /**
     * The identity a workload identity federation login asserted.
     *
     * @param provider the PROVIDER the driver sent: AWS, AZURE, GCP or OIDC
     * @param issuer   the OIDC token's {@code iss} claim, null for the other providers
     * @param subject  the OIDC token's {@code sub} claim, null for the other providers
     */
    public record WorkloadIdentity(String provider, String issuer, String subject) {}
}
