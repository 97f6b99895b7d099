package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.ScriptedConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** VALIDATE_SOURCE and UPDATE_CONNECTOR_CONFIGURATION refuse an argument that is no object, naming it, untouched. */
class ArgumentShapeTest {

    private final ScriptedConnector connector = new ScriptedConnector();
    private final EmbeddedAppFixture app =
            EmbeddedAppFixture.install(connector.definition().build());

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void validateSourceNamesItsArgument() {
        assertThat(app.call("VALIDATE_SOURCE", "[1]"))
                .isEqualTo(JsonTree.parse("{\"response_code\":"
                        + " \"CONFIGURATION_NOT_AN_OBJECT\", \"message\": \"The argument CUSTOM_CONFIGURATION of VALIDATE_SOURCE"
                        + " must be a JSON object such as {\\\"key\\\": \\\"value\\\"}, but it is an array.\"}"));
        assertThat(connector.calls).isEmpty();
    }

    @Test
    void updateConnectorConfigurationNamesItsArgument() {
        app.forceState(new ConnectorState(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));
        String before = app.snapshot();

        assertThat(app.call("UPDATE_CONNECTOR_CONFIGURATION", "\"batch_size\""))
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"CONFIGURATION_NOT_AN_OBJECT\", \"message\": \"The argument CONFIG of"
                                + " UPDATE_CONNECTOR_CONFIGURATION must be a JSON object such as {\\\"key\\\": \\\"value\\\"},"
                                + " but it is a string.\"}"));
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(connector.calls).isEmpty();
    }
}
