package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;

/**
 * Does the connector's one-time setup when the wizard finishes (sink objects, for example). Its answer is the
 * answer of {@code FINALIZE_CONNECTOR_CONFIGURATION}. When it fails, the connector stays {@code CONNECTED} and
 * finalization can be called again, so the callback must be safe to run twice.
 *
 * <p>It runs after the {@link WizardStep#FINALIZE} validator and the {@link SourceValidator} accepted the input,
 * and after the runtime created the {@code destination_database} when one is configured. Its statements through
 * {@link ConnectorContext#sql()} are kept only when it answers {@code OK} (DDL commits early, so keep it
 * idempotent); then the scheduler task is created (with a {@code global_schedule}) and the connector becomes
 * {@code STARTED}.
 */
@FunctionalInterface
public interface FinalizeCallback {

    /**
     * Sets the connector up. An exception becomes an {@code UNKNOWN_ERROR} answer naming the callback, a null
     * answer an {@code INVALID_RESPONSE}; both leave the connector {@code CONNECTED}.
     *
     * @param finalizeInput the {@code CUSTOM_CONFIGURATION} object given to the procedure, unchecked by the
     *     runtime and not stored by it (store what you need yourself)
     * @param context what the procedure gives the hook
     * @return {@code OK} to finish the wizard, otherwise the procedure's error answer
     */
    Response finalizeConfiguration(Configuration finalizeInput, ConnectorContext context);
}
