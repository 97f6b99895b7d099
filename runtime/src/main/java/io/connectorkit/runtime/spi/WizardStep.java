package io.connectorkit.runtime.spi;

/**
 * The steps whose input a connector can validate beyond the declared field types, each named by the procedure that
 * runs its {@link StepValidator}. Register a validator with {@link ConnectorDefinition.Builder#validator}.
 */
public enum WizardStep {
    /** {@code CONFIGURE_CONNECTOR}. */
    CONNECTOR_CONFIGURATION,
    /** {@code SET_CONNECTION_CONFIGURATION}. */
    CONNECTION_CONFIGURATION,
    /** {@code UPDATE_CONNECTION_CONFIGURATION}; falls back to the CONNECTION_CONFIGURATION validator. */
    CONNECTION_UPDATE,
    /** {@code FINALIZE_CONNECTOR_CONFIGURATION}. */
    FINALIZE
}
