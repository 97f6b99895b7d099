package io.connectorkit.runtime.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.snowflake.snowpark_java.Session;
import com.snowflake.snowpark_java.types.Variant;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.spi.WizardStep;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.FakeSnowparkSession;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FINALIZE_CONNECTOR_CONFIGURATION's preconditions (spec §3.7), each refused on its own with its code and message,
 * in the order the spec gives: state, argument, finalize validator, source validator, account (EXECUTE TASK for a
 * schedule, a valid destination database and CREATE DATABASE), callback, scheduler task. A refusal leaves the
 * connector CONNECTED, with nothing of the attempt kept but the idempotent database, so that a retry succeeds.
 */
class FinalizeRefusalsTest {

    private static final String SCHEDULE = "{\"scheduleType\": \"CRON\", \"scheduleDefinition\": \"*/5 * * * *\"}";

    private final ScriptedConnector connector = new ScriptedConnector();
    private final AtomicReference<Response> finalizeValidator = new AtomicReference<>(Response.ok());
    private final EmbeddedAppFixture tables = EmbeddedAppFixture.install(definition());
    private final ConnectorRegistry.Binding binding = ConnectorRegistry.bind(SnowflakeProcedures.TARGET, definition());
    private final FakeSnowparkSession fake = new FakeSnowparkSession(tables.newConnection()).warehouses("XS");
    private final Session session = fake.session();

    private ConnectorDefinition definition() {
        return connector
                .definition()
                .validator(WizardStep.FINALIZE, (input, context) -> {
                    connector.calls.add("validate finalize " + input);
                    return finalizeValidator.get();
                })
                .build();
    }

    @AfterEach
    void close() {
        binding.close();
        tables.close();
    }

    private void connect(String connectorConfiguration) {
        assertOk(SnowflakeProcedures.configureConnector(session, new Variant(connectorConfiguration)));
        assertOk(SnowflakeProcedures.setConnectionConfiguration(
                session, new Variant("{\"base_url\": \"https://api.example.com\"}")));
        connector.calls.clear();
        fake.statements.clear();
    }

