package io.connectorkit.runtime.status;

import java.util.Optional;

/**
 * The {@code STATUS} of the {@code PUBLIC.SYNC_STATUS} view (spec §3.13), first match wins: {@code PAUSED} for a
 * stored status {@code PAUSED} or {@code STARTING}; {@code LAST_SYNCED} when some ingestion run completed (the view's
 * {@code LAST_SYNCED_AT} is the latest completion); {@code SYNCING_DATA} when a run is in progress or a resource is
 * enabled; else {@code NOT_SYNCING}.
 */
public enum SyncStatus {
    PAUSED,
    NOT_SYNCING,
    LAST_SYNCED,
    SYNCING_DATA;

    /** From the raw stored status alone, as if no ingestion ever ran and nothing is enabled. */
    public static SyncStatus of(Optional<ConnectorState> state) {
        return of(state, false, false, false);
    }

    /**
     * @param anyRunCompleted some ingestion run is {@code COMPLETED}
     * @param anyRunInProgress some ingestion run is {@code IN_PROGRESS}
     * @param anyResourceEnabled some resource ingestion definition is enabled
     */
    public static SyncStatus of(Optional<ConnectorState> state, boolean anyRunCompleted, boolean anyRunInProgress,
            boolean anyResourceEnabled) {
        boolean paused = state.map(ConnectorState::status)
                .filter(status -> status == ConnectorStatus.PAUSED || status == ConnectorStatus.STARTING)
                .isPresent();
        if (paused) {
            return PAUSED;
        }
        if (anyRunCompleted) {
            return LAST_SYNCED;
        }
        return anyRunInProgress || anyResourceEnabled ? SYNCING_DATA : NOT_SYNCING;
    }
}
