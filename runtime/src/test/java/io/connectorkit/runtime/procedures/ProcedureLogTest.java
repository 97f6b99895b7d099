package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.sql.SqlFailure;
import io.connectorkit.runtime.status.ConnectorState.CorruptStateException;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.RuntimeLogRecorder;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a procedure logs besides its answer: a warning with the cause when it waited too long for the connector's
 * state, an error with the cause when the state is unreadable or the call failed unexpectedly, and a debug line for
 * every ordinary refusal.
 */
class ProcedureLogTest {

    private final EmbeddedAppFixture app =
            EmbeddedAppFixture.install(new ScriptedConnector().definition().build());
    private final RuntimeLogRecorder recorder = new RuntimeLogRecorder();

    @BeforeEach
    void record() {
        recorder.start();
    }

    @AfterEach
    void close() {
        recorder.stop();
        app.close();
    }

    private static String text(LogRecord record) {
        return new SimpleFormatter().formatMessage(record);
    }

    private List<LogRecord> at(Level level) {
        return recorder.records().stream()
                .filter(record -> record.getLevel().equals(level))
                .toList();
    }

    @Test
    void anOrdinaryRefusalIsLoggedForDebuggingOnly() {
        JsonNode response = app.call("PAUSE_CONNECTOR");

        assertThat(response.path("response_code").asText()).isEqualTo("INVALID_CONNECTOR_STATUS");
        assertThat(at(Level.FINE))
                .anySatisfy(record -> assertThat(text(record))
                        .isEqualTo("An error with code"
                                + " INVALID_CONNECTOR_STATUS has been encountered in PAUSE_CONNECTOR: Invalid connector status."
                                + " Expected status: [STARTED, PAUSING]. Current status: CONFIGURING."));
        assertThat(at(Level.WARNING)).isEmpty();
        assertThat(at(Level.SEVERE)).isEmpty();
    }

    @Test
    void anAnswerThatIsOkLogsNoRefusal() {
        assertThat(app.call("COMPLETE_PREREQUISITES_STEP").path("response_code").asText())
                .isEqualTo("OK");

        assertThat(recorder.records()).noneMatch(record -> text(record).contains("has been encountered"));
    }

    @Test
    void waitingTooLongForTheStateIsAWarningWithItsCause() throws SQLException {
        try (Connection holder = app.newConnection();
                Connection caller = app.newConnection()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.executeUpdate(
                        "UPDATE STATE.APP_STATE SET \"KEY\" = \"KEY\" WHERE \"KEY\" =" + " 'connector_status'");
            }
            try (Statement statement = caller.createStatement()) {
                statement.execute("SET LOCK_TIMEOUT 100");
            }

            JsonNode response = EmbeddedAppFixture.call(caller, "MARK_ALL_PREREQUISITES_AS_DONE");

            assertThat(response.path("response_code").asText()).isEqualTo("CONNECTOR_BUSY");
            holder.rollback();
        }
        assertThat(at(Level.WARNING)).singleElement().satisfies(record -> {
            assertThat(text(record))
                    .isEqualTo("MARK_ALL_PREREQUISITES_AS_DONE waited too long for the connector's" + " state");
            assertThat(record.getThrown()).isInstanceOf(SqlFailure.LockTimeout.class);
        });
    }

    @Test
    void anUnreadableStateIsAnErrorWithItsCause() {
        app.execute("UPDATE STATE.APP_STATE SET \"VALUE\" = ? FORMAT JSON WHERE \"KEY\" = 'connector_status'", "[1]");

        JsonNode response = app.call("PAUSE_CONNECTOR");

        assertThat(response.path("response_code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(response.path("message").asText())
                .isEqualTo("The connector's state cannot be read: the"
                        + " connector_status value is an array, not an object. Reinstalling the app or RECOVER_CONNECTOR_STATE"
                        + " may be needed.");
        assertThat(at(Level.SEVERE)).anySatisfy(record -> {
            assertThat(text(record)).isEqualTo("PAUSE_CONNECTOR found the connector's state unreadable");
            assertThat(record.getThrown()).isInstanceOf(CorruptStateException.class);
        });
    }

    @Test
    void anUnexpectedFailureIsAnErrorWithItsCause() {
        app.execute("DROP TABLE STATE.PREREQUISITES CASCADE");

        JsonNode response = app.call("MARK_ALL_PREREQUISITES_AS_DONE");

        assertThat(response.path("response_code").asText()).isEqualTo("UNKNOWN_ERROR");
        assertThat(response.path("message").asText())
                .startsWith("MARK_ALL_PREREQUISITES_AS_DONE failed unexpectedly:" + " SqlFailure: ");
        assertThat(at(Level.SEVERE)).anySatisfy(record -> {
            assertThat(text(record)).isEqualTo("MARK_ALL_PREREQUISITES_AS_DONE failed unexpectedly");
            assertThat(record.getThrown()).isInstanceOf(SqlFailure.class);
        });
    }
}
