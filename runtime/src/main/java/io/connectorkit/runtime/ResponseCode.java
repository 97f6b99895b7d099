package io.connectorkit.runtime;

import java.util.Locale;

/**
 * Every response code the runtime itself produces, with its message text in one place.
 * Connector hooks may return other codes; those travel as plain strings.
 * Codes marked "kit" are not in Snowflake's SDK: each one replaces a generic or missing code there; the others are
 * the SDK's codes of the same name.
 *
 * <p>A code with a standard message is turned into a response by {@link Response#of(ResponseCode, Object...)}; one
 * without (its message depends on the case) by {@link Response#withMessage(ResponseCode, String)}.
 */
public enum ResponseCode {
    /** Success; the only code whose response needs no message. */
    OK(null),
    /** Returned by a pause or resume hook that undid its own work. */
    ROLLBACK(null),
    /** The {@code connector_status} row of {@code STATE.APP_STATE}, the connector's state, is missing. */
    CONNECTOR_STATUS_NOT_FOUND("Connector status data does not exist in the database."),
    /**
     * The connector's status does not allow the procedure; the message names the allowed ones and the current one
     * (see {@link io.connectorkit.runtime.status.StatusGate}).
     */
    INVALID_CONNECTOR_STATUS(null),
    /** The connector's configuration status (wizard step) does not allow the procedure; the message says which do. */
    INVALID_CONNECTOR_CONFIGURATION_STATUS(null),
    /** {@code RECOVER_CONNECTOR_STATE} was asked for a status other than {@code STARTED} or {@code PAUSED}. */
    INVALID_NEW_CONNECTOR_STATUS("Invalid new connector status. Expected status: [STARTED, PAUSED]. New status: %s"),
    /** {@code UPDATE_PREREQUISITE} got an id that is none of the connector's prerequisites. */
    PREREQUISITE_NOT_FOUND("Prerequisite with ID: %s not found."),
    /** No connection configuration is stored yet ({@code GET_CONNECTION_CONFIGURATION}, {@code TEST_CONNECTION}). */
    CONNECTION_CONFIGURATION_NOT_FOUND("Connection configuration data does not exist in the database."),
    /** No connector configuration is stored yet, for example when {@code UPDATE_WAREHOUSE} needs it. */
    CONNECTOR_CONFIGURATION_NOT_FOUND("Connector configuration record not found in database."),
    /** {@code CONFIGURE_CONNECTOR} got keys that are not allowed; the message lists them. */
    CONNECTOR_CONFIGURATION_PARSING_ERROR("Fields %s are not allowed in configuration."),
    /** kit: the connection configuration of a connector that declares its connection fields got an undeclared one. */
    CONNECTION_CONFIGURATION_PARSING_ERROR("Fields %s are not allowed in connection configuration."),
    /** kit: the argument is not a JSON object (the SDK answers INTERNAL_ERROR). */
    CONFIGURATION_NOT_AN_OBJECT(null),
    /** kit: a declared field has a value of the wrong type or format. */
    INVALID_CONFIGURATION_VALUE(null),
    /** kit: a field the connector declares as required is absent or empty. */
    MISSING_CONFIGURATION_FIELD(null),
    /** A name is not a valid Snowflake identifier (see {@link io.connectorkit.runtime.sql.Identifier}). */
    INVALID_IDENTIFIER("'%s' is not a valid Snowflake identifier"),
    /** {@code UPDATE_WAREHOUSE} named a warehouse the app cannot see or use. */
    INACCESSIBLE_WAREHOUSE("Warehouse %s is inaccessible to the application"),
    /** {@code UPDATE_WAREHOUSE} named the warehouse the connector already uses. */
    WAREHOUSE_ALREADY_USED("Warehouse %s is already used by the application"),
    /**
     * The app lacks an account privilege the call needs: {@code EXECUTE TASK} to pause or resume, or to finalize a
     * connector with a {@code global_schedule}; {@code CREATE DATABASE} to finalize one with a
     * {@code destination_database}. The message names it. The embedded target holds every privilege.
     */
    REQUIRED_PRIVILEGES_MISSING(
            "To perform this operation the application must be granted the following privileges: %s"),
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
    /**
     * An argument is unusable: a duplicate or unknown resource, ingestion configurations of the wrong structure, a
     * {@code NULL} or empty argument; the message says which.
     */
    INVALID_INPUT(null),
    /** A hook answered no response or a malformed one (see {@link Response#fromJsonText(String)}). */
    INVALID_RESPONSE("Invalid connector response, reason: %s"),
    /** The connector's stored state cannot be read; reinstalling or {@code RECOVER_CONNECTOR_STATE} may be needed. */
    INTERNAL_ERROR(null),
    /**
     * Something failed unexpectedly: an exception in a procedure or hook (the message names it), or a pause or resume
     * that left the connector in {@code ERROR} (message {@link #UNSPECIFIED_STATE_MESSAGE}).
     */
    UNKNOWN_ERROR(null),
    /**
     * Resources (spec §3.11): {@code CREATE_RESOURCE}'s transaction failed, field validation included, and nothing was
     * kept; the message gives the cause.
     */
    CREATE_RESOURCE_ERROR("Error while creating resource. Changes were rolled back. Error: %s"),
    /** {@code ENABLE_RESOURCE}'s transaction failed and nothing was kept; the message gives the cause. */
    ENABLE_RESOURCE_ERROR("Error while enabling resource. Changes were rolled back. Error: %s"),
    /** {@code DISABLE_RESOURCE}'s transaction failed and nothing was kept; the message gives the cause. */
    DISABLE_RESOURCE_ERROR("Error while disabling resource. Changes were rolled back. Error: %s"),
    /** {@code UPDATE_RESOURCE}'s transaction failed, field validation included, and nothing was kept. */
    UPDATE_RESOURCE_ERROR("Error occurred while updating resource. Changes were rolled back. Error: %s");

    /** The fixed text of a pause or resume whose hook failed in an unexpected way (spec §1.6). */
    public static final String UNSPECIFIED_STATE_MESSAGE = "An unknown error occurred and the connector is now in an "
            + "unspecified state. Contact your connector provider, manual intervention may be required.";

    private final String messageFormat;

    ResponseCode(String messageFormat) {
        this.messageFormat = messageFormat;
    }

    /**
     * The standard message of this code, filled with the given values.
     *
     * @param values the values of the message's {@code %s} placeholders, in order, as {@link String#format} fills
     *               them (locale-independent); extra values are ignored
     * @return the filled message, such as {@code "Warehouse WH is inaccessible to the application"}
     * @throws IllegalStateException    when this code has no standard message (its message depends on the case)
     * @throws IllegalArgumentException when fewer values are given than the message has placeholders
     */
    public String message(Object... values) {
        if (messageFormat == null) {
            throw new IllegalStateException(name() + " has no standard message; give one explicitly");
        }
        return String.format(Locale.ROOT, messageFormat, values);
    }
}
