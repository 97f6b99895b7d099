package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.status.StatusGate;

/** The prerequisites step of the wizard (spec §3.3). */
final class PrerequisiteProcedures {

    private static final StatusGate BEFORE_FINALIZATION =
            StatusGate.status(ConnectorStatus.CONFIGURING).configurationStatusNot(ConfigurationStatus.FINALIZED);

    private final ProcedureCall call;

    PrerequisiteProcedures(ProcedureCall call) {
        this.call = call;
    }

    Response updatePrerequisite(String id, Boolean completed) {
        return call.atomically(() -> call.withState(BEFORE_FINALIZATION, state -> {
            if (completed == null) {
                return Response.withMessage(
                        ResponseCode.INVALID_INPUT,
                        "The argument IS_COMPLETED of " + "UPDATE_PREREQUISITE must be TRUE or FALSE, not NULL.");
            }
            if (id == null || !call.store.prerequisiteExists(id)) {
                return Response.of(ResponseCode.PREREQUISITE_NOT_FOUND, id);
            }
            call.store.completePrerequisite(id, completed);
            return Response.ok("Prerequisite updated successfully.");
        }));
    }

    Response markAllPrerequisitesAsDone() {
        return call.atomically(() -> call.withState(BEFORE_FINALIZATION, state -> {
            call.store.completeAllPrerequisites(true);
            return Response.ok("All prerequisites have been marked as done.");
        }));
    }

    /** Moves the wizard on; the prerequisites need not be ticked, as in Snowflake's SDK. */
    Response completePrerequisitesStep() {
        return call.atomically(() -> call.withState(BEFORE_FINALIZATION, state -> {
            if (state.configurationStatus() == ConfigurationStatus.INSTALLED) {
                call.store.writeState(state.withConfigurationStatus(ConfigurationStatus.PREREQUISITES_DONE));
            }
            return Response.ok("Prerequisites step completed successfully.");
        }));
    }
}
