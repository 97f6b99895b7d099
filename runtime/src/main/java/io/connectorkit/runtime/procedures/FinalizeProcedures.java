package io.connectorkit.runtime.procedures;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.JsonArgument;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.spi.FinalizeCallback;
import io.connectorkit.runtime.spi.SourceValidator;
import io.connectorkit.runtime.spi.WizardStep;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.status.StatusGate;
import java.util.Optional;

/**
 * FINALIZE_CONNECTOR_CONFIGURATION and VALIDATE_SOURCE (spec §3.7). A failed finalization leaves the connector
 * CONNECTED with nothing of the attempt kept, so it can simply be called again.
 */
final class FinalizeProcedures {

    private static final StatusGate CONNECTED = StatusGate.status(ConnectorStatus.CONFIGURING)
            .configurationStatus(ConfigurationStatus.CONNECTED);

    private final Call call;

    FinalizeProcedures(Call call) {
        this.call = call;
    }

    Response finalizeConnectorConfiguration(JsonArgument argument) {
        return call.atomically(() -> call.withState(CONNECTED, state -> {
            Optional<ObjectNode> input = argument.asObject();
            if (input.isEmpty()) {
                return argument.notAnObject(PublicProcedure.FINALIZE_CONNECTOR_CONFIGURATION.name(),
                        "CUSTOM_CONFIGURATION");
            }
            Configuration finalizeInput = Configuration.of(input.get());
            Optional<Response> validation = call.connector.validator(WizardStep.FINALIZE)
                    .map(validator -> call.hook("finalize validator",
                            () -> validator.validate(finalizeInput, call.context())));
            if (validation.isPresent() && !validation.get().isOk()) {
                return validation.get();
            }
            Response source = validateSource(finalizeInput);
            if (!source.isOk()) {
                return source;
            }
            Optional<FinalizeCallback> callback = call.connector.finalizeCallback();
            Response finalized = callback.isEmpty() ? Response.ok("Connector configuration finalized.")
                    : call.hook("finalize callback",
                            () -> callback.get().finalizeConfiguration(finalizeInput, call.context()));
            if (finalized.isOk()) {
                call.store.writeState(new ConnectorState(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED));
            }
            return finalized;
        }));
    }

    Response validateSource(JsonArgument argument) {
        Optional<ObjectNode> input = argument.asObject();
        if (input.isEmpty()) {
            return argument.notAnObject(PublicProcedure.VALIDATE_SOURCE.name(), "CUSTOM_CONFIGURATION");
        }
        return validateSource(Configuration.of(input.get()));
    }

    private Response validateSource(Configuration finalizeInput) {
        Optional<SourceValidator> validator = call.connector.sourceValidator();
        if (validator.isEmpty()) {
            return Response.ok();
        }
        return call.hook("source validator", () -> validator.get().validateSource(finalizeInput, call.context()));
    }
}
