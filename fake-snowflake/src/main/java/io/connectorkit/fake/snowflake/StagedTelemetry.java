package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;

/**
 * The telemetry part of a staged manifest ({@code configuration:}), checked as Snowflake checks it when an app is
 * created or upgraded from it: the log level Snowflake records the app's messages at and its event definitions
 * (https://docs.snowflake.com/en/developer-guide/native-apps/event-definition,
 * https://docs.snowflake.com/en/developer-guide/logging-tracing/logging-log-level).
 *
 * @param logLevel the least severe messages recorded; {@code OFF} when the manifest sets none, since an app whose
 *     manifest sets no level emits no events (the event-definition page above)
 * @param traceLevel which spans Snowflake records: ALWAYS, ON_EVENT or OFF (none when the manifest sets none)
 * @param definitions the event definitions by type, with their sharing (MANDATORY or OPTIONAL), in order
 */
record StagedTelemetry(String logLevel, String traceLevel, Map<String, String> definitions) {

    static final List<String> LOG_LEVELS = List.of("OFF", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    static final List<String> TRACE_LEVELS = List.of("OFF", "ALWAYS", "ON_EVENT");
    static final List<String> TYPES = List.of("ALL", "ALL_EVENTS", "ERRORS_AND_WARNINGS", "TRACES", "USAGE_LOGS",
            "DEBUG_LOGS", "METRICS");

    StagedTelemetry {
        definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
    }

    static StagedTelemetry read(Map<String, byte[]> files) {
        byte[] text = files.get("manifest.yml");
        if (text == null) {
            return new StagedTelemetry("OFF", "OFF", Map.of());
        }
        JsonNode configuration;
        try {
            configuration = new ObjectMapper(new YAMLFactory()).readTree(text).path("configuration");
        } catch (IOException e) {
            throw new SnowflakeRefusal(StagedManifest.INVALID_SYNTAX, "22000", "Invalid manifest file syntax: "
                    + e.getMessage());
        }
        String logLevel = level(configuration.path("log_level"));
        if (!LOG_LEVELS.contains(logLevel)) {
            throw unexpected("configuration.log_level", "'" + logLevel + "' is not one of "
                    + String.join(", ", LOG_LEVELS));
        }
        String traceLevel = level(configuration.path("trace_level"));
        if (!TRACE_LEVELS.contains(traceLevel)) {
            throw unexpected("configuration.trace_level", "'" + traceLevel + "' is not one of "
                    + String.join(", ", TRACE_LEVELS));
        }
        Map<String, String> definitions = new LinkedHashMap<>();
        for (JsonNode definition : configuration.path("telemetry_event_definitions")) {
            String type = definition.path("type").asText("");
            String sharing = definition.path("sharing").asText("");
            if (!TYPES.contains(type)) {
                throw unexpected("configuration.telemetry_event_definitions.type", "'" + type + "' is not an event "
                        + "definition type");
            }
            if (!sharing.equals("MANDATORY") && !sharing.equals("OPTIONAL")) {
                throw unexpected("configuration.telemetry_event_definitions.sharing", "'" + sharing + "' is neither "
                        + "MANDATORY nor OPTIONAL");
            }
            if (definitions.putIfAbsent(type, sharing) != null) {
                throw unexpected("configuration.telemetry_event_definitions", "the type " + type + " is defined "
                        + "twice");
            }
        }
        return new StagedTelemetry(logLevel, traceLevel, definitions);
    }

    /** A level, OFF when missing; YAML 1.1 reads an unquoted OFF as false. */
    private static String level(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.isBoolean() && !node.asBoolean() ? "OFF" : node.asText();
    }

    boolean hasMandatory() {
        return definitions.containsValue("MANDATORY");
    }

    /** The names Snowflake gives the definitions: {@code SNOWFLAKE$<type>}. */
    static String nameOf(String type) {
        return "SNOWFLAKE$" + type;
    }

    private static SnowflakeRefusal unexpected(String property, String why) {
        return new SnowflakeRefusal(StagedManifest.UNEXPECTED_VALUE, "22000", "Unexpected value for property '"
                + property + "' in the manifest file: " + why + ".");
    }
}
