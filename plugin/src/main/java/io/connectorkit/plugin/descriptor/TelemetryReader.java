package io.connectorkit.plugin.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.plugin.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code manifest.telemetry} of the descriptor into {@link Telemetry}, each bad value reported to the
 * descriptor's file, so that it is listed with the descriptor's other problems.
 */
final class TelemetryReader {

    private static final List<String> KEYS = List.of("logLevel", "traceLevel", "events");
    private static final String EXAMPLE = "for example '- {type: ERRORS_AND_WARNINGS, sharing: MANDATORY}'";

    private TelemetryReader() {
    }

    static Telemetry read(YamlNode node) {
        Optional<YamlNode> mapping = node.mapping("a mapping (logLevel, traceLevel, events)", null);
        if (mapping.isEmpty()) {
            return Telemetry.DEFAULT;
        }
        YamlNode telemetry = mapping.get();
        telemetry.knownKeys(KEYS);
        String logLevel = level(telemetry.get("logLevel"), Telemetry.LOG_LEVELS, Telemetry.DEFAULT.logLevel());
        String traceLevel = level(telemetry.get("traceLevel"), Telemetry.TRACE_LEVELS,
                Telemetry.DEFAULT.traceLevel());
        return new Telemetry(logLevel, traceLevel, events(telemetry.get("events"), logLevel));
    }

    private static String level(YamlNode node, List<String> allowed, String fallback) {
        if (node.isAbsent()) {
            return fallback;
        }
        String key = node.pointer().substring(node.pointer().lastIndexOf('/') + 1);
        // YAML 1.1 reads an unquoted OFF as false.
        JsonNode value = node.value();
        String level = value.isTextual() ? value.asText().strip().toUpperCase(Locale.ROOT)
                : value.isBoolean() && !value.asBoolean() ? "OFF" : null;
        if (level == null || !allowed.contains(level)) {
            node.problem(node.describe() + " is not a " + key + "; write one of " + String.join(", ", allowed)
                    + " (default " + fallback + ")");
            return fallback;
        }
        return level;
    }

    private static List<Telemetry.EventDefinition> events(YamlNode node, String logLevel) {
        List<Telemetry.EventDefinition> events = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<YamlNode> items = node.list("a list (items starting with '- ')", EXAMPLE);
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlNode> mapping = items.get(i).mapping("a mapping with type and sharing",
                    EXAMPLE.replace("'- ", "'"));
            if (mapping.isEmpty()) {
                continue;
            }
            YamlNode item = mapping.get();
            item.knownKeys(List.of("type", "sharing"), "the keys of an event definition");
            String type = choice(item.get("type"), "an event definition type", Telemetry.EVENT_TYPES);
            String sharing = choice(item.get("sharing"), "a sharing", Telemetry.SHARING);
            if (type != null && seen.putIfAbsent(type, i) != null) {
                item.get("type").problem("the type " + type + " is declared by events[" + seen.get(type)
                        + "] already; declare each type once");
                continue;
            }
            if (type != null && "OFF".equals(logLevel) && type.endsWith("_LOGS")) {
                item.get("type").problem(type + " shares log messages, but logLevel is OFF, so the app records "
                        + "none; set logLevel (for example INFO) or remove this definition");
            }
            if (type != null && sharing != null) {
                events.add(new Telemetry.EventDefinition(type, sharing));
            }
        }
        return events;
    }

    /** One of the allowed words, in any case and with spaces around it. */
    private static String choice(YamlNode node, String what, List<String> allowed) {
        if (node.isAbsent()) {
            String key = node.pointer().substring(node.pointer().lastIndexOf('/') + 1);
            node.problem("'" + key + "' is missing; write one of " + String.join(", ", allowed));
            return null;
        }
        String value = node.value().isTextual() ? node.value().asText().strip().toUpperCase(Locale.ROOT) : null;
        if (value == null || !allowed.contains(value)) {
            node.problem(node.describe() + " is not " + what + "; write one of " + String.join(", ", allowed));
            return null;
        }
        return value;
    }
}
