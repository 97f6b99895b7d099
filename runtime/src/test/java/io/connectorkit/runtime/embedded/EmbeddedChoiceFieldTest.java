package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded procedures refuse a choice field's value that is not one of its choices, and change nothing. */
class EmbeddedChoiceFieldTest {

    private static final String CONNECTION = "{\"base_url\": \"https://api.example.com\", \"region\": \"eu\"}";

    private final ScriptedConnector connector = new ScriptedConnector();
    private final EmbeddedAppFixture app = EmbeddedAppFixture.install(connector
            .definition()
            .connectorField(ConfigurationField.choice("sync_mode", List.of("full", "incremental"))
                    .defaultValue("incremental"))
            .connectionField(
                    ConfigurationField.choice("region", List.of("eu", "us")).required())
            .build());

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void configureConnectorAcceptsAChoiceAndRefusesAnyOtherValue() {
        app.forceState(new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.PREREQUISITES_DONE));
        String before = app.snapshot();

        JsonNode refused = app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"XS\", \"sync_mode\": \"delta\"}");

        assertThat(refused.path("response_code").asText()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(refused.path("message").asText())
                .isEqualTo("Field 'sync_mode' of connector_configuration has "
                        + "the value \"delta\", which is not valid: it must be one of full, incremental.");
        assertThat(app.snapshot()).isEqualTo(before);

        assertOk(app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"XS\", \"sync_mode\": \"full\"}"));
        assertThat(storedValue("connector_configuration")).contains("\"sync_mode\":\"full\"");
    }

    @Test
    void setAndUpdateConnectionConfigurationRefuseAValueThatIsNoChoice() {
        app.forceState(new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.PREREQUISITES_DONE));
        assertOk(app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"XS\"}"));
        assertThat(storedValue("connector_configuration")).contains("\"sync_mode\":\"incremental\"");
        String configured = app.snapshot();

        JsonNode refusedSet = app.call(
                "SET_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://api.example.com\", \"region\": \"asia\"}");

        assertThat(refusedSet.path("response_code").asText()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(refusedSet.path("message").asText())
                .isEqualTo("Field 'region' of connection_configuration has "
                        + "the value \"asia\", which is not valid: it must be one of eu, us.");
        assertThat(app.snapshot()).isEqualTo(configured);

        assertOk(app.call("SET_CONNECTION_CONFIGURATION", CONNECTION));
        assertOk(app.call("FINALIZE_CONNECTOR_CONFIGURATION", "{}"));
        assertOk(app.call("PAUSE_CONNECTOR"));
        String paused = app.snapshot();

        JsonNode refusedUpdate = app.call(
                "UPDATE_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://api.example.com\", \"region\": \"EU\"}");

        assertThat(refusedUpdate.path("response_code").asText()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(refusedUpdate.path("message").asText()).contains("Field 'region'", "\"EU\"", "one of eu, us");
        assertThat(app.snapshot()).isEqualTo(paused);
        assertOk(app.call(
                "UPDATE_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://api.example.com\", \"region\": \"us\"}"));
        assertThat(storedValue("connection_configuration")).contains("\"region\":\"us\"");
    }

    private String storedValue(String key) {
        return app.query("SELECT \"VALUE\" FROM STATE.APP_CONFIG WHERE \"KEY\" = ?", key)
                .get(0)
                .get("VALUE")
                .toString();
    }

    private static void assertOk(JsonNode response) {
        assertThat(response.path("response_code").asText())
                .as("response %s", response)
                .isEqualTo("OK");
    }
}
