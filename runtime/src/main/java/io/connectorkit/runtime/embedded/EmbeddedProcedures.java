package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.JsonArgument;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.procedures.ConnectorRuntime;
import java.sql.Connection;
import java.util.function.Function;

/**
 * The H2 aliases of the public procedures: {@code CALL PUBLIC.CONFIGURE_CONNECTOR('{"warehouse": "WH"}')} runs
 * {@link #configureConnector}. Names and arguments are Snowflake's; VARIANT travels as JSON text, in and out.
 */
public final class EmbeddedProcedures {

    private EmbeddedProcedures() {
    }

    public static String getConnectorStatus(Connection connection) {
        return call(connection, ConnectorRuntime::getConnectorStatus);
    }

    public static String recoverConnectorState(Connection connection, String newConnectorStatus) {
        return call(connection, runtime -> runtime.recoverConnectorState(newConnectorStatus));
    }

    public static String updatePrerequisite(Connection connection, String id, Boolean isCompleted) {
        return call(connection, runtime -> runtime.updatePrerequisite(id, isCompleted));
    }

    public static String markAllPrerequisitesAsDone(Connection connection) {
        return call(connection, ConnectorRuntime::markAllPrerequisitesAsDone);
    }

    public static String completePrerequisitesStep(Connection connection) {
        return call(connection, ConnectorRuntime::completePrerequisitesStep);
    }

    public static String configureConnector(Connection connection, String config) {
        return call(connection, runtime -> runtime.configureConnector(JsonArgument.ofText(config)));
    }

    public static String setConnectionConfiguration(Connection connection, String connectionConfiguration) {
        return call(connection,
                runtime -> runtime.setConnectionConfiguration(JsonArgument.ofText(connectionConfiguration)));
    }

    public static String getConnectionConfiguration(Connection connection) {
        return call(connection, ConnectorRuntime::getConnectionConfiguration);
    }

    public static String testConnection(Connection connection) {
        return call(connection, ConnectorRuntime::testConnection);
    }

    public static String finalizeConnectorConfiguration(Connection connection, String customConfiguration) {
        return call(connection,
                runtime -> runtime.finalizeConnectorConfiguration(JsonArgument.ofText(customConfiguration)));
    }

    public static String validateSource(Connection connection, String customConfiguration) {
        return call(connection, runtime -> runtime.validateSource(JsonArgument.ofText(customConfiguration)));
    }

    public static String resetConfiguration(Connection connection) {
        return call(connection, ConnectorRuntime::resetConfiguration);
    }

    public static String updateConnectionConfiguration(Connection connection, String connectionConfiguration) {
        return call(connection,
                runtime -> runtime.updateConnectionConfiguration(JsonArgument.ofText(connectionConfiguration)));
    }

    public static String testDraftConnection(Connection connection, String config) {
        return call(connection, runtime -> runtime.testDraftConnection(JsonArgument.ofText(config)));
    }

    public static String updateWarehouse(Connection connection, String warehouseName) {
        return call(connection, runtime -> runtime.updateWarehouse(warehouseName));
    }

    public static String pauseConnector(Connection connection) {
        return call(connection, ConnectorRuntime::pauseConnector);
    }

    public static String resumeConnector(Connection connection) {
        return call(connection, ConnectorRuntime::resumeConnector);
    }

    /**
     * {@code PARSE_JSON('...')} for scripts written for Snowflake: the text passes through unchanged, and the
     * procedure that receives it reports text that is not JSON as a response, not as a SQL error.
     */
    public static String parseJson(String text) {
        return text;
    }

    private static String call(Connection connection, Function<ConnectorRuntime, Response> procedure) {
        Response response;
        try {
            response = procedure.apply(EmbeddedApp.runtime(connection));
        } catch (RuntimeException | LinkageError e) {
            // Only reached when the runtime cannot even be built (no connector, broken class path).
            response = Response.withMessage(ResponseCode.UNKNOWN_ERROR, "The embedded app could not start the "
                    + "connector runtime: " + e);
        }
        return response.toJsonText();
    }
}
