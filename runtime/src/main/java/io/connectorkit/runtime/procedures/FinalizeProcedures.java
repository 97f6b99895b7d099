package io.connectorkit.runtime.procedures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.config.CronExpression;
import io.connectorkit.runtime.internal.json.ConfigurationTrees;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.FinalizeCallback;
import io.connectorkit.runtime.spi.SourceValidator;
import io.connectorkit.runtime.spi.WizardStep;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.state.StateStore;
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

    private static final StatusGate CONNECTED =
            StatusGate.status(ConnectorStatus.CONFIGURING).configurationStatus(ConfigurationStatus.CONNECTED);

    static final String CREATE_DATABASE = "CREATE DATABASE";

    private final ProcedureCall call;

    FinalizeProcedures(ProcedureCall call) {
        this.call = call;
    }

    Response finalizeConnectorConfiguration(JsonArgument argument) {
        return call.atomically(() -> call.withState(CONNECTED, state -> {
            Optional<ObjectNode> input = argument.asObject();
            if (input.isEmpty()) {
                return argument.notAnObject(
                        PublicProcedure.FINALIZE_CONNECTOR_CONFIGURATION.name(), "CUSTOM_CONFIGURATION");
            }
            Configuration finalizeInput = ConfigurationTrees.configuration(input.get());
            Optional<Response> validation = call.connector
                    .validator(WizardStep.FINALIZE)
                    .map(validator ->
                            call.hook("finalize validator", () -> validator.validate(finalizeInput, call.context())));
            if (validation.isPresent() && !validation.get().isOk()) {
                return validation.get();
            }
            Response source = validateSource(finalizeInput);
            if (!source.isOk()) {
                return source;
            }
            Optional<Response> account = prepareAccount();
            if (account.isPresent()) {
                return account.get();
            }
            Optional<FinalizeCallback> callback = call.connector.finalizeCallback();
            Response finalized = callback.isEmpty()
                    ? Response.ok("Connector configuration finalized.")
                    : call.hook(
                            "finalize callback",
                            () -> callback.get().finalizeConfiguration(finalizeInput, call.context()));
            if (finalized.isOk()) {
                Optional<Response> scheduler = createSchedulerTask();
                if (scheduler.isPresent()) {
                    return scheduler.get();
                }
                call.store.writeState(new ConnectorState(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED));
            }
            return finalized;
        }));
    }

    /**
     * What finalization needs of the account: EXECUTE TASK for the scheduler task of a {@code global_schedule}, and
     * the {@code destination_database}, which the app creates and owns (CREATE DATABASE). Creating it is DDL and
     * idempotent, so it runs before the callback writes anything and a retried finalize finds it.
     */
    private Optional<Response> prepareAccount() {
        ObjectNode configuration =
                call.store.readConfiguration(StateStore.CONNECTOR_CONFIGURATION).orElse(JsonTree.object());
        JsonNode schedule = configuration.get("global_schedule");
        if (schedule != null
                && !schedule.isNull()
                && !call.account.holdsAccountPrivilege(LifecycleProcedures.EXECUTE_TASK)) {
            return Optional.of(Response.of(ResponseCode.REQUIRED_PRIVILEGES_MISSING, LifecycleProcedures.EXECUTE_TASK));
        }
        String database = configuration.path("destination_database").asText("");
        if (database.isBlank()) {
            return Optional.empty();
        }
        if (!Identifier.isValid(database)) {
            return Optional.of(Response.withMessage(
                    ResponseCode.INVALID_IDENTIFIER,
                    ResponseCode.INVALID_IDENTIFIER.message(database)
                            + ": connector_configuration.destination_database "
                            + "cannot be created; configure it again"));
        }
        if (!call.account.holdsAccountPrivilege(CREATE_DATABASE)) {
            return Optional.of(Response.of(ResponseCode.REQUIRED_PRIVILEGES_MISSING, CREATE_DATABASE));
        }
        call.account.createAppDatabase(Identifier.parse(database));
        return Optional.empty();
    }

    /**
     * With a {@code global_schedule}, the scheduler task (spec §2.7): on the configured warehouse, else the
     * {@code WAREHOUSE_REFERENCE}; created only when absent, so a retried finalize succeeds. Its DDL commits what the
     * callback wrote so far; the connector is STARTED only after it, so a failure leaves it CONNECTED.
     */
    private Optional<Response> createSchedulerTask() {
        ObjectNode configuration =
                call.store.readConfiguration(StateStore.CONNECTOR_CONFIGURATION).orElse(JsonTree.object());
        JsonNode schedule = configuration.get("global_schedule");
        if (schedule == null || schedule.isNull()) {
            return Optional.empty();
        }
        String cron = schedule.path("scheduleDefinition").asText(null);
        if (!"CRON".equals(schedule.path("scheduleType").asText(null)) || !CronExpression.isValid(cron)) {
            return Optional.of(Response.withMessage(
                    ResponseCode.INVALID_CONFIGURATION_VALUE,
                    "connector_configuration"
                            + ".global_schedule must be {\"scheduleType\": \"CRON\", \"scheduleDefinition\": \"<5-field "
                            + "cron>\"} to create the scheduler task; configure it again"));
        }
        String warehouse = configuration.path("warehouse").asText(null);
        if (warehouse != null && !Identifier.isValid(warehouse)) {
            return Optional.of(Response.withMessage(
                    ResponseCode.INVALID_IDENTIFIER,
                    ResponseCode.INVALID_IDENTIFIER.message(warehouse) + ": connector_configuration.warehouse cannot "
                            + "run the scheduler task; configure it again"));
        }
        call.account.schedulerTask().create(cron, Optional.ofNullable(warehouse).map(Identifier::parse));
        return Optional.empty();
    }

    Response validateSource(JsonArgument argument) {
        Optional<ObjectNode> input = argument.asObject();
        if (input.isEmpty()) {
            return argument.notAnObject(PublicProcedure.VALIDATE_SOURCE.name(), "CUSTOM_CONFIGURATION");
        }
        return validateSource(ConfigurationTrees.configuration(input.get()));
    }

    private Response validateSource(Configuration finalizeInput) {
        Optional<SourceValidator> validator = call.connector.sourceValidator();
        if (validator.isEmpty()) {
            return Response.ok();
        }
        return call.hook("source validator", () -> validator.get().validateSource(finalizeInput, call.context()));
    }
}
