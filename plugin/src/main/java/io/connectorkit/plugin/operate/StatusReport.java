package io.connectorkit.plugin.operate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.AppGrant;
import io.connectorkit.plugin.app.AppSpecification;
import io.connectorkit.plugin.app.AppState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.io.IOException;

/**
 * What {@code connector:status} shows: the status, how far the wizard has come, the sync status, and the
 * configuration as the app's public view shows it (secrets masked by the app).
 *
 * @param configuration group → key → value as text, from {@code PUBLIC.CONNECTOR_CONFIGURATION}
 * @param grants the privileges the app needs on its account, held or missing (none on the embedded target)
 * @param resources every resource with its last run, failures and next run, by name
 * @param specifications the app specifications and whether each is approved (none on the embedded target)
 */
public record StatusReport(String app, String target, AppState state, String syncStatus, String lastSyncedAt,
        Map<String, Map<String, String>> configuration, List<AppGrant> grants, List<ResourceStatus> resources,
        List<AppSpecification> specifications) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The report as lines for the build log. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(app + " on the " + target + " target");
        lines.add("  status:               " + state.status());
        lines.add("  configuration status: " + state.configurationStatus());
        lines.add("  sync status:          " + syncStatus + (lastSyncedAt == null ? "" : " (last synced "
                + lastSyncedAt + ")"));
        if (configuration.isEmpty()) {
            lines.add("  configuration:        none yet");
        }
        configuration.forEach((group, values) -> {
            lines.add("  " + group + ":");
            values.forEach((key, value) -> lines.add("    " + key + " = " + value));
        });
        if (!grants.isEmpty()) {
            lines.add("  privileges:");
            grants.forEach(grant -> lines.add("    " + grant.summary()));
        }
        if (!specifications.isEmpty()) {
            lines.add("  app specifications:");
            specifications.forEach(specification -> lines.add("    " + specification.summary()
                    + (specification.approved() ? "" : " (approve: " + specification.approval() + ")")));
        }
        if (resources.isEmpty()) {
            lines.add("  resources:            none yet (mvn connector:resources creates them)");
        } else {
            lines.add("  resources:");
            resources.forEach(resource -> lines.add("    " + resource.line()));
        }
        return lines;
    }

    /** The report as a JSON document for scripts ({@code -Dconnector.format=json}). */
    public String toJson() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("app", app);
        root.put("target", target);
        root.put("status", state.status().name());
        root.put("configurationStatus", state.configurationStatus().name());
        ObjectNode sync = root.putObject("syncStatus");
        sync.put("status", syncStatus);
        sync.put("lastSyncedAt", lastSyncedAt);
        ObjectNode groups = root.putObject("configuration");
        configuration.forEach((group, values) -> {
            ObjectNode object = groups.putObject(group);
            values.forEach((key, value) -> object.set(key, parsedOrText(value)));
        });
        if (!grants.isEmpty()) {
            ArrayNode privileges = root.putArray("privileges");
            for (AppGrant grant : grants) {
                ObjectNode entry = privileges.addObject();
                entry.put("privilege", grant.privilege());
                entry.put("on", grant.on());
                entry.put("held", grant.held());
                entry.put("grantedAutomatically", grant.automatic());
                entry.put("statement", grant.statement());
            }
        }
        if (!specifications.isEmpty()) {
            ArrayNode specificationList = root.putArray("specifications");
            for (AppSpecification specification : specifications) {
                ObjectNode entry = specificationList.addObject();
                entry.put("name", specification.name());
                entry.put("type", specification.type());
                entry.put("label", specification.label());
                entry.put("sequenceNumber", specification.sequenceNumber());
                entry.put("status", specification.status());
                entry.set("definition", parsedOrText(specification.definition()));
                entry.put("approval", specification.approval());
            }
        }
        ArrayNode resourceList = root.putArray("resources");
        resources.forEach(resource -> resourceList.add(JSON.valueToTree(resource.toMap())));
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The view shows values as text; JSON values (numbers, objects) are given back their type. */
    private static JsonNode parsedOrText(String value) {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            JsonNode parsed = JSON.readTree(value);
            return parsed == null || parsed.isMissingNode() ? JsonNodeFactory.instance.textNode(value) : parsed;
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(value);
        }
    }
}
