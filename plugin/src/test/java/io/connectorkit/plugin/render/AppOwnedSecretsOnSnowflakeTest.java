package io.connectorkit.plugin.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.fake.snowflake.ExternalAccessIntegrations.AllowedSecrets;
import io.connectorkit.fake.snowflake.FakeNativeApp;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedStatement;
import io.connectorkit.plugin.testing.RenderedSnowflakeApp;
import io.connectorkit.runtime.procedures.PublicProcedure;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret field's value typed by the consumer (the Streamlit app's password input), kept by the app in its own SECRET
 * {@code STATE."API_TOKEN_VALUE"} through {@code PUBLIC.SET_SECRET}: the rendered setup script installed in the fake
 * Snowflake, called through the real driver with the value bound, read by the connector's code through the
 * procedures' SECRETS, kept by upgrades, and replaced by a bound reference (and back).
 */
class AppOwnedSecretsOnSnowflakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "OWNED";
    private static final String APP = "CALL \"" + NAME + "\".PUBLIC.";
    private static final String OWNED_SECRET = "\"OWNED\".\"STATE\".\"API_TOKEN_VALUE\"";
    private static final String TYPED = "typed-t0ken'; DROP TABLE X; --";

    private static final String CONSUMER_INTEGRATION = """
              references:
                - {name: API_ACCESS, label: API, description: Reaches the API, hosts: [api.example.com],
                   objectType: EXTERNAL ACCESS INTEGRATION, privileges: [USAGE]}
            """;

    @Test
    void aTypedSecretReachesTheConnectorCodeAndStaysOutOfEveryStatementText(@TempDir Path project) throws Exception {
        try (Installed installed = Installed.of(project, CONSUMER_INTEGRATION)) {
            // The integration Snowsight makes from the configuration callback's answer: the app's own secret is
            // named by no secret reference, so the answer allows all secrets.
            JsonNode asked = installed.json(APP + "GET_REFERENCE_CONFIG('API_ACCESS')");
            assertThat(asked.path("payload").path("allowed_secrets").asText()).isEqualTo("ALL");
            assertThat(asked.path("payload").has("secret_references")).isFalse();
            installed.snowflake.externalAccessIntegrations().create("API_EAI", AllowedSecrets.anySecret());
            assertThat(installed.answer(
                            "CALL \"OWNED\".PUBLIC.REGISTER_REFERENCE('API_ACCESS', 'ADD', ?)",
                            installed.reference("EXTERNAL ACCESS INTEGRATION", "API_EAI")))
                    .isNull();
            assertThat(installed.app.externalAccess)
                    .as("no secret yet: nothing is given")
                    .isEmpty();
            installed.configure();

            JsonNode set = installed.json(APP + "SET_SECRET(?, ?)", "api_token", "bad");
            JsonNode refusedByTheSource = installed.connect();
            JsonNode reset = installed.json(APP + "SET_SECRET(?, ?)", "api_token", TYPED);
            JsonNode connected = installed.connect();

            assertThat(set)
                    .isEqualTo(JSON.readTree(
                            "{\"response_code\": \"OK\", \"message\": \"The secret of " + "api_token is set.\"}"));
            assertThat(refusedByTheSource.path("message").asText()).isEqualTo("GitHub refused the token (401).");
            assertThat(reset.path("response_code").asText()).isEqualTo("OK");
            assertThat(connected.path("response_code").asText()).isEqualTo("OK");
            assertThat(connected.path("message").asText()).isEqualTo("Connected to https://api.example.com");
            assertThat(installed.app.ownSecrets()).containsExactly(Map.entry(OWNED_SECRET, TYPED));
            assertThat(installed.app.externalAccess.keySet())
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(PublicProcedure.values())
                            .filter(PublicProcedure::runsConnectorCode)
                            .map(Enum::name)
                            .toList());
            assertThat(installed.app.externalAccess.get("TEST_CONNECTION").secrets())
                    .containsExactly(Map.entry("api_token", OWNED_SECRET));
            // The configuration keeps the reference's name, never the value.
            assertThat(installed.answer("SELECT * FROM \"OWNED\".PUBLIC.\"CONNECTOR_CONFIGURATION\""))
                    .doesNotContain(TYPED);
            List<RecordedStatement> statements = installed.snowflake.statements();
            assertThat(statements)
                    .anySatisfy(statement -> assertThat(statement.bindings()).contains(TYPED));
            assertThat(statements)
                    .allSatisfy(statement -> assertThat(statement.sql()).doesNotContain("t0ken"));
            // Only ADMIN may set it; the secret itself is granted to no role.
            String signature = installed
                    .app
                    .catalog()
                    .procedure("PUBLIC.SET_SECRET", 2)
                    .orElseThrow()
                    .signature();
            assertThat(installed.app.catalog().rolesGranted("USAGE", "PROCEDURE", signature))
                    .containsExactly("ADMIN");
            assertThat(installed.setup).doesNotContainPattern("GRANT [A-Z ]+ ON SECRET");
        }
    }

    @Test
    void anUnknownFieldOrAnEmptyValueIsRefusedAndChangesNothing(@TempDir Path project) throws Exception {
        try (Installed installed = Installed.of(project, CONSUMER_INTEGRATION)) {
            installed.snowflake.externalAccessIntegrations().create("API_EAI", AllowedSecrets.anySecret());
            installed.answer(
                    "CALL \"OWNED\".PUBLIC.REGISTER_REFERENCE('API_ACCESS', 'ADD', ?)",
                    installed.reference("EXTERNAL ACCESS INTEGRATION", "API_EAI"));

            JsonNode unknown = installed.json(APP + "SET_SECRET(?, ?)", "base_url", "s3cret-x");
            JsonNode swapped = installed.json(APP + "SET_SECRET(?, ?)", "s3cret-x", "api_token");
            JsonNode empty = installed.json(APP + "SET_SECRET(?, ?)", "api_token", "");
            JsonNode missing = installed.json(APP + "SET_SECRET(?, ?)", "api_token", null);

            assertThat(List.of(unknown, swapped, empty, missing)).allSatisfy(answer -> {
                assertThat(answer.path("response_code").asText()).isEqualTo("INVALID_CONFIGURATION_VALUE");
                assertThat(answer.path("message").asText()).doesNotContain("s3cret-x");
            });
            assertThat(unknown.path("message").asText())
                    .isEqualTo("SET_SECRET: FIELD is not a secret field of this "
                            + "connector; give one of api_token (the secret fields of configuration.connection in "
                            + "connector.yaml).");
            assertThat(empty.path("message").asText())
                    .isEqualTo("SET_SECRET: the value for api_token is empty; give"
                            + " the secret's value (an unchanged secret needs no call).");
            assertThat(installed.app.ownSecrets()).isEmpty();
            assertThat(installed.app.externalAccess).isEmpty();
        }
    }

    /**
     * Under manifest version 1 the consumer's integration decides which secrets the procedures may use
     * (ALLOWED_AUTHENTICATION_SECRETS, https://docs.snowflake.com/en/sql-reference/sql/create-external-access-integration):
     * one that does not allow the app's secret is refused, and SET_SECRET says what to allow.
     */
    @Test
    void anIntegrationThatDoesNotAllowTheAppsSecretIsNamedWithTheFix(@TempDir Path project) throws Exception {
        try (Installed installed = Installed.of(project, CONSUMER_INTEGRATION)) {
            installed.snowflake.externalAccessIntegrations().create("API_EAI", AllowedSecrets.of("db.s.token"));
            installed.answer(
                    "CALL \"OWNED\".PUBLIC.REGISTER_REFERENCE('API_ACCESS', 'ADD', ?)",
                    installed.reference("EXTERNAL ACCESS INTEGRATION", "API_EAI"));

            JsonNode refused = installed.json(APP + "SET_SECRET(?, ?)", "api_token", TYPED);

            assertThat(refused.path("response_code").asText()).isEqualTo("SECRET_UNAVAILABLE");
            assertThat(refused.path("message").asText())
                    .startsWith("The secret of api_token is set, but the "
                            + "connector's procedures cannot be given it: SQL compilation error:")
                    .contains(OWNED_SECRET, "\"API_EAI\"")
                    .endsWith("must allow the app's own secret, which no secret reference names: as its owner, run "
                            + "ALTER EXTERNAL ACCESS INTEGRATION … SET ALLOWED_AUTHENTICATION_SECRETS = all (the "
                            + "integration Snowsight makes from GET_REFERENCE_CONFIG already does), or bind a SECRET "
                            + "of yours to API_TOKEN_SECRET instead; then set the secret again")
                    .doesNotContain("t0ken");
            assertThat(installed.app.externalAccess).isEmpty();
        }
    }

    @Test
    void anUpgradeKeepsTheSecretAndABoundReferenceTakesOverAndBack(@TempDir Path project) throws Exception {
        try (Installed installed = Installed.of(project, CONSUMER_INTEGRATION)) {
            installed
                    .snowflake
                    .externalAccessIntegrations()
                    .create("API_EAI", AllowedSecrets.of("OWNED.STATE.API_TOKEN_VALUE", "db.s.token"));
            installed.answer(
                    "CALL \"OWNED\".PUBLIC.REGISTER_REFERENCE('API_ACCESS', 'ADD', ?)",
                    installed.reference("EXTERNAL ACCESS INTEGRATION", "API_EAI"));
            installed.configure();
            installed.json(APP + "SET_SECRET(?, ?)", "api_token", TYPED);

            installed.upgrade();
            assertThat(installed.app.ownSecrets()).containsExactly(Map.entry(OWNED_SECRET, TYPED));
            assertThat(installed.app.externalAccess.get("TEST_CONNECTION").secrets())
                    .as("the upgrade's setup script gives the app's secret back")
                    .containsEntry("api_token", OWNED_SECRET);
            assertThat(installed.connect().path("message").asText()).isEqualTo("Connected to https://api.example.com");

            installed.rendered.account.execute(
                    "CREATE OR REPLACE SECRET DB.S.TOKEN TYPE = GENERIC_STRING SECRET_STRING = 'bad'");
            String consumerSecret = installed.reference("SECRET", "DB.S.TOKEN");
            assertThat(installed.answer(
                            "CALL \"OWNED\".PUBLIC.REGISTER_REFERENCE('API_TOKEN_SECRET', 'ADD', ?)", consumerSecret))
                    .isNull();
            assertThat(installed.app.externalAccess.get("TEST_CONNECTION").secrets())
                    .as("a bound reference wins")
                    .containsEntry("api_token", "\"DB\".\"S\".\"TOKEN\"");
            assertThat(installed.connect().path("message").asText()).isEqualTo("GitHub refused the token (401).");

            installed.answer(
                    "CALL \"OWNED\".PUBLIC.REGISTER_REFERENCE('API_TOKEN_SECRET', 'REMOVE', ?)", consumerSecret);
            installed.json(APP + "SET_SECRET(?, ?)", "api_token", TYPED);
            assertThat(installed.app.externalAccess.get("TEST_CONNECTION").secrets())
                    .containsEntry("api_token", OWNED_SECRET);
            assertThat(installed.connect().path("message").asText()).isEqualTo("Connected to https://api.example.com");
        }
    }

    /** Under manifest version 2 the app's own integration allows every secret, the app's included. */
    @Test
    void theAppsOwnIntegrationAllowsTheAppsSecret(@TempDir Path project) throws Exception {
        try (Installed installed = Installed.of(project, """
                  privileges:
                    - {name: CREATE EXTERNAL ACCESS INTEGRATION, description: Reach the API}
                  specifications:
                    - {name: API_ACCESS, type: EXTERNAL_ACCESS, label: API, description: Reads the API,
                       hosts: [api.example.com]}
                """)) {
            assertThat(installed.app.externalAccess).isEmpty();

            JsonNode set = installed.json(APP + "SET_SECRET(?, ?)", "api_token", TYPED);

            assertThat(set.path("response_code").asText()).isEqualTo("OK");
            assertThat(installed.app.externalAccess.get("TEST_CONNECTION")).satisfies(access -> {
                assertThat(access.secrets()).containsExactly(Map.entry("api_token", OWNED_SECRET));
                assertThat(access.integrations()).containsExactly("\"OWNED_API_ACCESS\"");
            });
        }
    }

    /** The rendered app installed in the fake, with the wizard's steps this test takes. */
    private static final class Installed implements AutoCloseable {
        final RenderedSnowflakeApp rendered;
        final FakeSnowflake snowflake;
        final FakeNativeApp app;
        final String setup;

        private Installed(RenderedSnowflakeApp rendered) {
            this.rendered = rendered;
            this.snowflake = rendered.snowflake;
            this.app = rendered.app;
            this.setup = rendered.files.get("snowflake/setup.sql");
        }

        static Installed of(Path project, String manifest) throws Exception {
            boolean v2 = manifest.contains("specifications");
            Installed installed = new Installed(RenderedSnowflakeApp.install(
                    project,
                    "app: {name: owned}\n"
                            + "configuration:\n  connection:\n"
                            + "    - {name: base_url, type: url, required: true}\n"
                            + "    - {name: api_token, type: secret, required: true}\n"
                            + "spi:\n  connectionTester: io.connectorkit.plugin.fixtures.GithubConnectionTester\n"
                            + "manifest:\n" + (v2 ? "  version: 2\n" : "") + manifest,
                    NAME,
                    v2 ? 2 : 1));
            installed.app.runSetupCalls();
            return installed;
        }

        /** An upgrade to the same version: the staged files taken, then the setup script's own CALLs. */
        void upgrade() {
            rendered.upgrade();
        }

        void configure() throws SQLException {
            assertThat(answer(APP + "COMPLETE_PREREQUISITES_STEP()")).contains("\"OK\"");
            assertThat(answer(APP + "CONFIGURE_CONNECTOR(PARSE_JSON(?))", "{\"warehouse\": \"WH\"}"))
                    .contains("\"OK\"");
        }

        /** The wizard's connection step, which tests the connection with the connector's tester. */
        JsonNode connect() throws Exception {
            return json(
                    APP + "SET_CONNECTION_CONFIGURATION(PARSE_JSON(?))",
                    "{\"base_url\": \"https://api.example.com\", \"api_token\": \"API_TOKEN_SECRET\"}");
        }

        String reference(String type, String object) throws SQLException {
            return answer("SELECT SYSTEM$REFERENCE(?, ?, 'PERSISTENT', 'USAGE')", type, object);
        }

        JsonNode json(String sql, Object... arguments) throws Exception {
            return JSON.readTree(answer(sql, arguments));
        }

        /** The first value of the answer as text, every row for a SELECT *, and "" for no row. */
        String answer(String sql, Object... arguments) throws SQLException {
            var rows = rendered.account.query(sql, arguments);
            if (rows.isEmpty()) {
                return "";
            }
            if (sql.startsWith("SELECT *")) {
                return rows.toString();
            }
            Object value = rows.get(0).values().iterator().next();
            return value == null ? null : value.toString();
        }

        @Override
        public void close() throws Exception {
            rendered.close();
        }
    }
}
