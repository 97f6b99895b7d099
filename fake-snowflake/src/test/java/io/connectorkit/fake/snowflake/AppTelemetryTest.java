package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.embedded.RuntimeEvents;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's event sharing, through the real driver: a manifest with a MANDATORY event definition installs only with
 * AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE (93321), whose sharing then cannot be switched off (93329); bad telemetry
 * values of the manifest are refused (93302); the event definitions and the account's event table answer as
 * Snowflake's do.
 */
class AppTelemetryTest {

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
    void mandatoryEventsNeedTheAuthorizationAtCreateAndCannotBeSwitchedOff() throws SQLException {
        stage("""
                configuration:
                  log_level: INFO
                  telemetry_event_definitions:
                    - type: ERRORS_AND_WARNINGS
                      sharing: MANDATORY
                    - type: DEBUG_LOGS
                      sharing: OPTIONAL
                """);

        assertThatThrownBy(() -> execute(CREATE + " COMMENT = 'x'"))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93321))
                .hasMessageContaining("requires telemetry event sharing for the mandatory event definitions "
                        + "SNOWFLAKE$ERRORS_AND_WARNINGS");
        assertThat(account.applications).isEmpty();

        execute(CREATE + " AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE COMMENT = 'x'");

        assertThat(snowflake.telemetry().sharingAuthorized("PROBE")).isTrue();
        assertThat(snowflake.telemetry().sharedEvents("PROBE")).containsExactly("SNOWFLAKE$ERRORS_AND_WARNINGS");
        assertThat(rows("SHOW TELEMETRY EVENT DEFINITIONS IN APPLICATION \"PROBE\""))
                .containsExactly(
                        "SNOWFLAKE$ERRORS_AND_WARNINGS ERRORS_AND_WARNINGS MANDATORY ENABLED",
                        "SNOWFLAKE$DEBUG_LOGS DEBUG_LOGS OPTIONAL DISABLED");
        execute("ALTER APPLICATION \"PROBE\" SET SHARED TELEMETRY EVENTS ('SNOWFLAKE$ERRORS_AND_WARNINGS', "
                + "'SNOWFLAKE$DEBUG_LOGS')");
        assertThat(snowflake.telemetry().sharedEvents("PROBE"))
                .containsExactly("SNOWFLAKE$ERRORS_AND_WARNINGS", "SNOWFLAKE$DEBUG_LOGS");
        assertThatThrownBy(() ->
                        execute("ALTER APPLICATION \"PROBE\" SET SHARED TELEMETRY EVENTS " + "('SNOWFLAKE$METRICS')"))
                .hasMessageContaining("'SNOWFLAKE$METRICS' does not exist");
        assertThatThrownBy(() -> execute("ALTER APPLICATION \"PROBE\" SET AUTHORIZE_TELEMETRY_EVENT_SHARING = FALSE"))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93329));
        assertThat(snowflake.telemetry().sharingAuthorized("PROBE")).isTrue();
    }

    @Test
    void optionalEventsInstallWithoutTheAuthorization() throws SQLException {
        stage("configuration:\n  log_level: WARN\n  telemetry_event_definitions:\n"
                + "    - {type: ERRORS_AND_WARNINGS, sharing: OPTIONAL}\n");

        execute(CREATE);

        assertThat(snowflake.telemetry().sharingAuthorized("PROBE")).isFalse();
        assertThat(snowflake.telemetry().sharedEvents("PROBE")).isEmpty();
        assertThat(snowflake.telemetry().logLevel("PROBE")).isEqualTo("WARN");
    }

    @Test
    void badTelemetryValuesOfTheManifestAreRefused() {
        stage("configuration:\n  log_level: LOUD\n");
        assertThatThrownBy(() -> execute(CREATE))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93302))
                .hasMessageContaining("'configuration.log_level'");
        stage("configuration:\n  telemetry_event_definitions:\n    - {type: EVERYTHING, sharing: OPTIONAL}\n");
        assertThatThrownBy(() -> execute(CREATE))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93302))
                .hasMessageContaining("'EVERYTHING' is not an event definition type");
        assertThat(account.applications).isEmpty();
    }

    @Test
    void theEventTableIsTheAccountsActiveOne() throws SQLException {
        assertThat(rows("SHOW PARAMETERS LIKE 'EVENT_TABLE' IN ACCOUNT"))
                .singleElement()
                .asString()
                .startsWith("EVENT_TABLE SNOWFLAKE.TELEMETRY.EVENTS SNOWFLAKE.TELEMETRY.EVENTS");
        execute("ALTER ACCOUNT SET EVENT_TABLE = ops.logs.events");
        assertThat(rows("SHOW PARAMETERS LIKE 'EVENT_TABLE' IN ACCOUNT"))
                .singleElement()
                .asString()
                .startsWith("EVENT_TABLE OPS.LOGS.EVENTS SNOWFLAKE.TELEMETRY.EVENTS ACCOUNT");
        assertThatThrownBy(() -> rows("SELECT * FROM OPS.LOGS.EVENTS"))
                .as("a query the fake would answer wrongly is refused")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("answers only connector:events' query");
    }

    @Test
    void theManifestsTraceLevelDecidesWhichSpansAreKeptAndTheTraceQueryAnswersThem() throws SQLException {
        stage("configuration:\n  log_level: INFO\n  trace_level: ON_EVENT\n");
        execute(CREATE);
        assertThat(snowflake.telemetry().traceLevel("PROBE")).isEqualTo("ON_EVENT");
        assertThat(snowflake.telemetry().traceLevel("OTHER"))
                .as("an app Snowflake does not know")
                .isEqualTo("OFF");
        RuntimeEvents.Recorder recorder = snowflake.telemetry().eventTable().recorderOf("PROBE");
        RuntimeEvents.during("PAUSE_CONNECTOR", "INFO", "ON_EVENT", recorder, () -> null);
        RuntimeEvents.during("RUN_INGESTION_NOW", "INFO", "ON_EVENT", recorder, () -> {
            RuntimeEvents.addSpanEvent(RuntimeEvents.INGESTION_RUN, Map.of("connector.resource", "issues"));
            return null;
        });
        assertThatThrownBy(() ->
                        RuntimeEvents.during("FINALIZE_CONNECTOR_CONFIGURATION", "INFO", "ALWAYS", recorder, () -> {
                            throw new IllegalStateException("boom");
                        }))
                .hasMessage("boom");

        String select = "SELECT " + EventTable.TRACE_COLUMNS + " FROM SNOWFLAKE.TELEMETRY.EVENTS WHERE RECORD_TYPE IN "
                + "('SPAN', 'SPAN_EVENT') AND RESOURCE_ATTRIBUTES:\"snow.database.name\"::STRING = ?";
        assertThat(bound(select + " ORDER BY TIMESTAMP DESC LIMIT ?", "PROBE", 10))
                .as("ON_EVENT keeps only the span that holds an event; the ALWAYS call's span is kept too")
                .extracting(row -> row.get(2) + " " + row.get(6) + " " + row.get(3) + " " + row.get(4))
                .containsExactlyInAnyOrder(
                        "SPAN RUN_INGESTION_NOW snow.auto_instrumented STATUS_CODE_UNSET",
                        "SPAN_EVENT RUN_INGESTION_NOW connector.ingestion_run null",
                        "SPAN FINALIZE_CONNECTOR_CONFIGURATION snow.auto_instrumented STATUS_CODE_ERROR");
        assertThat(bound(
                        select + " AND RECORD:status:code::STRING = 'STATUS_CODE_ERROR' ORDER BY TIMESTAMP DESC "
                                + "LIMIT ?",
                        "PROBE",
                        10))
                .singleElement()
                .satisfies(row -> assertThat(row.get(5)).isEqualTo("java.lang.IllegalStateException: boom"));
        assertThat(bound(
                        select + " AND RECORD_ATTRIBUTES:\"connector.resource\"::STRING = ? ORDER BY TIMESTAMP DESC "
                                + "LIMIT ?",
                        "PROBE",
                        "issues",
                        10))
                .singleElement()
                .satisfies(row -> assertThat(row.get(8)).isEqualTo("{\"connector.resource\":\"issues\"}"));
        assertThatThrownBy(() -> bound(select + " AND RECORD:name::STRING = ? LIMIT ?", "PROBE", "x", 1))
                .as("another shape over the event table is refused")
                .hasMessageContaining("answers only");
    }

    @Test
    void aBadTraceLevelIsRefused() {
        stage("configuration:\n  trace_level: SOMETIMES\n");
        assertThatThrownBy(() -> execute(CREATE))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93302))
                .hasMessageContaining("'configuration.trace_level'");
    }

    private List<List<String>> bound(String sql, Object... values) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                        row.add(result.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private void stage(String configuration) {
        StagedAppFiles.stageScript(snowflake, STAGE, "CREATE APPLICATION ROLE IF NOT EXISTS ADMIN;");
        snowflake.addStageFile(
                STAGE, "manifest.yml", (StagedAppFiles.MANIFEST + configuration).getBytes(StandardCharsets.UTF_8));
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
