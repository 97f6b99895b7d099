package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;

/**
 * Validates the input of one wizard step after the runtime has checked its declared fields. A non-OK answer is
 * returned to the caller as it is, and nothing is saved. For the connection steps an OK answer may carry a
 * {@code config} object, which then replaces the input (to normalise or enrich it).
 */
@FunctionalInterface
public interface StepValidator {

    Response validate(Configuration input, ConnectorContext context);
}
