package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.sql.Account;
import io.connectorkit.runtime.sql.SecretStore;
import io.connectorkit.runtime.sql.SqlFailure;
import io.connectorkit.runtime.sql.SqlPort;
import io.connectorkit.runtime.status.ConnectorState.CorruptStateException;
import java.util.function.Supplier;

/**
 * The public procedures of a connector app, independent of where it runs: the embedded and Snowflake entry points
 * build one per call over their own {@link SqlPort}, {@link Account} and {@link SecretStore}. Every outcome is a
 * {@link Response}; nothing is raised to the caller.
 */
public final class ConnectorRuntime {

    private static final System.Logger LOG = System.getLogger("io.connectorkit.runtime");

    private final ProcedureCall call;

    public ConnectorRuntime(
            SqlPort port, Account account, SecretStore secrets, ConnectorDefinition connector, String target) {
        this.call = new ProcedureCall(port, account, secrets, connector, target);
    }

    public Response getConnectorStatus() {
        return run(PublicProcedure.GET_CONNECTOR_STATUS, () -> new StatusProcedures(call).getConnectorStatus());
    }

    public Response recoverConnectorState(String newStatus) {
        return run(
                PublicProcedure.RECOVER_CONNECTOR_STATE,
                () -> new StatusProcedures(call).recoverConnectorState(newStatus));
    }

    public Response updatePrerequisite(String id, Boolean completed) {
        return run(
                PublicProcedure.UPDATE_PREREQUISITE,
                () -> new PrerequisiteProcedures(call).updatePrerequisite(id, completed));
    }

    public Response markAllPrerequisitesAsDone() {
        return run(
                PublicProcedure.MARK_ALL_PREREQUISITES_AS_DONE,
                () -> new PrerequisiteProcedures(call).markAllPrerequisitesAsDone());
    }

    public Response completePrerequisitesStep() {
        return run(
                PublicProcedure.COMPLETE_PREREQUISITES_STEP,
                () -> new PrerequisiteProcedures(call).completePrerequisitesStep());
    }

    public Response configureConnector(JsonArgument config) {
        return run(
                PublicProcedure.CONFIGURE_CONNECTOR,
                () -> new ConnectorConfigurationProcedure(call).configureConnector(config));
    }

    public Response setConnectionConfiguration(JsonArgument connectionConfiguration) {
        return run(
                PublicProcedure.SET_CONNECTION_CONFIGURATION,
                () -> new ConnectionProcedures(call).setConnectionConfiguration(connectionConfiguration));
    }

    public Response getConnectionConfiguration() {
        return run(
                PublicProcedure.GET_CONNECTION_CONFIGURATION,
                () -> new ConnectionProcedures(call).getConnectionConfiguration());
    }

    public Response testConnection() {
        return run(PublicProcedure.TEST_CONNECTION, () -> new ConnectionProcedures(call).testConnection());
    }

    public Response finalizeConnectorConfiguration(JsonArgument customConfiguration) {
        return run(
                PublicProcedure.FINALIZE_CONNECTOR_CONFIGURATION,
                () -> new FinalizeProcedures(call).finalizeConnectorConfiguration(customConfiguration));
    }

    public Response validateSource(JsonArgument customConfiguration) {
        return run(
                PublicProcedure.VALIDATE_SOURCE,
                () -> new FinalizeProcedures(call).validateSource(customConfiguration));
    }

    public Response resetConfiguration() {
        return run(PublicProcedure.RESET_CONFIGURATION, () -> new ResetProcedure(call).resetConfiguration());
    }

    public Response updateConnectionConfiguration(JsonArgument connectionConfiguration) {
        return run(
                PublicProcedure.UPDATE_CONNECTION_CONFIGURATION,
                () -> new ConnectionProcedures(call).updateConnectionConfiguration(connectionConfiguration));
    }

    public Response testDraftConnection(JsonArgument config) {
        return run(
                PublicProcedure.TEST_DRAFT_CONNECTION,
                () -> new ConnectionProcedures(call).testDraftConnection(config));
    }

