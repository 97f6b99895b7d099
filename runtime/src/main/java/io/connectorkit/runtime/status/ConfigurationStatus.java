package io.connectorkit.runtime.status;

/**
 * How far the wizard has come, in wizard order (spec §1.1); the {@code configurationStatus} of the stored state.
 * The order is the one {@link #isBefore(ConfigurationStatus)} compares by.
 */
public enum ConfigurationStatus {
    /** Right after install, and again after {@code RESET_CONFIGURATION}. */
    INSTALLED,
    /** {@code COMPLETE_PREREQUISITES_STEP} was called while {@code INSTALLED}. */
    PREREQUISITES_DONE,
    /** {@code CONFIGURE_CONNECTOR} succeeded; reached from {@code INSTALLED} too, since prerequisites may be skipped. */
    CONFIGURED,
    /** {@code SET_CONNECTION_CONFIGURATION} succeeded and the connection test answered {@code OK}. */
    CONNECTED,
    /** {@code FINALIZE_CONNECTOR_CONFIGURATION} succeeded; the wizard is over and the connector is no longer configuring. */
    FINALIZED;

    /**
     * Whether this step comes before the other in wizard order.
     *
     * @param other the step to compare with
     * @return {@code true} when this step is strictly earlier; {@code false} for the same step or a later one
     */
    public boolean isBefore(ConfigurationStatus other) {
        return ordinal() < other.ordinal();
    }
}
