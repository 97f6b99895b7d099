package io.connectorkit.plugin.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.connectorkit.plugin.plan.Change.Kind;
import io.connectorkit.plugin.plan.Change.Section;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a new manifest.yml changes from the deployed one: its privileges and references (by name; a reference's
 * changed fields are named), and every other entry by its path ({@code manifest_version},
 * {@code artifacts.default_streamlit}, {@code configuration.log_level}, …; a list is one entry).
 * Privileges and references are lists of one-key maps, the key naming the entry
 * (https://docs.snowflake.com/en/developer-guide/native-apps/creating-manifest).
 */
public final class ManifestDiff {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> BY_NAME = Set.of("privileges", "references");

    private ManifestDiff() {}

    /** A manifest that cannot be read. */
    public static final class UnreadableManifestException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableManifestException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The changes from the deployed manifest to the new one.
     *
     * @param deployed the deployed manifest's text; empty for an app not deployed yet (everything is added)
     * @param next the new manifest's text
     * @return privileges, then references, then the other entries; each added, changed or removed
     * @throws UnreadableManifestException when either is not YAML
     */
    public static List<Change> between(String deployed, String next) throws UnreadableManifestException {
        JsonNode before = read(deployed, "deployed");
        JsonNode after = read(next, "new");
        List<Change> changes = new ArrayList<>();
        byName(Section.PRIVILEGES, named(before.path("privileges")), named(after.path("privileges")), changes);
        byName(Section.REFERENCES, named(before.path("references")), named(after.path("references")), changes);
        Map<String, String> beforeEntries = new LinkedHashMap<>();
        Map<String, String> afterEntries = new LinkedHashMap<>();
        flatten("", before, beforeEntries, true);
        flatten("", after, afterEntries, true);
        for (Map.Entry<String, String> entry : afterEntries.entrySet()) {
            String old = beforeEntries.get(entry.getKey());
            if (old == null) {
                changes.add(new Change(Section.MANIFEST, Kind.ADDED, entry.getKey(), entry.getValue()));
            } else if (!old.equals(entry.getValue())) {
                changes.add(new Change(Section.MANIFEST, Kind.CHANGED, entry.getKey(), old + " → " + entry.getValue()));
            }
        }
        beforeEntries.forEach((path, value) -> {
            if (!afterEntries.containsKey(path)) {
                changes.add(new Change(Section.MANIFEST, Kind.REMOVED, path, value));
            }
        });
        return changes;
    }

    private static JsonNode read(String manifest, String which) throws UnreadableManifestException {
        if (manifest == null || manifest.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = YAML.readTree(manifest);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            throw new UnreadableManifestException(
                    "The " + which + " manifest.yml is not YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** A list of one-key maps ({@code - "EXECUTE TASK": {description: …}}) by key; a plain string is a key too. */
    private static Map<String, JsonNode> named(JsonNode list) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        for (JsonNode item : list) {
            if (item.isTextual()) {
                entries.put(item.asText(), MissingNode.getInstance());
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = item.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                entries.put(field.getKey(), field.getValue());
            }
        }
        return entries;
    }

    private static void byName(
            Section section, Map<String, JsonNode> before, Map<String, JsonNode> after, List<Change> changes) {
        after.forEach((name, entry) -> {
            JsonNode old = before.get(name);
            if (old == null) {
                changes.add(Change.of(section, Kind.ADDED, name));
            } else if (!old.equals(entry)) {
                changes.add(new Change(section, Kind.CHANGED, name, changedFields(old, entry)));
            }
        });
        before.keySet().stream()
                .filter(name -> !after.containsKey(name))
                .forEach(name -> changes.add(Change.of(section, Kind.REMOVED, name)));
    }

    /** {@code privileges: ["USAGE"] → ["USAGE","READ"]; multi_valued: false → true}. */
    private static String changedFields(JsonNode before, JsonNode after) {
        Map<String, String> old = new LinkedHashMap<>();
        Map<String, String> now = new LinkedHashMap<>();
        flatten("", before, old, false);
        flatten("", after, now, false);
        List<String> fields = new ArrayList<>();
        now.forEach((field, value) -> {
            if (!Objects.equals(old.get(field), value)) {
                fields.add(field + ": " + (old.containsKey(field) ? old.get(field) : "(none)") + " → " + value);
            }
        });
        old.forEach((field, value) -> {
            if (!now.containsKey(field)) {
                fields.add(field + ": " + value + " → (none)");
            }
        });
        return String.join("; ", fields);
    }

    /** @param manifest whether the node is the whole manifest, whose privileges and references are compared by name */
    private static void flatten(String path, JsonNode node, Map<String, String> entries, boolean manifest) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (manifest && path.isEmpty() && BY_NAME.contains(field.getKey())) {
                    continue;
                }
                flatten(
                        path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                        field.getValue(),
                        entries,
                        manifest);
            }
        } else if (!node.isMissingNode() && !path.isEmpty()) {
            entries.put(path, node.isTextual() ? node.asText() : node.toString());
        }
    }
}
