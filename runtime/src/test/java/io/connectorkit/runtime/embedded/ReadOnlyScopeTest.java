package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.ScriptedConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Inside a read-only scope (what the plugin opens around a query of the app) every procedure is refused before it
 * runs, the embedded-only secret procedures included, and nothing changes; once the scope is closed they run again.
 */
class ReadOnlyScopeTest {

    private final EmbeddedAppFixture app = EmbeddedAppFixture.install(new ScriptedConnector()
            .definition()
            .connectionField(ConfigurationField.secret("api_token"))
            .build());

    @AfterEach
    void close() {
        app.close();
    }

    private void assertRefused(String procedure, Object... arguments) {
        assertThatThrownBy(() -> app.call(procedure, arguments))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Procedure " + procedure + " cannot run inside a read-only query: a query only"
                        + " reads; call the procedure with its goal instead");
    }

    @Test
    void everyKindOfProcedureIsRefusedInsideTheScope() {
        String before = app.snapshot();

        try (ConnectorRegistry.Binding scope = EmbeddedApp.readOnly()) {
            assertRefused("COMPLETE_PREREQUISITES_STEP");
            assertRefused("REGISTER_SECRET", "API_TOKEN_SECRET", "tok-value");
            assertRefused("SETTLE_SECRET", "API_TOKEN_SECRET", true);
        }

        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "tok-value")
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        assertThat(app.call("SETTLE_SECRET", "API_TOKEN_SECRET", true)
                        .path("response_code")
                        .asText())
                .isNotBlank();
        assertThat(app.call("COMPLETE_PREREQUISITES_STEP").path("response_code").asText())
                .isEqualTo("OK");
    }

    @Test
    void nestedScopesEndWithTheOutermost() {
        try (ConnectorRegistry.Binding outer = EmbeddedApp.readOnly()) {
            try (ConnectorRegistry.Binding inner = EmbeddedApp.readOnly()) {
                assertRefused("SETTLE_SECRET", "API_TOKEN_SECRET", false);
            }
            assertRefused("REGISTER_SECRET", "API_TOKEN_SECRET", "tok-value");
        }
        assertThat(app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "tok-value")
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
    }
}
