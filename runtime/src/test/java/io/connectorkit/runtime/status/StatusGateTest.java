package io.connectorkit.runtime.status;

import static io.connectorkit.runtime.status.ConfigurationStatus.CONFIGURED;
import static io.connectorkit.runtime.status.ConfigurationStatus.CONNECTED;
import static io.connectorkit.runtime.status.ConfigurationStatus.FINALIZED;
import static io.connectorkit.runtime.status.ConfigurationStatus.INSTALLED;
import static io.connectorkit.runtime.status.ConfigurationStatus.PREREQUISITES_DONE;
import static io.connectorkit.runtime.status.ConnectorStatus.CONFIGURING;
import static io.connectorkit.runtime.status.ConnectorStatus.ERROR;
import static io.connectorkit.runtime.status.ConnectorStatus.PAUSED;
import static io.connectorkit.runtime.status.ConnectorStatus.PAUSING;
import static io.connectorkit.runtime.status.ConnectorStatus.STARTED;
import static io.connectorkit.runtime.status.ConnectorStatus.STARTING;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gates of spec §1.3, each checked in every (status, configuration status) pair: the call goes on, or the exact
 * refusal (code and message) is answered. The expectations are written from the spec's table and the SDK's messages.
 */
class StatusGateTest {

    /** A gate as the procedures declare it, with the statuses it lets through, for the expectation. */
    record Gate(
            String name,
            StatusGate gate,
            Set<ConnectorStatus> statuses,
            List<ConnectorStatus> listedStatuses,
            List<ConfigurationStatus> listedConfigurationStatuses,
            boolean period) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Gate> gates() {
        return List.of(
                new Gate(
                        "pause",
                        StatusGate.status(STARTED, PAUSING),
                        EnumSet.of(STARTED, PAUSING),
                        List.of(STARTED, PAUSING),
                        List.of(),
                        true),
                new Gate(
                        "resume",
                        StatusGate.status(PAUSED, STARTING),
                        EnumSet.of(PAUSED, STARTING),
                        List.of(PAUSED, STARTING),
                        List.of(),
                        true),
                new Gate(
                        "paused only", StatusGate.status(PAUSED), EnumSet.of(PAUSED), List.of(PAUSED), List.of(), true),
                new Gate(
                        "recover",
                        StatusGate.status(ERROR, STARTING, PAUSING).withoutFinalPeriod(),
                        EnumSet.of(ERROR, STARTING, PAUSING),
                        List.of(ERROR, STARTING, PAUSING),
                        List.of(),
                        false),
                new Gate(
                        "finalize",
                        StatusGate.status(CONFIGURING).configurationStatus(CONNECTED),
                        EnumSet.of(CONFIGURING),
                        List.of(CONFIGURING),
                        List.of(CONNECTED),
                        true),
                new Gate(
                        "connection wizard",
                        StatusGate.status(CONFIGURING).configurationStatus(CONFIGURED, CONNECTED),
                        EnumSet.of(CONFIGURING),
                        List.of(CONFIGURING),
                        List.of(CONFIGURED, CONNECTED),
                        true),
                new Gate(
                        "before finalization",
                        StatusGate.status(CONFIGURING).configurationStatusNot(FINALIZED),
                        EnumSet.of(CONFIGURING),
                        List.of(CONFIGURING),
                        List.of(INSTALLED, PREREQUISITES_DONE, CONFIGURED, CONNECTED),
                        true),
                new Gate(
                        "any status, finalized, no period",
                        StatusGate.status().configurationStatus(FINALIZED).withoutFinalPeriod(),
                        EnumSet.allOf(ConnectorStatus.class),
                        List.of(),
                        List.of(FINALIZED),
                        false));
    }

    static Stream<Arguments> everyGateInEveryState() {
        List<Arguments> cases = new ArrayList<>();
        for (Gate gate : gates()) {
            for (ConnectorStatus status : ConnectorStatus.values()) {
                for (ConfigurationStatus configuration : ConfigurationStatus.values()) {
                    cases.add(Arguments.of(gate, new ConnectorState(status, configuration)));
                }
            }
        }
        return cases.stream();
    }

