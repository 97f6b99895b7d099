package io.connectorkit.runtime.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.snowflake.snowpark_java.Session;
import com.snowflake.snowpark_java.types.Variant;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.FakeSnowparkSession;
import io.connectorkit.runtime.testing.ScriptedConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Snowpark handlers the other Snowflake tests do not reach, each answering its procedure's response through the
 * fake session: prerequisites, recovery, connection tests, source validation and the connector configuration update.
 */
class SnowflakeHandlersTest {

    private final ScriptedConnector connector = new ScriptedConnector();
    private final EmbeddedAppFixture tables =
            EmbeddedAppFixture.install(connector.definition().build());
    private final ConnectorRegistry.Binding binding = ConnectorRegistry.bind(
            SnowflakeProcedures.TARGET, connector.definition().build());
    private final FakeSnowparkSession fake = new FakeSnowparkSession(tables.newConnection()).warehouses("XS");
    private final Session session = fake.session();

    @AfterEach
    void close() {
        binding.close();
        tables.close();
    }

    private static JsonNode json(Variant variant) {
        return JsonTree.parse(variant.asJsonString());
    }

    private static JsonNode response(String code, String message) {
        return JsonTree.parse(Response.error(code, message).toJsonText());
    }

    private void connect() {
        assertThat(json(SnowflakeProcedures.configureConnector(session, new Variant("{\"warehouse\": \"XS\"}")))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        assertThat(json(SnowflakeProcedures.setConnectionConfiguration(
                                session, new Variant("{\"base_url\": \"https://api.example.com\"}")))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
    }

    @Test
    void updatePrerequisiteMarksOneAndNamesAnUnknownOne() {
        assertThat(json(SnowflakeProcedures.updatePrerequisite(session, "grant_access", true)))
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"OK\", \"message\": \"Prerequisite updated" + " successfully.\"}"));
        assertThat(tables.query("SELECT ID, IS_COMPLETED FROM STATE.PREREQUISITES ORDER BY ID"))
                .containsExactly(
                        EmbeddedAppFixture.row("ID", "grant_access", "IS_COMPLETED", true),
                        EmbeddedAppFixture.row("ID", "network", "IS_COMPLETED", false));
        assertThat(json(SnowflakeProcedures.updatePrerequisite(session, "nope", true))
                        .path("response_code")
                        .asText())
                .isEqualTo("PREREQUISITE_NOT_FOUND");
    }

    @Test
    void recoverConnectorStateMovesAnErrorToTheGivenStatus() {
        tables.forceState(new ConnectorState(ConnectorStatus.ERROR, ConfigurationStatus.FINALIZED));

        assertThat(json(SnowflakeProcedures.recoverConnectorState(session, "PAUSED")))
                .isEqualTo(
                        JsonTree.parse(
                                "{\"response_code\": \"OK\", \"message\": \"Connector status successfully changed to PAUSED\"}"));
        assertThat(tables.state()).isEqualTo(new ConnectorState(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));
        assertThat(json(SnowflakeProcedures.recoverConnectorState(session, "STARTED")))
                .isEqualTo(response(
                        "INVALID_CONNECTOR_STATUS",
                        "Invalid connector status. Expected status: [ERROR, STARTING, PAUSING]."
                                + " Current status: PAUSED"));
    }

    @Test
    void testConnectionRunsTheTesterOnTheSavedConnection() {
        connect();
        connector.calls.clear();

        assertThat(json(SnowflakeProcedures.testConnection(session)))
                .isEqualTo(JsonTree.parse("{\"response_code\": \"OK\", \"message\": \"Connection works.\"}"));
        assertThat(connector.calls)
                .singleElement()
                .asString()
                .startsWith("test ")
                .contains("api.example.com");
    }

    @Test
    void testDraftConnectionTestsTheDraftWithoutSavingIt() {
        connect();
        connector.calls.clear();
        connector.draftTest(context -> Response.error("TEST_CONNECTION_FAILED", "Host not found"));

        assertThat(json(SnowflakeProcedures.testDraftConnection(
                        session, new Variant("{\"base_url\": \"https://draft.example.com\"}"))))
                .isEqualTo(response("TEST_CONNECTION_FAILED", "Host not found"));
        assertThat(connector.calls).singleElement().asString().contains("draft.example.com");
        assertThat(json(SnowflakeProcedures.getConnectionConfiguration(session))
                        .path("base_url")
                        .asText())
                .isEqualTo("https://api.example.com");
    }

    @Test
    void validateSourceAnswersTheSourceValidator() {
        connector.sourceValidator(() -> Response.error("SOURCE_UNREACHABLE", "No answer"));

        assertThat(json(SnowflakeProcedures.validateSource(session, new Variant("{\"org\": \"acme\"}"))))
                .isEqualTo(response("SOURCE_UNREACHABLE", "No answer"));
        assertThat(connector.calls).containsExactly("validate source {\"org\":\"acme\"}");
    }

    @Test
    void updateConnectorConfigurationChangesAPausedConnectorsFields() {
        connect();
        assertThat(json(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        assertThat(json(SnowflakeProcedures.updateConnectorConfiguration(session, new Variant("{\"batch_size\": 7}")))
                        .path("response_code")
                        .asText())
                .isEqualTo("INVALID_CONNECTOR_STATUS");
        assertThat(json(SnowflakeProcedures.pauseConnector(session))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");

        JsonNode updated =
                json(SnowflakeProcedures.updateConnectorConfiguration(session, new Variant("{\"batch_size\": 7}")));

        assertThat(updated.path("response_code").asText()).isEqualTo("OK");
        assertThat(updated.path("message").asText()).startsWith("Connector configuration updated: batch_size");
        assertThat(tables.query("SELECT \"VALUE\" FROM STATE.APP_CONFIG WHERE \"KEY\" = 'connector_configuration'")
                        .get(0)
                        .get("VALUE")
                        .toString())
                .contains("\"batch_size\":7");
    }
}
