package io.connectorkit.plugin.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.fake.snowflake.ExternalAccessIntegrations.AllowedSecrets;
import io.connectorkit.fake.snowflake.FakeNativeApp;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.StagedSetupScript;
import io.connectorkit.plugin.checks.StaticChecks;
import io.connectorkit.plugin.snowflake.ConnectionSettings;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import io.connectorkit.plugin.testing.RenderedSnowflakeApp;
import io.connectorkit.plugin.testing.TestProjects;
import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In Snowflake a procedure reaches the source only with the secrets and external access integrations it is declared
 * with: the app gives them, by reference, to every procedure that runs connector code, after each binding and after
 * every upgrade (which replaces the procedures).
 */
class ExternalAccessRenderTest {

    /** The statement text for each procedure, with the secret the script chose (a bound reference, or the app's). */
    private static final Pattern ALTER = Pattern.compile(Pattern.quote("EXECUTE IMMEDIATE 'ALTER PROCEDURE PUBLIC.")
            + "([A-Z_]+)\\(([A-Z, ]*)\\)"
            + Pattern.quote(" SET' || ' SECRETS = (' || '''api_token'' = ' || SECRET_1"
                    + " || ')' || ' EXTERNAL_ACCESS_INTEGRATIONS = (' || 'reference(''API_ACCESS'')' || ')';"));

    @Test
    void everyProcedureThatRunsConnectorCodeGetsTheSecretAndTheIntegration(@TempDir Path project) throws Exception {
        String setup = render(project, """
                  references:
                    - {name: API_ACCESS, label: API, description: Reaches the API, hosts: [api.example.com],
                       objectType: EXTERNAL ACCESS INTEGRATION, privileges: [USAGE]}
                    - {name: ARCHIVE, label: Archive, description: Tables to copy, multiValued: true,
                       objectType: TABLE, privileges: [SELECT]}
                """);

        List<String> altered = new ArrayList<>();
        Matcher alter = ALTER.matcher(setup);
        while (alter.find()) {
            altered.add(alter.group(1));
            // The signature altered is the one the script creates.
            assertThat(alter.group(2))
                    .as(alter.group(1))
                    .isEqualTo(PublicProcedure.valueOf(alter.group(1)).arguments().stream()
                            .map(argument -> argument.type().name())
                            .collect(Collectors.joining(", ")));
        }
        assertThat(altered)
                .containsExactlyElementsOf(Arrays.stream(PublicProcedure.values())
                        .filter(PublicProcedure::runsConnectorCode)
                        .map(Enum::name)
                        .toList())
                .contains(
                        "SET_CONNECTION_CONFIGURATION",
                        "RUN_SCHEDULER_ITERATION",
                        "UPDATE_WAREHOUSE",
                        "RESET_CONFIGURATION")
                .doesNotContain("GET_CONNECTOR_STATUS", "UPDATE_PREREQUISITE");
        assertThat(setup)
                .doesNotContain("reference('ARCHIVE')")
                // SYSTEM$SET_REFERENCE takes single-valued references only (native-apps/requesting-refs).
                .contains("""
                              IF (REF_NAME IN ('ARCHIVE')) THEN
                                SELECT SYSTEM$ADD_REFERENCE(:REF_NAME, :REF_OR_ALIAS);
                              ELSE
                                SELECT SYSTEM$SET_REFERENCE(:REF_NAME, :REF_OR_ALIAS);
                              END IF;
                              CALL PUBLIC.SETUP_EXTERNAL_ACCESS() INTO :SETUP_ANSWER;
                              IF (SETUP_ANSWER IS NOT NULL AND SETUP_ANSWER <> 'Success') THEN
                                RETURN SETUP_ANSWER;
                              END IF;
                        """)
                .contains("""
                            WHEN 'API_ACCESS' THEN
                              RETURN '{"type":"CONFIGURATION","payload":{"host_ports":["api.example.com"],\
                        "allowed_secrets":"ALL"}}';
                            WHEN 'API_TOKEN_SECRET' THEN
                              RETURN '{"type":"CONFIGURATION","payload":{"type":"GENERIC_STRING"}}';
                        """)
                .contains("SYSTEM$GET_ALL_REFERENCES('API_ACCESS')", "SYSTEM$GET_ALL_REFERENCES('API_TOKEN_SECRET')")
                // The secret field's secret: its bound reference, else the app's own, else not ready.
                .contains("""
                          IF (SECRET_1 IS NULL) THEN
                            BEGIN
                              DESCRIBE SECRET STATE."API_TOKEN_VALUE";
                              SECRET_1 := 'STATE."API_TOKEN_VALUE"';
                            EXCEPTION
                              WHEN OTHER THEN
                                RETURN NULL;
                            END;
                          END IF;
                        """)
                .endsWith("CALL PUBLIC.SETUP_EXTERNAL_ACCESS();\n");
        assertThat(setup).doesNotContain("GRANT USAGE ON PROCEDURE PUBLIC.SETUP_EXTERNAL_ACCESS");
        assertThat(StaticChecks.grants("snowflake/setup.sql", setup)).isEmpty();
    }

