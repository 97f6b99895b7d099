package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.RuntimeLogRecorder;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the runtime logs about connector hooks and secret registration: a debug line for a hook's refusal, a warning
 * with the exception for a hook that throws, a debug line for a refused registration, and an error naming only the
 * exception's class (never the secret) when storing or settling a secret fails.
 */
class HookAndSecretLogTest {

    private static final String SECRET = "tok-S3CRET";

    private final ScriptedConnector connector = new ScriptedConnector();
    private final EmbeddedAppFixture app = EmbeddedAppFixture.install(connector
            .definition()
            .connectionField(ConfigurationField.secret("api_token"))
            .build());
    private final RuntimeLogRecorder recorder = new RuntimeLogRecorder();

    @BeforeEach
    void record() {
        recorder.start();
        app.call("COMPLETE_PREREQUISITES_STEP");
        app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"XS\"}");
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

    private void assertNothingLoggedHolds(String secret) {
        assertThat(recorder.records())
                .noneMatch(record -> text(record).contains(secret)
                        || (record.getThrown() != null
                                && String.valueOf(record.getThrown().getMessage())
                                        .contains(secret)));
    }

    @Test
    void aHooksRefusalIsADebugLine() {
        connector.connectionTest(context -> Response.error("TEST_CONNECTION_FAILED", "Host not found"));

        JsonNode response = app.call("SET_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://x.example.com\"}");

        assertThat(response.path("response_code").asText()).isEqualTo("TEST_CONNECTION_FAILED");
        assertThat(at(Level.FINE))
                .anySatisfy(record -> assertThat(text(record))
                        .isEqualTo("The connector's"
                                + " connection tester answered TEST_CONNECTION_FAILED: Host not found"));
        assertThat(at(Level.WARNING)).isEmpty();
    }

    @Test
    void aHookThatThrowsIsAWarningWithItsException() {
        IllegalStateException failure = new IllegalStateException("socket closed");
        connector.connectionTest(context -> {
            throw failure;
        });

        JsonNode response = app.call("SET_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://x.example.com\"}");

        assertThat(response.path("response_code").asText()).isEqualTo("UNKNOWN_ERROR");
        assertThat(response.path("message").asText())
                .isEqualTo("The connector's connection tester failed:" + " IllegalStateException: socket closed");
        assertThat(at(Level.WARNING)).singleElement().satisfies(record -> {
            assertThat(text(record)).isEqualTo("The connector's connection tester failed");
            assertThat(record.getThrown()).isSameAs(failure);
        });
    }

    @Test
    void aRefusedRegistrationIsADebugLine() {
        JsonNode response = app.call("REGISTER_SECRET", "OTHER_SECRET", SECRET);

        assertThat(response.path("response_code").asText()).isEqualTo("INVALID_REFERENCE_NAME");
        assertThat(at(Level.FINE))
                .anySatisfy(record -> assertThat(text(record))
                        .isEqualTo("An error with code"
                                + " INVALID_REFERENCE_NAME has been encountered in REGISTER_SECRET: 'OTHER_SECRET' is not a secret"
                                + " reference of this connector; its secret references are API_TOKEN_SECRET (one per secret"
                                + " connection field, named after the field)."));
        assertNothingLoggedHolds(SECRET);
    }

    @Test
    void aRegistrationThatWorksLogsNoRefusal() {
        assertThat(app.call("REGISTER_SECRET", "API_TOKEN_SECRET", SECRET)
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");

        assertThat(recorder.records()).noneMatch(record -> text(record).contains("has been encountered"));
        assertNothingLoggedHolds(SECRET);
    }

    @Test
    void storingOrSettlingASecretThatFailsIsAnErrorNamingOnlyTheExceptionsClass() {
        app.execute("DROP TABLE STATE.SECRETS CASCADE");

        JsonNode registered = app.call("REGISTER_SECRET", "API_TOKEN_SECRET", SECRET);
        JsonNode settled = app.call("SETTLE_SECRET", "API_TOKEN_SECRET", true);

        assertThat(registered.path("response_code").asText()).isEqualTo("UNKNOWN_ERROR");
        assertThat(settled)
                .isEqualTo(JsonTree.parse("{\"response_code\":"
                        + " \"UNKNOWN_ERROR\", \"message\": \"SETTLE_SECRET failed unexpectedly for API_TOKEN_SECRET:"
                        + " SqlFailure\"}"));
        assertThat(at(Level.SEVERE))
                .extracting(HookAndSecretLogTest::text)
                .contains(
                        "REGISTER_SECRET failed unexpectedly for API_TOKEN_SECRET: io.connectorkit.runtime.sql.SqlFailure",
                        "SETTLE_SECRET failed unexpectedly for API_TOKEN_SECRET: io.connectorkit.runtime.sql.SqlFailure");
        assertNothingLoggedHolds(SECRET);
    }
}
