package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;

/** Checks, before finalization, that the configured source can really be ingested ({@code VALIDATE_SOURCE}). */
@FunctionalInterface
public interface SourceValidator {

    Response validateSource(Configuration finalizeInput, ConnectorContext context);
}
