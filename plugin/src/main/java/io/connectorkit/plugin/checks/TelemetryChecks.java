package io.connectorkit.plugin.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.connectorkit.plugin.descriptor.Telemetry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * The telemetry part of a rendered manifest ({@code configuration:}) as Snowflake reads it: log_level and
 * trace_level among their values, each event definition a known type with MANDATORY or OPTIONAL sharing, no type
 * twice (https://docs.snowflake.com/en/developer-guide/native-apps/event-definition,
 * https://docs.snowflake.com/en/developer-guide/logging-tracing/logging-log-level). The descriptor's values are checked
 * when it is read; this catches a template override that writes others.
 */
public final class TelemetryChecks {

    private TelemetryChecks() {
    }

    /** The problems of the manifest's telemetry, each naming the file and the key. */
    public static List<String> manifest(String manifestFile, String manifest) {
        JsonNode configuration;
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(manifest);
            configuration = root == null ? null : root.get("configuration");
        } catch (IOException e) {
            return List.of(manifestFile + ": is not YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (configuration == null || configuration.isNull()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        String fix = "; set manifest.telemetry in connector.yaml, or fix the template override";
        word(configuration.get("log_level"), Telemetry.LOG_LEVELS).ifPresent(value -> problems.add(manifestFile
                + ": configuration.log_level is " + value + ", not one of " + String.join(", ", Telemetry.LOG_LEVELS)
                + fix));
        word(configuration.get("trace_level"), Telemetry.TRACE_LEVELS).ifPresent(value -> problems.add(manifestFile
                + ": configuration.trace_level is " + value + ", not one of "
                + String.join(", ", Telemetry.TRACE_LEVELS) + fix));
        JsonNode definitions = configuration.get("telemetry_event_definitions");
        if (definitions == null || definitions.isNull()) {
            return problems;
        }
        if (!definitions.isArray()) {
            problems.add(manifestFile + ": configuration.telemetry_event_definitions is not a list" + fix);
            return problems;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < definitions.size(); i++) {
            JsonNode definition = definitions.get(i);
            String at = manifestFile + ": configuration.telemetry_event_definitions[" + i + "]";
            word(definition.get("type"), Telemetry.EVENT_TYPES).ifPresent(value -> problems.add(at + ".type is "
                    + value + ", not one of " + String.join(", ", Telemetry.EVENT_TYPES) + fix));
            word(definition.get("sharing"), Telemetry.SHARING).ifPresent(value -> problems.add(at + ".sharing is "
                    + value + ", not MANDATORY or OPTIONAL" + fix));
            String type = definition.path("type").asText("");
            if (!type.isEmpty() && !seen.add(type)) {
                problems.add(at + " declares " + type + " a second time; declare each type once" + fix);
            }
        }
        return problems;
    }

    /** The value as shown when it is missing or not one of the allowed words; empty when it is fine or absent. */
    private static Optional<String> word(JsonNode node, List<String> allowed) {
        if (node == null) {
            return Optional.empty();
        }
        // YAML 1.1 reads an unquoted OFF as false; the kit renders it quoted.
        if (node.isTextual() && allowed.contains(node.asText()) || node.isBoolean() && !node.asBoolean()
                && allowed.contains("OFF")) {
            return Optional.empty();
        }
        return Optional.of(node.isTextual() ? "'" + node.asText() + "'" : node.toString());
    }
}