    /** Status first, then configuration status; the message lists the allowed values in declaration order. */
    static Optional<Response> expected(Gate gate, ConnectorState state) {
        String end = gate.period() ? "." : "";
        if (!gate.statuses().contains(state.status())) {
            return Optional.of(Response.withMessage(
                    ResponseCode.INVALID_CONNECTOR_STATUS,
                    "Invalid connector status. Expected status: " + gate.listedStatuses() + ". Current status: "
                            + state.status() + end));
        }
        List<ConfigurationStatus> configurations = gate.listedConfigurationStatuses();
        if (!configurations.isEmpty() && !configurations.contains(state.configurationStatus())) {
            return Optional.of(Response.withMessage(
                    ResponseCode.INVALID_CONNECTOR_CONFIGURATION_STATUS,
                    "Invalid connector configuration status. Expected one of statuses: " + configurations
                            + ". Current status: " + state.configurationStatus() + end));
        }
        return Optional.empty();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyGateInEveryState")
    void answersTheSpecsRefusalOrLetsTheCallGoOn(Gate gate, ConnectorState state) {
        Optional<Response> refusal = gate.gate().check(state);

        Optional<Response> expected = expected(gate, state);
        assertThat(refusal.map(Response::toJsonText)).isEqualTo(expected.map(Response::toJsonText));
        assertThat(gate.gate().allows(state)).isEqualTo(expected.isEmpty());
    }

    @Test
    void theMessagesReadAsTheSdksWithTheirListsInDeclarationOrder() {
        assertThat(StatusGate.status(STARTED, PAUSING).check(new ConnectorState(PAUSED, FINALIZED)))
                .hasValueSatisfying(response -> {
                    assertThat(response.code()).isEqualTo("INVALID_CONNECTOR_STATUS");
                    assertThat(response.message())
                            .hasValue(
                                    "Invalid connector status. Expected status: [STARTED, PAUSING]. Current status: PAUSED.");
                });
        assertThat(StatusGate.status(CONFIGURING)
                        .configurationStatus(CONNECTED, CONFIGURED)
                        .check(new ConnectorState(CONFIGURING, INSTALLED)))
                .hasValueSatisfying(response -> {
                    assertThat(response.code()).isEqualTo("INVALID_CONNECTOR_CONFIGURATION_STATUS");
                    assertThat(response.message())
                            .hasValue("Invalid connector configuration status. Expected one of"
                                    + " statuses: [CONNECTED, CONFIGURED]. Current status: INSTALLED.");
                });
        assertThat(StatusGate.status(ERROR, STARTING, PAUSING)
                        .withoutFinalPeriod()
                        .check(new ConnectorState(STARTED, FINALIZED)))
                .hasValueSatisfying(response -> assertThat(response.message())
                        .hasValue("Invalid connector status. Expected status: [ERROR, STARTING,"
                                + " PAUSING]. Current status: STARTED"));
    }

    @Test
    void aWrongStatusIsNamedBeforeAWrongConfigurationStatus() {
        StatusGate gate = StatusGate.status(CONFIGURING).configurationStatus(CONNECTED);

        assertThat(gate.check(new ConnectorState(PAUSED, FINALIZED)))
                .hasValueSatisfying(response -> assertThat(response.code()).isEqualTo("INVALID_CONNECTOR_STATUS"));
    }

    @Test
    void aGateWithoutStatusesLetsEveryStateThrough() {
        StatusGate gate = StatusGate.status();

        for (ConnectorStatus status : ConnectorStatus.values()) {
            for (ConfigurationStatus configuration : ConfigurationStatus.values()) {
                assertThat(gate.check(new ConnectorState(status, configuration)))
                        .isEmpty();
                assertThat(gate.allows(new ConnectorState(status, configuration)))
                        .isTrue();
            }
        }
    }

    @Test
    void refiningAGateLeavesTheOriginalUnchanged() {
        StatusGate configuring = StatusGate.status(CONFIGURING);
        StatusGate connected = configuring.configurationStatus(CONNECTED);
        StatusGate withoutPeriod = connected.withoutFinalPeriod();

        assertThat(configuring.allows(new ConnectorState(CONFIGURING, INSTALLED)))
                .isTrue();
        assertThat(connected.allows(new ConnectorState(CONFIGURING, INSTALLED))).isFalse();
        assertThat(connected.check(new ConnectorState(PAUSED, INSTALLED)).flatMap(Response::message))
                .hasValueSatisfying(message -> assertThat(message).endsWith("Current status: PAUSED."));
        assertThat(withoutPeriod.check(new ConnectorState(PAUSED, INSTALLED)).flatMap(Response::message))
                .hasValueSatisfying(message -> assertThat(message).endsWith("Current status: PAUSED"));
    }

    @Test
    void aLaterConfigurationStatusReplacesTheEarlierOne() {
        StatusGate gate =
                StatusGate.status(CONFIGURING).configurationStatus(CONNECTED).configurationStatusNot(FINALIZED);

        assertThat(gate.allows(new ConnectorState(CONFIGURING, INSTALLED))).isTrue();
        assertThat(gate.allows(new ConnectorState(CONFIGURING, FINALIZED))).isFalse();
        assertThat(StatusGate.status(CONFIGURING)
                        .configurationStatusNot(FINALIZED)
                        .configurationStatus(CONNECTED)
                        .allows(new ConnectorState(CONFIGURING, INSTALLED)))
                .isFalse();
    }
}
