package io.connectorkit.runtime.status;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The precondition of a procedure on the connector's state, and the refusal it answers when the state does not
 * allow the call (spec §1.3). Status is checked before configuration status.
 */
public final class StatusGate {

    private final List<ConnectorStatus> statuses;
    private final List<ConfigurationStatus> configurationStatuses;
    private final boolean periodAfterMessage;

    private StatusGate(
            List<ConnectorStatus> statuses,
            List<ConfigurationStatus> configurationStatuses,
            boolean periodAfterMessage) {
        this.statuses = statuses;
        this.configurationStatuses = configurationStatuses;
        this.periodAfterMessage = periodAfterMessage;
    }

    /**
     * A gate that lets the call go on only in one of the given statuses; add configuration statuses with
     * {@link #configurationStatus(ConfigurationStatus...)} or {@link #configurationStatusNot(ConfigurationStatus...)}.
     *
     * @param allowed the statuses in which the call may go on, in the order the refusal lists them; none allows any
     *                status
     * @return a gate on the status only, whose refusals end with a period
     */
    public static StatusGate status(ConnectorStatus... allowed) {
        return new StatusGate(List.of(allowed), List.of(), true);
    }

    /**
     * This gate, also requiring one of the given configuration statuses; replaces configuration statuses set before.
     *
     * @param allowed the configuration statuses in which the call may go on, in the order the refusal lists them;
     *                none allows any
     * @return a new gate; this one is unchanged
     */
    public StatusGate configurationStatus(ConfigurationStatus... allowed) {
        return new StatusGate(statuses, List.of(allowed), periodAfterMessage);
    }

    /**
     * This gate, also requiring any configuration status except the given ones; replaces configuration statuses set
     * before. The refusal lists the allowed ones in wizard order.
     *
     * @param excluded the configuration statuses in which the call is refused
     * @return a new gate; this one is unchanged
     */
    public StatusGate configurationStatusNot(ConfigurationStatus... excluded) {
        Set<ConfigurationStatus> allowed = EnumSet.allOf(ConfigurationStatus.class);
        allowed.removeAll(List.of(excluded));
        return new StatusGate(statuses, List.copyOf(allowed), periodAfterMessage);
    }

    /**
     * This gate with refusal messages that end without a period: RECOVER_CONNECTOR_STATE's messages do, as in the SDK.
     *
     * @return a new gate; this one is unchanged
     */
    public StatusGate withoutFinalPeriod() {
        return new StatusGate(statuses, configurationStatuses, false);
    }

    /**
     * Whether a call may go on in this state.
     *
     * @param state the connector's current state
     * @return {@code true} when {@link #check(ConnectorState)} finds nothing to refuse
     */
    public boolean allows(ConnectorState state) {
        return check(state).isEmpty();
    }

    /**
     * The refusal for this state, or empty when the call may go on. A wrong status gives
     * {@code INVALID_CONNECTOR_STATUS} ("Invalid connector status. Expected status: [STARTED, PAUSING]. Current status:
     * PAUSED."), checked first; a wrong configuration status gives {@code INVALID_CONNECTOR_CONFIGURATION_STATUS}
     * ("Invalid connector configuration status. Expected one of statuses: [...]. Current status: ...").
     *
     * @param state the connector's current state, as stored (not {@link ConnectorStatus#reported()})
     * @return the refusing response, or empty
     */
    public Optional<Response> check(ConnectorState state) {
        if (!statuses.isEmpty() && !statuses.contains(state.status())) {
            return Optional.of(Response.withMessage(
                    ResponseCode.INVALID_CONNECTOR_STATUS,
                    "Invalid connector status. Expected status: " + list(statuses) + ". Current status: "
                            + state.status() + end()));
        }
        if (!configurationStatuses.isEmpty() && !configurationStatuses.contains(state.configurationStatus())) {
            return Optional.of(Response.withMessage(
                    ResponseCode.INVALID_CONNECTOR_CONFIGURATION_STATUS,
                    "Invalid connector configuration status. Expected one of statuses: " + list(configurationStatuses)
                            + ". Current status: " + state.configurationStatus() + end()));
        }
        return Optional.empty();
    }

    private String end() {
        return periodAfterMessage ? "." : "";
    }

    private static String list(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.joining(", ", "[", "]"));
    }
}
