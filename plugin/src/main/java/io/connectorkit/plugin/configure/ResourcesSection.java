package io.connectorkit.plugin.configure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.connectorkit.plugin.descriptor.YamlText;
import io.connectorkit.runtime.config.CronExpression;
import io.connectorkit.runtime.resources.IngestionConfigurations;
import io.connectorkit.runtime.resources.IngestionStrategy;
import io.connectorkit.runtime.resources.ScheduleType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Checks the resources of a configuration file (after placeholders are resolved) by the rules the app applies
 * (spec §2.4), so that a mistake is reported with its line before any resource is touched.
 */
final class ResourcesSection {

    static final List<String> RESOURCE_KEYS = List.of("id", "name", "resourceId", "enabled", "metadata",
            "ingestionConfigurations");
    static final List<String> CONFIGURATION_KEYS = IngestionConfigurations.PROPERTIES;
    private static final List<String> STRATEGIES = IngestionConfigurations.names(IngestionStrategy.values());
    private static final List<String> SCHEDULE_TYPES = IngestionConfigurations.names(ScheduleType.values());

    private final BiConsumer<String, String> problem;
    private final Set<String> ids = new HashSet<>();
    private final Map<JsonNode, String> resourceIds = new HashMap<>();
    private int problemCount;

    /** @param problem told (path, message) of every problem */
    ResourcesSection(BiConsumer<String, String> problem) {
        this.problem = problem;
    }

    /**
     * The resource at this path, or empty when it has problems (each one reported).
     *
     * @param location where the file lists it, {@code <file>:<line>}
     */
    Optional<ResourceSpec> resource(JsonNode resource, String path, String location) {
        int before = problemCount;
        unknownKeys(resource, path, RESOURCE_KEYS, "the keys of a resource");
        String id = optionalText(resource, path, "id");
        String name = requiredText(resource, path, "name", "the resource's name, shown in views and stats");
        JsonNode resourceId = resource.get("resourceId");
        if (resourceId == null || resourceId.isNull() || resourceId.isTextual() && resourceId.asText().isBlank()) {
            report(path + "/resourceId", "a resource needs resourceId, what identifies it in the source (any value, "
                    + "such as {owner: snowflakedb, repo: connectors-native-sdk})");
        } else {
            String earlier = resourceIds.putIfAbsent(resourceId, path);
            if (earlier != null) {
                report(path + "/resourceId", "the resourceId " + resourceId + " is given twice (also at "
                        + dotted(earlier) + "); each resource is listed once");
            }
        }
        if (id != null && !ids.add(id)) {
            report(path + "/id", "the resource id '" + id + "' is given twice; ids are unique");
        }
        boolean enabled = true;
        JsonNode enabledNode = resource.get("enabled");
        if (enabledNode != null && !enabledNode.isNull()) {
            if (enabledNode.isBoolean()) {
                enabled = enabledNode.asBoolean();
            } else {
                report(path + "/enabled", "expected true or false, but found " + YamlText.describe(enabledNode));
            }
        }
        JsonNode metadata = resource.get("metadata");
        ArrayNode configurations = configurations(resource.get("ingestionConfigurations"),
                path + "/ingestionConfigurations");
        if (problemCount != before) {
            return Optional.empty();
        }
        return Optional.of(new ResourceSpec(id, name, resourceId, enabled,
                metadata == null || metadata.isNull() ? null : metadata, configurations, location));
    }

    private ArrayNode configurations(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isArray() && node.isEmpty()) {
            report(path, "a resource needs at least one ingestion configuration, such as {id: default, "
                    + "ingestionStrategy: INCREMENTAL, scheduleType: INTERVAL, scheduleDefinition: 60m}");
            return null;
        }
        if (!node.isArray()) {
            report(path, "expected a list of ingestion configurations, but found " + YamlText.describe(node));
            return null;
        }
        Set<String> configurationIds = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode configuration = node.get(i);
            String at = path + "/" + i;
            if (!configuration.isObject()) {
                report(at, "expected an ingestion configuration (a mapping), but found "
                        + YamlText.describe(configuration));
                continue;
            }
            unknownKeys(configuration, at, CONFIGURATION_KEYS, "the keys of an ingestion configuration");
            String id = requiredText(configuration, at, "id", "unique within the resource");
            if (id != null && !configurationIds.add(id)) {
                report(at + "/id", "the ingestion configuration id '" + id + "' is given twice in this resource");
            }
            oneOf(configuration, at, "ingestionStrategy", STRATEGIES);
            String type = oneOf(configuration, at, "scheduleType", SCHEDULE_TYPES);
            schedule(configuration, at, type);
        }
        return (ArrayNode) node;
    }

    private void schedule(JsonNode configuration, String path, String type) {
        JsonNode definition = configuration.get("scheduleDefinition");
        boolean given = definition != null && !definition.isNull();
        if (type == null || type.equals("GLOBAL")) {
            return;
        }
        if (!given || !definition.isTextual() || definition.asText().isBlank()) {
            report(path + "/scheduleDefinition", "a " + type + " schedule needs scheduleDefinition, such as "
                    + (type.equals("INTERVAL") ? "60m (a number and d, h or m)" : "\"0 * * * *\" (5-field cron, UTC)"));
            return;
        }
        String text = definition.asText();
        if (type.equals("INTERVAL") && IngestionConfigurations.interval(text).isEmpty()) {
            report(path + "/scheduleDefinition", "'" + text + "' is not an interval: write a number and one of the "
                    + "letters d, h, m, such as 15m, 6h or 1d");
        }
        if (type.equals("CRON")) {
            CronExpression.problem(text).ifPresent(reason -> report(path + "/scheduleDefinition", "'" + text
                    + "' is not a 5-field cron expression: " + reason));
        }
    }

    private String oneOf(JsonNode mapping, String path, String key, List<String> allowed) {
        JsonNode value = mapping.get(key);
        if (value == null || value.isNull()) {
            report(path + "/" + key, "'" + key + "' is required: one of " + String.join(", ", allowed));
            return null;
        }
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            report(path + "/" + key, YamlText.describe(value) + " is not a valid " + key + "; use one of "
                    + String.join(", ", allowed));
            return null;
        }
        return value.asText();
    }

    private String requiredText(JsonNode mapping, String path, String key, String what) {
        JsonNode value = mapping.get(key);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            report(path + "/" + key, "'" + key + "' is required (" + what + ")");
            return null;
        }
        if (!value.isTextual()) {
            report(path + "/" + key, "expected text, but found " + YamlText.describe(value));
            return null;
        }
        return value.asText();
    }

    private String optionalText(JsonNode mapping, String path, String key) {
        JsonNode value = mapping.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            report(path + "/" + key, "expected a non-empty text, but found " + YamlText.describe(value));
            return null;
        }
        return value.asText();
    }

    private void unknownKeys(JsonNode mapping, String path, List<String> allowed, String what) {
        for (String key : (Iterable<String>) mapping::fieldNames) {
            if (!allowed.contains(key)) {
                String near = YamlText.closest(key, allowed).map(name -> "did you mean '" + name + "'? ").orElse("");
                report(path + "/" + key, "unknown key '" + key + "'; " + near + what + " are "
                        + String.join(", ", allowed));
            }
        }
    }

    private void report(String path, String message) {
        problemCount++;
        problem.accept(path, message);
    }

    private static String dotted(String path) {
        return YamlText.path(path);
    }
}
