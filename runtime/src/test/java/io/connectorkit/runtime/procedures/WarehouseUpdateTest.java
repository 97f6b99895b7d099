package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.spi.ConfigurationHooks;
import io.connectorkit.runtime.spi.ConnectorContext;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UPDATE_WAREHOUSE's refusals after the status gate: no configuration, the same warehouse, the callback's answer. */
class WarehouseUpdateTest {

    private final AtomicReference<Response> callbackAnswer = new AtomicReference<>(Response.ok());
    private final EmbeddedAppFixture app = EmbeddedAppFixture.install(ConnectorDefinition.builder()
            .configurationHooks(new ConfigurationHooks() {
                @Override
                public Response warehouseUpdated(String warehouse, ConnectorContext context) {
                    return callbackAnswer.get();
                }
            })
            .build());

    @BeforeEach
    void pause() {
        app.forceState(new ConnectorState(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));
    }

    @AfterEach
    void close() {
        app.close();
    }

    private String storedWarehouse() {
        return app.query("SELECT \"VALUE\" FROM STATE.APP_CONFIG WHERE \"KEY\" = 'connector_configuration'")
                .get(0)
                .get("VALUE")
                .toString();
    }

    @Test
    void withoutAConnectorConfigurationThereIsNothingToUpdate() {
        JsonNode response = app.call("UPDATE_WAREHOUSE", "NEW_WH");

        assertThat(response.path("response_code").asText()).isEqualTo("CONNECTOR_CONFIGURATION_NOT_FOUND");
        assertThat(app.query("SELECT * FROM STATE.APP_CONFIG")).isEmpty();
    }

    @Test
    void theSameWarehouseUnderAnotherSpellingIsAlreadyUsed() {
        app.forceConfiguration("connector_configuration", "{\"warehouse\": \"XS\"}");

        JsonNode response = app.call("UPDATE_WAREHOUSE", "\"XS\"");

        assertThat(response.path("response_code").asText()).isEqualTo("WAREHOUSE_ALREADY_USED");
        assertThat(response.path("message").asText()).contains("\"XS\"");
    }

    @Test
    void theCallbacksRefusalIsTheAnswerAndKeepsTheWarehouse() {
        app.forceConfiguration("connector_configuration", "{\"warehouse\": \"XS\"}");
        callbackAnswer.set(Response.error("WAREHOUSE_TOO_SMALL", "Use at least a MEDIUM warehouse."));

        JsonNode response = app.call("UPDATE_WAREHOUSE", "TINY");

        assertThat(response.path("response_code").asText()).isEqualTo("WAREHOUSE_TOO_SMALL");
        assertThat(response.path("message").asText()).isEqualTo("Use at least a MEDIUM warehouse.");
        assertThat(storedWarehouse()).contains("\"warehouse\":\"XS\"");

        callbackAnswer.set(Response.ok());
        assertThat(app.call("UPDATE_WAREHOUSE", "big_wh").path("response_code").asText())
                .isEqualTo("OK");
        assertThat(storedWarehouse()).contains("\"warehouse\":\"big_wh\"");
    }
}
