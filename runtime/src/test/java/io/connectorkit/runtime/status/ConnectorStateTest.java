package io.connectorkit.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.status.ConnectorState.CorruptStateException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stored connector_status value, how it reads and writes, and what the status procedures and views make of it. */
class ConnectorStateTest {

    @Test
    void everyStateWritesTheJsonItReadsBack() {
        for (ConnectorStatus status : ConnectorStatus.values()) {
            for (ConfigurationStatus configuration : ConfigurationStatus.values()) {
                ConnectorState state = new ConnectorState(status, configuration);
                assertThat(JsonTree.parse(state.toJsonText()))
                        .isEqualTo(JsonTree.parse("{\"status\": \"" + status + "\", \"configurationStatus\": \""
                                + configuration + "\"}"));
                assertThat(ConnectorState.fromJsonText(state.toJsonText())).isEqualTo(state);
            }
        }
    }

    @Test
    void otherKeysOfTheStoredValueAreIgnored() {
        assertThat(ConnectorState.fromJsonText(
                        "{\"status\": \"PAUSED\", \"configurationStatus\": \"FINALIZED\"," + " \"note\": 1}"))
                .isEqualTo(new ConnectorState(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[1]|the connector_status value is an array, not an object",
                "\"STARTED\"|the connector_status value is a string, not an object",
                "null|the connector_status value is null, not an object",
                "{\"configurationStatus\": \"FINALIZED\"}|the connector_status value has no text field 'status'",
                "{\"status\": 1, \"configurationStatus\": \"FINALIZED\"}|the connector_status value has no text field"
                        + " 'status'",
                "{\"status\": \"STARTED\"}|the connector_status value has no text field 'configurationStatus'",
                "{\"status\": \"STARTED\", \"configurationStatus\": null}|the connector_status value has no text field"
                        + " 'configurationStatus'",
                "{\"status\": \"RUNNING\", \"configurationStatus\": \"FINALIZED\"}|the connector_status field 'status' holds"
                        + " the unknown value 'RUNNING'",
                "{\"status\": \"started\", \"configurationStatus\": \"FINALIZED\"}|the connector_status field 'status' holds"
                        + " the unknown value 'started'",
                "{\"status\": \"STARTED\", \"configurationStatus\": \"DONE\"}|the connector_status field"
                        + " 'configurationStatus' holds the unknown value 'DONE'"
            })
    void aStoredValueThatCannotBeReadIsCorruptSayingWhy(String text, String reason) {
        assertThatThrownBy(() -> ConnectorState.fromJsonText(text))
                .isInstanceOf(CorruptStateException.class)
                .hasMessage(reason);
    }

    @Test
    void textThatIsNotJsonIsCorrupt() {
        assertThatThrownBy(() -> ConnectorState.fromJsonText("{status"))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageStartingWith("the connector_status value is not JSON: ");
        assertThatThrownBy(() -> ConnectorState.fromJsonText(null)).isInstanceOf(CorruptStateException.class);
    }

    @Test
    void bothPartsAreRequired() {
        assertThatThrownBy(() -> new ConnectorState(null, ConfigurationStatus.INSTALLED))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("status");
        assertThatThrownBy(() -> new ConnectorState(ConnectorStatus.STARTED, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("configurationStatus");
        assertThatThrownBy(() -> ConnectorState.INSTALLED.withStatus(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ConnectorState.INSTALLED.withConfigurationStatus(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theCopiesChangeOnePartEach() {
        ConnectorState state = new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.CONNECTED);

        assertThat(state.withStatus(ConnectorStatus.STARTED))
                .isEqualTo(new ConnectorState(ConnectorStatus.STARTED, ConfigurationStatus.CONNECTED));
        assertThat(state.withConfigurationStatus(ConfigurationStatus.FINALIZED))
                .isEqualTo(new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.FINALIZED));
        assertThat(state).hasToString("(CONFIGURING, CONNECTED)");
        assertThat(ConnectorState.INSTALLED)
                .isEqualTo(new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.INSTALLED));
    }

    @Test
    void theTransitionalStatusesAreReportedAsTheStatusTheyLeave() {
        // Spec §1.5: GET_CONNECTOR_STATUS shows PAUSING as STARTED and STARTING as PAUSED.
        assertThat(ConnectorStatus.PAUSING.reported()).isEqualTo(ConnectorStatus.STARTED);
        assertThat(ConnectorStatus.STARTING.reported()).isEqualTo(ConnectorStatus.PAUSED);
        for (ConnectorStatus status : new ConnectorStatus[] {
            ConnectorStatus.CONFIGURING, ConnectorStatus.STARTED, ConnectorStatus.PAUSED, ConnectorStatus.ERROR
        }) {
            assertThat(status.reported()).isEqualTo(status);
        }
    }

    @Test
    void configurationStatusesAreOrderedAsTheWizardGoes() {
        ConfigurationStatus[] order = ConfigurationStatus.values();
        assertThat(order)
                .containsExactly(
                        ConfigurationStatus.INSTALLED,
                        ConfigurationStatus.PREREQUISITES_DONE,
                        ConfigurationStatus.CONFIGURED,
                        ConfigurationStatus.CONNECTED,
                        ConfigurationStatus.FINALIZED);
        for (int i = 0; i < order.length; i++) {
            for (int j = 0; j < order.length; j++) {
                assertThat(order[i].isBefore(order[j]))
                        .as("%s before %s", order[i], order[j])
                        .isEqualTo(i < j);
            }
        }
    }

    @ParameterizedTest(name = "{0}, completed {1}, in progress {2}, enabled {3}: {4}")
    @CsvSource({
        "PAUSED,    true,  true,  true,  PAUSED",
        "STARTING,  true,  false, false, PAUSED",
        "PAUSED,    false, false, false, PAUSED",
        "STARTED,   true,  true,  true,  LAST_SYNCED",
        "PAUSING,   true,  false, false, LAST_SYNCED",
        "ERROR,     true,  false, true,  LAST_SYNCED",
        "STARTED,   false, true,  false, SYNCING_DATA",
        "STARTED,   false, false, true,  SYNCING_DATA",
        "CONFIGURING, false, true, true, SYNCING_DATA",
        "STARTED,   false, false, false, NOT_SYNCING",
        "CONFIGURING, false, false, false, NOT_SYNCING"
    })
    void theSyncStatusFollowsTheFirstMatchingRule(
            ConnectorStatus status, boolean completed, boolean inProgress, boolean enabled, SyncStatus expected) {
        Optional<ConnectorState> state = Optional.of(new ConnectorState(status, ConfigurationStatus.FINALIZED));

        assertThat(SyncStatus.of(state, completed, inProgress, enabled)).isEqualTo(expected);
    }

    @Test
    void withoutAStoredStateNothingIsPaused() {
        assertThat(SyncStatus.of(Optional.empty(), false, false, false)).isEqualTo(SyncStatus.NOT_SYNCING);
        assertThat(SyncStatus.of(Optional.empty(), true, false, false)).isEqualTo(SyncStatus.LAST_SYNCED);
        assertThat(SyncStatus.of(Optional.empty())).isEqualTo(SyncStatus.NOT_SYNCING);
        assertThat(SyncStatus.of(
                        Optional.of(new ConnectorState(ConnectorStatus.STARTING, ConfigurationStatus.FINALIZED))))
                .isEqualTo(SyncStatus.PAUSED);
        assertThat(SyncStatus.of(
                        Optional.of(new ConnectorState(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED))))
                .isEqualTo(SyncStatus.NOT_SYNCING);
    }
}
