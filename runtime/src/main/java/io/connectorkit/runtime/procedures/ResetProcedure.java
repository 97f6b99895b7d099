package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.spi.ConfigurationHooks;
import io.connectorkit.runtime.state.StateStore;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.status.StatusGate;

/** RESET_CONFIGURATION (spec §3.8): back to the start of the wizard; refusals are answered, not raised. */
final class ResetProcedure {

    private static final StatusGate BEFORE_FINALIZATION =
            StatusGate.status(ConnectorStatus.CONFIGURING).configurationStatusNot(ConfigurationStatus.FINALIZED);

    private final ProcedureCall call;

    ResetProcedure(ProcedureCall call) {
        this.call = call;
    }

    Response resetConfiguration() {
        return call.atomically(() -> call.withState(BEFORE_FINALIZATION, state -> {
            ConfigurationHooks hooks = call.connector.configurationHooks();
            Response valid = call.hook("ConfigurationHooks.validateReset", () -> hooks.validateReset(call.context()));
            if (!valid.isOk()) {
                return valid;
            }
            Response reset = call.hook("ConfigurationHooks.reset", () -> hooks.reset(call.context()));
            if (!reset.isOk()) {
                return reset;
            }
            call.store.completeAllPrerequisites(false);
            call.store.deleteConfiguration(StateStore.CONNECTOR_CONFIGURATION);
            call.store.deleteConfiguration(StateStore.CONNECTION_CONFIGURATION);
            call.store.writeState(ConnectorState.INSTALLED);
            return Response.ok();
        }));
    }
}
