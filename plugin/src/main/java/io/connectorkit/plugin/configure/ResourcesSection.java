package io.connectorkit.plugin.configure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.connectorkit.plugin.yaml.YamlFile;
import io.connectorkit.plugin.yaml.YamlNode;
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

    private final YamlFile file;
    private final Set<String> ids = new HashSet<>();
    private final Map<JsonNode, String> resourceIds = new HashMap<>();

    /** @param file where the resources are listed, told of every problem */
    ResourcesSection(YamlFile file) {
        this.file = file;
    }

    /**
     * The resource, or empty when it has problems (each one reported).
     *
     * @param resource the resource with its placeholders resolved, at its place in the file
     * @param location where the file lists it, {@code <file>:<line>}
     */
    Optional<ResourceSpec> resource(YamlNode resource, String location) {
        int before = file.problemCount();
        resource.knownKeys(RESOURCE_KEYS, "the keys of a resource");
        String id = resource.text("id");
        if (id != null && id.isBlank()) {
            resource.get("id").problem("'id' is empty; give it a value or leave it out");
            id = null;
        }
        String name = resource.requiredText("name", "the resource's name, shown in views and stats");
        JsonNode resourceId = resource.get("resourceId").value();
        if (resourceId == null || resourceId.isNull() || resourceId.isTextual() && resourceId.asText().isBlank()) {
            resource.get("resourceId").problem("a resource needs resourceId, what identifies it in the source (any "
                    + "value, such as {owner: snowflakedb, repo: connectors-native-sdk})");
        } else {
            String earlier = resourceIds.putIfAbsent(resourceId, resource.path());
            if (earlier != null) {
                resource.get("resourceId").problem("the resourceId " + resourceId + " is given twice (also at "
                        + earlier + "); each resource is listed once");
            }
        }
        if (id != null && !ids.add(id)) {
            resource.get("id").problem("the resource id '" + id + "' is given twice; ids are unique");
        }
        boolean enabled = resource.bool("enabled", true);
        YamlNode metadata = resource.get("metadata");
        ArrayNode configurations = configurations(resource.get("ingestionConfigurations"));
        if (file.problemCount() != before) {
            return Optional.empty();
        }
        return Optional.of(new ResourceSpec(id, name, resourceId, enabled,
                metadata.isAbsent() ? null : metadata.value(), configurations, location));
    }

    private ArrayNode configurations(YamlNode node) {
        if (node.isAbsent() || node.value().isArray() && node.value().isEmpty()) {
            node.problem("a resource needs at least one ingestion configuration, such as {id: default, "
                    + "ingestionStrategy: INCREMENTAL, scheduleType: INTERVAL, scheduleDefinition: 60m}");
            return null;
        }
        List<YamlNode> items = node.list("a list of ingestion configurations", null);
        Set<String> configurationIds = new HashSet<>();
        for (YamlNode item : items) {
            Optional<YamlNode> mapping = item.requiredMapping("an ingestion configuration (a mapping)", null);
            if (mapping.isEmpty()) {
                continue;
            }
            YamlNode configuration = mapping.get();
            configuration.knownKeys(CONFIGURATION_KEYS, "the keys of an ingestion configuration");
            String id = configuration.requiredText("id", "unique within the resource");
            if (id != null && !configurationIds.add(id)) {
                configuration.get("id").problem("the ingestion configuration id '" + id + "' is given twice in this "
                        + "resource");
            }
            configuration.oneOf("ingestionStrategy", STRATEGIES);
            String type = configuration.oneOf("scheduleType", SCHEDULE_TYPES);
            schedule(configuration, type);
        }
        return node.value().isArray() ? (ArrayNode) node.value() : null;
    }

    private void schedule(YamlNode configuration, String type) {
        YamlNode definition = configuration.get("scheduleDefinition");
        if (type == null || type.equals("GLOBAL")) {
            return;
        }
        if (definition.isAbsent() || !definition.value().isTextual() || definition.value().asText().isBlank()) {
            definition.problem("a " + type + " schedule needs scheduleDefinition, such as "
                    + (type.equals("INTERVAL") ? "60m (a number and d, h or m)" : "\"0 * * * *\" (5-field cron, UTC)"));
            return;
        }
        String text = definition.value().asText();
        if (type.equals("INTERVAL") && IngestionConfigurations.interval(text).isEmpty()) {
            definition.problem("'" + text + "' is not an interval: write a number and one of the letters d, h, m, "
                    + "such as 15m, 6h or 1d");
        }
        if (type.equals("CRON")) {
            CronExpression.problem(text).ifPresent(reason -> definition.problem("'" + text
                    + "' is not a 5-field cron expression: " + reason));
        }
    }
}
