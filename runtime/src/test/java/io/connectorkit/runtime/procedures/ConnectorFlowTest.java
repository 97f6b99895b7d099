package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectionTester;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.WizardStep;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connector's life through SQL on the embedded target: wizard, daily use, updates, failures and recovery. */
class ConnectorFlowTest {

    private final ScriptedConnector connector = new ScriptedConnector();
    private EmbeddedAppFixture app =
            EmbeddedAppFixture.install(connector.definition().build());

    @AfterEach
    void dropApp() {
        app.close();
    }

    @Test
    void wizardThenDailyUseThenConfigurationUpdates() {
        assertThat(status()).isEqualTo(state(ConnectorStatus.CONFIGURING, ConfigurationStatus.INSTALLED));
        assertThat(app.query("SELECT ID, IS_COMPLETED FROM PUBLIC.PREREQUISITES"))
                .containsExactly(
                        Map.of("ID", "grant_access", "IS_COMPLETED", false),
                        Map.of("ID", "network", "IS_COMPLETED", false));

        assertOk(app.call("UPDATE_PREREQUISITE", "grant_access", true), "Prerequisite updated successfully.");
        assertOk(app.call("MARK_ALL_PREREQUISITES_AS_DONE"), "All prerequisites have been marked as done.");
        assertThat(app.query("SELECT IS_COMPLETED FROM PUBLIC.PREREQUISITES"))
                .allMatch(row -> row.get("IS_COMPLETED").equals(true));
        assertOk(app.call("COMPLETE_PREREQUISITES_STEP"), "Prerequisites step completed successfully.");
        assertThat(status()).isEqualTo(state(ConnectorStatus.CONFIGURING, ConfigurationStatus.PREREQUISITES_DONE));

        JsonNode configured = JsonTree.parse(app.sqlText("CALL PUBLIC.CONFIGURE_CONNECTOR(PARSE_JSON('{\"warehouse\": "
                + "\"xs\", \"destination_database\": \"DEST_DB\", \"global_schedule\": {\"scheduleType\": \"CRON\", "
                + "\"scheduleDefinition\": \"*/15 * * * *\"}}'))"));
        assertOk(configured, "Connector successfully configured.");
        assertThat(status()).isEqualTo(state(ConnectorStatus.CONFIGURING, ConfigurationStatus.CONFIGURED));
        assertThat(configuration("connector_configuration").path("batch_size").asInt())
                .as("the declared default is stored")
                .isEqualTo(500);

        JsonNode connected = app.call("SET_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://api.example.com\"}");
        assertOk(connected, "Connection works.");
        assertThat(status()).isEqualTo(state(ConnectorStatus.CONFIGURING, ConfigurationStatus.CONNECTED));
        JsonNode connection = app.call("GET_CONNECTION_CONFIGURATION");
        assertThat(connection.path("response_code").asText()).isEqualTo("OK");
        assertThat(connection.path("base_url").asText()).isEqualTo("https://api.example.com");

        assertOk(
                app.call("FINALIZE_CONNECTOR_CONFIGURATION", "{\"custom_property\": \"some_value\"}"),
                "Finalized by the connector.");
        assertThat(status()).isEqualTo(state(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED));
        assertThat(connector.calls)
                .contains(
                        "validate source {\"custom_property\":\"some_value\"}",
                        "finalize {\"custom_property\":\"some_value\"}");

        assertOk(app.call("PAUSE_CONNECTOR"), "Connector successfully paused.");
        assertThat(status()).isEqualTo(state(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));

        assertThat(app.call("UPDATE_WAREHOUSE", "OTHER_WH")
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        assertThat(configuration("connector_configuration").path("warehouse").asText())
                .isEqualTo("OTHER_WH");
        assertThat(configuration("connector_configuration")
                        .path("destination_database")
                        .asText())
                .as("update warehouse keeps the other keys")
                .isEqualTo("DEST_DB");

        connector.calls.clear();
        assertOk(
                app.call("UPDATE_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://v2.example.com\"}"),
                "Connection works.");
        assertThat(connector.calls)
                .containsExactly(
                        "draft {\"base_url\":\"https://v2.example.com\"}",
                        "test {\"base_url\":\"https://v2.example.com\"}");
        assertThat(configuration("connection_configuration").path("base_url").asText())
                .isEqualTo("https://v2.example.com");
        assertThat(status()).isEqualTo(state(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));

        assertOk(app.call("RESUME_CONNECTOR"), "Connector successfully resumed.");
        assertThat(status()).isEqualTo(state(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED));

        assertThat(app.query("SELECT CONFIG_GROUP, CONFIG_KEY, \"VALUE\" FROM PUBLIC.CONNECTOR_CONFIGURATION"
                        + " ORDER BY CONFIG_GROUP, CONFIG_KEY"))
                .containsExactly(
                        row("connection_configuration", "base_url", "https://v2.example.com"),
                        row("connector_configuration", "batch_size", "500"),
                        row("connector_configuration", "destination_database", "DEST_DB"),
                        row(
                                "connector_configuration",
                                "global_schedule",
                                "{\"scheduleType\":\"CRON\",\"scheduleDefinition\":\"*/15 * * * *\"}"),
                        row("connector_configuration", "warehouse", "OTHER_WH"));
    }

    @Test
    void updateConnectorConfigurationReplacesFieldsOfAPausedConnectorValidatedAndAtomically() {
        finalizeWizard();
        String beforePause = app.snapshot();
        JsonNode whileStarted = app.call("UPDATE_CONNECTOR_CONFIGURATION", "{\"batch_size\": 50}");
        assertThat(whileStarted.path("response_code").asText()).isEqualTo("INVALID_CONNECTOR_STATUS");
        assertThat(app.snapshot()).isEqualTo(beforePause);
        assertOk(app.call("PAUSE_CONNECTOR"), "Connector successfully paused.");
        connector.calls.clear();

        assertOk(
                app.call("UPDATE_CONNECTOR_CONFIGURATION", "{\"batch_size\": 50, \"destination_schema\": \"RAW\"}"),
                "Connector configuration updated: batch_size, destination_schema.");

        assertThat(configuration("connector_configuration"))
                .isEqualTo(JsonTree.parse(
                        "{\"warehouse\": \"xs\"," + " \"batch_size\": 50, \"destination_schema\": \"RAW\"}"));
        assertThat(connector.calls)
                .as("the connector's validator sees the whole result")
                .containsExactly(
                        "validate connector {\"warehouse\":\"xs\",\"batch_size\":50,\"destination_schema\":\"RAW\"}");
        assertThat(status()).isEqualTo(state(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));

        String before = app.snapshot();
        JsonNode badType = app.call("UPDATE_CONNECTOR_CONFIGURATION", "{\"batch_size\": \"many\"}");
        JsonNode unknown = app.call("UPDATE_CONNECTOR_CONFIGURATION", "{\"batch_sise\": 5}");
        JsonNode warehouse = app.call("UPDATE_CONNECTOR_CONFIGURATION", "{\"warehouse\": \"OTHER_WH\"}");
        JsonNode sameWarehouse = app.call("UPDATE_CONNECTOR_CONFIGURATION", "{\"warehouse\": \"xs\"}");
        connector.connectorValidator(() -> Response.withMessage(ResponseCode.INVALID_INPUT, "batch too small"));
        JsonNode refused = app.call("UPDATE_CONNECTOR_CONFIGURATION", "{\"batch_size\": 1}");

        assertThat(badType.path("response_code").asText()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(unknown.path("response_code").asText()).isEqualTo("CONNECTOR_CONFIGURATION_PARSING_ERROR");
        assertThat(warehouse.path("response_code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(warehouse.path("message").asText()).contains("UPDATE_WAREHOUSE");
        assertThat(sameWarehouse.path("response_code").asText()).isEqualTo("OK");
        assertThat(refused.path("message").asText()).isEqualTo("batch too small");
        assertThat(app.snapshot().replaceAll("UPDATED_AT=[^,}]*", ""))
                .as("refusals change nothing")
                .isEqualTo(before.replaceAll("UPDATED_AT=[^,}]*", ""));
    }

    @Test
    void pauseHookRollbackKeepsTheConnectorStarted() {
        finalizeWizard();
        connector.pause(context -> Response.rollback("The source refused to stop; nothing was changed."));

        JsonNode response = app.call("PAUSE_CONNECTOR");

        assertThat(response.path("response_code").asText()).isEqualTo("ROLLBACK");
        assertThat(response.path("message").asText()).isEqualTo("The source refused to stop; nothing was changed.");
        assertThat(app.state()).isEqualTo(state(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED));
    }

    @Test
    void resumeHookRollbackKeepsTheConnectorPaused() {
        finalizeWizard();
        assertOk(app.call("PAUSE_CONNECTOR"), "Connector successfully paused.");
        connector.resume(context -> Response.rollback("Source still in maintenance."));

        assertThat(app.call("RESUME_CONNECTOR").path("response_code").asText()).isEqualTo("ROLLBACK");
        assertThat(app.state()).isEqualTo(state(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));
    }

    @Test
    void failingPauseHookLeavesErrorAndRecoveryBringsTheConnectorBack() {
        finalizeWizard();
        connector.pause(context -> Response.error("SOURCE_UNREACHABLE", "The source did not answer."));

        JsonNode response = app.call("PAUSE_CONNECTOR");

        assertThat(response.path("response_code").asText()).isEqualTo("UNKNOWN_ERROR");
        assertThat(response.path("message").asText()).isEqualTo(ResponseCode.UNSPECIFIED_STATE_MESSAGE);
        assertThat(response.path("cause").path("response_code").asText()).isEqualTo("SOURCE_UNREACHABLE");
        assertThat(app.state()).isEqualTo(state(ConnectorStatus.ERROR, ConfigurationStatus.FINALIZED));
        assertThat(status().status()).isEqualTo(ConnectorStatus.ERROR);

        JsonNode recovered = app.call("RECOVER_CONNECTOR_STATE", "PAUSED");
        assertOk(recovered, "Connector status successfully changed to PAUSED");
        assertThat(app.state()).isEqualTo(state(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));
        assertOk(app.call("RESUME_CONNECTOR"), "Connector successfully resumed.");
    }

    @Test
    void resumeHookThrowingLeavesErrorWithTheExceptionNamed() {
        finalizeWizard();
        assertOk(app.call("PAUSE_CONNECTOR"), "Connector successfully paused.");
        connector.resume(context -> {
            throw new IllegalStateException("token expired");
        });

        JsonNode response = app.call("RESUME_CONNECTOR");

        assertThat(response.path("response_code").asText()).isEqualTo("UNKNOWN_ERROR");
        assertThat(response.path("cause").path("message").asText())
                .isEqualTo("The connector's resume hook failed: IllegalStateException: token expired");
        assertThat(app.state()).isEqualTo(state(ConnectorStatus.ERROR, ConfigurationStatus.FINALIZED));
        assertThat(app.call("RECOVER_CONNECTOR_STATE", "RUNNING")
                        .path("response_code")
                        .asText())
                .isEqualTo("INVALID_NEW_CONNECTOR_STATUS");
        assertOk(app.call("RECOVER_CONNECTOR_STATE", "STARTED"), "Connector status successfully changed to STARTED");
    }

    @Test
    void pauseRetriesATransitionLeftHalfway() {
        finalizeWizard();
        app.forceState(state(ConnectorStatus.PAUSING, ConfigurationStatus.FINALIZED));
        assertThat(status().status())
                .as("an unfinished pause shows the last stable status")
                .isEqualTo(ConnectorStatus.STARTED);

        assertOk(app.call("PAUSE_CONNECTOR"), "Connector successfully paused.");
        assertThat(app.state()).isEqualTo(state(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));
    }

    @Test
    void aFailedConnectionTestSavesNothing() {
        configure();
        connector.connectionTest(context -> Response.error("TEST_CONNECTION_FAILED", "401 Unauthorized from the API"));
        String before = app.snapshot();

        JsonNode response = app.call("SET_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://api.example.com\"}");

        assertThat(response.path("response_code").asText()).isEqualTo("TEST_CONNECTION_FAILED");
        assertThat(response.path("message").asText()).isEqualTo("401 Unauthorized from the API");
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(app.call("GET_CONNECTION_CONFIGURATION")
                        .path("response_code")
                        .asText())
                .isEqualTo("CONNECTION_CONFIGURATION_NOT_FOUND");

        connector.connectionTest(context -> Response.ok("Connection works."));
        assertOk(
                app.call("SET_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://api.example.com\"}"),
                "Connection works.");
        assertThat(app.state().configurationStatus()).isEqualTo(ConfigurationStatus.CONNECTED);
    }

    @Test
    void aConnectorWithoutATesterGetsAClearCodeAndStaysConfigured() {
        app.close();
        app = EmbeddedAppFixture.install(ConnectorDefinition.standard());
        configure();

        JsonNode response = app.call("SET_CONNECTION_CONFIGURATION", "{\"anything\": 1}");

        assertThat(response.path("response_code").asText()).isEqualTo("CONNECTION_TESTER_NOT_REGISTERED");
        assertThat(response.path("message").asText()).contains("ConnectionTester.none()");
        assertThat(app.state().configurationStatus()).isEqualTo(ConfigurationStatus.CONFIGURED);
        assertThat(app.call("TEST_CONNECTION").path("response_code").asText())
                .isEqualTo("CONNECTION_CONFIGURATION_NOT_FOUND");
    }

    @Test
    void aFailedFinalizationKeepsNothingAndCanBeRetried() {
        connect();
        AtomicInteger attempts = new AtomicInteger();
        connector.finalizeCallback(context -> {
            context.sql().execute("CREATE TABLE IF NOT EXISTS PUBLIC.SINK (ID INTEGER)");
            context.sql().update("INSERT INTO PUBLIC.SINK VALUES (?)", attempts.incrementAndGet());
            return attempts.get() == 1
                    ? Response.error("SINK_NOT_READY", "The sink schema is being created.")
                    : Response.ok("Sink ready.");
        });

        JsonNode first = app.call("FINALIZE_CONNECTOR_CONFIGURATION", "{}");
        assertThat(first.path("response_code").asText()).isEqualTo("SINK_NOT_READY");
        assertThat(app.state()).isEqualTo(state(ConnectorStatus.CONFIGURING, ConfigurationStatus.CONNECTED));

        assertOk(app.call("FINALIZE_CONNECTOR_CONFIGURATION", "{}"), "Sink ready.");
        assertThat(app.state()).isEqualTo(state(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED));
        assertThat(app.query("SELECT ID FROM PUBLIC.SINK"))
                .as("the failed attempt's row was rolled back")
                .containsExactly(Map.of("ID", 2));
    }

    @Test
    void aValidatorRefusalIsReturnedAsItIsAndSavesNothing() {
        app.call("COMPLETE_PREREQUISITES_STEP");
        connector.connectorValidator(() -> Response.error("DESTINATION_MISSING", "Database DEST_DB does not exist.")
                .with("hint", "Create it first"));
        String before = app.snapshot();

        JsonNode response = app.call("CONFIGURE_CONNECTOR", "{\"destination_database\": \"DEST_DB\"}");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"DESTINATION_MISSING\", \"message\": "
                        + "\"Database DEST_DB does not exist.\", \"hint\": \"Create it first\"}"));
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void aConnectionValidatorMayNormaliseTheConfiguration() {
        app.close();
        app = EmbeddedAppFixture.install(connector
                .definition()
                .validator(
                        WizardStep.CONNECTION_CONFIGURATION,
                        (input, context) -> Response.ok()
                                .with(
                                        "config",
                                        JsonTree.parse("{\"base_url\": \""
                                                + input.requireString("base_url")
                                                        .replaceAll("/+$", "") + "\"}")))
                .build());
        configure();

        assertOk(
                app.call("SET_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://api.example.com///\"}"),
                "Connection works.");
        assertThat(configuration("connection_configuration").path("base_url").asText())
                .isEqualTo("https://api.example.com");
    }

    @Test
    void aFailingDraftKeepsTheWorkingConnection() {
        finalizeWizard();
        assertOk(app.call("PAUSE_CONNECTOR"), "Connector successfully paused.");
        connector.draftTest(context -> Response.error("TEST_CONNECTION_FAILED", "Host not found: v2.example.com"));
        String before = app.snapshot();

        JsonNode response = app.call("UPDATE_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://v2.example.com\"}");

        assertThat(response.path("message").asText()).isEqualTo("Host not found: v2.example.com");
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(connector.calls).doesNotContain("test {\"base_url\":\"https://v2.example.com\"}");
    }

    @Test
    void resetGoesBackToTheStartOfTheWizard() {
        connect();
        app.call("MARK_ALL_PREREQUISITES_AS_DONE");

        assertThat(app.call("RESET_CONFIGURATION")).isEqualTo(JsonTree.parse("{\"response_code\": \"OK\"}"));

        assertThat(app.state()).isEqualTo(ConnectorState.INSTALLED);
        assertThat(app.query("SELECT * FROM STATE.APP_CONFIG")).isEmpty();
        assertThat(app.query("SELECT IS_COMPLETED FROM PUBLIC.PREREQUISITES"))
                .allMatch(row -> row.get("IS_COMPLETED").equals(false));
    }

    @Test
    void updateWarehouseComparesNamesBySnowflakeRules() {
        finalizeWizard();
        app.call("PAUSE_CONNECTOR");

        for (String sameWarehouse : List.of("XS", "xs", "\"XS\"")) {
            JsonNode response = app.call("UPDATE_WAREHOUSE", sameWarehouse);
            assertThat(response.path("response_code").asText())
                    .as(sameWarehouse)
                    .isEqualTo("WAREHOUSE_ALREADY_USED");
        }
        assertThat(app.call("UPDATE_WAREHOUSE", "\"xs\"").path("response_code").asText())
                .as("a quoted lower-case name is another warehouse")
                .isEqualTo("OK");
        assertThat(configuration("connector_configuration").path("warehouse").asText())
                .isEqualTo("\"xs\"");
    }

    @Test
    void aHookExceptionWithoutMessageStillNamesTheHook() {
        configure();
        connector.connectionTest(context -> {
            throw new NullPointerException();
        });

        JsonNode response = app.call("SET_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://api.example.com\"}");

        assertThat(response.path("response_code").asText()).isEqualTo("UNKNOWN_ERROR");
        assertThat(response.path("message").asText())
                .isEqualTo("The connector's connection tester failed: NullPointerException");
    }

    @Test
    void finalizeWithoutACallbackAnswersOk() {
        app.close();
        app = EmbeddedAppFixture.install(ConnectorDefinition.builder()
                .connectionTester(ConnectionTester.none())
                .build());
        configure();
        assertOk(app.call("SET_CONNECTION_CONFIGURATION", "{}"), "This connector has no connection test.");

        assertOk(app.call("FINALIZE_CONNECTOR_CONFIGURATION", "{}"), "Connector configuration finalized.");
        assertThat(app.state()).isEqualTo(state(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED));
    }

    private void configure() {
        assertThat(app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"xs\"}")
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
    }

    private void connect() {
        configure();
        assertThat(app.call("SET_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://api.example.com\"}")
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
    }

    private void finalizeWizard() {
        connect();
        assertThat(app.call("FINALIZE_CONNECTOR_CONFIGURATION", "{}")
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
    }

    private ConnectorState status() {
        JsonNode response = app.call("GET_CONNECTOR_STATUS");
        assertThat(response.path("response_code").asText()).isEqualTo("OK");
        return ConnectorState.fromJsonText(JsonTree.write(response));
    }

    private JsonNode configuration(String key) {
        return JsonTree.parse((String) app.query("SELECT \"VALUE\" FROM STATE.APP_CONFIG WHERE \"KEY\" = ?", key)
                .get(0)
                .get("VALUE"));
    }

    private static ConnectorState state(ConnectorStatus status, ConfigurationStatus configurationStatus) {
        return new ConnectorState(status, configurationStatus);
    }

    private static Map<String, Object> row(String group, String key, String value) {
        return Map.of("CONFIG_GROUP", group, "CONFIG_KEY", key, "VALUE", value);
    }

    private static void assertOk(JsonNode response, String message) {
        assertThat(response.path("response_code").asText())
                .as("response %s", response)
                .isEqualTo("OK");
        assertThat(response.path("message").asText()).isEqualTo(message);
    }
}
