package io.connectorkit.plugin.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.fake.snowflake.ExternalAccessIntegrations;
import io.connectorkit.plugin.testing.RenderedSnowflakeApp;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls that Snowflake's Native SDK for Connectors makes, against the rendered Snowflake app installed in the fake
 * Snowflake and reached through the real driver: the kit answers them as the SDK's own tests expect, or as the
 * documented difference says (docs/SDK-DIFFERENCES.md).
 */
class SdkCallsOnSnowflakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "CALL \"" + RenderedSnowflakeApp.NAME + "\".PUBLIC.";
    private static final String CONFIGURATIONS = "[{\"id\": \"c1\", \"ingestionStrategy\": \"INCREMENTAL\","
            + " \"scheduleType\": \"INTERVAL\", \"scheduleDefinition\": \"60m\"}]";

    /**
     * CREATE_RESOURCE is declared with {@code ID VARCHAR DEFAULT NULL, ENABLED BOOLEAN DEFAULT FALSE,
     * RESOURCE_METADATA VARIANT DEFAULT NULL}: a CALL may leave out the trailing optional arguments, and one that
     * leaves out a required one is refused
     * (https://docs.snowflake.com/en/developer-guide/udf-stored-procedure-arguments, "Designating an argument as
     * optional"). The SDK's template Streamlit passes five arguments, its tests three.
     */
    @Test
    void createResourceTakesTheThreeAndFiveArgumentFormsOfTheSdkCallers(@TempDir Path project) throws Exception {
        try (RenderedSnowflakeApp rendered = RenderedSnowflakeApp.install(project, "app: {name: sdk_caller}\n")) {
            assertThat(rendered.files.get("snowflake/setup.sql"))
                    .contains(
                            "CREATE OR REPLACE PROCEDURE "
                                    + "PUBLIC.CREATE_RESOURCE(NAME VARCHAR, RESOURCE_ID VARIANT, INGESTION_CONFIGURATIONS VARIANT, "
                                    + "ID VARCHAR DEFAULT NULL, ENABLED BOOLEAN DEFAULT FALSE, RESOURCE_METADATA VARIANT DEFAULT NULL)");

            JsonNode three = json(rendered.answer(
                    APP + "CREATE_RESOURCE(?, PARSE_JSON(?), PARSE_JSON(?))",
                    "three",
                    "{\"repo\": \"a\"}",
                    CONFIGURATIONS));
            JsonNode five = json(rendered.answer(
                    APP + "CREATE_RESOURCE(?, PARSE_JSON(?), PARSE_JSON(?), ?, ?)",
                    "five",
                    "{\"repo\": \"b\"}",
                    CONFIGURATIONS,
                    "five_ABC123XYZ",
                    true));

            assertThat(three.path("response_code").asText()).isEqualTo("OK");
            assertThat(three.path("id").asText()).hasSize(36);
            assertThat(five)
                    .isEqualTo(json("{\"response_code\": \"OK\", \"message\": \"Resource created\","
                            + " \"id\": \"five_ABC123XYZ\"}"));
            assertThat(rows(rendered, "SELECT NAME, ENABLED FROM STATE.RESOURCE_INGESTION_DEFINITION ORDER BY NAME"))
                    .isEqualTo("five:TRUE, three:FALSE");
            assertThat(rows(rendered, "SELECT INGESTION_CONFIGURATION_ID, STATUS FROM STATE.INGESTION_PROCESS"))
                    .isEqualTo("c1:SCHEDULED");

            assertThatThrownBy(() ->
                            rendered.answer(APP + "CREATE_RESOURCE(?, PARSE_JSON(?))", "two", "{\"repo\": \"c\"}"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("CREATE_RESOURCE");
            assertThat(rows(rendered, "SELECT COUNT(*) FROM STATE.RESOURCE_INGESTION_DEFINITION"))
                    .isEqualTo("2");
        }
    }

    /**
     * A process that is SCHEDULED but already has a FINISHED_AT (a row written outside the procedures) cannot be
     * ended: the SDK's end of a process matches only rows not FINISHED with no FINISHED_AT and fails the disable's
     * transaction when a row does not match (DefaultIngestionProcessRepository, its IngestionProcessRepositoryTest),
     * and so does the kit, with a message that names the row to correct. Nothing changes.
     */
    @Test
    void disableResourceRefusesAProcessThatCannotBeEndedAsTheSdkDoes(@TempDir Path project) throws Exception {
        try (RenderedSnowflakeApp rendered = RenderedSnowflakeApp.install(project, "app: {name: sdk_caller}\n")) {
            rendered.answer(
                    APP + "CREATE_RESOURCE(?, PARSE_JSON(?), PARSE_JSON(?), ?, ?)",
                    "r1",
                    "{\"repo\": \"a\"}",
                    CONFIGURATIONS,
                    "r1",
                    true);
            try (Statement statement = rendered.state().createStatement()) {
                statement.execute("UPDATE STATE.INGESTION_PROCESS SET FINISHED_AT = TIMESTAMP '2020-01-01 00:00:00'");
            }

            JsonNode refused = json(rendered.answer(APP + "DISABLE_RESOURCE(?)", "r1"));

            assertThat(refused.path("response_code").asText()).isEqualTo("DISABLE_RESOURCE_ERROR");
            assertThat(refused.path("message").asText())
                    .startsWith("Error while disabling resource. Changes were "
                            + "rolled back. Error: Only 0 of the 1 ingestion processes to end (")
                    .endsWith("could be ended: a "
                            + "process that is not FINISHED but has a FINISHED_AT cannot be ended; correct its row in "
                            + "STATE.INGESTION_PROCESS");
            assertThat(rows(rendered, "SELECT ENABLED FROM STATE.RESOURCE_INGESTION_DEFINITION"))
                    .isEqualTo("TRUE");
            assertThat(rows(rendered, "SELECT STATUS FROM STATE.INGESTION_PROCESS"))
                    .isEqualTo("SCHEDULED");
        }
    }

    private static final String UNABLE =
            "Unable to apply SECRET and EXTERNAL_OBJECT_INTEGRATION objects to provided" + " methods.";
    private static final String WITH_NAMES = APP + "SETUP_EXTERNAL_INTEGRATION_WITH_NAMES(ARRAY_CONSTRUCT("
            + "'PUBLIC.SET_CONNECTION_CONFIGURATION(VARIANT)'))";

    /**
     * The SDK's SETUP_EXTERNAL_INTEGRATION_WITH_NAMES, as its SetupExternalIntegrationTest calls it: the integration
     * and the secret that connection_configuration names are given to the methods listed, the secret as
     * 'credentials'; a missing integration is EAI_UNAVAILABLE, a missing secret SECRET_UNAVAILABLE, with the SDK's
     * message and Snowflake's error.
     */
    @Test
    void setupExternalIntegrationWithNamesAnswersAsTheSdksTestsExpect(@TempDir Path project) throws Exception {
        try (RenderedSnowflakeApp rendered = RenderedSnowflakeApp.install(project, "app: {name: sdk_caller}\n")) {
            rendered.snowflake
                    .externalAccessIntegrations()
                    .create("GH_EAI", ExternalAccessIntegrations.AllowedSecrets.anySecret());
            rendered.account.execute("CREATE OR REPLACE SECRET DB.S.TOKEN TYPE = GENERIC_STRING SECRET_STRING = 't'");
            connection(rendered, "{\"external_access_integration\": \"GH_EAI\", \"secret\": \"DB.S.TOKEN\"}");

            JsonNode answer = json(rendered.answer(WITH_NAMES));

            assertThat(answer)
                    .isEqualTo(json(
                            "{\"response_code\": \"OK\", \"message\": \"Successfully set up 1" + " method(s).\"}"));
            assertThat(rendered.app.externalAccess.get("SET_CONNECTION_CONFIGURATION"))
                    .satisfies(access -> {
                        assertThat(access.secrets())
                                .containsExactly(Map.entry("credentials", "\"DB\".\"S\".\"TOKEN\""));
                        assertThat(access.integrations()).containsExactly("\"GH_EAI\"");
                    });
            assertThat(rendered.app.externalAccess).containsOnlyKeys("SET_CONNECTION_CONFIGURATION");

            connection(
                    rendered,
                    "{\"external_access_integration\": \"NON_EXISTENT_EAI_33241\", \"secret\":" + " \"DB.S.TOKEN\"}");
            JsonNode noIntegration = json(rendered.answer(WITH_NAMES));
            assertThat(noIntegration.path("response_code").asText()).isEqualTo("EAI_UNAVAILABLE");
            assertThat(noIntegration.path("message").asText()).isEqualTo(UNABLE);
            assertThat(noIntegration.path("SQLERRM").asText())
                    .isEqualTo("SQL compilation error:\nIntegration "
                            + "'NON_EXISTENT_EAI_33241' does not exist or not authorized.");
            assertThat(noIntegration.path("SQLCODE").asInt()).isEqualTo(2003);
            assertThat(noIntegration.path("SQLSTATE").asText()).isEqualTo("02000");

            connection(
                    rendered,
                    "{\"external_access_integration\": \"GH_EAI\", \"secret\":" + " \"NON_EXISTENT_SECRET_33241\"}");
            JsonNode noSecret = json(rendered.answer(WITH_NAMES));
            assertThat(noSecret.path("response_code").asText()).isEqualTo("SECRET_UNAVAILABLE");
            assertThat(noSecret.path("message").asText()).isEqualTo(UNABLE);
        }
    }

    /** What the SDK would paste into its ALTER statement is refused before any statement is built. */
    @Test
    void setupExternalIntegrationWithNamesRefusesWhatIsNotANameOrAMethodOfTheApp(@TempDir Path project)
            throws Exception {
        try (RenderedSnowflakeApp rendered = RenderedSnowflakeApp.install(project, "app: {name: sdk_caller}\n")) {
            JsonNode noConfiguration = json(rendered.answer(WITH_NAMES));
            assertThat(noConfiguration.path("response_code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(noConfiguration.path("SQLERRM").asText())
                    .isEqualTo("connection_configuration names no"
                            + " external_access_integration or no secret: set both with SET_CONNECTION_CONFIGURATION.");

            connection(
                    rendered,
                    "{\"external_access_integration\": \"GH_EAI) EXTERNAL_ACCESS_INTEGRATIONS = (X\","
                            + " \"secret\": \"DB.S.TOKEN\"}");
            JsonNode injected = json(rendered.answer(WITH_NAMES));
            assertThat(injected.path("response_code").asText()).isEqualTo("EAI_UNAVAILABLE");
            assertThat(injected.path("SQLERRM").asText()).endsWith("is not a Snowflake identifier.");

            connection(rendered, "{\"external_access_integration\": \"GH_EAI\", \"secret\": \"DB.S.TOKEN\"}");
            JsonNode notAMethod = json(rendered.answer(APP + "SETUP_EXTERNAL_INTEGRATION_WITH_NAMES(ARRAY_CONSTRUCT("
                    + "'PUBLIC.TEST_CONNECTION()', 'PUBLIC.WORKER(NUMBER, STRING)'))"));
            assertThat(notAMethod)
                    .isEqualTo(json("{\"response_code\": \"INTERNAL_ERROR\", \"message\": \"" + UNABLE
                            + "\", \"SQLERRM\": \"The method PUBLIC.WORKER(NUMBER, STRING) is not a procedure of this app"
                            + " that runs connector code.\"}"));
            assertThat(rendered.app.externalAccess).isEmpty();
        }
    }

    /**
     * SETUP_EXTERNAL_INTEGRATION_WITH_REFERENCES gives the connector's own references (the SDK's EAI_REFERENCE and
     * SECRET_REFERENCE are the connector.yaml's here) through SETUP_EXTERNAL_ACCESS, and answers as the SDK does.
     */
    @Test
    void setupExternalIntegrationWithReferencesUsesTheConnectorsReferences(@TempDir Path project) throws Exception {
        String yaml = "app: {name: sdk_caller}\n"
                + "configuration:\n  connection:\n    - {name: api_token, type: secret, required: true}\n"
                + "manifest:\n  references:\n    - {name: API_ACCESS, label: API, description: Reaches the API,"
                + " hosts: [api.example.com], objectType: EXTERNAL ACCESS INTEGRATION, privileges: [USAGE]}\n";
        String call = APP + "SETUP_EXTERNAL_INTEGRATION_WITH_REFERENCES(ARRAY_CONSTRUCT("
                + "'PUBLIC.CONFIGURE_CONNECTOR(VARIANT)'))";
        try (RenderedSnowflakeApp rendered = RenderedSnowflakeApp.install(project, yaml)) {
            JsonNode unbound = json(rendered.answer(call));
            assertThat(unbound.path("response_code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(unbound.path("SQLERRM").asText())
                    .isEqualTo("The references API_ACCESS are not all bound"
                            + " yet, or a secret field has no secret yet (api_token: a SECRET bound to API_TOKEN_SECRET, or one"
                            + " set with SET_SECRET): the consumer sets them first.");

            rendered.snowflake
                    .externalAccessIntegrations()
                    .create("API_EAI", ExternalAccessIntegrations.AllowedSecrets.none());
            rendered.account.execute("CREATE OR REPLACE SECRET DB.S.TOKEN TYPE = GENERIC_STRING SECRET_STRING = 't'");
            register(rendered, "API_ACCESS", "EXTERNAL ACCESS INTEGRATION", "API_EAI");
            register(rendered, "API_TOKEN_SECRET", "SECRET", "DB.S.TOKEN");
            JsonNode refused = json(rendered.answer(call));
            assertThat(refused.path("response_code").asText()).isEqualTo("SECRET_UNAVAILABLE");
            assertThat(refused.path("message").asText()).isEqualTo(UNABLE);
            assertThat(refused.path("SQLERRM").asText()).startsWith("SQL compilation error:\nSecret '");

            rendered.snowflake
                    .externalAccessIntegrations()
                    .create("API_EAI", ExternalAccessIntegrations.AllowedSecrets.anySecret());
            JsonNode answer = json(rendered.answer(call));

            assertThat(answer)
                    .isEqualTo(json(
                            "{\"response_code\": \"OK\", \"message\": \"Successfully set up 1" + " method(s).\"}"));
            assertThat(rendered.app.externalAccess.get("CONFIGURE_CONNECTOR").secrets())
                    .containsEntry("api_token", "\"DB\".\"S\".\"TOKEN\"");
            assertThat(rendered.app.externalAccess.get("CONFIGURE_CONNECTOR").integrations())
                    .containsExactly("\"API_EAI\"");
        }
    }

    private static void register(RenderedSnowflakeApp rendered, String reference, String type, String object)
            throws SQLException {
        String id = rendered.answer("SELECT SYSTEM$REFERENCE(?, ?, 'PERSISTENT', 'USAGE')", type, object);
        rendered.answer(
                "CALL \"" + RenderedSnowflakeApp.NAME + "\".PUBLIC.REGISTER_REFERENCE(?, 'ADD', ?)", reference, id);
    }

    /** Stores connection_configuration as the SDK's test does, straight into the app's state. */
    private static void connection(RenderedSnowflakeApp rendered, String json) throws SQLException {
        try (PreparedStatement statement = rendered.state()
                .prepareStatement("MERGE INTO STATE.APP_CONFIG"
                        + " (\"KEY\", \"VALUE\", UPDATED_AT) KEY (\"KEY\") VALUES ('connection_configuration', ? FORMAT JSON,"
                        + " CURRENT_TIMESTAMP)")) {
            statement.setString(1, json);
            statement.execute();
        }
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** The rows of the app's state (the embedded tables behind the fake app), as {@code a:b, c:d}. */
    static String rows(RenderedSnowflakeApp rendered, String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Statement statement = rendered.state().createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                if (text.length() > 0) {
                    text.append(", ");
                }
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    text.append(i > 1 ? ":" : "").append(result.getString(i));
                }
            }
        }
        return text.toString();
    }
}
