package io.connectorkit.plugin.descriptor;

import java.util.List;

/**
 * What the app's manifest says about its logs and traces ({@code configuration:} of manifest.yml): the levels Snowflake
 * records into the consumer's event table, and the event definitions, which say what the consumer shares with the
 * provider. A MANDATORY definition is shared from the install on and cannot be switched off; an OPTIONAL one is the
 * consumer's choice (https://docs.snowflake.com/en/developer-guide/native-apps/event-definition).
 *
 * @param logLevel the least severe log messages recorded: {@link #LOG_LEVELS}
 * @param traceLevel which trace events are recorded: {@link #TRACE_LEVELS}
 * @param events the event definitions, in the order the descriptor lists them; none = the consumer shares all or
 *     nothing
 */
public record Telemetry(String logLevel, String traceLevel, List<EventDefinition> events) {

    /**
     * LOG_LEVEL's values, least severe first after OFF
     * (https://docs.snowflake.com/en/developer-guide/logging-tracing/logging-log-level).
     */
    public static final List<String> LOG_LEVELS = List.of("OFF", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    /** TRACE_LEVEL's values (https://docs.snowflake.com/en/developer-guide/logging-tracing/tracing-trace-level). */
    public static final List<String> TRACE_LEVELS = List.of("OFF", "ALWAYS", "ON_EVENT");
    /**
     * The event definition types an app can declare; Snowflake names each {@code SNOWFLAKE$<type>}
     * (https://docs.snowflake.com/en/developer-guide/native-apps/event-definition).
     */
    public static final List<String> EVENT_TYPES =
            List.of("ALL", "ALL_EVENTS", "ERRORS_AND_WARNINGS", "TRACES", "USAGE_LOGS", "DEBUG_LOGS", "METRICS");
    /** How a definition is shared. */
    public static final List<String> SHARING = List.of("MANDATORY", "OPTIONAL");

    /** The levels of a descriptor that says nothing about telemetry: what the kit rendered before it could be set. */
    public static final Telemetry DEFAULT = new Telemetry("INFO", "ON_EVENT", List.of());

    public Telemetry {
        events = List.copyOf(events);
    }

    /** One event definition of the manifest. */
    public record EventDefinition(String type, String sharing) {

        /** Its name in Snowflake, as SHOW TELEMETRY EVENT DEFINITIONS and SET SHARED TELEMETRY EVENTS name it. */
        public String name() {
            return "SNOWFLAKE$" + type;
        }

        public boolean mandatory() {
            return "MANDATORY".equals(sharing);
        }
    }

    /**
     * Whether installing the app needs the consumer's consent to share events: CREATE APPLICATION is refused (93321)
     * without {@code AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE} then.
     */
    public boolean hasMandatoryEvents() {
        return events.stream().anyMatch(EventDefinition::mandatory);
    }
}
