package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;

/**
 * Checks, before finalization, that the configured source can really be ingested ({@code VALIDATE_SOURCE}). It is
 * a deeper check than the connection test: the objects to ingest exist and can be read. Without one every source
 * passes.
 */
@FunctionalInterface
public interface SourceValidator {

    /**
     * Checks the source. Called by {@code VALIDATE_SOURCE} and, after the {@link WizardStep#FINALIZE} validator,
     * by {@code FINALIZE_CONNECTOR_CONFIGURATION}. An exception becomes an {@code UNKNOWN_ERROR} answer naming the
     * validator, a null answer an {@code INVALID_RESPONSE}.
     *
     * @param finalizeInput the {@code CUSTOM_CONFIGURATION} object given to the procedure, unchecked by the runtime
     * @param context what the procedure gives the hook
     * @return {@code OK} when the source can be ingested, otherwise the answer of the procedure (finalization
     *     stops with it and nothing is kept)
     */
    Response validateSource(Configuration finalizeInput, ConnectorContext context);
}
