package io.connectorkit.runtime.procedures;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.config.ConfigurationSchema;
import io.connectorkit.runtime.internal.json.ConfigurationTrees;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.WizardStep;
import io.connectorkit.runtime.state.StateStore;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.status.StatusGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** CONFIGURE_CONNECTOR (spec §3.4): typed, validated, and saved only when every check passed. */
final class ConnectorConfigurationProcedure {

    private static final StatusGate CONFIGURING = StatusGate.status(ConnectorStatus.CONFIGURING);
    private static final StatusGate PAUSED = StatusGate.status(ConnectorStatus.PAUSED);

    private final ProcedureCall call;

    ConnectorConfigurationProcedure(ProcedureCall call) {
        this.call = call;
    }

    Response configureConnector(JsonArgument config) {
        return call.atomically(() -> call.withState(CONFIGURING, state -> {
            Optional<ObjectNode> input = config.asObject();
            if (input.isEmpty()) {
                return config.notAnObject(PublicProcedure.CONFIGURE_CONNECTOR.name(), "CONFIG");
            }
            ConfigurationSchema.Validation validation = call.connector
                    .connectorConfigurationSchema()
                    .validate(ConfigurationTrees.configuration(input.get()));
            if (!validation.isAccepted()) {
                return validation.refusal();
            }
            ObjectNode value = ConfigurationTrees.tree(validation.value());
            Optional<Response> refusal = call.connector
                    .validator(WizardStep.CONNECTOR_CONFIGURATION)
                    .map(validator -> call.hook(
                            "connector configuration validator",
                            () -> validator.validate(ConfigurationTrees.configuration(value), call.context())))
                    .filter(response -> !response.isOk());
            if (refusal.isPresent()) {
                return refusal.get();
            }
            call.store.writeConfiguration(StateStore.CONNECTOR_CONFIGURATION, value);
            Response configured = call.hook(
                    "ConfigurationHooks.configured",
                    () -> call.connector
                            .configurationHooks()
                            .configured(ConfigurationTrees.configuration(value), call.context()));
            if (!configured.isOk()) {
                return configured;
            }
            if (state.configurationStatus().isBefore(ConfigurationStatus.CONFIGURED)) {
                call.store.writeState(state.withConfigurationStatus(ConfigurationStatus.CONFIGURED));
            }
            return Response.ok("Connector successfully configured.");
        }));
    }

    /**
     * UPDATE_CONNECTOR_CONFIGURATION (a kit extension, after the wizard): the given fields replace the stored ones of
     * a paused connector; the whole result is validated as CONFIGURE_CONNECTOR validates, and saved at once or not at
     * all. The warehouse keeps its own procedure, UPDATE_WAREHOUSE, which checks the app can use it.
     */
    Response updateConnectorConfiguration(JsonArgument config) {
        return call.atomically(() -> call.withState(PAUSED, state -> {
            if (state.configurationStatus() != ConfigurationStatus.FINALIZED) {
                return Response.withMessage(
                        ResponseCode.INVALID_CONNECTOR_CONFIGURATION_STATUS,
                        "The connector "
                                + "configuration can be updated once the wizard is finished; it is "
                                + state.configurationStatus() + ": use CONFIGURE_CONNECTOR.");
            }
            Optional<ObjectNode> input = config.asObject();
            if (input.isEmpty()) {
                return config.notAnObject(PublicProcedure.UPDATE_CONNECTOR_CONFIGURATION.name(), "CONFIG");
            }
            ObjectNode stored = call.store
                    .readConfiguration(StateStore.CONNECTOR_CONFIGURATION)
                    .orElseGet(JsonTree::object);
            if (input.get().has("warehouse") && !input.get().get("warehouse").equals(stored.get("warehouse"))) {
                return Response.withMessage(
                        ResponseCode.INVALID_INPUT,
                        "The warehouse is changed with UPDATE_WAREHOUSE,"
                                + " which checks that the app can use it; leave warehouse out of UPDATE_CONNECTOR_CONFIGURATION.");
            }
            ObjectNode merged = stored.deepCopy();
            merged.setAll(input.get());
            ConfigurationSchema.Validation validation =
                    call.connector.connectorConfigurationSchema().validate(ConfigurationTrees.configuration(merged));
            if (!validation.isAccepted()) {
                return validation.refusal();
            }
            ObjectNode value = ConfigurationTrees.tree(validation.value());
            Optional<Response> refusal = call.connector
                    .validator(WizardStep.CONNECTOR_CONFIGURATION)
                    .map(validator -> call.hook(
                            "connector configuration validator",
                            () -> validator.validate(ConfigurationTrees.configuration(value), call.context())))
                    .filter(response -> !response.isOk());
            if (refusal.isPresent()) {
                return refusal.get();
            }
            call.store.writeConfiguration(StateStore.CONNECTOR_CONFIGURATION, value);
            return Response.ok("Connector configuration updated: " + String.join(", ", fieldNames(input.get())) + ".");
        }));
    }

    private static List<String> fieldNames(ObjectNode input) {
        List<String> names = new ArrayList<>();
        input.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
