package io.connectorkit.runtime.status;

/** The connector's operating status (spec §1.1). */
public enum ConnectorStatus {
    CONFIGURING,
    STARTING,
    STARTED,
    PAUSING,
    PAUSED,
    ERROR;

    /**
     * What {@code GET_CONNECTOR_STATUS} reports: a transition in progress shows the stable status it started from.
     */
    public ConnectorStatus reported() {
        return switch (this) {
            case PAUSING -> STARTED;
            case STARTING -> PAUSED;
            default -> this;
        };
    }
}
