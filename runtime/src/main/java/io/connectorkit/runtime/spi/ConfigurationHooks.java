package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;

/**
 * The connector's callbacks of the configuration procedures, where the Native SDK for Connectors calls its
 * {@code *_INTERNAL} hooks: after {@code CONFIGURE_CONNECTOR} saved the connector configuration, after the
 * connection configuration was saved (before its test), on a draft connection before its test, around
 * {@code RESET_CONFIGURATION} and in {@code UPDATE_WAREHOUSE}. The order of phases is the SDK's (validator, save,
 * callback, test, status); the validators themselves are the {@link StepValidator}s.
 *
 * <p>Each call is the procedure's one transaction: a callback sees the writes before it (the saved configuration),
 * its own statements through {@code context.sql()} are part of it, and any answer other than {@code OK}, or an
 * exception (answered as {@code UNKNOWN_ERROR} naming the callback), undoes the whole call and is returned as it
 * is. The SDK kept the configuration saved when its callback failed; here nothing is kept. Every method answers
 * {@code OK} unless overridden, so a connector overrides only what it needs.
 */
public interface ConfigurationHooks {

    /** Callbacks that accept everything and do nothing: the default of a connector that registers none. */
    ConfigurationHooks NONE = new ConfigurationHooks() {};

    /**
     * {@code CONFIGURE_CONNECTOR}, after the connector configuration was validated and saved, before the status
     * moves to {@code CONFIGURED} (the SDK's {@code CONFIGURE_CONNECTOR_INTERNAL}).
     *
     * @param configuration the saved connector configuration
     * @param context what the procedure gives the callback
     * @return {@code OK} to go on; any other answer is the procedure's and nothing is kept
     */
    default Response configured(Configuration configuration, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code SET_CONNECTION_CONFIGURATION} and {@code UPDATE_CONNECTION_CONFIGURATION}, after the connection
     * configuration was saved and before the connection test (the SDK's
     * {@code SET_CONNECTION_CONFIGURATION_INTERNAL}: where SDK connectors bind their integration and secret).
     *
     * @param connection the saved connection configuration
     * @param context what the procedure gives the callback
     * @return {@code OK} to go on to the test; any other answer is the procedure's and nothing is kept
     */
    default Response connectionSaved(Configuration connection, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code UPDATE_CONNECTION_CONFIGURATION}, on the validated draft before the draft test and before anything is
     * saved (the SDK's {@code DRAFT_CONNECTION_CONFIGURATION_INTERNAL}).
     *
     * @param draft the draft connection configuration
     * @param context what the procedure gives the callback
     * @return {@code OK} to go on to the draft test; any other answer is the procedure's and nothing is kept
     */
    default Response draftConnection(Configuration draft, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code RESET_CONFIGURATION}, after the status check and before anything changes (the SDK's
     * {@code RESET_CONFIGURATION_VALIDATE}).
     *
     * @param context what the procedure gives the callback
     * @return {@code OK} to go on; any other answer is the procedure's and nothing changes
     */
    default Response validateReset(ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code RESET_CONFIGURATION}, after {@link #validateReset} and before the configuration is deleted (the SDK's
     * {@code RESET_CONFIGURATION_INTERNAL}: the connector's own clean-up), so that it still reads the configuration.
     *
     * @param context what the procedure gives the callback
     * @return {@code OK} to go on; any other answer is the procedure's and nothing is kept
     */
    default Response reset(ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code UPDATE_WAREHOUSE}, once the new warehouse was checked and before the scheduler task moves to it (the
     * SDK's {@code UPDATE_WAREHOUSE_INTERNAL}).
     *
     * @param warehouse the new warehouse's name, as given
     * @param context what the procedure gives the callback
     * @return {@code OK} to go on; any other answer is the procedure's and nothing changes
     */
    default Response warehouseUpdated(String warehouse, ConnectorContext context) {
        return Response.ok();
    }
}
