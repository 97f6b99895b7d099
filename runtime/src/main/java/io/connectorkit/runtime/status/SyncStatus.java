package io.connectorkit.runtime.status;

import java.util.Optional;

/**
 * The {@code STATUS} of the {@code PUBLIC.SYNC_STATUS} view (spec §3.13), so far decided by the connector's status
 * alone. The ingestion work adds the data-based values: {@code LAST_SYNCED} (some run completed) and
 * {@code SYNCING_DATA} (a run in progress or an enabled ingestion definition), checked after {@code PAUSED}.
 */
public enum SyncStatus {
    PAUSED,
    NOT_SYNCING;

    /** From the raw stored status: {@code STARTING} is still paused, as {@code GET_CONNECTOR_STATUS} shows it. */
    public static SyncStatus of(Optional<ConnectorState> state) {
        return state.map(ConnectorState::status)
                .filter(status -> status == ConnectorStatus.PAUSED || status == ConnectorStatus.STARTING)
                .map(status -> PAUSED)
                .orElse(NOT_SYNCING);
    }
}
