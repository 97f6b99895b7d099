package io.connectorkit.runtime.procedures;

import static io.connectorkit.runtime.status.ConnectorStatus.ERROR;
import static io.connectorkit.runtime.status.ConnectorStatus.PAUSED;
import static io.connectorkit.runtime.status.ConnectorStatus.PAUSING;
import static io.connectorkit.runtime.status.ConnectorStatus.STARTED;
import static io.connectorkit.runtime.status.ConnectorStatus.STARTING;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.status.StatusGate;
import java.util.Optional;

/** GET_CONNECTOR_STATUS and RECOVER_CONNECTOR_STATE (spec §1.5, §1.6). */
final class StatusProcedures {

    private static final StatusGate RECOVERABLE =
            StatusGate.status(ERROR, STARTING, PAUSING).withoutFinalPeriod();

    private final ProcedureCall call;

    StatusProcedures(ProcedureCall call) {
        this.call = call;
    }

    Response getConnectorStatus() {
        Optional<ConnectorState> state = call.store.readState();
        if (state.isEmpty()) {
            return Response.of(ResponseCode.CONNECTOR_STATUS_NOT_FOUND);
        }
        return Response.ok()
                .with("status", state.get().status().reported().name())
                .with("configurationStatus", state.get().configurationStatus().name());
    }

    /** A bookkeeping override for a connector stuck in ERROR or in a transition. */
    Response recoverConnectorState(String newStatus) {
        return call.atomically(() -> call.withState(RECOVERABLE, state -> {
            if (!STARTED.name().equals(newStatus) && !PAUSED.name().equals(newStatus)) {
                return Response.of(ResponseCode.INVALID_NEW_CONNECTOR_STATUS, newStatus);
            }
            call.store.writeState(state.withStatus(ConnectorStatus.valueOf(newStatus)));
            return Response.ok("Connector status successfully changed to " + newStatus);
        }));
    }
}
