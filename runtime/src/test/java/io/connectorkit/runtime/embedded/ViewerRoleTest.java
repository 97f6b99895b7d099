package io.connectorkit.runtime.embedded;

import static io.connectorkit.runtime.status.ConfigurationStatus.CONFIGURED;
import static io.connectorkit.runtime.status.ConfigurationStatus.CONNECTED;
import static io.connectorkit.runtime.status.ConfigurationStatus.FINALIZED;
import static io.connectorkit.runtime.status.ConfigurationStatus.INSTALLED;
import static io.connectorkit.runtime.status.ConfigurationStatus.PREREQUISITES_DONE;
import static io.connectorkit.runtime.status.ConnectorStatus.CONFIGURING;
import static io.connectorkit.runtime.status.ConnectorStatus.ERROR;
import static io.connectorkit.runtime.status.ConnectorStatus.PAUSED;
import static io.connectorkit.runtime.status.ConnectorStatus.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The H2 user VIEWER is application role VIEWER: it reads the public views and calls the read procedures; every
 * other procedure is refused before it runs, as a SQL error with state 42501, and changes nothing.
 */
class ViewerRoleTest {

    private static EmbeddedAppFixture app;
    private Connection viewer;

    @BeforeAll
    static void installApp() {
        app = EmbeddedAppFixture.install(new ScriptedConnector()
                .definition()
                .connectionField(ConfigurationField.secret("api_token"))
                .build());
    }

    @AfterAll
    static void dropApp() {
        app.close();
    }

    @BeforeEach
    void connectAsViewer() {
        viewer = app.viewerConnection();
    }

    @AfterEach
    void disconnect() throws SQLException {
        viewer.close();
    }

    private static final String CONFIGURATIONS =
            "[{\"id\": \"c1\", \"ingestionStrategy\": \"SNAPSHOT\"," + " \"scheduleType\": \"GLOBAL\"}]";

    /** A call that ADMIN makes successfully in the given state, so that only the caller decides the outcome. */
    record AdminCall(String procedure, ConnectorState state, Object... arguments) {
        @Override
        public String toString() {
            return procedure;
        }
    }