    private JsonNode finalizeWith(String input) {
        return json(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant(input)));
    }

    private void assertStillConnected() {
        assertThat(tables.state())
                .isEqualTo(new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.CONNECTED));
        assertThat(fake.task).isNull();
    }

    @Test
    void beforeTheConnectionIsSetTheConfigurationStatusIsRefused() {
        assertOk(SnowflakeProcedures.configureConnector(session, new Variant("{\"warehouse\": \"XS\"}")));
        connector.calls.clear();

        JsonNode response = finalizeWith("{}");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"INVALID_CONNECTOR_CONFIGURATION_STATUS\","
                        + " \"message\": \"Invalid connector configuration status. Expected one of statuses: [CONNECTED]."
                        + " Current status: CONFIGURED.\"}"));
        assertThat(connector.calls).isEmpty();
    }

    @Test
    void aFinalizedConnectorIsRefusedByItsStatus() {
        connect("{\"warehouse\": \"XS\"}");
        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));
        connector.calls.clear();

        JsonNode response = finalizeWith("{}");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"INVALID_CONNECTOR_STATUS\", \"message\":"
                        + " \"Invalid connector status. Expected status: [CONFIGURING]. Current status: STARTED.\"}"));
        assertThat(connector.calls).isEmpty();
    }

    @Test
    void anArgumentThatIsNotAnObjectIsRefusedBeforeAnyHook() {
        connect("{\"warehouse\": \"XS\", \"destination_database\": \"DEST_DB\"}");
        String before = tables.snapshot();

        JsonNode response = finalizeWith("[1]");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"CONFIGURATION_NOT_AN_OBJECT\","
                        + " \"message\": \"The argument CUSTOM_CONFIGURATION of FINALIZE_CONNECTOR_CONFIGURATION must be a JSON"
                        + " object such as {\\\"key\\\": \\\"value\\\"}, but it is an array.\"}"));
        assertThat(connector.calls).isEmpty();
        assertThat(tables.snapshot()).isEqualTo(before);
        assertThat(fake.databases).isEmpty();
    }

    @Test
    void theFinalizeValidatorsRefusalIsAnsweredAsItIs() {
        connect("{\"warehouse\": \"XS\", \"destination_database\": \"DEST_DB\"}");
        finalizeValidator.set(
                Response.error("TOKEN_SCOPE", "The token cannot read issues.").with("scope", "repo"));
        String before = tables.snapshot();

        JsonNode response = finalizeWith("{\"org\": \"acme\"}");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"TOKEN_SCOPE\", \"message\": \"The token"
                        + " cannot read issues.\", \"scope\": \"repo\"}"));
        assertThat(connector.calls)
                .singleElement()
                .asString()
                .startsWith("validate finalize ")
                .contains("acme");
        assertThat(tables.snapshot()).isEqualTo(before);
        assertThat(fake.databases).isEmpty();
        assertStillConnected();
    }

    @Test
    void theSourceValidatorsRefusalComesBeforeTheAccountIsTouched() {
        connect("{\"warehouse\": \"XS\", \"destination_database\": \"DEST_DB\", \"global_schedule\": " + SCHEDULE
                + "}");
        connector.sourceValidator(() -> Response.error("SOURCE_UNREACHABLE", "api.example.com does not answer."));
        fake.privileges();
        String before = tables.snapshot();

        JsonNode response = finalizeWith("{}");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"SOURCE_UNREACHABLE\", \"message\":"
                        + " \"api.example.com does not answer.\"}"));
        assertThat(connector.calls).containsExactly("validate finalize {}", "validate source {}");
        assertThat(fake.sqlTexts()).noneMatch(sql -> sql.contains("HOLD_PRIVILEGE") || sql.startsWith("CREATE"));
        assertThat(tables.snapshot()).isEqualTo(before);
        assertStillConnected();
    }

    @Test
    void aScheduleNeedsExecuteTaskBeforeTheDatabaseIsCreated() {
        connect("{\"warehouse\": \"XS\", \"destination_database\": \"DEST_DB\", \"global_schedule\": " + SCHEDULE
                + "}");
        fake.privileges("CREATE DATABASE");

        JsonNode response = finalizeWith("{}");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"REQUIRED_PRIVILEGES_MISSING\","
                        + " \"message\": \"To perform this operation the application must be granted the following privileges:"
                        + " EXECUTE TASK\"}"));
        assertThat(fake.databases).isEmpty();
        assertThat(connector.calls).noneMatch(call -> call.startsWith("finalize "));
        assertStillConnected();
    }

    @Test
    void withoutAScheduleExecuteTaskIsNotNeeded() {
        connect("{\"warehouse\": \"XS\", \"destination_database\": \"DEST_DB\"}");
        fake.privileges("CREATE DATABASE");

        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));

        assertThat(fake.databases).containsExactly("\"DEST_DB\"");
        assertThat(tables.state())
                .isEqualTo(new ConnectorState(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED));
    }

    @Test
    void withoutADestinationDatabaseCreateDatabaseIsNotNeeded() {
        connect("{\"warehouse\": \"XS\"}");
        fake.privileges();

        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));

        assertThat(fake.databases).isEmpty();
        assertThat(fake.sqlTexts()).noneMatch(sql -> sql.contains("HOLD_PRIVILEGE"));
        assertThat(tables.state().configurationStatus()).isEqualTo(ConfigurationStatus.FINALIZED);
    }

    @Test
    void aStoredDestinationDatabaseThatIsNoIdentifierIsRefused() {
        connect("{\"warehouse\": \"XS\"}");
        tables.forceConfiguration(
                "connector_configuration", "{\"warehouse\": \"XS\", \"destination_database\":" + " \"dest db\"}");

        JsonNode response = finalizeWith("{}");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"INVALID_IDENTIFIER\", \"message\": \"'dest"
                        + " db' is not a valid Snowflake identifier: connector_configuration.destination_database cannot be"
                        + " created; configure it again\"}"));
        assertThat(fake.databases).isEmpty();
        assertThat(connector.calls).noneMatch(call -> call.startsWith("finalize "));
        assertStillConnected();
    }

    @Test
    void aBlankDestinationDatabaseIsLikeNone() {
        connect("{\"warehouse\": \"XS\"}");
        tables.forceConfiguration(
                "connector_configuration", "{\"warehouse\": \"XS\", \"destination_database\": \" \"}");
        fake.privileges();

        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));

        assertThat(fake.databases).isEmpty();
    }

    @Test
    void theCallbacksRefusalLeavesTheConnectorConnectedAndARetryFinishes() {
        connect("{\"warehouse\": \"XS\", \"destination_database\": \"DEST_DB\", \"global_schedule\": " + SCHEDULE
                + "}");
        connector.finalizeCallback(context -> Response.error("SINK_NOT_READY", "The sink is being created."));

        JsonNode response = finalizeWith("{}");

        assertThat(response)
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"SINK_NOT_READY\", \"message\": \"The sink" + " is being created.\"}"));
        assertThat(fake.sqlTexts()).noneMatch(sql -> sql.startsWith("CREATE TASK"));
        assertStillConnected();
        // The database is DDL, created before the callback, and found again by the retry.
        assertThat(fake.databases).containsExactly("\"DEST_DB\"");

        connector.finalizeCallback(context -> Response.ok("Sink ready."));
        assertThat(finalizeWith("{}"))
                .isEqualTo(JsonTree.parse("{\"response_code\": \"OK\", \"message\": \"Sink" + " ready.\"}"));
        assertThat(fake.task.resumed).isTrue();
        assertThat(tables.state())
                .isEqualTo(new ConnectorState(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED));
    }

    @Test
    void aStoredScheduleThatIsNoCronIsRefusedBeforeTheTaskIsCreated() {
        connect("{\"warehouse\": \"XS\"}");
        tables.forceConfiguration(
                "connector_configuration",
                "{\"warehouse\": \"XS\", \"global_schedule\":"
                        + " {\"scheduleType\": \"INTERVAL\", \"scheduleDefinition\": \"*/5 * * * *\"}}");

        JsonNode response = finalizeWith("{}");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"INVALID_CONFIGURATION_VALUE\","
                        + " \"message\": \"connector_configuration.global_schedule must be {\\\"scheduleType\\\": \\\"CRON\\\","
                        + " \\\"scheduleDefinition\\\": \\\"<5-field cron>\\\"} to create the scheduler task; configure it"
                        + " again\"}"));
        assertStillConnected();

        tables.forceConfiguration(
                "connector_configuration",
                "{\"warehouse\": \"XS\", \"global_schedule\":"
                        + " {\"scheduleType\": \"CRON\", \"scheduleDefinition\": \"every hour\"}}");
        assertThat(finalizeWith("{}").path("response_code").asText()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertStillConnected();
    }

    @Test
    void aStoredWarehouseThatIsNoIdentifierCannotRunTheTask() {
        connect("{\"warehouse\": \"XS\"}");
        tables.forceConfiguration(
                "connector_configuration", "{\"warehouse\": \"my wh\", \"global_schedule\": " + SCHEDULE + "}");

        JsonNode response = finalizeWith("{}");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"INVALID_IDENTIFIER\", \"message\": \"'my"
                        + " wh' is not a valid Snowflake identifier: connector_configuration.warehouse cannot run the scheduler"
                        + " task; configure it again\"}"));
        assertStillConnected();
    }

    @Test
    void aNullScheduleIsLikeNone() {
        connect("{\"warehouse\": \"XS\"}");
        tables.forceConfiguration("connector_configuration", "{\"warehouse\": \"XS\", \"global_schedule\": null}");
        fake.privileges();

        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));

        assertThat(fake.task).isNull();
        assertThat(tables.state().configurationStatus()).isEqualTo(ConfigurationStatus.FINALIZED);
    }

    private static JsonNode json(Variant variant) {
        return JsonTree.parse(variant.asJsonString());
    }

    private static void assertOk(Variant response) {
        assertThat(json(response).path("response_code").asText())
                .as("response %s", response.asJsonString())
                .isEqualTo("OK");
    }
}
