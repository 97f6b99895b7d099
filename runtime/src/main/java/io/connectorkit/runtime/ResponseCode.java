package io.connectorkit.runtime;

/**
 * Every response code the runtime itself produces, with its message text in one place.
 * Connector hooks may return other codes; those travel as plain strings.
 * Codes marked "kit" are not in Snowflake's SDK: each one replaces a generic or missing code there.
 */
public enum ResponseCode {
    OK(null),
    /** Returned by a pause or resume hook that undid its own work. */
    ROLLBACK(null),
    CONNECTOR_STATUS_NOT_FOUND("Connector status data does not exist in the database."),
    INVALID_CONNECTOR_STATUS(null),
    INVALID_CONNECTOR_CONFIGURATION_STATUS(null),
    INVALID_NEW_CONNECTOR_STATUS("Invalid new connector status. Expected status: [STARTED, PAUSED]. New status: %s"),
    PREREQUISITE_NOT_FOUND("Prerequisite with ID: %s not found."),
    CONNECTION_CONFIGURATION_NOT_FOUND("Connection configuration data does not exist in the database."),
    CONNECTOR_CONFIGURATION_NOT_FOUND("Connector configuration record not found in database."),
    CONNECTOR_CONFIGURATION_PARSING_ERROR("Fields %s are not allowed in configuration."),
    /** kit: the connection configuration of a connector that declares its connection fields got an undeclared one. */
    CONNECTION_CONFIGURATION_PARSING_ERROR("Fields %s are not allowed in connection configuration."),
    /** kit: the argument is not a JSON object (the SDK answers INTERNAL_ERROR). */
    CONFIGURATION_NOT_AN_OBJECT(null),
    /** kit: a declared field has a value of the wrong type or format. */
    INVALID_CONFIGURATION_VALUE(null),
    /** kit: a field the connector declares as required is absent or empty. */
    MISSING_CONFIGURATION_FIELD(null),
    INVALID_IDENTIFIER("'%s' is not a valid Snowflake identifier"),
    INACCESSIBLE_WAREHOUSE("Warehouse %s is inaccessible to the application"),
    WAREHOUSE_ALREADY_USED("Warehouse %s is already used by the application"),
    REQUIRED_PRIVILEGES_MISSING("To perform this operation the application must be granted the following privileges: %s"),
    /** kit: the connector registers no connection tester (the SDK answers PROCEDURE_NOT_FOUND). */
    CONNECTION_TESTER_NOT_REGISTERED("This connector has no connection tester, so the connection cannot be tested. "
            + "The connector must register one with ConnectorDefinition.builder().connectionTester(...); "
            + "a connector that needs no test registers ConnectionTester.none()."),
    /** kit: another call holds the connector's state and did not release it in time. */
    CONNECTOR_BUSY("Another call is changing the connector's state right now; retry when it has finished."),
    /**
     * kit: {@code REGISTER_SECRET} (embedded only) got a name that is none of the connector's secret references;
     * the SDK has no such procedure, since Snowflake binds secrets to references itself.
     */
    INVALID_REFERENCE_NAME(null),
    INVALID_INPUT(null),
    INVALID_RESPONSE("Invalid connector response, reason: %s"),
    INTERNAL_ERROR(null),
    UNKNOWN_ERROR(null),
    /** Resources (spec §3.11): the transaction failed, field validation included, and nothing was kept. */
    CREATE_RESOURCE_ERROR("Error while creating resource. Changes were rolled back. Error: %s"),
    ENABLE_RESOURCE_ERROR("Error while enabling resource. Changes were rolled back. Error: %s"),
    DISABLE_RESOURCE_ERROR("Error while disabling resource. Changes were rolled back. Error: %s"),
    UPDATE_RESOURCE_ERROR("Error occurred while updating resource. Changes were rolled back. Error: %s");

    /** The fixed text of a pause or resume whose hook failed in an unexpected way (spec §1.6). */
    public static final String UNSPECIFIED_STATE_MESSAGE = "An unknown error occurred and the connector is now in an "
            + "unspecified state. Contact your connector provider, manual intervention may be required.";

    private final String messageFormat;

    ResponseCode(String messageFormat) {
        this.messageFormat = messageFormat;
    }

    /** The standard message of this code, filled with the given values. */
    public String message(Object... values) {
        if (messageFormat == null) {
            throw new IllegalStateException(name() + " has no standard message; give one explicitly");
        }
        return String.format(java.util.Locale.ROOT, messageFormat, values);
    }
}
