package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad argument gets its own response code and a message that says what to fix, and changes nothing. */
class BadInputTest {

    private static final ConnectorState PREREQUISITES_DONE =
            new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.PREREQUISITES_DONE);
    private static final ConnectorState CONFIGURED =
            new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.CONFIGURED);
    private static final ConnectorState CONNECTED =
            new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.CONNECTED);
    private static final ConnectorState PAUSED =
            new ConnectorState(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED);
    private static final ConnectorState ERROR =
            new ConnectorState(ConnectorStatus.ERROR, ConfigurationStatus.FINALIZED);
    private static final String INJECTION = "WH\"; DROP TABLE STATE.APP_STATE; --";

    private static EmbeddedAppFixture app;

    @BeforeAll
    static void installApp() {
        app = EmbeddedAppFixture.install(new ScriptedConnector().definition().build());
        app.forceConfiguration("connector_configuration", "{\"warehouse\": \"WH\"}");
        app.forceConfiguration("connection_configuration", "{\"base_url\": \"https://api.example.com\"}");
    }

    @AfterAll
    static void dropApp() {
        app.close();
    }

    record BadInput(String procedure, ConnectorState state, Object argument, String code, String messagePart) {
        @Override
        public String toString() {
            return procedure + "(" + argument + ") -> " + code;
        }
    }

    static Stream<BadInput> badInputs() {
        return Stream.of(
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "[1, 2]",
                        "CONFIGURATION_NOT_AN_OBJECT",
                        "must be a JSON object such as {\"key\": \"value\"}, but it is an array"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "\"DEST_DB\"",
                        "CONFIGURATION_NOT_AN_OBJECT",
                        "but it is a string"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "{warehouse: WH}",
                        "CONFIGURATION_NOT_AN_OBJECT",
                        "it is not valid JSON"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        null,
                        "CONFIGURATION_NOT_AN_OBJECT",
                        "but it is NULL"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "{\"warehouse\": \"A\", \"warehouse\": \"B\"}",
                        "CONFIGURATION_NOT_AN_OBJECT",
                        "Duplicate field 'warehouse'"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "{\"foo\": 1, \"warehouse\": \"WH\"}",
                        "CONNECTOR_CONFIGURATION_PARSING_ERROR",
                        "Fields foo are not allowed in configuration. Allowed fields: warehouse,"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "{\"warehouse\": 5}",
                        "INVALID_CONFIGURATION_VALUE",
                        "Field 'warehouse' of connector_configuration has the value 5,"
                                + " which is not valid: it must be a Snowflake identifier"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "{\"batch_size\": \"500\"}",
                        "INVALID_CONFIGURATION_VALUE",
                        "it must be a whole number, but it is a string"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "{\"batch_size\": 1.5}",
                        "INVALID_CONFIGURATION_VALUE",
                        "it must be a whole number, but it is a number"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "{\"warehouse\": \"" + INJECTION.replace("\"", "\\\"") + "\"}",
                        "INVALID_IDENTIFIER",
                        "put any other name in double quotes"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "{\"destination_database\": \"1DB\"}",
                        "INVALID_IDENTIFIER",
                        "does not start with a digit"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "{\"destination_schema\": \"select\"}",
                        "INVALID_IDENTIFIER",
                        "SELECT is a reserved word; write it in double quotes"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "{\"global_schedule\": {\"scheduleType\": "
                                + "\"CRON\", \"scheduleDefinition\": \"61 * * * *\"}}",
                        "INVALID_CONFIGURATION_VALUE",
                        "the minute field '61' is not valid"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "{\"global_schedule\": \"every hour\"}",
                        "INVALID_CONFIGURATION_VALUE",
                        "it must be a JSON object, but it is a string"),
                new BadInput(
                        "CONFIGURE_CONNECTOR",
                        PREREQUISITES_DONE,
                        "{\"global_schedule\": {\"scheduleType\": " + "\"INTERVAL\", \"scheduleDefinition\": \"60m\"}}",
                        "INVALID_CONFIGURATION_VALUE",
                        "only the CRON schedule type is supported"),
                new BadInput(
                        "SET_CONNECTION_CONFIGURATION",
                        CONFIGURED,
                        "{}",
                        "MISSING_CONFIGURATION_FIELD",
                        "Required fields of connection_configuration are missing or empty: base_url"),
                new BadInput(
                        "SET_CONNECTION_CONFIGURATION",
                        CONFIGURED,
                        "{\"base_url\": \"  \"}",
                        "MISSING_CONFIGURATION_FIELD",
                        "base_url"),
                new BadInput(
                        "SET_CONNECTION_CONFIGURATION",
                        CONFIGURED,
                        "{\"base_url\": \"ftp://files.example.com\"}",
                        "INVALID_CONFIGURATION_VALUE",
                        "it must start with http:// or https://"),
                new BadInput(
                        "SET_CONNECTION_CONFIGURATION",
                        CONFIGURED,
                        "{\"base_url\": \"https://api.example.com\"," + " \"token\": \"abc\"}",
                        "CONNECTION_CONFIGURATION_PARSING_ERROR",
                        "Fields token are not allowed in connection configuration. Allowed fields: base_url, "
                                + "account_name."),
                new BadInput(
                        "SET_CONNECTION_CONFIGURATION",
                        CONFIGURED,
                        "[]",
                        "CONFIGURATION_NOT_AN_OBJECT",
                        "The argument CONNECTION_CONFIGURATION of SET_CONNECTION_CONFIGURATION must be a JSON object"),
                new BadInput(
                        "UPDATE_CONNECTION_CONFIGURATION",
                        PAUSED,
                        "42",
                        "CONFIGURATION_NOT_AN_OBJECT",
                        "but it is a number"),
                new BadInput(
                        "UPDATE_CONNECTION_CONFIGURATION",
                        PAUSED,
                        "{\"base_url\": true}",
                        "INVALID_CONFIGURATION_VALUE",
                        "it must be an absolute http or https URL"),
                new BadInput(
                        "FINALIZE_CONNECTOR_CONFIGURATION",
                        CONNECTED,
                        "\"go\"",
                        "CONFIGURATION_NOT_AN_OBJECT",
                        "CUSTOM_CONFIGURATION of FINALIZE_CONNECTOR_CONFIGURATION"),
                new BadInput(
                        "UPDATE_WAREHOUSE",
                        PAUSED,
                        INJECTION,
                        "INVALID_IDENTIFIER",
                        "is not a valid Snowflake identifier"),
                new BadInput("UPDATE_WAREHOUSE", PAUSED, "", "INVALID_IDENTIFIER", "the name is empty"),
                new BadInput("UPDATE_WAREHOUSE", PAUSED, null, "INVALID_IDENTIFIER", "no name was given"),
                new BadInput(
                        "UPDATE_WAREHOUSE",
                        PAUSED,
                        "\"unterminated",
                        "INVALID_IDENTIFIER",
                        "is not a valid Snowflake identifier"),
                new BadInput(
                        "UPDATE_WAREHOUSE",
                        PAUSED,
                        "\"a\"b\"",
                        "INVALID_IDENTIFIER",
                        "a double quote inside a quoted name must be doubled"),
                new BadInput(
                        "UPDATE_WAREHOUSE",
                        PAUSED,
                        "W".repeat(256),
                        "INVALID_IDENTIFIER",
                        "a name has at most 255 characters"),
                new BadInput(
                        "UPDATE_PREREQUISITE",
                        PREREQUISITES_DONE,
                        "x' OR '1'='1",
                        "PREREQUISITE_NOT_FOUND",
                        "Prerequisite with ID: x' OR '1'='1 not found."),
                new BadInput(
                        "RECOVER_CONNECTOR_STATE",
                        ERROR,
                        "STARTED'; DROP TABLE STATE.APP_STATE; --",
                        "INVALID_NEW_CONNECTOR_STATUS",
                        "Expected status: [STARTED, PAUSED]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedWithItsOwnCodeAndChangesNothing(BadInput input) {
        app.forceState(input.state());
        String before = app.snapshot();

        JsonNode response = input.procedure().equals("UPDATE_PREREQUISITE")
                ? app.call(input.procedure(), input.argument(), true)
                : app.call(input.procedure(), input.argument());

        assertThat(response.path("response_code").asText())
                .as("response %s", response)
                .isEqualTo(input.code());
        assertThat(response.path("message").asText()).contains(input.messagePart());
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void aMissingCompletionFlagIsRefused() {
        app.forceState(PREREQUISITES_DONE);
        String before = app.snapshot();

        JsonNode response = app.call("UPDATE_PREREQUISITE", "grant_access", null);

        assertThat(response.path("response_code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(response.path("message").asText())
                .contains("IS_COMPLETED of UPDATE_PREREQUISITE must be TRUE or FALSE");
        assertThat(app.snapshot()).isEqualTo(before);
    }
}
