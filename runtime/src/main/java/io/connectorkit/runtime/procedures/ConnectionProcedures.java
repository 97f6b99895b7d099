package io.connectorkit.runtime.procedures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.config.ConfigurationSchema;
import io.connectorkit.runtime.internal.json.ConfigurationTrees;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectionTester;
import io.connectorkit.runtime.spi.DraftConnectionTester;
import io.connectorkit.runtime.spi.StepValidator;
import io.connectorkit.runtime.spi.WizardStep;
import io.connectorkit.runtime.state.StateStore;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.status.StatusGate;
import java.util.Optional;

/**
 * The connection configuration: set during the wizard (spec §3.5), read (§3.2), tested, and replaced while paused
 * through the draft flow (§3.6). A configuration whose test fails is never saved.
 */
final class ConnectionProcedures {

    private static final StatusGate WIZARD = StatusGate.status(ConnectorStatus.CONFIGURING)
            .configurationStatus(ConfigurationStatus.CONFIGURED, ConfigurationStatus.CONNECTED);
    private static final StatusGate PAUSED = StatusGate.status(ConnectorStatus.PAUSED);

    private final ProcedureCall call;

    ConnectionProcedures(ProcedureCall call) {
        this.call = call;
    }

    Response setConnectionConfiguration(JsonArgument argument) {
        return call.atomically(() -> call.withState(WIZARD, state -> {
            Accepted accepted =
                    accept(argument, PublicProcedure.SET_CONNECTION_CONFIGURATION, WizardStep.CONNECTION_CONFIGURATION);
            if (accepted.refusal() != null) {
                return accepted.refusal();
            }
            call.store.writeConfiguration(StateStore.CONNECTION_CONFIGURATION, accepted.value());
            Response saved = connectionSaved(accepted.value());
            if (!saved.isOk()) {
                return saved;
            }
            Response test = test(accepted.value());
            if (test.isOk()) {
                call.store.writeState(new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.CONNECTED));
            }
            return test;
        }));
    }

    Response getConnectionConfiguration() {
        Optional<ObjectNode> stored = call.store.readConfiguration(StateStore.CONNECTION_CONFIGURATION);
        if (stored.isEmpty()) {
            return Response.of(ResponseCode.CONNECTION_CONFIGURATION_NOT_FOUND);
        }
        Response response = Response.ok();
        ObjectNode shown = ConfigurationTrees.tree(
                call.connector.connectionConfigurationSchema().masked(ConfigurationTrees.configuration(stored.get())));
        for (var field : shown.properties()) {
            response = response.with(field.getKey(), field.getValue());
        }
        return response;
    }

    Response testConnection() {
        Optional<ObjectNode> stored = call.store.readConfiguration(StateStore.CONNECTION_CONFIGURATION);
        return stored.map(this::test).orElseGet(() -> Response.of(ResponseCode.CONNECTION_CONFIGURATION_NOT_FOUND));
    }

    /** Replaces the connection of a paused connector: the draft is tested first and saved only if it works. */
    Response updateConnectionConfiguration(JsonArgument argument) {
        return call.atomically(() -> call.withState(PAUSED, state -> {
            Accepted accepted =
                    accept(argument, PublicProcedure.UPDATE_CONNECTION_CONFIGURATION, WizardStep.CONNECTION_UPDATE);
            if (accepted.refusal() != null) {
                return accepted.refusal();
            }
            Optional<DraftConnectionTester> draftTester = call.connector.draftConnectionTester();
            Response draft = call.hook(
                    "ConfigurationHooks.draftConnection",
                    () -> call.connector
                            .configurationHooks()
                            .draftConnection(ConfigurationTrees.configuration(accepted.value()), call.context()));
            if (!draft.isOk()) {
                return draft;
            }
            Response draftTest = testDraft(accepted.value());
            if (!draftTest.isOk()) {
                return draftTest;
            }
            call.store.writeConfiguration(StateStore.CONNECTION_CONFIGURATION, accepted.value());
            Response saved = connectionSaved(accepted.value());
            if (!saved.isOk()) {
                return saved;
            }
            // Without a separate draft tester the draft test already was the connection test.
            return draftTester.isPresent() ? test(accepted.value()) : draftTest;
        }));
    }

    Response testDraftConnection(JsonArgument argument) {
        Optional<ObjectNode> input = argument.asObject();
        if (input.isEmpty()) {
            return argument.notAnObject(PublicProcedure.TEST_DRAFT_CONNECTION.name(), "CONFIG");
        }
        ConfigurationSchema.Validation validation =
                call.connector.connectionConfigurationSchema().validate(ConfigurationTrees.configuration(input.get()));
        return validation.isAccepted() ? testDraft(ConfigurationTrees.tree(validation.value())) : validation.refusal();
    }

    private Response connectionSaved(ObjectNode connection) {
        return call.hook(
                "ConfigurationHooks.connectionSaved",
                () -> call.connector
                        .configurationHooks()
                        .connectionSaved(ConfigurationTrees.configuration(connection), call.context()));
    }

    private Response test(ObjectNode connection) {
        Optional<ConnectionTester> tester = call.connector.connectionTester();
        if (tester.isEmpty()) {
            return Response.of(ResponseCode.CONNECTION_TESTER_NOT_REGISTERED);
        }
        return call.hook(
                "connection tester",
                () -> tester.get().test(ConfigurationTrees.configuration(connection), call.context()));
    }

    private Response testDraft(ObjectNode draft) {
        Optional<DraftConnectionTester> draftTester = call.connector.draftConnectionTester();
        if (draftTester.isEmpty()) {
            return test(draft);
        }
        return call.hook(
                "draft connection tester",
                () -> draftTester.get().testDraft(ConfigurationTrees.configuration(draft), call.context()));
    }

    /**
     * Checks an incoming connection configuration: an object, of the declared fields, accepted by the connector's
     * validator, which may replace it with a normalised {@code config} (checked again).
     */
    private Accepted accept(JsonArgument argument, PublicProcedure procedure, WizardStep step) {
        Optional<ObjectNode> input = argument.asObject();
        if (input.isEmpty()) {
            return Accepted.refused(argument.notAnObject(procedure.name(), "CONNECTION_CONFIGURATION"));
        }
        ConfigurationSchema schema = call.connector.connectionConfigurationSchema();
        ConfigurationSchema.Validation validation = schema.validate(ConfigurationTrees.configuration(input.get()));
        if (!validation.isAccepted()) {
            return Accepted.refused(validation.refusal());
        }
        Optional<StepValidator> validator = call.connector.validator(step);
        if (validator.isEmpty()) {
            return Accepted.of(ConfigurationTrees.tree(validation.value()));
        }
        ObjectNode value = ConfigurationTrees.tree(validation.value());
        Response verdict = call.hook(
                "connection configuration validator",
                () -> validator.get().validate(ConfigurationTrees.configuration(value), call.context()));
        if (!verdict.isOk()) {
            return Accepted.refused(verdict);
        }
        if (!verdict.payload().containsKey("config")) {
            return Accepted.of(value);
        }
        JsonNode replacement = JsonTree.tree(verdict.payload().get("config"));
        if (!replacement.isObject()) {
            return Accepted.refused(Response.of(
                    ResponseCode.INVALID_RESPONSE,
                    "the connection configuration " + "validator answered a config that is "
                            + JsonTree.describeType(replacement) + ", not an object"));
        }
        ConfigurationSchema.Validation normalised = schema.validate(ConfigurationTrees.configuration(replacement));
        return normalised.isAccepted()
                ? Accepted.of(ConfigurationTrees.tree(normalised.value()))
                : Accepted.refused(normalised.refusal());
    }

    private record Accepted(ObjectNode value, Response refusal) {
        static Accepted of(ObjectNode value) {
            return new Accepted(value, null);
        }

        static Accepted refused(Response refusal) {
            return new Accepted(null, refusal);
        }
    }
}