    public Response updateConnectorConfiguration(JsonArgument config) {
        return run(
                PublicProcedure.UPDATE_CONNECTOR_CONFIGURATION,
                () -> new ConnectorConfigurationProcedure(call).updateConnectorConfiguration(config));
    }

    public Response updateWarehouse(String warehouseName) {
        return run(PublicProcedure.UPDATE_WAREHOUSE, () -> new WarehouseProcedure(call).updateWarehouse(warehouseName));
    }

    public Response pauseConnector() {
        return run(PublicProcedure.PAUSE_CONNECTOR, () -> new LifecycleProcedures(call).pauseConnector());
    }

    public Response resumeConnector() {
        return run(PublicProcedure.RESUME_CONNECTOR, () -> new LifecycleProcedures(call).resumeConnector());
    }

    public Response createResource(
            String name,
            JsonArgument resourceId,
            JsonArgument ingestionConfigurations,
            String id,
            Boolean enabled,
            JsonArgument resourceMetadata) {
        return run(
                PublicProcedure.CREATE_RESOURCE,
                () -> new ResourceProcedures(call)
                        .createResource(name, resourceId, ingestionConfigurations, id, enabled, resourceMetadata));
    }

    public Response enableResource(String resourceIngestionDefinitionId) {
        return run(
                PublicProcedure.ENABLE_RESOURCE,
                () -> new ResourceProcedures(call).enableResource(resourceIngestionDefinitionId));
    }

    public Response disableResource(String resourceIngestionDefinitionId) {
        return run(
                PublicProcedure.DISABLE_RESOURCE,
                () -> new ResourceProcedures(call).disableResource(resourceIngestionDefinitionId));
    }

    public Response updateResource(String resourceIngestionDefinitionId, JsonArgument ingestionConfigurations) {
        return run(
                PublicProcedure.UPDATE_RESOURCE,
                () -> new ResourceProcedures(call)
                        .updateResource(resourceIngestionDefinitionId, ingestionConfigurations));
    }

    public Response runSchedulerIteration() {
        return run(PublicProcedure.RUN_SCHEDULER_ITERATION, () -> new SchedulerIteration(call).run());
    }

    /**
     * RUN_INGESTION_NOW: the ingestions of one resource now, due or not, or of every enabled resource when the id
     * is {@code null}.
     */
    public Response runIngestionNow(String resourceIngestionDefinitionId) {
        return run(
                PublicProcedure.RUN_INGESTION_NOW,
                () -> new SchedulerIteration(call, SchedulerIteration.Selection.now(resourceIngestionDefinitionId))
                        .run());
    }

    /** Turns whatever escapes a procedure into a response object, logged with its cause. */
    static Response run(PublicProcedure procedure, Supplier<Response> work) {
        Response response;
        try {
            response = work.get();
        } catch (SqlFailure.LockTimeout e) {
            LOG.log(System.Logger.Level.WARNING, procedure + " waited too long for the connector's state", e);
            response = Response.of(ResponseCode.CONNECTOR_BUSY);
        } catch (CorruptStateException e) {
            LOG.log(System.Logger.Level.ERROR, procedure + " found the connector's state unreadable", e);
            response = Response.withMessage(
                    ResponseCode.INTERNAL_ERROR,
                    "The connector's state cannot be read: " + e.getMessage()
                            + ". Reinstalling the app or RECOVER_CONNECTOR_STATE may be needed.");
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, procedure + " failed unexpectedly", e);
            response = Response.withMessage(
                    ResponseCode.UNKNOWN_ERROR, procedure + " failed unexpectedly: " + ProcedureCall.describe(e));
        }
        if (!response.isOk()) {
            // Refusals are ordinary answers, so they are logged for debugging only; failures were logged above.
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "An error with code {0} has been encountered in {1}: {2}",
                    response.code(),
                    procedure,
                    response.message().orElse(""));
        }
        return response;
    }
}
