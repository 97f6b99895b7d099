package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.procedures.ProcedureCall.Outcome;
import io.connectorkit.runtime.spi.ConnectorContext;
import io.connectorkit.runtime.spi.LifecycleHooks;
import io.connectorkit.runtime.sql.SchedulerTask;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.status.StatusGate;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * PAUSE_CONNECTOR and RESUME_CONNECTOR (spec §3.10). The whole transition holds the connector's state, so two
 * calls never interleave; the in-between status is written first, so a hook that commits early (DDL) still leaves
 * a state RECOVER_CONNECTOR_STATE understands.
 */
final class LifecycleProcedures {

    static final String EXECUTE_TASK = "EXECUTE TASK";

    private final ProcedureCall call;

    LifecycleProcedures(ProcedureCall call) {
        this.call = call;
    }

    Response pauseConnector() {
        return transition(new Transition(
                "pause",
                StatusGate.status(ConnectorStatus.STARTED, ConnectorStatus.PAUSING),
                ConnectorStatus.PAUSING,
                ConnectorStatus.PAUSED,
                ConnectorStatus.STARTED,
                LifecycleHooks::validatePause,
                LifecycleHooks::pause,
                "Connector successfully paused.",
                SchedulerTask::suspend));
    }

    Response resumeConnector() {
        return transition(new Transition(
                "resume",
                StatusGate.status(ConnectorStatus.PAUSED, ConnectorStatus.STARTING),
                ConnectorStatus.STARTING,
                ConnectorStatus.STARTED,
                ConnectorStatus.PAUSED,
                LifecycleHooks::validateResume,
                LifecycleHooks::resume,
                "Connector successfully resumed.",
                SchedulerTask::resume));
    }

    private record Transition(
            String verb,
            StatusGate gate,
            ConnectorStatus during,
            ConnectorStatus after,
            ConnectorStatus rolledBack,
            HookStep validate,
            HookStep perform,
            String successMessage,
            Consumer<SchedulerTask> task) {}

    @FunctionalInterface
    private interface HookStep {
        Response run(LifecycleHooks hooks, ConnectorContext context);
    }

    private Response transition(Transition transition) {
        LifecycleHooks hooks = call.connector.lifecycleHooks();
        return call.transaction(() -> {
            Optional<ConnectorState> state = call.store.lockState();
            if (state.isEmpty()) {
                return Outcome.rollback(Response.of(ResponseCode.CONNECTOR_STATUS_NOT_FOUND));
            }
            if (!call.account.holdsAccountPrivilege(EXECUTE_TASK)) {
                return Outcome.rollback(Response.of(ResponseCode.REQUIRED_PRIVILEGES_MISSING, EXECUTE_TASK));
            }
            Optional<Response> refusal = transition.gate().check(state.get());
            if (refusal.isPresent()) {
                return Outcome.rollback(refusal.get());
            }
            Response validation = call.hook(
                    transition.verb() + " validator",
                    () -> transition.validate().run(hooks, call.context()));
            if (!validation.isOk()) {
                return Outcome.rollback(validation);
            }
            Function<ConnectorStatus, ConnectorState> lifecycle =
                    status -> new ConnectorState(status, ConfigurationStatus.FINALIZED);
            call.store.writeState(lifecycle.apply(transition.during()));
            Response performed = call.hook(
                    transition.verb() + " hook", () -> transition.perform().run(hooks, call.context()));
            if (performed.isOk()) {
                // Spec §3.10 step 7: the scheduler task follows; if that fails, the status stays PAUSING/STARTING.
                transition.task().accept(call.account.schedulerTask());
                call.store.writeState(lifecycle.apply(transition.after()));
                return Outcome.commit(Response.ok(transition.successMessage()));
            }
            if (performed.is(ResponseCode.ROLLBACK)) {
                call.store.writeState(lifecycle.apply(transition.rolledBack()));
                return Outcome.commit(performed);
            }
            call.store.writeState(lifecycle.apply(ConnectorStatus.ERROR));
            return Outcome.commit(
                    Response.withMessage(ResponseCode.UNKNOWN_ERROR, ResponseCode.UNSPECIFIED_STATE_MESSAGE)
                            .with("cause", performed.toMap()));
        });
    }
}
