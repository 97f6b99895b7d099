package io.connectorkit.runtime.snowflake;

import com.snowflake.snowpark_java.Session;
import com.snowflake.snowpark_java.types.Variant;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.procedures.ConnectorRuntime;
import io.connectorkit.runtime.procedures.JsonArgument;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import java.util.function.Function;

/**
 * The handlers of the public procedures inside Snowflake
 * ({@code LANGUAGE JAVA RUNTIME_VERSION = '17' HANDLER = 'io.connectorkit.runtime.snowflake.SnowflakeProcedures.<method>'}).
 * VARIANT arguments and results cross as Snowpark {@link Variant}s; the runtime never exposes its own JSON library
 * to Snowpark's.
 */
public final class SnowflakeProcedures {

    public static final String TARGET = "snowflake";

    private SnowflakeProcedures() {}

    public static Variant getConnectorStatus(Session session) {
        return call(session, ConnectorRuntime::getConnectorStatus);
    }

    public static Variant recoverConnectorState(Session session, String newConnectorStatus) {
        return call(session, runtime -> runtime.recoverConnectorState(newConnectorStatus));
    }

    public static Variant updatePrerequisite(Session session, String id, Boolean isCompleted) {
        return call(session, runtime -> runtime.updatePrerequisite(id, isCompleted));
    }

    public static Variant markAllPrerequisitesAsDone(Session session) {
        return call(session, ConnectorRuntime::markAllPrerequisitesAsDone);
    }

    public static Variant completePrerequisitesStep(Session session) {
        return call(session, ConnectorRuntime::completePrerequisitesStep);
    }

    public static Variant configureConnector(Session session, Variant config) {
        return call(session, runtime -> runtime.configureConnector(argument(config)));
    }

    public static Variant setConnectionConfiguration(Session session, Variant connectionConfiguration) {
        return call(session, runtime -> runtime.setConnectionConfiguration(argument(connectionConfiguration)));
    }

    public static Variant getConnectionConfiguration(Session session) {
        return call(session, ConnectorRuntime::getConnectionConfiguration);
    }

    public static Variant testConnection(Session session) {
        return call(session, ConnectorRuntime::testConnection);
    }

    public static Variant finalizeConnectorConfiguration(Session session, Variant customConfiguration) {
        return call(session, runtime -> runtime.finalizeConnectorConfiguration(argument(customConfiguration)));
    }

    public static Variant validateSource(Session session, Variant customConfiguration) {
        return call(session, runtime -> runtime.validateSource(argument(customConfiguration)));
    }

    public static Variant resetConfiguration(Session session) {
        return call(session, ConnectorRuntime::resetConfiguration);
    }

    public static Variant updateConnectionConfiguration(Session session, Variant connectionConfiguration) {
        return call(session, runtime -> runtime.updateConnectionConfiguration(argument(connectionConfiguration)));
    }

    public static Variant testDraftConnection(Session session, Variant config) {
        return call(session, runtime -> runtime.testDraftConnection(argument(config)));
    }

    public static Variant updateConnectorConfiguration(Session session, Variant config) {
        return call(session, runtime -> runtime.updateConnectorConfiguration(argument(config)));
    }

    public static Variant updateWarehouse(Session session, String warehouseName) {
        return call(session, runtime -> runtime.updateWarehouse(warehouseName));
    }

    public static Variant pauseConnector(Session session) {
        return call(session, ConnectorRuntime::pauseConnector);
    }

    public static Variant resumeConnector(Session session) {
        return call(session, ConnectorRuntime::resumeConnector);
    }

    /** The procedure declares the SDK's defaults: ID NULL, ENABLED FALSE, RESOURCE_METADATA NULL. */
    public static Variant createResource(
            Session session,
            String name,
            Variant resourceId,
            Variant ingestionConfigurations,
            String id,
            Boolean enabled,
            Variant resourceMetadata) {
        return call(
                session,
                runtime -> runtime.createResource(
                        name,
                        argument(resourceId),
                        argument(ingestionConfigurations),
                        id,
                        enabled,
                        argument(resourceMetadata)));
    }

    public static Variant enableResource(Session session, String resourceIngestionDefinitionId) {
        return call(session, runtime -> runtime.enableResource(resourceIngestionDefinitionId));
    }

    public static Variant disableResource(Session session, String resourceIngestionDefinitionId) {
        return call(session, runtime -> runtime.disableResource(resourceIngestionDefinitionId));
    }

    public static Variant updateResource(
            Session session, String resourceIngestionDefinitionId, Variant ingestionConfigurations) {
        return call(
                session,
                runtime -> runtime.updateResource(resourceIngestionDefinitionId, argument(ingestionConfigurations)));
    }

    /** The body of {@code STATE.SCHEDULER_TASK}. */
    public static Variant runSchedulerIteration(Session session) {
        return call(session, ConnectorRuntime::runSchedulerIteration);
    }

    public static Variant runIngestionNow(Session session, String resourceIngestionDefinitionId) {
        return call(session, runtime -> runtime.runIngestionNow(resourceIngestionDefinitionId));
    }

    private static JsonArgument argument(Variant variant) {
        return JsonArgument.ofText(variant == null ? null : variant.asJsonString());
    }

    private static Variant call(Session session, Function<ConnectorRuntime, Response> procedure) {
        Response response;
        try {
            SnowparkSqlPort port = new SnowparkSqlPort(session);
            // Inside Snowflake an app has exactly one connector: its ConnectorProvider, unless a test bound one.
            ConnectorDefinition connector =
                    ConnectorRegistry.resolve(TARGET, SnowflakeProcedures.class.getClassLoader());
            response = procedure.apply(new ConnectorRuntime(
                    port, new SnowflakeAccount(port), new SnowflakeSecretStore(), connector, TARGET));
        } catch (RuntimeException | LinkageError e) {
            response = Response.withMessage(
                    ResponseCode.UNKNOWN_ERROR, "The app could not start the connector " + "runtime: " + e);
        }
        return new Variant(response.toJsonText());
    }
}
