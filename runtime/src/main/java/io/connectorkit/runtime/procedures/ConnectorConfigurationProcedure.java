package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.internal.json.ConfigurationTrees;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.config.ConfigurationSchema;
import io.connectorkit.runtime.spi.WizardStep;
import io.connectorkit.runtime.state.StateStore;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.status.StatusGate;
import java.util.Optional;

/** CONFIGURE_CONNECTOR (spec §3.4): typed, validated, and saved only when every check passed. */
final class ConnectorConfigurationProcedure {

    private static final StatusGate CONFIGURING = StatusGate.status(ConnectorStatus.CONFIGURING);

    private final Call call;

    ConnectorConfigurationProcedure(Call call) {
        this.call = call;
    }

    Response configureConnector(JsonArgument config) {
        return call.atomically(() -> call.withState(CONFIGURING, state -> {
            Optional<ObjectNode> input = config.asObject();
            if (input.isEmpty()) {
                return config.notAnObject(PublicProcedure.CONFIGURE_CONNECTOR.name(), "CONFIG");
            }
            ConfigurationSchema.Validation validation = call.connector.connectorConfigurationSchema()
                    .validate(ConfigurationTrees.configuration(input.get()));
            if (!validation.isAccepted()) {
                return validation.refusal();
            }
            ObjectNode value = ConfigurationTrees.tree(validation.value());
            Optional<Response> refusal = call.connector.validator(WizardStep.CONNECTOR_CONFIGURATION)
                    .map(validator -> call.hook("connector configuration validator",
                            () -> validator.validate(ConfigurationTrees.configuration(value), call.context())))
                    .filter(response -> !response.isOk());
            if (refusal.isPresent()) {
                return refusal.get();
            }
            call.store.writeConfiguration(StateStore.CONNECTOR_CONFIGURATION, value);
            if (state.configurationStatus().isBefore(ConfigurationStatus.CONFIGURED)) {
                call.store.writeState(state.withConfigurationStatus(ConfigurationStatus.CONFIGURED));
            }
            return Response.ok("Connector successfully configured.");
        }));
    }
}
