package io.connectorkit.runtime.embedded;

import static io.connectorkit.runtime.testing.EmbeddedAppFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.spi.ConnectionTester;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.spi.Prerequisite;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing creates or upgrades the app in place and never loses state. */
class EmbeddedInstallTest {

    private static final ConnectorDefinition CONNECTOR = ConnectorDefinition.builder()
            .prerequisite(Prerequisite.of("p1", "Grant access", "Grant the app access", 1))
            .prerequisite(Prerequisite.of("p2", "Allow network", "Create the network rule", 2))
            .connectionTester(ConnectionTester.none())
            .build();

    @Test
    void installingAgainKeepsEveryRowOfState() {
        try (EmbeddedAppFixture app = EmbeddedAppFixture.install(CONNECTOR)) {
            app.call("UPDATE_PREREQUISITE", "p1", true);
            app.call("COMPLETE_PREREQUISITES_STEP");
            app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"WH\"}");
            app.call("SET_CONNECTION_CONFIGURATION", "{\"host\": \"example.com\"}");
            assertThat(app.call(
                                    "CREATE_RESOURCE",
                                    "Issues",
                                    "{\"repo\": \"api\"}",
                                    "[{\"id\": \"c1\","
                                            + " \"ingestionStrategy\": \"INCREMENTAL\", \"scheduleType\": \"INTERVAL\","
                                            + " \"scheduleDefinition\": \"60m\"}]",
                                    "r1",
                                    true,
                                    "{\"stars\": 3}")
                            .path("response_code")
                            .asText())
                    .isEqualTo("OK");
            app.execute("UPDATE STATE.INGESTION_PROCESS SET STATUS = 'IN_PROGRESS', METADATA = '{\"cursor\": 9}'"
                    + " FORMAT JSON");
            String before = app.snapshot();

            EmbeddedApp.install(app.connection(), CONNECTOR);
            EmbeddedApp.install(app.connection(), CONNECTOR);

            assertThat(app.snapshot())
                    .contains("ID=r1, NAME=Issues")
                    .contains("{\"cursor\":9}")
                    .isEqualTo(before);
            assertThat(app.call("GET_CONNECTOR_STATUS")
                            .path("configurationStatus")
                            .asText())
                    .isEqualTo("CONNECTED");
            assertThat(app.call("DISABLE_RESOURCE", "r1").path("response_code").asText())
                    .isEqualTo("OK");
            assertThat(app.call("FINALIZE_CONNECTOR_CONFIGURATION", "{}")
                            .path("response_code")
                            .asText())
                    .isEqualTo("OK");
        }
    }

    @Test
    void installingAgainKeepsTheSecretsAndGrantsViewerTheRecreatedViewsAgain() throws Exception {
        ConnectorDefinition withSecret = ConnectorDefinition.builder()
                .connectionField(ConfigurationField.secret("api_token"))
                .connectionTester(ConnectionTester.none())
                .build();
        try (EmbeddedAppFixture app = EmbeddedAppFixture.install(withSecret)) {
            app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "tok");
            String before = app.snapshot();

            EmbeddedApp.install(app.connection(), withSecret);
            EmbeddedApp.install(app.connection(), withSecret);

            assertThat(app.snapshot())
                    .contains("REFERENCE_NAME=API_TOKEN_SECRET")
                    .isEqualTo(before);
            try (Connection viewer = app.viewerConnection();
                    Statement sql = viewer.createStatement()) {
                for (String view : List.of(
                        "CONNECTOR_CONFIGURATION",
                        "PREREQUISITES",
                        "SYNC_STATUS",
                        "INGESTION_DEFINITIONS",
                        "GENERIC_CONNECTOR_STATS",
                        "CONNECTOR_STATS",
                        "AGGREGATED_CONNECTOR_STATS")) {
                    sql.executeQuery("SELECT * FROM PUBLIC." + view).close();
                }
                assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM STATE.SECRETS"))
                        .hasMessageContaining("Not enough rights for object \"STATE.SECRETS\"");
            }
        }
    }

    @Test
    void upgradingAnOlderInstallKeepsItsStateAndReplacesItsProcedures(@TempDir Path home) throws Exception {
        String url = "jdbc:h2:" + home.resolve("app") + ";LOCK_TIMEOUT=10000";
        try (Connection connection = DriverManager.getConnection(url);
                Statement sql = connection.createStatement()) {
            // An app installed by an earlier runtime: fewer columns, an outdated procedure, state in the middle of
            // the wizard.
            sql.execute("CREATE SCHEMA STATE");
            sql.execute("CREATE TABLE STATE.APP_STATE (\"KEY\" VARCHAR NOT NULL, \"VALUE\" JSON NOT NULL)");
            sql.execute("INSERT INTO STATE.APP_STATE VALUES ('connector_status', "
                    + "'{\"status\":\"CONFIGURING\",\"configurationStatus\":\"CONFIGURED\"}' FORMAT JSON)");
            sql.execute("CREATE TABLE STATE.APP_CONFIG (\"KEY\" VARCHAR NOT NULL, \"VALUE\" JSON NOT NULL,"
                    + " UPDATED_AT TIMESTAMP NOT NULL)");
            sql.execute("INSERT INTO STATE.APP_CONFIG VALUES ('connector_configuration', '{\"warehouse\":\"OLD_WH\"}'"
                    + " FORMAT JSON, TIMESTAMP '2025-06-01 10:00:00')");
            sql.execute("CREATE TABLE STATE.PREREQUISITES (ID VARCHAR NOT NULL, TITLE VARCHAR NOT NULL,"
                    + " DESCRIPTION VARCHAR NOT NULL, POSITION INTEGER NOT NULL, IS_COMPLETED BOOLEAN DEFAULT FALSE)");
            sql.execute("INSERT INTO STATE.PREREQUISITES VALUES ('p1', 'Old title', 'Old text', 1, TRUE)");
            sql.execute("CREATE ALIAS PUBLIC.GET_CONNECTOR_STATUS FOR 'java.lang.System.lineSeparator'");
            sql.execute("CREATE VIEW PUBLIC.PREREQUISITES AS SELECT ID FROM STATE.PREREQUISITES");
            // Earlier local setup scripts made VIEWER a role; it is a user now.
            sql.execute("CREATE ROLE VIEWER");
            sql.execute("GRANT SELECT ON PUBLIC.PREREQUISITES TO VIEWER");

            EmbeddedApp.install(connection, CONNECTOR);

            ConnectorRegistry.Binding binding = EmbeddedApp.bind(connection, CONNECTOR);
            try {
                assertThat(EmbeddedAppFixture.call(connection, "GET_CONNECTOR_STATUS")
                                .path("configurationStatus")
                                .asText())
                        .isEqualTo("CONFIGURED");
                assertThat(EmbeddedAppFixture.call(connection, "CONFIGURE_CONNECTOR", "{\"warehouse\": \"NEW_WH\"}")
                                .path("response_code")
                                .asText())
                        .isEqualTo("OK");
            } finally {
                binding.close();
            }
        }
        try (EmbeddedAppFixture reopened = reopen(url)) {
            assertThat(reopened.state())
                    .isEqualTo(new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.CONFIGURED));
            assertThat(reopened.query("SELECT ID, TITLE, IS_COMPLETED, GUIDE_URL FROM PUBLIC.PREREQUISITES"))
                    .containsExactly(
                            row("ID", "p1", "TITLE", "Grant access", "IS_COMPLETED", true, "GUIDE_URL", null),
                            row("ID", "p2", "TITLE", "Allow network", "IS_COMPLETED", false, "GUIDE_URL", null));
            assertThat(reopened.query("SELECT \"VALUE\" FROM STATE.APP_CONFIG"))
                    .containsExactly(Map.of("VALUE", "{\"warehouse\":\"NEW_WH\"}"));
            try (Connection viewer = reopened.viewerConnection()) {
                assertThat(EmbeddedAppFixture.call(viewer, "GET_CONNECTOR_STATUS")
                                .path("configurationStatus")
                                .asText())
                        .isEqualTo("CONFIGURED");
            }
        }
    }

    @Test
    void theIngestionTablesConvergeOnTablesAnotherInstallerCreatedAndKeepTheirRows() {
        try (EmbeddedAppFixture app = EmbeddedAppFixture.install(CONNECTOR)) {
            // An app whose process table was created without the scheduler's columns (by the resource procedures'
            // installer, or an earlier runtime), holding a process.
            app.execute("DROP VIEW PUBLIC.AGGREGATED_CONNECTOR_STATS");
            app.execute("DROP VIEW PUBLIC.CONNECTOR_STATS");
            app.execute("DROP VIEW PUBLIC.GENERIC_CONNECTOR_STATS");
            app.execute("DROP TABLE STATE.INGESTION_PROCESS");
            app.execute("CREATE TABLE STATE.INGESTION_PROCESS (ID VARCHAR NOT NULL PRIMARY KEY,"
                    + " RESOURCE_INGESTION_DEFINITION_ID VARCHAR NOT NULL, INGESTION_CONFIGURATION_ID VARCHAR NOT NULL,"
                    + " TYPE VARCHAR NOT NULL, STATUS VARCHAR NOT NULL, CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT"
                    + " TIMESTAMP NOT NULL, FINISHED_AT TIMESTAMP, METADATA JSON)");
            app.execute("INSERT INTO STATE.INGESTION_PROCESS (ID, RESOURCE_INGESTION_DEFINITION_ID,"
                    + " INGESTION_CONFIGURATION_ID, TYPE, STATUS, CREATED_AT, UPDATED_AT) VALUES ('p', 'd', 'c',"
                    + " 'DEFAULT', 'SCHEDULED', LOCALTIMESTAMP, LOCALTIMESTAMP)");

            EmbeddedApp.install(app.connection(), CONNECTOR);
            EmbeddedApp.install(app.connection(), CONNECTOR);

            assertThat(app.query("SELECT ID, STATUS, NEXT_RUN_AT, ATTEMPTS, LAST_ERROR FROM STATE.INGESTION_PROCESS"))
                    .containsExactly(row(
                            "ID", "p", "STATUS", "SCHEDULED", "NEXT_RUN_AT", null, "ATTEMPTS", 0, "LAST_ERROR", null));
            assertThat(app
                            .query("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'STATE'"
                                    + " AND TABLE_NAME = 'INGESTION_RUN' ORDER BY ORDINAL_POSITION")
                            .stream()
                            .map(column -> column.get("COLUMN_NAME"))
                            .toList())
                    .containsExactly(
                            "ID",
                            "RESOURCE_INGESTION_DEFINITION_ID",
                            "INGESTION_CONFIGURATION_ID",
                            "INGESTION_PROCESS_ID",
                            "STARTED_AT",
                            "UPDATED_AT",
                            "COMPLETED_AT",
                            "STATUS",
                            "INGESTED_ROWS",
                            "METADATA");
            assertThat(app.query("SELECT COUNT(*) AS N FROM PUBLIC.AGGREGATED_CONNECTOR_STATS"))
                    .containsExactly(Map.of("N", 0L));
        }
    }

    @Test
    void prerequisitesAreMergedWithoutTouchingWhetherTheyAreDone() {
        try (EmbeddedAppFixture app = EmbeddedAppFixture.install(CONNECTOR)) {
            app.call("UPDATE_PREREQUISITE", "p1", true);

            EmbeddedApp.install(
                    app.connection(),
                    ConnectorDefinition.builder()
                            .prerequisite(new Prerequisite(
                                    "p1",
                                    "Grant access (v2)",
                                    "Grant USAGE on the source",
                                    null,
                                    "https://docs.example.com/access",
                                    null,
                                    2))
                            .prerequisite(Prerequisite.of("p3", "Create a secret", "Store the API token", 1))
                            .build());

            assertThat(app.query("SELECT ID, TITLE, DOCUMENTATION_URL, IS_COMPLETED FROM PUBLIC.PREREQUISITES"))
                    .containsExactly(
                            row(
                                    "ID",
                                    "p3",
                                    "TITLE",
                                    "Create a secret",
                                    "DOCUMENTATION_URL",
                                    null,
                                    "IS_COMPLETED",
                                    false),
                            row(
                                    "ID",
                                    "p1",
                                    "TITLE",
                                    "Grant access (v2)",
                                    "DOCUMENTATION_URL",
                                    "https://docs.example.com/access",
                                    "IS_COMPLETED",
                                    true),
                            row(
                                    "ID",
                                    "p2",
                                    "TITLE",
                                    "Allow network",
                                    "DOCUMENTATION_URL",
                                    null,
                                    "IS_COMPLETED",
                                    false));
        }
    }

    private static EmbeddedAppFixture reopen(String url) {
        return EmbeddedAppFixture.open(url, CONNECTOR);
    }
}
