package io.connectorkit.runtime.status;

/**
 * The connector's operating status (spec §1.1); the {@code status} of the stored state. Procedures see the stored value;
 * {@code GET_CONNECTOR_STATUS} reports {@link #reported()} instead.
 */
public enum ConnectorStatus {
    /** The wizard is not finished; the status from install until {@code FINALIZE_CONNECTOR_CONFIGURATION}. */
    CONFIGURING,
    /** A resume is in progress (or was interrupted); calling {@code RESUME_CONNECTOR} again retries it. */
    STARTING,
    /** Configured and running. */
    STARTED,
    /** A pause is in progress (or was interrupted); calling {@code PAUSE_CONNECTOR} again retries it. */
    PAUSING,
    /** Configured and stopped. */
    PAUSED,
    /**
     * A pause or resume hook failed in an unexpected way and the connector's state is unknown; only
     * {@code RECOVER_CONNECTOR_STATE} leaves it.
     */
    ERROR;

    /**
     * What {@code GET_CONNECTOR_STATUS} reports: a transition in progress shows the stable status it started from.
     *
     * @return {@code STARTED} for {@code PAUSING}, {@code PAUSED} for {@code STARTING}, this status otherwise
     */
    public ConnectorStatus reported() {
        return switch (this) {
            case PAUSING -> STARTED;
            case STARTING -> PAUSED;
            default -> this;
        };
    }
}
