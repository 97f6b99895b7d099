package io.connectorkit.runtime.procedures;

import java.util.List;
import java.util.Locale;

/**
 * Every procedure the runtime installs in {@code PUBLIC}: its SQL name and arguments, who may call it, and the
 * Java handler method of the same name on both targets. The one list that installers, templates and tests read.
 */
public enum PublicProcedure {
    GET_CONNECTOR_STATUS(Access.ADMIN_AND_VIEWER, false),
    RECOVER_CONNECTOR_STATE(Access.ADMIN, true, Argument.string("NEW_CONNECTOR_STATUS")),
    UPDATE_PREREQUISITE(Access.ADMIN, true, Argument.varchar("ID"), Argument.bool("IS_COMPLETED")),
    MARK_ALL_PREREQUISITES_AS_DONE(Access.ADMIN, true),
    COMPLETE_PREREQUISITES_STEP(Access.ADMIN, true),
    CONFIGURE_CONNECTOR(Access.ADMIN, true, Argument.variant("CONFIG")),
    SET_CONNECTION_CONFIGURATION(Access.ADMIN, true, Argument.variant("CONNECTION_CONFIGURATION")),
    GET_CONNECTION_CONFIGURATION(Access.ADMIN_AND_VIEWER, false),
    TEST_CONNECTION(Access.INTERNAL, false),
    FINALIZE_CONNECTOR_CONFIGURATION(Access.ADMIN, true, Argument.variant("CUSTOM_CONFIGURATION")),
    VALIDATE_SOURCE(Access.INTERNAL, false, Argument.variant("CUSTOM_CONFIGURATION")),
    RESET_CONFIGURATION(Access.ADMIN, true),
    UPDATE_CONNECTION_CONFIGURATION(Access.ADMIN, true, Argument.variant("CONNECTION_CONFIGURATION")),
    TEST_DRAFT_CONNECTION(Access.INTERNAL, false, Argument.variant("CONFIG")),
    UPDATE_WAREHOUSE(Access.ADMIN, true, Argument.string("WAREHOUSE_NAME")),
    /** A kit extension: replaces connector configuration fields of a paused, finished connector. */
    UPDATE_CONNECTOR_CONFIGURATION(Access.ADMIN, true, Argument.variant("CONFIG")),
    PAUSE_CONNECTOR(Access.ADMIN, true),
    RESUME_CONNECTOR(Access.ADMIN, true),
    CREATE_RESOURCE(
            Access.ADMIN,
            true,
            Argument.varchar("NAME"),
            Argument.variant("RESOURCE_ID"),
            Argument.variant("INGESTION_CONFIGURATIONS"),
            Argument.varchar("ID").withDefault("NULL"),
            Argument.bool("ENABLED").withDefault("FALSE"),
            Argument.variant("RESOURCE_METADATA").withDefault("NULL")),
    ENABLE_RESOURCE(Access.ADMIN, true, Argument.varchar("RESOURCE_INGESTION_DEFINITION_ID")),
    DISABLE_RESOURCE(Access.ADMIN, true, Argument.varchar("RESOURCE_INGESTION_DEFINITION_ID")),
    UPDATE_RESOURCE(
            Access.ADMIN,
            true,
            Argument.varchar("RESOURCE_INGESTION_DEFINITION_ID"),
            Argument.variant("INGESTION_CONFIGURATIONS")),
    RUN_SCHEDULER_ITERATION(Access.INTERNAL, true),
    /**
     * A kit extension: runs the ingestions of one resource now, due or not (NULL: of every enabled resource),
     * through the scheduler's own claim, run and retry.
     */
    RUN_INGESTION_NOW(
            Access.ADMIN,
            true,
            Argument.varchar("RESOURCE_INGESTION_DEFINITION_ID").withDefault("NULL"));

    /** Which application roles get USAGE on the procedure (spec §3.1). */
    public enum Access {
        /** ADMIN and VIEWER: read-only procedures. */
        ADMIN_AND_VIEWER,
        /** ADMIN only. */
        ADMIN,
        /** No role: called by the runtime and the connector only. */
        INTERNAL
    }

    /** The SQL types of arguments; VARIANT travels as JSON text on the embedded target. */
    public enum SqlType {
        VARIANT,
        STRING,
        VARCHAR,
        BOOLEAN
    }

    /**
     * One argument: SQL name and type, and the SQL default a Snowflake declaration gives it ({@code null}: none).
     * H2 has no argument defaults: the embedded target's alias has one Java overload per number of arguments a
     * CALL may pass instead (EmbeddedProcedures), with the same values as these defaults.
     */
    public record Argument(String name, SqlType type, String sqlDefault) {
        static Argument variant(String name) {
            return new Argument(name, SqlType.VARIANT, null);
        }

        static Argument string(String name) {
            return new Argument(name, SqlType.STRING, null);
        }

        static Argument varchar(String name) {
            return new Argument(name, SqlType.VARCHAR, null);
        }

        static Argument bool(String name) {
            return new Argument(name, SqlType.BOOLEAN, null);
        }

        Argument withDefault(String sql) {
            return new Argument(name, type, sql);
        }

        /** The argument as Snowflake declares it: {@code ID VARCHAR DEFAULT NULL}. */
        public String declaration() {
            return name + " " + type + (sqlDefault == null ? "" : " DEFAULT " + sqlDefault);
        }
    }

    private final Access access;
    private final boolean changesState;
    private final List<Argument> arguments;

    PublicProcedure(Access access, boolean changesState, Argument... arguments) {
        this.access = access;
        this.changesState = changesState;
        this.arguments = List.of(arguments);
    }

    public Access access() {
        return access;
    }

    /** Whether a call can change the app's state; such a procedure is never granted to VIEWER. */
    public boolean changesState() {
        return changesState;
    }

    public List<Argument> arguments() {
        return arguments;
    }

    /** The handler method name on both targets: {@code CONFIGURE_CONNECTOR} → {@code configureConnector}. */
    public String handlerMethod() {
        StringBuilder method = new StringBuilder();
        for (String word : name().toLowerCase(Locale.ROOT).split("_")) {
            method.append(method.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return method.toString();
    }

    /**
     * Whether a call can run the connector's own code that may reach the source (its connection tester, finalize
     * callback, source validator, step validators, lifecycle, configuration (reset, warehouse) or resource hooks,
     * ingestion). In Snowflake such a
     * procedure is given the connector's secrets and external access integrations once the consumer has bound them.
     */
    public boolean runsConnectorCode() {
        return switch (this) {
            case CONFIGURE_CONNECTOR,
                    SET_CONNECTION_CONFIGURATION,
                    TEST_CONNECTION,
                    FINALIZE_CONNECTOR_CONFIGURATION,
                    VALIDATE_SOURCE,
                    RESET_CONFIGURATION,
                    UPDATE_CONNECTION_CONFIGURATION,
                    UPDATE_WAREHOUSE,
                    UPDATE_CONNECTOR_CONFIGURATION,
                    TEST_DRAFT_CONNECTION,
                    PAUSE_CONNECTOR,
                    RESUME_CONNECTOR,
                    CREATE_RESOURCE,
                    ENABLE_RESOURCE,
                    DISABLE_RESOURCE,
                    UPDATE_RESOURCE,
                    RUN_SCHEDULER_ITERATION,
                    RUN_INGESTION_NOW -> true;
            default -> false;
        };
    }

    /** The procedure's SQL name, qualified: {@code PUBLIC.CONFIGURE_CONNECTOR}. */
    public String qualifiedName() {
        return "PUBLIC." + name();
    }
}
