package io.connectorkit.runtime.status;

import java.util.Optional;

/**
 * The {@code STATUS} of the {@code PUBLIC.SYNC_STATUS} view (spec §3.13), first match wins: {@code PAUSED} for a
 * stored status {@code PAUSED} or {@code STARTING}; {@code LAST_SYNCED} when some ingestion run completed (the view's
 * {@code LAST_SYNCED_AT} is the latest completion); {@code SYNCING_DATA} when a run is in progress or a resource is
 * enabled; else {@code NOT_SYNCING}.
 */
public enum SyncStatus {
    /** The stored status is {@code PAUSED} or {@code STARTING}; checked before anything else. */
    PAUSED,
    /** No run completed, none is in progress and no resource is enabled. */
    NOT_SYNCING,
    /** Some ingestion run completed; the view's {@code LAST_SYNCED_AT} is the latest completion. */
    LAST_SYNCED,
    /** No run completed yet, but one is in progress or some resource is enabled. */
    SYNCING_DATA;

    /**
     * From the raw stored status alone, as if no ingestion ever ran and nothing is enabled.
     *
     * @param state the stored state; empty when there is none
     * @return {@code PAUSED} for a stored {@code PAUSED} or {@code STARTING}, else {@code NOT_SYNCING}
     */
    public static SyncStatus of(Optional<ConnectorState> state) {
        return of(state, false, false, false);
    }

    /**
     * The sync status by the rules of this enum's description, first match wins.
     *
     * @param state              the stored state, with its raw status (not {@link ConnectorStatus#reported()});
     *                           empty when there is none, which counts as not paused
     * @param anyRunCompleted    some ingestion run is {@code COMPLETED}
     * @param anyRunInProgress   some ingestion run is {@code IN_PROGRESS}
     * @param anyResourceEnabled some resource ingestion definition is enabled
     * @return the status the {@code PUBLIC.SYNC_STATUS} view shows
     */
    public static SyncStatus of(
            Optional<ConnectorState> state,
            boolean anyRunCompleted,
            boolean anyRunInProgress,
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