    /**
     * The rendered REGISTER_REFERENCE and SETUP_EXTERNAL_ACCESS, run by the fake's Snowflake Scripting interpreter
     * through the real driver: SYSTEM$ADD_REFERENCE for the multi-valued reference (SYSTEM$SET_REFERENCE would be
     * refused), nothing altered until both references are bound, then every connector procedure given both, and the
     * integration's refusal of the secret answered.
     */
    @Test
    void theRenderedCallbacksBindAsSnowflakeRequiresAndAnswerTheExternalAccessError(@TempDir Path project)
            throws Exception {
        String references = """
                  references:
                    - {name: API_ACCESS, label: API, description: Reaches the API, hosts: [api.example.com],
                       objectType: EXTERNAL ACCESS INTEGRATION, privileges: [USAGE]}
                    - {name: ARCHIVE, label: Archive, description: Tables to copy, multiValued: true,
                       objectType: TABLE, privileges: [SELECT]}
                """;
        Map<String, String> app = renderedApp(project, references);
        ConnectorDefinition connector = TestProjects.descriptor(project)
                .toDescription()
                .toDefinition(getClass().getClassLoader());
        try (FakeSnowflake snowflake = FakeSnowflake.start();
                Connection embedded = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID());
                SnowflakeSession account = SnowflakeSession.open(new ConnectionSettings(
                        snowflake.jdbcUrl(), snowflake.connectionProperties(), List.of("test")))) {
            EmbeddedApp.install(embedded, connector);
            try (ConnectorRegistry.Binding binding = EmbeddedApp.bind(embedded, connector)) {
                Set<String> staged = RenderedSnowflakeApp.stagedFiles(app);
                FakeNativeApp nativeApp = new FakeNativeApp(
                        snowflake,
                        "REACHING_OUT",
                        embedded,
                        StagedSetupScript.run(app.get("snowflake/setup.sql"), staged));
                nativeApp.install(Map.of(
                        "manifest.yml",
                        bytes(app.get("snowflake/manifest.yml")),
                        "setup.sql",
                        bytes(app.get("snowflake/setup.sql"))));
                snowflake.externalAccessIntegrations().create("API_EAI", AllowedSecrets.none());

                assertThat(register(account, "ARCHIVE", reference(account, "TABLE", "DB.S.ORDERS")))
                        .isNull();
                assertThat(register(account, "ARCHIVE", reference(account, "TABLE", "DB.S.ITEMS")))
                        .isNull();
                assertThat(register(
                                account, "API_ACCESS", reference(account, "EXTERNAL ACCESS INTEGRATION", "API_EAI")))
                        .isNull();
                assertThat(nativeApp.boundObjects("ARCHIVE")).containsExactly("DB.S.ORDERS", "DB.S.ITEMS");
                assertThat(nativeApp.externalAccess)
                        .as("the secret is not bound yet")
                        .isEmpty();

                account.execute("CREATE OR REPLACE SECRET DB.S.TOKEN TYPE = GENERIC_STRING SECRET_STRING = 't'");
                String secret = reference(account, "SECRET", "DB.S.TOKEN");
                assertThat(register(account, "API_TOKEN_SECRET", secret))
                        .startsWith("External access could not be " + "set up: SQL compilation error:")
                        .contains("\"DB\".\"S\".\"TOKEN\"", "\"API_EAI\"");
                assertThat(nativeApp.externalAccess).isEmpty();

                snowflake.externalAccessIntegrations().create("API_EAI", AllowedSecrets.of("db.s.token"));
                assertThat(register(account, "API_TOKEN_SECRET", secret)).isNull();
                assertThat(nativeApp.externalAccess.keySet())
                        .containsExactlyInAnyOrderElementsOf(Arrays.stream(PublicProcedure.values())
                                .filter(PublicProcedure::runsConnectorCode)
                                .map(Enum::name)
                                .toList());
            }
        }
    }

    private static String reference(SnowflakeSession account, String type, String object) throws SQLException {
        return answer(account, "SELECT SYSTEM$REFERENCE(?, ?, 'PERSISTENT', 'USAGE')", type, object);
    }

    private static String register(SnowflakeSession account, String reference, String id) throws SQLException {
        return answer(account, "CALL \"REACHING_OUT\".PUBLIC.REGISTER_REFERENCE(?, 'ADD', ?)", reference, id);
    }

    private static String answer(SnowflakeSession account, String sql, Object... arguments) throws SQLException {
        Object value = account.query(sql, arguments).get(0).values().iterator().next();
        return value == null ? null : value.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Manifest version 2: the network rule and the specifications in the script, the integration built by
     * SETUP_EXTERNAL_ACCESS after the application's name, and the script still re-runnable and granted as checked.
     */
    @Test
    void specificationsRenderTheirRuleAndStatementsAndTheIntegrationIsNamedAfterTheApp(@TempDir Path project)
            throws Exception {
        Map<String, String> app = renderedApp(project, """
                  privileges:
                    - {name: CREATE EXTERNAL ACCESS INTEGRATION, description: Reach the API}
                    - {name: CREATE SECURITY INTEGRATION, description: Sign in}
                  specifications:
                    - {name: API_ACCESS, type: EXTERNAL_ACCESS, label: API, description: Reads the API,
                       hosts: [api.example.com, 'files.example.com:8443']}
                    - {name: SIGN_IN, type: SECURITY_INTEGRATION, label: Sign in, description: OAuth,
                       oauthType: CLIENT_CREDENTIALS, tokenEndpoint: 'https://auth.example.com/token', scopes: [read]}
                """);
        String setup = app.get("snowflake/setup.sql");

        assertThat(setup)
                .contains("""
                CREATE NETWORK RULE IF NOT EXISTS STATE."API_ACCESS_RULE" TYPE = HOST_PORT MODE = EGRESS
                  VALUE_LIST = ('api.example.com', 'files.example.com:8443');
                ALTER NETWORK RULE STATE."API_ACCESS_RULE" SET VALUE_LIST = ('api.example.com', 'files.example.com:8443');
                ALTER APPLICATION SET SPECIFICATION "API_ACCESS"
                  TYPE = EXTERNAL_ACCESS
                  LABEL = 'API'
                  DESCRIPTION = 'Reads the API'
                  HOST_PORTS = ('api.example.com', 'files.example.com:8443');
                ALTER APPLICATION SET SPECIFICATION "SIGN_IN"
                  TYPE = SECURITY_INTEGRATION
                  LABEL = 'Sign in'
                  DESCRIPTION = 'OAuth'
                  OAUTH_TYPE = 'CLIENT_CREDENTIALS'
                  OAUTH_TOKEN_ENDPOINT = 'https://auth.example.com/token'
                  OAUTH_ALLOWED_SCOPES = ('read');
                """)
                .contains("  INTEGRATION_1 STRING DEFAULT '\"' || REPLACE(CURRENT_DATABASE(), '\"', '\"\"') || "
                        + "'_API_ACCESS\"';")
                .contains("  EXECUTE IMMEDIATE 'CREATE EXTERNAL ACCESS INTEGRATION IF NOT EXISTS ' || INTEGRATION_1 || "
                        + "' ALLOWED_NETWORK_RULES = (STATE.\"API_ACCESS_RULE\") ALLOWED_AUTHENTICATION_SECRETS = all "
                        + "ENABLED = TRUE';")
                .contains("  EXECUTE IMMEDIATE 'ALTER PROCEDURE PUBLIC.TEST_CONNECTION() SET' || ' SECRETS = (' || "
                        + "'''api_token'' = ' || SECRET_1 || ')' || ' EXTERNAL_ACCESS_INTEGRATIONS = (' || INTEGRATION_1"
                        + " || ')';")
                .doesNotContain("reference('API_ACCESS')")
                .endsWith("CALL PUBLIC.SETUP_EXTERNAL_ACCESS();\n");
        assertThat(app.get("snowflake/manifest.yml"))
                .contains("manifest_version: 2")
                .doesNotContain("API_ACCESS");
        assertThat(app.get("snowflake/README.md"))
                .contains(
                        "approve these app specifications",
                        "- `API_ACCESS` "
                                + "(EXTERNAL_ACCESS, \"API\"): Reads the API — hosts `api.example.com`, `files.example.com:8443`",
                        "- `SIGN_IN` (SECURITY_INTEGRATION, \"Sign in\"): OAuth — OAuth CLIENT_CREDENTIALS, token endpoint "
                                + "https://auth.example.com/token");
        assertThat(StaticChecks.rerunnable("snowflake/setup.sql", setup, true)).isEmpty();
        assertThat(StaticChecks.grants("snowflake/setup.sql", setup)).isEmpty();
        assertThat(StaticChecks.specifications(
                        "snowflake/manifest.yml", app.get("snowflake/manifest.yml"), "snowflake/setup.sql", setup))
                .isEmpty();
        // The fake refuses what Snowflake refuses in a setup script: these statements are of shapes it accepts.
        assertThat(StagedSetupScript.run(setup, RenderedSnowflakeApp.stagedFiles(app), 2)
                        .specifications())
                .containsOnlyKeys("API_ACCESS", "SIGN_IN");
    }

    @Test
    void withoutAnIntegrationNothingIsAltered(@TempDir Path project) throws Exception {
        String setup = render(project, "");

        // Only the SDK's SETUP_EXTERNAL_INTEGRATION_WITH_NAMES alters, when called, by the names the connection
        // configuration gives.
        String withoutSdkNames = setup.replaceAll(
                "(?s)CREATE OR REPLACE PROCEDURE PUBLIC\\." + "SETUP_EXTERNAL_INTEGRATION_WITH_NAMES.*?\\$\\$;", "");
        assertThat(withoutSdkNames)
                .doesNotContain("PROCEDURE PUBLIC.SETUP_EXTERNAL_ACCESS")
                .doesNotContain("CALL PUBLIC.SETUP_EXTERNAL_ACCESS")
                .doesNotContain("ALTER PROCEDURE");
    }

    private static String render(Path project, String references) throws Exception {
        return renderedApp(project, references).get("snowflake/setup.sql");
    }

    private static Map<String, String> renderedApp(Path project, String references) throws Exception {
        Files.createDirectories(project.resolve("src/main/connector"));
        Files.writeString(
                project.resolve("src/main/connector/connector.yaml"),
                "app: {name: reaching_out}\n"
                        + "configuration:\n  connection:\n    - {name: api_token, type: secret, required: true}\n"
                        + (references.isEmpty() ? "" : "manifest:\n" + references));
        return TestProjects.render(project);
    }
}
