package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.RuntimeLogRecorder;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A secret field holds only its reference name; the value goes to STATE.SECRETS through REGISTER_SECRET and reaches
 * connector code through {@code ConnectorContext.secret}, and nothing anyone can read shows it.
 */
class EmbeddedSecretsTest {

    private static final String SECRET = "tok-S3CRET-value";
    private static final String CONNECTION =
            "{\"base_url\": \"https://api.example.com\", \"api_token\": " + "\"API_TOKEN_SECRET\"}";

    private final ScriptedConnector connector = new ScriptedConnector();
    private final AtomicReference<Optional<String>> seenByTester = new AtomicReference<>();
    private final EmbeddedAppFixture app = EmbeddedAppFixture.install(connector
            .definition()
            .connectionField(ConfigurationField.secret("api_token").required().description("Personal access token"))
            .build());
    private final RuntimeLogRecorder recorder = new RuntimeLogRecorder();
    private final List<LogRecord> logged = recorder.records();

    @BeforeEach
    void recordEveryLogLine() {
        recorder.start();
        connector.connectionTest(context -> {
            seenByTester.set(context.secret("api_token"));
            return Response.ok("Connection works.");
        });
    }

    @AfterEach
    void close() {
        recorder.stop();
        app.close();
    }

    @Test
    void theConnectorReadsTheBoundSecretAndNothingReadableShowsIt() throws Exception {
        assertThat(app.call("REGISTER_SECRET", "API_TOKEN_SECRET", SECRET))
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"OK\", \"message\": \"Secret API_TOKEN_SECRET is bound.\"}"));
        configure();

        assertOk(app.call("SET_CONNECTION_CONFIGURATION", CONNECTION), "Connection works.");

        assertThat(seenByTester.get()).contains(SECRET);
        assertThat(app.state().configurationStatus()).isEqualTo(ConfigurationStatus.CONNECTED);
        assertThat(app.query("SELECT \"VALUE\" FROM STATE.APP_CONFIG WHERE \"KEY\" = 'connection_configuration'"))
                .extracting(row -> row.get("VALUE"))
                .containsExactly("{\"base_url\":\"https://api.example.com\",\"api_token\":\"API_TOKEN_SECRET\"}");
        assertThat(app.query("SELECT * FROM STATE.APP_CONFIG").toString()).doesNotContain(SECRET);
        try (Connection viewer = app.viewerConnection()) {
            for (Connection reader : List.of(app.connection(), viewer)) {
                assertThat(readableByEveryone(reader)).doesNotContain(SECRET);
                JsonNode shown = EmbeddedAppFixture.call(reader, "GET_CONNECTION_CONFIGURATION");
                assertThat(shown.path("api_token").asText()).isEqualTo("********");
            }
        }
        assertThat(logged)
                .noneMatch(record -> String.valueOf(record.getMessage()).contains(SECRET)
                        || Arrays.toString(record.getParameters()).contains(SECRET));
    }

    @Test
    void aSecretValueInTheConfigurationIsRefusedWithoutRepeatingIt() {
        app.call("REGISTER_SECRET", "API_TOKEN_SECRET", SECRET);
        configure();
        String before = app.snapshot();
        String refusal = "Field 'api_token' of connection_configuration is a secret: give the name of its secret "
                + "reference, API_TOKEN_SECRET, after binding the secret to it (mvn connector:configure does both); a "
                + "secret's value is never stored in the configuration.";

        for (String value : List.of("\"" + SECRET + "\"", "\"api_token_secret\"", "12345", "{\"token\": \"x\"}")) {
            JsonNode refused = app.call(
                    "SET_CONNECTION_CONFIGURATION",
                    "{\"base_url\": \"https://api.example.com\", \"api_token\": " + value + "}");

            assertThat(refused)
                    .as(value)
                    .isEqualTo(JsonTree.parse("{\"response_code\": \"INVALID_CONFIGURATION_VALUE\","
                            + " \"message\": \"" + refusal + "\"}"));
        }
        JsonNode draft = app.call(
                "TEST_DRAFT_CONNECTION",
                "{\"base_url\": \"https://api.example.com\", \"api_token\": \"" + SECRET + "\"}");
        assertThat(draft.path("response_code").asText()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(draft.toString()).doesNotContain(SECRET);
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(logged)
                .noneMatch(record -> Arrays.toString(record.getParameters()).contains(SECRET));
    }

    @Test
    void theDraftOfAPausedConnectorNamesTheReferenceToo() {
        app.call("REGISTER_SECRET", "API_TOKEN_SECRET", SECRET);
        configure();
        assertOk(app.call("SET_CONNECTION_CONFIGURATION", CONNECTION), "Connection works.");
        assertOk(app.call("FINALIZE_CONNECTOR_CONFIGURATION", "{}"), "Finalized by the connector.");
        assertOk(app.call("PAUSE_CONNECTOR"), "Connector successfully paused.");
        String before = app.snapshot();

        JsonNode refused = app.call(
                "UPDATE_CONNECTION_CONFIGURATION",
                "{\"base_url\": \"https://v2.example.com\"," + " \"api_token\": \"" + SECRET + "\"}");

        assertThat(refused.path("response_code").asText()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(refused.toString()).doesNotContain(SECRET).contains("API_TOKEN_SECRET");
        assertThat(app.snapshot()).isEqualTo(before);
        assertOk(
                app.call(
                        "UPDATE_CONNECTION_CONFIGURATION",
                        "{\"base_url\": \"https://v2.example.com\"," + " \"api_token\": \"API_TOKEN_SECRET\"}"),
                "Connection works.");
    }

    @Test
    void registeringAgainReplacesTheValue() {
        configure();
        app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "first");
        assertOk(app.call("SET_CONNECTION_CONFIGURATION", CONNECTION), "Connection works.");
        assertThat(seenByTester.get()).contains("first");

        assertOk(app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "second"), "Secret API_TOKEN_SECRET is bound.");
        assertOk(app.call("TEST_CONNECTION"), "Connection works.");

        assertThat(seenByTester.get()).contains("second");
        assertThat(app.query("SELECT REFERENCE_NAME FROM STATE.SECRETS")).hasSize(1);
    }

    @Test
    void settleSecretKeepsTheNewValueOrPutsTheReplacedOneBack() {
        configure();
        app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "first");
        assertOk(app.call("SET_CONNECTION_CONFIGURATION", CONNECTION), "Connection works.");
        assertOk(app.call("SETTLE_SECRET", "API_TOKEN_SECRET", true), "Secret API_TOKEN_SECRET keeps its new value.");
        Object stored = app.query("SELECT \"VALUE\" FROM STATE.SECRETS").get(0).get("VALUE");

        app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "second");
        assertOk(
                app.call("SETTLE_SECRET", "API_TOKEN_SECRET", false),
                "Secret API_TOKEN_SECRET has its previous value again.");

        assertOk(app.call("TEST_CONNECTION"), "Connection works.");
        assertThat(seenByTester.get()).contains("first");
        assertThat(app.query("SELECT \"VALUE\", PREVIOUS_VALUE FROM STATE.SECRETS"))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("VALUE", stored).containsEntry("PREVIOUS_VALUE", null));

        app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "third");
        assertOk(app.call("SETTLE_SECRET", "API_TOKEN_SECRET", true), "Secret API_TOKEN_SECRET keeps its new value.");
        assertOk(app.call("TEST_CONNECTION"), "Connection works.");
        assertThat(seenByTester.get()).contains("third");
        assertThat(app.query("SELECT PREVIOUS_VALUE FROM STATE.SECRETS").get(0).get("PREVIOUS_VALUE"))
                .as("the replaced value is forgotten")
                .isNull();
        assertOk(app.call("SETTLE_SECRET", "API_TOKEN_SECRET", true), "Secret API_TOKEN_SECRET had nothing to settle.");
        assertThat(app.call("SETTLE_SECRET", "API_TOKEN_SECRET", (Object) null)
                        .path("response_code")
                        .asText())
                .isEqualTo("INVALID_INPUT");
    }

    @Test
    void withoutABoundSecretTheConnectorSeesNone() {
        configure();

        assertOk(app.call("SET_CONNECTION_CONFIGURATION", CONNECTION), "Connection works.");

        assertThat(seenByTester.get()).isEmpty();
    }

    @Test
    void askingForAFieldThatIsNoSecretIsAProgrammingErrorNamedInTheAnswer() {
        configure();
        connector.connectionTest(
                context -> Response.ok(context.secret("base_url").orElse("none")));

        JsonNode response = app.call("SET_CONNECTION_CONFIGURATION", CONNECTION);

        assertThat(response.path("response_code").asText()).isEqualTo("UNKNOWN_ERROR");
        assertThat(response.path("message").asText())
                .isEqualTo("The connector's connection tester failed: "
                        + "IllegalArgumentException: 'base_url' is not a secret field of connection_configuration; the "
                        + "connector's secret fields are api_token");
    }

    @Test
    void anUnknownReferenceNameIsRefusedWithTheDeclaredOnes() {
        String before = app.snapshot();

        JsonNode response = app.call("REGISTER_SECRET", "GITHUB_TOKEN", SECRET);

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"INVALID_REFERENCE_NAME\", \"message\": "
                        + "\"'GITHUB_TOKEN' is not a secret reference of this connector; its secret references are "
                        + "API_TOKEN_SECRET (one per secret connection field, named after the field).\"}"));
        assertThat(app.call("REGISTER_SECRET", null, SECRET).path("message").asText())
                .startsWith("No reference name was given; its secret references are API_TOKEN_SECRET");
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void aConnectorWithoutSecretFieldsHasNoReferences() {
        try (EmbeddedAppFixture plain =
                EmbeddedAppFixture.install(connector.definition().build())) {
            assertThat(plain.call("REGISTER_SECRET", "API_TOKEN_SECRET", SECRET)
                            .path("message")
                            .asText())
                    .isEqualTo("'API_TOKEN_SECRET' is not a secret reference of this connector; it declares no "
                            + "secret connection field, so it has none.");
        }
    }

    @Test
    void anEmptyValueIsRefused() {
        String before = app.snapshot();

        for (String value : new String[] {null, "", "   "}) {
            assertThat(app.call("REGISTER_SECRET", "API_TOKEN_SECRET", value))
                    .isEqualTo(JsonTree.parse(
                            "{\"response_code\": \"INVALID_INPUT\", \"message\": \"The secret value for API_TOKEN_SECRET is "
                                    + "empty; give the secret itself as SECRET_VALUE.\"}"));
        }
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void aValueTheTableCannotHoldFailsWithoutBeingQuoted() {
        // H2 quotes a value that does not fit its column in the error message.
        app.execute("ALTER TABLE STATE.SECRETS ALTER COLUMN \"VALUE\" SET DATA TYPE VARCHAR(8)");

        JsonNode response = app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "S3CRET-TOO-LONG");

        assertThat(response.path("response_code").asText()).isEqualTo("UNKNOWN_ERROR");
        assertThat(response.path("message").asText())
                .startsWith("REGISTER_SECRET failed unexpectedly for "
                        + "API_TOKEN_SECRET: SqlFailure (its message is not shown")
                .doesNotContain("S3CRET");
        assertThat(logged)
                .noneMatch(record -> String.valueOf(record.getMessage()).contains("S3CRET")
                        || Arrays.toString(record.getParameters()).contains("S3CRET")
                        || record.getThrown() != null);
        assertThat(app.query("SELECT * FROM STATE.SECRETS")).isEmpty();
    }

    @Test
    void secretsCannotBeBoundAsViewer() throws Exception {
        try (Connection viewer = app.viewerConnection()) {
            assertThatThrownBy(() -> EmbeddedAppFixture.call(viewer, "REGISTER_SECRET", "API_TOKEN_SECRET", SECRET))
                    .cause()
                    .isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("Insufficient privileges to operate on procedure 'REGISTER_SECRET'")
                    .satisfies(error ->
                            assertThat(((SQLException) error).getSQLState()).isEqualTo("42501"));
        }
        assertThat(app.query("SELECT * FROM STATE.SECRETS")).isEmpty();
    }

    /** Everything a VIEWER can read: the read procedures and the public views. */
    private static String readableByEveryone(Connection reader) throws SQLException {
        StringBuilder text = new StringBuilder();
        text.append(EmbeddedAppFixture.call(reader, "GET_CONNECTOR_STATUS"));
        text.append(EmbeddedAppFixture.call(reader, "GET_CONNECTION_CONFIGURATION"));
        for (String view : List.of("PUBLIC.CONNECTOR_CONFIGURATION", "PUBLIC.PREREQUISITES", "PUBLIC.SYNC_STATUS")) {
            try (var statement = reader.createStatement();
                    var rows = statement.executeQuery("SELECT * FROM " + view)) {
                while (rows.next()) {
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        text.append(rows.getString(i)).append('|');
                    }
                }
            }
        }
        return text.toString();
    }

    private void configure() {
        app.forceState(new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.PREREQUISITES_DONE));
        assertOk(app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"XS\"}"), "Connector successfully configured.");
    }

    private static void assertOk(JsonNode response, String message) {
        assertThat(response.path("response_code").asText())
                .as("response %s", response)
                .isEqualTo("OK");
        assertThat(response.path("message").asText()).isEqualTo(message);
    }
}
