package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.procedures.ConnectorRuntime;
import io.connectorkit.runtime.procedures.JsonArgument;
import io.connectorkit.runtime.procedures.PublicProcedure;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * The H2 aliases of the public procedures: {@code CALL PUBLIC.CONFIGURE_CONNECTOR('{"warehouse": "WH"}')} runs
 * {@link #configureConnector}. Names and arguments are Snowflake's; VARIANT travels as JSON text, in and out.
 * A procedure that VIEWER may not call raises a SQL error (state {@code 42501}) for VIEWER before it runs, as the
 * CALL does in Snowflake; every other outcome is a response.
 */
public final class EmbeddedProcedures {

    private EmbeddedProcedures() {}

    public static String getConnectorStatus(Connection connection) throws SQLException {
        return call(connection, PublicProcedure.GET_CONNECTOR_STATUS, ConnectorRuntime::getConnectorStatus);
    }

    public static String recoverConnectorState(Connection connection, String newConnectorStatus) throws SQLException {
        return call(
                connection,
                PublicProcedure.RECOVER_CONNECTOR_STATE,
                runtime -> runtime.recoverConnectorState(newConnectorStatus));
    }

    public static String updatePrerequisite(Connection connection, String id, Boolean isCompleted) throws SQLException {
        return call(
                connection,
                PublicProcedure.UPDATE_PREREQUISITE,
                runtime -> runtime.updatePrerequisite(id, isCompleted));
    }

    public static String markAllPrerequisitesAsDone(Connection connection) throws SQLException {
        return call(
                connection,
                PublicProcedure.MARK_ALL_PREREQUISITES_AS_DONE,
                ConnectorRuntime::markAllPrerequisitesAsDone);
    }

    public static String completePrerequisitesStep(Connection connection) throws SQLException {
        return call(
                connection, PublicProcedure.COMPLETE_PREREQUISITES_STEP, ConnectorRuntime::completePrerequisitesStep);
    }

    public static String configureConnector(Connection connection, String config) throws SQLException {
        return call(
                connection,
                PublicProcedure.CONFIGURE_CONNECTOR,
                runtime -> runtime.configureConnector(JsonArgument.ofText(config)));
    }

    public static String setConnectionConfiguration(Connection connection, String connectionConfiguration)
            throws SQLException {
        return call(
                connection,
                PublicProcedure.SET_CONNECTION_CONFIGURATION,
                runtime -> runtime.setConnectionConfiguration(JsonArgument.ofText(connectionConfiguration)));
    }

    public static String getConnectionConfiguration(Connection connection) throws SQLException {
        return call(
                connection, PublicProcedure.GET_CONNECTION_CONFIGURATION, ConnectorRuntime::getConnectionConfiguration);
    }

    public static String testConnection(Connection connection) throws SQLException {
        return call(connection, PublicProcedure.TEST_CONNECTION, ConnectorRuntime::testConnection);
    }

    public static String finalizeConnectorConfiguration(Connection connection, String customConfiguration)
            throws SQLException {
        return call(
                connection,
                PublicProcedure.FINALIZE_CONNECTOR_CONFIGURATION,
                runtime -> runtime.finalizeConnectorConfiguration(JsonArgument.ofText(customConfiguration)));
    }

    public static String validateSource(Connection connection, String customConfiguration) throws SQLException {
        return call(
                connection,
                PublicProcedure.VALIDATE_SOURCE,
                runtime -> runtime.validateSource(JsonArgument.ofText(customConfiguration)));
    }

    public static String resetConfiguration(Connection connection) throws SQLException {
        return call(connection, PublicProcedure.RESET_CONFIGURATION, ConnectorRuntime::resetConfiguration);
    }

    public static String updateConnectionConfiguration(Connection connection, String connectionConfiguration)
            throws SQLException {
        return call(
                connection,
                PublicProcedure.UPDATE_CONNECTION_CONFIGURATION,
                runtime -> runtime.updateConnectionConfiguration(JsonArgument.ofText(connectionConfiguration)));
    }

    public static String testDraftConnection(Connection connection, String config) throws SQLException {
        return call(
                connection,
                PublicProcedure.TEST_DRAFT_CONNECTION,
                runtime -> runtime.testDraftConnection(JsonArgument.ofText(config)));
    }

    public static String updateConnectorConfiguration(Connection connection, String config) throws SQLException {
        return call(
                connection,
                PublicProcedure.UPDATE_CONNECTOR_CONFIGURATION,
                runtime -> runtime.updateConnectorConfiguration(JsonArgument.ofText(config)));
    }

    public static String updateWarehouse(Connection connection, String warehouseName) throws SQLException {
        return call(connection, PublicProcedure.UPDATE_WAREHOUSE, runtime -> runtime.updateWarehouse(warehouseName));
    }

    public static String pauseConnector(Connection connection) throws SQLException {
        return call(connection, PublicProcedure.PAUSE_CONNECTOR, ConnectorRuntime::pauseConnector);
    }

    public static String resumeConnector(Connection connection) throws SQLException {
        return call(connection, PublicProcedure.RESUME_CONNECTOR, ConnectorRuntime::resumeConnector);
    }

    /**
     * {@code CREATE_RESOURCE} with every argument. H2 has no argument defaults, but one alias maps every overload of
     * a method that differs in its number of parameters, so the three overloads below take the forms that leave out
     * the trailing defaulted arguments, as Snowflake's {@code DEFAULT} does: NULL ID is a new UUID, NULL ENABLED is
     * FALSE.
     */
    public static String createResource(
            Connection connection,
            String name,
            String resourceId,
            String ingestionConfigurations,
            String id,
            Boolean enabled,
            String resourceMetadata)
            throws SQLException {
        return call(
                connection,
                PublicProcedure.CREATE_RESOURCE,
                runtime -> runtime.createResource(
                        name,
                        JsonArgument.ofText(resourceId),
                        JsonArgument.ofText(ingestionConfigurations),
                        id,
                        enabled,
                        JsonArgument.ofText(resourceMetadata)));
    }

    /** {@code CREATE_RESOURCE(NAME, RESOURCE_ID, INGESTION_CONFIGURATIONS)}: ID, ENABLED and metadata defaulted. */
    public static String createResource(
            Connection connection, String name, String resourceId, String ingestionConfigurations) throws SQLException {
        return createResource(connection, name, resourceId, ingestionConfigurations, null, false, null);
    }

    /** {@code CREATE_RESOURCE(NAME, RESOURCE_ID, INGESTION_CONFIGURATIONS, ID)}: ENABLED and metadata defaulted. */
    public static String createResource(
            Connection connection, String name, String resourceId, String ingestionConfigurations, String id)
            throws SQLException {
        return createResource(connection, name, resourceId, ingestionConfigurations, id, false, null);
    }

    /** {@code CREATE_RESOURCE(NAME, RESOURCE_ID, INGESTION_CONFIGURATIONS, ID, ENABLED)}: metadata defaulted. */
    public static String createResource(
            Connection connection,
            String name,
            String resourceId,
            String ingestionConfigurations,
            String id,
            Boolean enabled)
            throws SQLException {
        return createResource(connection, name, resourceId, ingestionConfigurations, id, enabled, null);
    }

    public static String enableResource(Connection connection, String resourceIngestionDefinitionId)
            throws SQLException {
        return call(
                connection,
                PublicProcedure.ENABLE_RESOURCE,
                runtime -> runtime.enableResource(resourceIngestionDefinitionId));
    }

    public static String disableResource(Connection connection, String resourceIngestionDefinitionId)
            throws SQLException {
        return call(
                connection,
                PublicProcedure.DISABLE_RESOURCE,
                runtime -> runtime.disableResource(resourceIngestionDefinitionId));
    }

    public static String updateResource(
            Connection connection, String resourceIngestionDefinitionId, String ingestionConfigurations)
            throws SQLException {
        return call(
                connection,
                PublicProcedure.UPDATE_RESOURCE,
                runtime -> runtime.updateResource(
                        resourceIngestionDefinitionId, JsonArgument.ofText(ingestionConfigurations)));
    }

    /** Called by the host (the Maven goals {@code connector:ingest} and {@code connector:run}), as ADMIN. */
    public static String runSchedulerIteration(Connection connection) throws SQLException {
        return call(connection, PublicProcedure.RUN_SCHEDULER_ITERATION, ConnectorRuntime::runSchedulerIteration);
    }

    /** {@code RUN_INGESTION_NOW()}: the defaulted NULL, every enabled resource. */
    public static String runIngestionNow(Connection connection) throws SQLException {
        return runIngestionNow(connection, null);
    }

    /** Called by the host ({@code connector:ingest -Dconnector.resource}, {@code -Dconnector.force}), as ADMIN. */
    public static String runIngestionNow(Connection connection, String resourceIngestionDefinitionId)
            throws SQLException {
        return call(
                connection,
                PublicProcedure.RUN_INGESTION_NOW,
                runtime -> runtime.runIngestionNow(resourceIngestionDefinitionId));
    }

    /**
     * {@code PUBLIC.REGISTER_SECRET(REF_NAME, SECRET_VALUE)}, embedded only and ADMIN only: binds a secret to one of
     * the connector's secret references, as binding a Snowflake {@code SECRET} to the app's reference does.
     */
    public static String registerSecret(Connection connection, String referenceName, String secretValue)
            throws SQLException {
        EmbeddedApp.checkWritable(SecretRegistration.PROCEDURE);
        CallerRole.check(connection, SecretRegistration.PROCEDURE, false);
        Response response;
        try {
            response = new SecretRegistration(
                            EmbeddedApp.connector(connection),
                            new EmbeddedSecrets(new JdbcSqlPort(connection, H2Dialect.INSTANCE)))
                    .register(referenceName, secretValue);
        } catch (RuntimeException | LinkageError e) {
            response = cannotStart(e);
        }
        return response.toJsonText();
    }

    /** {@code PUBLIC.SETTLE_SECRET(REF_NAME, KEEP_NEW)}, embedded only and ADMIN only (see SecretRegistration). */
    public static String settleSecret(Connection connection, String referenceName, Boolean keepNew)
            throws SQLException {
        EmbeddedApp.checkWritable(SecretRegistration.SETTLE);
        CallerRole.check(connection, SecretRegistration.SETTLE, false);
        Response response;
        try {
            response = new SecretRegistration(
                            EmbeddedApp.connector(connection),
                            new EmbeddedSecrets(new JdbcSqlPort(connection, H2Dialect.INSTANCE)))
                    .settle(referenceName, keepNew);
        } catch (RuntimeException | LinkageError e) {
            response = cannotStart(e);
        }
        return response.toJsonText();
    }

    /**
     * {@code PARSE_JSON('...')} for scripts written for Snowflake: the text passes through unchanged, and the
     * procedure that receives it reports text that is not JSON as a response, not as a SQL error.
     */
    public static String parseJson(String text) {
        return text;
    }

    private static String call(
            Connection connection, PublicProcedure procedure, Function<ConnectorRuntime, Response> work)
            throws SQLException {
        EmbeddedApp.checkWritable(procedure.name());
        CallerRole.check(connection, procedure.name(), procedure.access() == PublicProcedure.Access.ADMIN_AND_VIEWER);
        Response response;
        try {
            response = work.apply(EmbeddedApp.runtime(connection));
        } catch (RuntimeException | LinkageError e) {
            response = cannotStart(e);
        }
        return response.toJsonText();
    }

    /** Only reached when the runtime cannot even be built (no connector, broken class path). */
    private static Response cannotStart(Throwable e) {
        return Response.withMessage(
                ResponseCode.UNKNOWN_ERROR, "The embedded app could not start the connector " + "runtime: " + e);
    }
}
