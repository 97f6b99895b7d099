package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * App specifications as Snowflake runs them (https://docs.snowflake.com/en/developer-guide/native-apps/
 * requesting-app-specs-eai, .../ui-consumer-app-spec): a manifest-v2 app creates its network rule, sets an
 * EXTERNAL_ACCESS specification, creates its own external access integration; the consumer lists the specification
 * (SHOW SPECIFICATIONS) and approves or declines it at its current sequence number; an upgrade that changes the
 * definition asks again.
 */
class AppSpecificationsTest {

    private static final String STAGE = "\"SPEC_PKG\".APP_SRC.STAGE";
    private static final String CREATE =
            "CREATE APPLICATION \"SPEC\" FROM APPLICATION PACKAGE \"SPEC_PKG\" USING '@" + STAGE + "'";
    private static final String UPGRADE = "ALTER APPLICATION \"SPEC\" UPGRADE USING '@" + STAGE + "'";
    private static final String MANIFEST_V2 = """
            manifest_version: 2
            artifacts:
              setup_script: setup.sql
            privileges:
              - CREATE EXTERNAL ACCESS INTEGRATION:
                  description: its own integration
            """;

    private FakeSnowflake snowflake;
    private FakeAccount account;
    private Connection connection;

    @BeforeEach
    void start() throws Exception {
        snowflake = FakeSnowflake.start();
        account = new FakeAccount(snowflake);
        connection = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties());
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        snowflake.close();
    }

    @Test
    void aSpecificationIsPendingUntilTheConsumerApprovesItsCurrentSequenceNumber() throws Exception {
        stage(MANIFEST_V2, script("api.example.com"));
        execute(CREATE);

        assertThat(specifications())
                .containsExactly(
                        "API_ACCESS EXTERNAL_ACCESS 1 PENDING API access " + "{\"host_ports\":[\"api.example.com\"]}");
        assertThatThrownBy(() ->
                        execute("ALTER APPLICATION \"SPEC\" APPROVE SPECIFICATION API_ACCESS " + "SEQUENCE_NUMBER = 2"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("is not its current one (1)");
        assertThatThrownBy(() -> execute("ALTER APPLICATION \"SPEC\" APPROVE SPECIFICATION OTHER SEQUENCE_NUMBER = 1"))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(2003));

        execute("ALTER APPLICATION \"SPEC\" APPROVE SPECIFICATION API_ACCESS SEQUENCE_NUMBER = 1");
        assertThat(specifications())
                .containsExactly(
                        "API_ACCESS EXTERNAL_ACCESS 1 APPROVED API access " + "{\"host_ports\":[\"api.example.com\"]}");
        assertThat(rows("SHOW PENDING SPECIFICATIONS IN APPLICATION \"SPEC\"")).isEmpty();

        stage(MANIFEST_V2, script("api.example.com").replace("'Calls the API'", "'Calls the records API'"));
        execute(UPGRADE);
        assertThat(specifications())
                .as("a new description alone keeps the approval")
                .containsExactly(
                        "API_ACCESS EXTERNAL_ACCESS 1 APPROVED API access " + "{\"host_ports\":[\"api.example.com\"]}");

        stage(MANIFEST_V2, script("api.example.com', 'files.example.com:8443"));
        execute(UPGRADE);
        assertThat(specifications())
                .as("a new definition asks again")
                .containsExactly("API_ACCESS EXTERNAL_ACCESS 2 "
                        + "PENDING API access {\"host_ports\":[\"api.example.com\",\"files.example.com:8443\"]}");
        execute("ALTER APPLICATION \"SPEC\" DECLINE SPECIFICATION API_ACCESS SEQUENCE_NUMBER = 2");
        assertThat(account.app("SPEC").orElseThrow().specificationStatuses()).containsEntry("API_ACCESS", "DECLINED");
    }

    @Test
    void theAppCreatesItsIntegrationOverItsOwnNetworkRuleWhenGrantedThePrivilege() throws Exception {
        stage(MANIFEST_V2, script("api.example.com"));
        execute(CREATE);

        assertThat(query("CALL \"SPEC\".PUBLIC.SETUP_ACCESS()")).isEqualTo("\"SPEC_API\"");
        assertThat(account.app("SPEC").orElseThrow().createdIntegrations()).containsExactly("\"SPEC_API\"");
        assertThat(snowflake
                        .externalAccessIntegrations()
                        .allowedSecrets("\"SPEC_API\"")
                        .orElseThrow()
                        .allowsAll())
                .isTrue();
        assertThat(query("CALL \"SPEC\".PUBLIC.SETUP_ACCESS()"))
                .as("IF NOT EXISTS: a second run changes nothing")
                .isEqualTo("\"SPEC_API\"");
    }

    /** Snowflake runs every statement of the script, its CALLs too, after granting what manifest version 2 grants. */
    @Test
    void theScriptsOwnCallRunsAtInstallAndUpgradeWithThePrivilegesGranted() throws Exception {
        stage(MANIFEST_V2, script("api.example.com") + "CALL PUBLIC.SETUP_ACCESS();\n");

        execute(CREATE);
        assertThat(account.app("SPEC").orElseThrow().createdIntegrations()).containsExactly("\"SPEC_API\"");
        execute(UPGRADE);
        assertThat(account.app("SPEC").orElseThrow().createdIntegrations()).containsExactly("\"SPEC_API\"");
    }

    @Test
    void withoutThePrivilegeTheIntegrationIsRefused() throws Exception {
        stage(
                MANIFEST_V2.replace(
                        "privileges:\n  - CREATE EXTERNAL ACCESS INTEGRATION:\n      description: its own "
                                + "integration\n",
                        ""),
                script("api.example.com"));
        execute(CREATE);

        assertThat(query("CALL \"SPEC\".PUBLIC.SETUP_ACCESS()"))
                .startsWith("refused: SQL access control error:\n" + "Insufficient privileges");
        assertThat(account.app("SPEC").orElseThrow().createdIntegrations()).isEmpty();
    }

    @Test
    void anIntegrationOverANetworkRuleTheAppDidNotCreateIsRefused() throws Exception {
        stage(
                MANIFEST_V2,
                script("api.example.com")
                        .replace(
                                "ALLOWED_NETWORK_RULES = (STATE.API_RULE)",
                                "ALLOWED_NETWORK_RULES = (STATE.OTHER_RULE)"));
        execute(CREATE);

        assertThat(query("CALL \"SPEC\".PUBLIC.SETUP_ACCESS()"))
                .isEqualTo("refused: SQL compilation error:\n"
                        + "Network rule 'STATE.OTHER_RULE' does not exist or not authorized.");
    }

    @Test
    void specificationsNeedManifestVersion2ALabelOfTheirOwnAndKeepTheirType() {
        stage(MANIFEST_V2.replace("manifest_version: 2", "manifest_version: 1"), script("api.example.com"));
        assertRefused(CREATE, "App specification 'API_ACCESS' needs manifest_version: 2 in manifest.yml.");

        stage(
                MANIFEST_V2,
                script("api.example.com") + "ALTER APPLICATION SET SPECIFICATION OTHER TYPE = "
                        + "EXTERNAL_ACCESS LABEL = 'API access' DESCRIPTION = 'x' HOST_PORTS = ('other.example.com');\n");
        assertRefused(CREATE, "App specification 'API_ACCESS' already has the label 'API access'");

        stage(
                MANIFEST_V2,
                script("api.example.com") + "ALTER APPLICATION SET SPECIFICATION API_ACCESS TYPE = "
                        + "SECURITY_INTEGRATION LABEL = 'API access' DESCRIPTION = 'x' OAUTH_TYPE = 'CLIENT_CREDENTIALS' "
                        + "OAUTH_TOKEN_ENDPOINT = 'https://auth.example.com/token' OAUTH_ALLOWED_SCOPES = ('read');\n");
        assertRefused(
                CREATE,
                "The type of app specification 'API_ACCESS' cannot be changed from EXTERNAL_ACCESS to "
                        + "SECURITY_INTEGRATION.");

        stage(MANIFEST_V2, script("api.example.com").replace(" HOST_PORTS = ('api.example.com')", ""));
        assertRefused(CREATE, "missing required property HOST_PORTS for app specification 'API_ACCESS'");

        stage(
                MANIFEST_V2,
                script("api.example.com") + "ALTER APPLICATION SET SPECIFICATION OAUTH TYPE = "
                        + "SECURITY_INTEGRATION LABEL = 'OAuth' DESCRIPTION = 'x' OAUTH_TYPE = 'CLIENT_CREDENTIALS' "
                        + "OAUTH_TOKEN_ENDPOINT = 'https://auth.example.com/token';\n");
        assertRefused(CREATE, "missing required property OAUTH_ALLOWED_SCOPES for app specification 'OAUTH'");

        stage(MANIFEST_V2, script("api example.com"));
        assertRefused(CREATE, "invalid host port 'api example.com' in VALUE_LIST");
    }

    @Test
    void aSecurityIntegrationSpecificationIsListedWithItsOAuthDefinition() throws Exception {
        stage(
                MANIFEST_V2,
                script("api.example.com") + "ALTER APPLICATION SET SPECIFICATION OAUTH TYPE = "
                        + "SECURITY_INTEGRATION LABEL = 'OAuth' DESCRIPTION = 'Signs in' OAUTH_TYPE = 'AUTHORIZATION_CODE' "
                        + "OAUTH_TOKEN_ENDPOINT = 'https://auth.example.com/token' "
                        + "OAUTH_AUTHORIZATION_ENDPOINT = 'https://auth.example.com/authorize';\n");
        execute(CREATE);

        assertThat(specifications())
                .contains("OAUTH SECURITY_INTEGRATION 1 PENDING OAuth {\"oauth_type\":"
                        + "\"AUTHORIZATION_CODE\",\"oauth_token_endpoint\":\"https://auth.example.com/token\","
                        + "\"oauth_authorization_endpoint\":\"https://auth.example.com/authorize\"}");
    }

    /** The kit's shapes: the rule and specification in the script, the integration built by a SQL procedure. */
    private static String script(String hosts) {
        return """
                CREATE APPLICATION ROLE IF NOT EXISTS ADMIN;
                CREATE OR ALTER VERSIONED SCHEMA PUBLIC;
                GRANT USAGE ON SCHEMA PUBLIC TO APPLICATION ROLE ADMIN;
                CREATE SCHEMA IF NOT EXISTS STATE;
                CREATE NETWORK RULE IF NOT EXISTS STATE.API_RULE TYPE = HOST_PORT MODE = EGRESS
                  VALUE_LIST = ('%1$s');
                ALTER NETWORK RULE STATE.API_RULE SET VALUE_LIST = ('%1$s');
                ALTER APPLICATION SET SPECIFICATION API_ACCESS TYPE = EXTERNAL_ACCESS LABEL = 'API access'
                  DESCRIPTION = 'Calls the API' HOST_PORTS = ('%1$s');
                CREATE OR REPLACE PROCEDURE PUBLIC.SETUP_ACCESS()
                  RETURNS STRING
                  LANGUAGE SQL
                  AS $$
                DECLARE
                  INTEGRATION STRING DEFAULT '"' || REPLACE(CURRENT_DATABASE(), '"', '""') || '_API"';
                BEGIN
                  EXECUTE IMMEDIATE 'CREATE EXTERNAL ACCESS INTEGRATION IF NOT EXISTS ' || INTEGRATION
                    || ' ALLOWED_NETWORK_RULES = (STATE.API_RULE) ALLOWED_AUTHENTICATION_SECRETS = all ENABLED = TRUE';
                  RETURN INTEGRATION;
                EXCEPTION
                  WHEN OTHER THEN
                    RETURN 'refused: ' || SQLERRM;
                END;
                $$;
                GRANT USAGE ON PROCEDURE PUBLIC.SETUP_ACCESS() TO APPLICATION ROLE ADMIN;
                """.formatted(hosts);
    }

    private void assertRefused(String sql, String message) {
        assertThatThrownBy(() -> execute(sql))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93082))
                .hasMessageContaining(message);
    }

    private List<String> specifications() throws SQLException {
        return rows("SHOW SPECIFICATIONS IN APPLICATION \"SPEC\"");
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString("name") + " " + result.getString("type") + " "
                        + result.getInt("sequence_number") + " " + result.getString("status") + " "
                        + result.getString("label") + " " + result.getString("definition"));
            }
        }
        return rows;
    }

    private void stage(String manifest, String script) {
        snowflake.addStageFile(STAGE, "manifest.yml", manifest.getBytes(StandardCharsets.UTF_8));
        snowflake.addStageFile(STAGE, "setup.sql", script.getBytes(StandardCharsets.UTF_8));
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String query(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
