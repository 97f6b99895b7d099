package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake refuses to install an app whose manifest Snowflake refuses: SECRET and EXTERNAL ACCESS INTEGRATION
 * references need a configuration callback and cannot be multi-valued
 * (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-refs); a stage without manifest.yml holds no
 * app.
 */
class StagedManifestTest {

    private static final String STAGE = "\"PROBE_PKG\".APP_SRC.STAGE";
    private static final String CREATE =
            "CREATE APPLICATION \"PROBE\" FROM APPLICATION PACKAGE \"PROBE_PKG\" USING '@" + STAGE + "'";

    private FakeSnowflake snowflake;
    private FakeAccount account;
    private Connection connection;

    @BeforeEach
    void start() throws SQLException {
        snowflake = FakeSnowflake.start();
        account = new FakeAccount(snowflake);
        connection = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties());
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        snowflake.close();
    }

    @Test
    void aSecretReferenceWithoutConfigurationCallbackIsRefused() {
        stageManifest("""
                  - TOKEN:
                      label: Token
                      description: The API token
                      privileges: [READ]
                      object_type: SECRET
                      register_callback: PUBLIC.REGISTER_REFERENCE
                """);

        assertRefused(
                93302,
                "Unexpected value for property 'references.TOKEN.configuration_callback' in the manifest "
                        + "file: a reference of type SECRET requires a configuration_callback.");
    }

    @Test
    void aMultiValuedIntegrationReferenceIsRefused() {
        stageManifest("""
                  - API_ACCESS:
                      label: API
                      description: Reaches the API
                      privileges: [USAGE]
                      object_type: EXTERNAL ACCESS INTEGRATION
                      multi_valued: true
                      register_callback: PUBLIC.REGISTER_REFERENCE
                      configuration_callback: PUBLIC.GET_REFERENCE_CONFIG
                """);

        assertRefused(
                93302,
                "Unexpected value for property 'references.API_ACCESS.multi_valued' in the manifest file: "
                        + "a reference of type EXTERNAL ACCESS INTEGRATION must be single-valued.");
    }

    @Test
    void aStageWithoutManifestHoldsNoApp() {
        assertRefused(93003, "The manifest file manifest.yml was not found in the stage's root.");
    }

    @Test
    void aMultiValuedTableReferenceAndCallbacksAreAccepted() throws SQLException {
        stageManifest("""
                  - TOKEN:
                      label: Token
                      description: The API token
                      privileges: [READ]
                      object_type: SECRET
                      register_callback: PUBLIC.REGISTER_REFERENCE
                      configuration_callback: PUBLIC.GET_REFERENCE_CONFIG
                  - SOURCES:
                      label: Tables
                      description: Tables to copy
                      privileges: [SELECT]
                      object_type: TABLE
                      multi_valued: true
                      register_callback: PUBLIC.REGISTER_REFERENCE
                """);

        execute(CREATE);

        assertThat(account.applications).containsKey("PROBE");
    }

    private void stageManifest(String references) {
        StagedAppFiles.stageScript(snowflake, STAGE, "CREATE APPLICATION ROLE IF NOT EXISTS ADMIN;");
        snowflake.addStageFile(
                STAGE,
                "manifest.yml",
                (StagedAppFiles.MANIFEST + "references:\n" + references).getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(int code, String message) {
        assertThatThrownBy(() -> execute(CREATE))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(code))
                .hasMessageContaining(message);
        assertThat(account.applications).isEmpty();
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
