package io.connectorkit.plugin.configure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One resource of the configuration file's {@code resources} section: what the app should ingest and how.
 *
 * @param id the resource ingestion definition's id, or null to let the app choose one (the resource is then matched
 *         by its resourceId)
 * @param resourceId what identifies the resource in the source, any JSON value
 * @param metadata the resource metadata, or null
 * @param ingestionConfigurations the spec's ingestion configuration objects
 * @param location where the file lists the resource, as {@code <file>:<line>}, for messages
 */
public record ResourceSpec(
        String id,
        String name,
        JsonNode resourceId,
        boolean enabled,
        JsonNode metadata,
        ArrayNode ingestionConfigurations,
        String location) {

    /** How the resource is named in messages: its id, or its name. */
    public String label() {
        return id != null ? id : name;
    }
}