    static Stream<AdminCall> callsViewerMayNotMake() {
        ConnectorState installed = new ConnectorState(CONFIGURING, INSTALLED);
        ConnectorState paused = new ConnectorState(PAUSED, FINALIZED);
        String connection = "{\"base_url\": \"https://api.example.com\", \"api_token\": \"API_TOKEN_SECRET\"}";
        return Stream.of(
                new AdminCall("RECOVER_CONNECTOR_STATE", new ConnectorState(ERROR, FINALIZED), "PAUSED"),
                new AdminCall("UPDATE_PREREQUISITE", installed, "grant_access", true),
                new AdminCall("MARK_ALL_PREREQUISITES_AS_DONE", installed),
                new AdminCall("COMPLETE_PREREQUISITES_STEP", installed),
                new AdminCall(
                        "CONFIGURE_CONNECTOR",
                        new ConnectorState(CONFIGURING, PREREQUISITES_DONE),
                        "{\"warehouse\": \"NEW_WH\"}"),
                new AdminCall("SET_CONNECTION_CONFIGURATION", new ConnectorState(CONFIGURING, CONFIGURED), connection),
                new AdminCall("TEST_CONNECTION", installed),
                new AdminCall("FINALIZE_CONNECTOR_CONFIGURATION", new ConnectorState(CONFIGURING, CONNECTED), "{}"),
                new AdminCall("VALIDATE_SOURCE", installed, "{}"),
                new AdminCall("RESET_CONFIGURATION", new ConnectorState(CONFIGURING, CONFIGURED)),
                new AdminCall("UPDATE_CONNECTION_CONFIGURATION", paused, connection),
                new AdminCall("TEST_DRAFT_CONNECTION", installed, connection),
                new AdminCall("UPDATE_WAREHOUSE", paused, "NEW_WH"),
                new AdminCall("UPDATE_CONNECTOR_CONFIGURATION", paused, "{}"),
                new AdminCall("PAUSE_CONNECTOR", new ConnectorState(STARTED, FINALIZED)),
                new AdminCall("RESUME_CONNECTOR", paused),
                new AdminCall("REGISTER_SECRET", installed, "API_TOKEN_SECRET", "tok"),
                new AdminCall("SETTLE_SECRET", installed, "API_TOKEN_SECRET", true),
                new AdminCall(
                        "CREATE_RESOURCE", paused, "New", "{\"repo\": \"new\"}", CONFIGURATIONS, "new", true, null),
                new AdminCall("ENABLE_RESOURCE", paused, "disabled_resource"),
                new AdminCall("DISABLE_RESOURCE", paused, "enabled_resource"),
                new AdminCall("UPDATE_RESOURCE", paused, "enabled_resource", CONFIGURATIONS),
                new AdminCall("RUN_SCHEDULER_ITERATION", new ConnectorState(STARTED, FINALIZED)),
                new AdminCall("RUN_INGESTION_NOW", new ConnectorState(STARTED, FINALIZED), (Object) null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callsViewerMayNotMake")
    void viewerIsRefusedBeforeTheProcedureRunsAndNothingChanges(AdminCall call) {
        seed(call.state());
        String before = app.snapshot();

        assertThatThrownBy(() -> EmbeddedAppFixture.call(viewer, call.procedure(), call.arguments()))
                .cause()
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("Insufficient privileges to operate on procedure '" + call.procedure()
                        + "': application role VIEWER may call only GET_CONNECTOR_STATUS, "
                        + "GET_CONNECTION_CONFIGURATION; connect as ADMIN")
                .satisfies(error ->
                        assertThat(((SQLException) error).getSQLState()).isEqualTo("42501"));

        assertThat(app.snapshot()).as("a refused call changes nothing").isEqualTo(before);
        JsonNode asAdmin = app.call(call.procedure(), call.arguments());
        assertThat(asAdmin.path("response_code").asText())
                .as("ADMIN's answer %s", asAdmin)
                .isEqualTo("OK");
    }

    @Test
    void everyProcedureViewerMayNotCallIsCovered() {
        List<String> covered = callsViewerMayNotMake().map(AdminCall::procedure).toList();
        List<String> expected = new ArrayList<>(Stream.of(PublicProcedure.values())
                .filter(procedure -> procedure.access() != PublicProcedure.Access.ADMIN_AND_VIEWER)
                .map(Enum::name)
                .toList());
        expected.add("REGISTER_SECRET");
        expected.add("SETTLE_SECRET");

        assertThat(covered).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void viewerCallsTheReadProceduresAndReadsTheViews() throws SQLException {
        seed(new ConnectorState(PAUSED, FINALIZED));

        assertThat(EmbeddedAppFixture.call(viewer, "GET_CONNECTOR_STATUS")).isEqualTo(app.call("GET_CONNECTOR_STATUS"));
        JsonNode connection = EmbeddedAppFixture.call(viewer, "GET_CONNECTION_CONFIGURATION");
        assertThat(connection.path("response_code").asText()).isEqualTo("OK");
        assertThat(connection.path("api_token").asText()).isEqualTo("********");
        assertThat(rows("SELECT CONFIG_GROUP, CONFIG_KEY, \"VALUE\" FROM PUBLIC.CONNECTOR_CONFIGURATION"
                        + " ORDER BY 1, 2"))
                .containsExactly(
                        "connection_configuration|api_token|********",
                        "connection_configuration|base_url|https://api.example.com",
                        "connector_configuration|warehouse|OLD_WH");
        assertThat(rows("SELECT ID, IS_COMPLETED FROM PUBLIC.PREREQUISITES"))
                .containsExactly("grant_access|FALSE", "network|FALSE");
        assertThat(rows("SELECT STATUS, LAST_SYNCED_AT FROM PUBLIC.SYNC_STATUS"))
                .containsExactly("PAUSED|null");
        assertThat(rows("SELECT ID, RESOURCE_ID, NAME, IS_ENABLED, RESOURCE_METADATA FROM PUBLIC.INGESTION_DEFINITIONS"
                        + " ORDER BY ID"))
                .containsExactly(
                        "disabled_resource|{\"repo\":\"disabled_resource\"}|" + "disabled_resource|FALSE|null",
                        "enabled_resource|{\"repo\":\"enabled_resource\"}|" + "enabled_resource|true|null");
    }

    @Test
    void viewerCannotReadTheSecretsNorWriteTheState() {
        app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "tok-S3CRET");

        for (String sql : List.of(
                "SELECT * FROM STATE.SECRETS",
                "DELETE FROM STATE.APP_STATE",
                "SELECT * FROM STATE.INGESTION_PROCESS",
                "UPDATE STATE.RESOURCE_INGESTION_DEFINITION SET ENABLED = TRUE",
                "UPDATE STATE.APP_CONFIG SET UPDATED_AT = NULL",
                "DROP VIEW PUBLIC.SYNC_STATUS",
                "CREATE ALIAS PUBLIC.EVIL FOR 'java.lang.System.getenv'",
                "GRANT SELECT ON STATE.SECRETS TO VIEWER")) {
            assertThatThrownBy(() -> execute(sql))
                    .as(sql)
                    .isInstanceOf(SQLException.class)
                    .satisfies(error -> assertThat(((SQLException) error).getErrorCode())
                            .as(sql)
                            .isIn(90096, 90040))
                    .hasMessageNotContaining("tok-S3CRET");
        }
        assertThat(app.query("SELECT COUNT(*) AS N FROM STATE.SECRETS")).containsExactly(Map.of("N", 1L));
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = viewer.createStatement();
                var result = statement.executeQuery(sql)) {
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    values.add(
                            String.valueOf(result.getObject(i)).toUpperCase().equals("FALSE")
                                    ? "FALSE"
                                    : String.valueOf(result.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = viewer.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void seed(ConnectorState state) {
        app.execute("DELETE FROM STATE.SECRETS");
        app.forceState(state);
        app.forceConfiguration("connector_configuration", "{\"warehouse\": \"OLD_WH\"}");
        app.forceConfiguration(
                "connection_configuration",
                "{\"base_url\": \"https://api.example.com\"," + " \"api_token\": \"API_TOKEN_SECRET\"}");
        app.execute("UPDATE STATE.PREREQUISITES SET IS_COMPLETED = FALSE");
        app.execute("DELETE FROM STATE.INGESTION_PROCESS");
        app.execute("DELETE FROM STATE.RESOURCE_INGESTION_DEFINITION");
        for (String resource : List.of("disabled_resource", "enabled_resource")) {
            app.execute(
                    "INSERT INTO STATE.RESOURCE_INGESTION_DEFINITION (ID, NAME, ENABLED, RESOURCE_ID,"
                            + " INGESTION_CONFIGURATION, UPDATED_AT) VALUES (?, ?, ?, ? FORMAT JSON, ? FORMAT JSON,"
                            + " TIMESTAMP '2026-01-01 00:00:00')",
                    resource,
                    resource,
                    resource.startsWith("enabled"),
                    "{\"repo\": \"" + resource + "\"}",
                    CONFIGURATIONS);
        }
    }
}
