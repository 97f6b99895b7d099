package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.resources.IngestionStrategy;
import java.util.Objects;
import java.util.Optional;

/**
 * One due ingestion process, as the scheduler hands it to {@link Ingestion#ingest}: which resource, which of its
 * ingestion configurations, the cursor the previous run stored, and which attempt this is. JSON values travel as
 * JSON text, with typed readers beside them.
 *
 * @param runId the {@code INGESTION_RUN} row of this run
 * @param processId the {@code INGESTION_PROCESS} row
 * @param definitionId the resource ingestion definition's id
 * @param resourceName its name
 * @param resourceIdJson its {@code RESOURCE_ID} (what identifies the resource in the source) as JSON text
 * @param resourceMetadataJson its {@code RESOURCE_METADATA} as JSON text, or null
 * @param configurationId the ingestion configuration's {@code id}
 * @param strategy the configuration's {@code ingestionStrategy}
 * @param customIngestionConfiguration the configuration's {@code customIngestionConfiguration} (empty if absent)
 * @param destination the configuration's {@code destination} (empty if absent)
 * @param cursorJson the process's {@code METADATA}, the cursor the previous run set, as JSON text; null at first
 * @param attempt 1 for a first try, n for the (n-1)th retry after consecutive failures
 */
public record IngestionTask(
        String runId,
        String processId,
        String definitionId,
        String resourceName,
        String resourceIdJson,
        String resourceMetadataJson,
        String configurationId,
        IngestionStrategy strategy,
        Configuration customIngestionConfiguration,
        Configuration destination,
        String cursorJson,
        int attempt) {

    /**
     * Checks the ids and the strategy, and turns absent configurations into empty ones.
     *
     * @param runId the run's id
     * @param processId the process's id
     * @param definitionId the resource ingestion definition's id
     * @param resourceName the resource's name
     * @param resourceIdJson the resource id as JSON text
     * @param resourceMetadataJson the resource metadata as JSON text, or null
     * @param configurationId the ingestion configuration's id
     * @param strategy the ingestion strategy
     * @param customIngestionConfiguration the custom configuration, or null for an empty one
     * @param destination the destination object, or null for an empty one
     * @param cursorJson the stored cursor as JSON text, or null
     * @param attempt the attempt number, 1 for a first try
     * @throws NullPointerException when {@code runId}, {@code processId}, {@code definitionId},
     *     {@code configurationId} or {@code strategy} is null
     */
    public IngestionTask {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(processId, "processId");
        Objects.requireNonNull(definitionId, "definitionId");
        Objects.requireNonNull(configurationId, "configurationId");
        Objects.requireNonNull(strategy, "strategy");
        customIngestionConfiguration =
                customIngestionConfiguration == null ? Configuration.empty() : customIngestionConfiguration;
        destination = destination == null ? Configuration.empty() : destination;
    }

    /**
     * The cursor the previous run set ({@link Sink#setCursor}), as JSON text; empty for the first run.
     *
     * @return the cursor's JSON text; empty when none was set, it was cleared, or it is blank or JSON
     *     {@code null}
     */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursorJson).filter(text -> !text.isBlank() && !text.equals("null"));
    }

    /**
     * The cursor when it is a JSON object, read with typed getters; an empty configuration otherwise.
     *
     * @return the cursor object, or an empty configuration when there is no cursor or it is not an object
     */
    public Configuration cursorObject() {
        return cursor().map(IngestionTask::objectOrEmpty).orElse(Configuration.empty());
    }

    /**
     * The resource id when it is a JSON object ({@code {"org": "x", "repo": "y"}}); empty otherwise.
     *
     * @return the resource id object, or an empty configuration when the id is absent or not an object
     */
    public Configuration resourceIdObject() {
        return resourceIdJson == null ? Configuration.empty() : objectOrEmpty(resourceIdJson);
    }

    /**
     * The resource id when it is a JSON string or number, as text ({@code "orders"} → {@code orders}).
     *
     * @return the string without quotes or the number's digits; empty when the id is absent or another JSON value
     */
    public Optional<String> resourceIdText() {
        if (resourceIdJson == null) {
            return Optional.empty();
        }
        Object value = JsonTree.plain(JsonTree.parse(resourceIdJson));
        return value instanceof String || value instanceof Number ? Optional.of(value.toString()) : Optional.empty();
    }

    /**
     * The resource metadata when it is a JSON object; empty otherwise.
     *
     * @return the {@code RESOURCE_METADATA} object, or an empty configuration when it is absent or not an object
     */
    public Configuration resourceMetadata() {
        return resourceMetadataJson == null ? Configuration.empty() : objectOrEmpty(resourceMetadataJson);
    }

    /**
     * Whether this is a retry after failures.
     *
     * @return true when {@link #attempt()} is above 1, that is, the previous run of this process failed or was
     *     reaped
     */
    public boolean isRetry() {
        return attempt > 1;
    }

    private static Configuration objectOrEmpty(String json) {
        try {
            return Configuration.ofJson(json);
        } catch (IllegalArgumentException e) {
            return Configuration.empty();
        }
    }
}
