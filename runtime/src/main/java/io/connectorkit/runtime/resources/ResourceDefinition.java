package io.connectorkit.runtime.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.internal.json.JsonTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A resource ingestion definition (spec §2.4): one thing of the source to ingest, with its ingestion
 * configurations. What {@code CREATE_RESOURCE} hands to {@link io.connectorkit.runtime.spi.ResourceHooks}; given to
 * hooks before the field rules are checked, so any component may still be {@code null} or empty.
 *
 * @param id                      the definition's id (a UUID when the caller gave none)
 * @param name                    shown to people
 * @param enabled                 whether its ingestion runs
 * @param parentId                always {@code null} through {@code CREATE_RESOURCE}
 * @param resourceId              what identifies it in the source system, JSON text; unique among definitions
 * @param resourceMetadata        free-form, JSON text or {@code null}
 * @param ingestionConfigurations its configurations
 */
public record ResourceDefinition(
        String id,
        String name,
        boolean enabled,
        String parentId,
        String resourceId,
        String resourceMetadata,
        List<IngestionConfiguration> ingestionConfigurations) {

    /**
     * Keeps an unmodifiable copy of the ingestion configurations; {@code null} becomes an empty list. Nothing else is
     * checked here.
     *
     * @param id                      the definition's id
     * @param name                    shown to people
     * @param enabled                 whether its ingestion runs
     * @param parentId                the parent definition's id, or {@code null}
     * @param resourceId              what identifies it in the source system, JSON text
     * @param resourceMetadata        free-form, JSON text or {@code null}
     * @param ingestionConfigurations its configurations; copied, {@code null} for none
     */
    public ResourceDefinition {
        ingestionConfigurations = ingestionConfigurations == null
                ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(ingestionConfigurations));
    }

    /**
     * The resource id with typed getters, when it is a JSON object.
     *
     * @return the resource id as a configuration; empty when {@code resourceId} is {@code null} or JSON other than an
     *         object (a string, for example)
     */
    public Optional<Configuration> resourceIdConfiguration() {
        return IngestionConfiguration.object(resourceId);
    }

    /**
     * The metadata with typed getters, when it is a JSON object.
     *
     * @return the metadata as a configuration; empty when {@code resourceMetadata} is {@code null} or JSON other than
     *         an object
     */
    public Optional<Configuration> resourceMetadataConfiguration() {
        return IngestionConfiguration.object(resourceMetadata);
    }

    /**
     * The JSON shape Snowflake's SDK gives its SQL hooks ({@code CREATE_RESOURCE_VALIDATE(resource)}):
     * {@code {"id", "name", "enabled", "disabled", "parentId", "resourceId", "resourceMetadata",
     * "ingestionConfigurations": [...]}}, every key present, {@code null} when absent. {@code disabled} is the negation
     * of {@code enabled}; the JSON-text components are embedded as JSON, not as strings.
     *
     * @return compact JSON text of the definition and its ingestion configurations
     * @throws io.connectorkit.runtime.json.InvalidJsonException when a JSON-text component is not JSON
     */
    public String toJsonText() {
        ObjectNode json = JsonTree.object();
        json.put("id", id);
        json.put("name", name);
        json.put("enabled", enabled);
        json.put("disabled", !enabled);
        json.put("parentId", parentId);
        json.set("resourceId", jsonOrNull(resourceId));
        json.set("resourceMetadata", jsonOrNull(resourceMetadata));
        json.set("ingestionConfigurations", IngestionConfigurations.toComplete(ingestionConfigurations));
        return JsonTree.write(json);
    }

    private static JsonNode jsonOrNull(String text) {
        return text == null ? NullNode.getInstance() : JsonTree.parse(text);
    }
}
