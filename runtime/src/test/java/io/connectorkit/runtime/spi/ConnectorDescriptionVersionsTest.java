package io.connectorkit.runtime.spi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A description written by another plugin version names what this runtime does not know, and says how to fix it. */
class ConnectorDescriptionVersionsTest {

    @Test
    void anUnknownHookRoleIsRefusedByName() {
        assertThatThrownBy(() -> ConnectorDescription.fromJsonText(
                        "{\"name\": \"c\", \"spi\": {\"telemetryHook\":" + " \"com.example.T\"}}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The connector description names an unknown hook 'telemetryHook'; rebuild the connector"
                        + " with the plugin matching this runtime");
    }

    @Test
    void anUnknownFieldTypeIsRefusedByName() {
        assertThatThrownBy(() -> ConnectorDescription.fromJsonText(
                        "{\"name\": \"c\", \"connectionFields\": [{\"name\":" + " \"ratio\", \"type\": \"decimal\"}]}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The connector description uses the unknown field type 'decimal'; rebuild the connector"
                        + " with the plugin matching this runtime");
        assertThatThrownBy(() -> ConnectorDescription.fromJsonText(
                        "{\"name\": \"c\", \"connectorFields\": [{\"name\":" + " \"when\", \"type\": \"CRON\"}]}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown field type 'CRON'");
    }
}
