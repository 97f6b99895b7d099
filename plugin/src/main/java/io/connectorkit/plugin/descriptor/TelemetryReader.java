package io.connectorkit.plugin.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads {@code manifest.telemetry} of the descriptor into {@link Telemetry}, reporting each bad value with the
 * descriptor's own problem reporter (path, message), so that it is listed with the descriptor's other problems.
 */
final class TelemetryReader {

    private static final String PATH = "/manifest/telemetry";
    private static final List<String> KEYS = List.of("logLevel", "traceLevel", "events");

    private final BiConsumer<String, String> problem;

    /** @param problem takes a JSON pointer into the descriptor and what is wrong there, with the fix */
    TelemetryReader(BiConsumer<String, String> problem) {
        this.problem = problem;
    }

    Telemetry read(JsonNode node) {
        if (node == null || node.isNull()) {
            return Telemetry.DEFAULT;
        }
        if (!node.isObject()) {
            problem.accept(PATH, "expected a mapping (logLevel, traceLevel, events), but found "
                    + YamlText.describe(node));
            return Telemetry.DEFAULT;
        }
        for (String key : (Iterable<String>) node::fieldNames) {
            if (!KEYS.contains(key)) {
                problem.accept(PATH + "/" + key, "unknown key '" + key + "'; "
                        + YamlText.closest(key, KEYS).map(near -> "did you mean '" + near + "'? ").orElse("")
                        + "the keys of manifest.telemetry are " + String.join(", ", KEYS));
            }
        }
        String logLevel = level(node.get("logLevel"), "logLevel", Telemetry.LOG_LEVELS, Telemetry.DEFAULT.logLevel());
        String traceLevel = level(node.get("traceLevel"), "traceLevel", Telemetry.TRACE_LEVELS,
                Telemetry.DEFAULT.traceLevel());
        return new Telemetry(logLevel, traceLevel, events(node.get("events"), logLevel));
    }

    private String level(JsonNode node, String key, List<String> allowed, String fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        // YAML 1.1 reads an unquoted OFF as false.
        String value = node.isTextual() ? node.asText().strip().toUpperCase(Locale.ROOT)
                : node.isBoolean() && !node.asBoolean() ? "OFF" : null;
        if (value == null || !allowed.contains(value)) {
            problem.accept(PATH + "/" + key, YamlText.describe(node) + " is not a " + key + "; write one of "
                    + String.join(", ", allowed) + " (default " + fallback + ")");
            return fallback;
        }
        return value;
    }

    private List<Telemetry.EventDefinition> events(JsonNode node, String logLevel) {
        List<Telemetry.EventDefinition> events = new ArrayList<>();
        if (node == null || node.isNull()) {
            return events;
        }
        if (!node.isArray()) {
            problem.accept(PATH + "/events", "expected a list (items starting with '- '), but found "
                    + YamlText.describe(node) + "; for example '- {type: ERRORS_AND_WARNINGS, sharing: MANDATORY}'");
            return events;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String path = PATH + "/events/" + i;
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                problem.accept(path, "expected a mapping with type and sharing, but found " + YamlText.describe(item)
                        + "; for example '{type: ERRORS_AND_WARNINGS, sharing: MANDATORY}'");
                continue;
            }
            for (String key : (Iterable<String>) item::fieldNames) {
                if (!key.equals("type") && !key.equals("sharing")) {
                    problem.accept(path + "/" + key, "unknown key '" + key + "'; an event definition has type and "
                            + "sharing");
                }
            }
            String type = choice(item.get("type"), path + "/type", "an event definition type", Telemetry.EVENT_TYPES);
            String sharing = choice(item.get("sharing"), path + "/sharing", "a sharing", Telemetry.SHARING);
            if (type != null && seen.putIfAbsent(type, i) != null) {
                problem.accept(path + "/type", "the type " + type + " is declared by events[" + seen.get(type)
                        + "] already; declare each type once");
                continue;
            }
            if (type != null && "OFF".equals(logLevel) && type.endsWith("_LOGS")) {
                problem.accept(path + "/type", type + " shares log messages, but logLevel is OFF, so the app records "
                        + "none; set logLevel (for example INFO) or remove this definition");
            }
            if (type != null && sharing != null) {
                events.add(new Telemetry.EventDefinition(type, sharing));
            }
        }
        return events;
    }

    private String choice(JsonNode node, String path, String what, List<String> allowed) {
        if (node == null || node.isNull()) {
            problem.accept(path, "'" + path.substring(path.lastIndexOf('/') + 1) + "' is missing; write one of "
                    + String.join(", ", allowed));
            return null;
        }
        String value = node.isTextual() ? node.asText().strip().toUpperCase(Locale.ROOT) : null;
        if (value == null || !allowed.contains(value)) {
            problem.accept(path, YamlText.describe(node) + " is not " + what + "; write one of "
                    + String.join(", ", allowed));
            return null;
        }
        return value;
    }
}
