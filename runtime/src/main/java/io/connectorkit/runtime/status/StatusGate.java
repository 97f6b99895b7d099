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

    private StatusGate(List<ConnectorStatus> statuses, List<ConfigurationStatus> configurationStatuses,
            boolean periodAfterMessage) {
        this.statuses = statuses;
        this.configurationStatuses = configurationStatuses;
        this.periodAfterMessage = periodAfterMessage;
    }

    public static StatusGate status(ConnectorStatus... allowed) {
        return new StatusGate(List.of(allowed), List.of(), true);
    }

    public StatusGate configurationStatus(ConfigurationStatus... allowed) {
        return new StatusGate(statuses, List.of(allowed), periodAfterMessage);
    }

    /** Any configuration status except the given ones. */
    public StatusGate configurationStatusNot(ConfigurationStatus... excluded) {
        Set<ConfigurationStatus> allowed = EnumSet.allOf(ConfigurationStatus.class);
        allowed.removeAll(List.of(excluded));
        return new StatusGate(statuses, List.copyOf(allowed), periodAfterMessage);
    }

    /** RECOVER_CONNECTOR_STATE's messages end without a period, as in the SDK. */
    public StatusGate withoutFinalPeriod() {
        return new StatusGate(statuses, configurationStatuses, false);
    }

    public boolean allows(ConnectorState state) {
        return check(state).isEmpty();
    }

    /** The refusal for this state, or empty when the call may go on. */
    public Optional<Response> check(ConnectorState state) {
        if (!statuses.isEmpty() && !statuses.contains(state.status())) {
            return Optional.of(Response.withMessage(ResponseCode.INVALID_CONNECTOR_STATUS,
                    "Invalid connector status. Expected status: " + list(statuses) + ". Current status: "
                            + state.status() + end()));
        }
        if (!configurationStatuses.isEmpty() && !configurationStatuses.contains(state.configurationStatus())) {
            return Optional.of(Response.withMessage(ResponseCode.INVALID_CONNECTOR_CONFIGURATION_STATUS,
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
