package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;

/**
 * Does the connector's one-time setup when the wizard finishes (sink objects, for example). Its answer is the
 * answer of {@code FINALIZE_CONNECTOR_CONFIGURATION}. When it fails, the connector stays {@code CONNECTED} and
 * finalization can be called again, so the callback must be safe to run twice.
 */
@FunctionalInterface
public interface FinalizeCallback {

    Response finalizeConfiguration(Configuration finalizeInput, ConnectorContext context);
}
