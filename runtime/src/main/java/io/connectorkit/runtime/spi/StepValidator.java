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

    /**
     * Validates a step's input. An exception becomes an {@code UNKNOWN_ERROR} answer naming the validator, a null
     * answer an {@code INVALID_RESPONSE}; both refuse the input.
     *
     * @param input the step's input: for the configuration steps the value to store, already checked against the
     *     declared fields with defaults filled in; for {@link WizardStep#FINALIZE} the {@code CUSTOM_CONFIGURATION}
     *     object as given
     * @param context what the procedure gives the hook; its configurations are those stored before this call
     * @return {@code OK} to accept (for the connection steps optionally with a {@code config} object, which must
     *     again pass the declared field checks), or the refusal answered to the caller
     */
    Response validate(Configuration input, ConnectorContext context);
}
