package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.spi.ConfigurationHooks;
import io.connectorkit.runtime.spi.ConnectorContext;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.WizardStep;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The configuration callbacks (the Native SDK's {@code *_INTERNAL} hooks) with a recording connector on the
 * embedded target: each procedure runs its phases in the SDK's order (ConfigureConnectorHandler,
 * ConnectionConfigurationHandler, UpdateConnectionConfigurationHandler, FinalizeConnectorHandler,
 * ResetConfigurationHandler, UpdateWarehouseHandler: validator, save, callback, test, status), and a refusing
 * callback undoes the call.
 */
class ConfigurationHooksTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile String refuse = "";

    private final ConfigurationHooks hooks = new ConfigurationHooks() {
        @Override
        public Response configured(Configuration configuration, ConnectorContext context) {
            return record("configured(saved: "
                    + context.connectorConfiguration().string("warehouse").orElse("-") + ")");
        }

        @Override
        public Response connectionSaved(Configuration connection, ConnectorContext context) {
            return record("connectionSaved(saved: "
                    + context.connectionConfiguration().string("host").orElse("-") + ")");
        }

        @Override
        public Response draftConnection(Configuration draft, ConnectorContext context) {
            return record("draftConnection(" + draft.string("host").orElse("-") + ", saved: "
                    + context.connectionConfiguration().string("host").orElse("-") + ")");
        }

        @Override
        public Response validateReset(ConnectorContext context) {
            return record("validateReset");
        }

        @Override
        public Response reset(ConnectorContext context) {
            return record("reset(saved: "
                    + context.connectorConfiguration().string("warehouse").orElse("-") + ")");
        }

        @Override
        public Response warehouseUpdated(String warehouse, ConnectorContext context) {
            return record("warehouseUpdated(" + warehouse + ")");
        }
    };

    private final EmbeddedAppFixture app = EmbeddedAppFixture.install(ConnectorDefinition.builder()
            .configurationHooks(hooks)
            .validator(WizardStep.CONNECTOR_CONFIGURATION, (input, context) -> record("validateConfiguration"))
            .validator(WizardStep.CONNECTION_CONFIGURATION, (input, context) -> record("validateConnection"))
            .validator(WizardStep.CONNECTION_UPDATE, (input, context) -> record("validateConnectionUpdate"))
            .validator(WizardStep.FINALIZE, (input, context) -> record("validateFinalize"))
            .sourceValidator((input, context) -> record("validateSource"))
            .connectionTester((connection, context) -> record("testConnection"))
            .draftConnectionTester((draft, context) -> record("testDraftConnection"))
            .finalizeCallback((input, context) -> record("finalize"))
            .build());

    @AfterEach
    void close() {
        app.close();
    }

    private Response record(String call) {
        calls.add(call);
        String name = call.contains("(") ? call.substring(0, call.indexOf('(')) : call;
        return name.equals(refuse) ? Response.error("NOPE", "refused by " + name) : Response.ok();
    }

    @Test
    void theWizardRunsTheSdksPhasesInTheSdksOrder() {
        assertThat(code(app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"XS\"}")))
                .isEqualTo("OK");
        assertThat(calls).containsExactly("validateConfiguration", "configured(saved: XS)");

        calls.clear();
        assertThat(code(app.call("SET_CONNECTION_CONFIGURATION", "{\"host\": \"a\"}")))
                .isEqualTo("OK");
        assertThat(calls).containsExactly("validateConnection", "connectionSaved(saved: a)", "testConnection");

        calls.clear();
        assertThat(code(app.call("FINALIZE_CONNECTOR_CONFIGURATION", "{}"))).isEqualTo("OK");
        assertThat(calls).containsExactly("validateFinalize", "validateSource", "finalize");

        app.forceState(new ConnectorState(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));
        calls.clear();
        assertThat(code(app.call("UPDATE_CONNECTION_CONFIGURATION", "{\"host\": \"b\"}")))
                .isEqualTo("OK");
        assertThat(calls)
                .containsExactly(
                        "validateConnectionUpdate",
                        "draftConnection(b, saved: a)",
                        "testDraftConnection",
                        "connectionSaved(saved: b)",
                        "testConnection");

        calls.clear();
        assertThat(code(app.call("UPDATE_WAREHOUSE", "M"))).isEqualTo("OK");
        assertThat(calls).containsExactly("warehouseUpdated(M)");
    }

    @Test
    void resetRunsItsValidatorThenItsCallbackBeforeTheConfigurationIsDeleted() {
        app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"XS\"}");
        calls.clear();

        assertThat(code(app.call("RESET_CONFIGURATION"))).isEqualTo("OK");

        assertThat(calls).containsExactly("validateReset", "reset(saved: XS)");
        assertThat(app.state()).isEqualTo(ConnectorState.INSTALLED);
    }

    @Test
    void aRefusingCallbackIsTheAnswerAndUndoesTheCall() {
        refuse = "configured";
        JsonNode refused = app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"XS\"}");
        assertThat(refused.path("response_code").asText()).isEqualTo("NOPE");
        assertThat(refused.path("message").asText()).isEqualTo("refused by configured");
        assertThat(app.query("SELECT COUNT(*) AS N FROM STATE.APP_CONFIG"))
                .containsExactly(EmbeddedAppFixture.row("N", 0L));
        assertThat(app.state().configurationStatus()).isEqualTo(ConfigurationStatus.INSTALLED);

        refuse = "";
        app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"XS\"}");
        refuse = "connectionSaved";
        calls.clear();
        assertThat(code(app.call("SET_CONNECTION_CONFIGURATION", "{\"host\": \"a\"}")))
                .isEqualTo("NOPE");
        assertThat(calls).containsExactly("validateConnection", "connectionSaved(saved: a)");
        assertThat(app.call("GET_CONNECTION_CONFIGURATION")
                        .path("response_code")
                        .asText())
                .isEqualTo("CONNECTION_CONFIGURATION_NOT_FOUND");

        refuse = "validateReset";
        calls.clear();
        assertThat(code(app.call("RESET_CONFIGURATION"))).isEqualTo("NOPE");
        assertThat(calls).containsExactly("validateReset");
        assertThat(app.state().configurationStatus()).isEqualTo(ConfigurationStatus.CONFIGURED);
    }

    @Test
    void aConnectorWithoutCallbacksKeepsTheDefaultsThatAcceptEverything() {
        Configuration empty = Configuration.empty();
        assertThat(ConfigurationHooks.NONE.configured(empty, null).isOk()).isTrue();
        assertThat(ConfigurationHooks.NONE.connectionSaved(empty, null).isOk()).isTrue();
        assertThat(ConfigurationHooks.NONE.draftConnection(empty, null).isOk()).isTrue();
        assertThat(ConfigurationHooks.NONE.validateReset(null).isOk()).isTrue();
        assertThat(ConfigurationHooks.NONE.reset(null).isOk()).isTrue();
        assertThat(ConfigurationHooks.NONE.warehouseUpdated("XS", null).isOk()).isTrue();
        assertThat(ConnectorDefinition.builder().build().configurationHooks()).isSameAs(ConfigurationHooks.NONE);
    }

    private static String code(JsonNode response) {
        return response.path("response_code").asText();
    }
}
