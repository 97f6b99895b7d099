package io.connectorkit.runtime.resources;

import io.connectorkit.runtime.config.Configuration;
import java.util.Optional;

/**
 * One element of a resource's {@code INGESTION_CONFIGURATION} (spec §2.4), as the runtime hands it to connector code.
 * Free-form values ({@code customIngestionConfiguration}, {@code destination}) are JSON text, or {@code null} when
 * absent. Given to hooks before the field rules are checked, so any component may still be {@code null}.
 *
 * @param id                           unique within the resource
 * @param ingestionStrategy            {@code SNAPSHOT} or {@code INCREMENTAL}
 * @param customIngestionConfiguration the connector's own settings, JSON text
 * @param scheduleType                 {@code INTERVAL}, {@code CRON} or {@code GLOBAL}
 * @param scheduleDefinition           {@code 60m} / a cron expression; none for {@code GLOBAL}
 * @param destination                  where the data goes, JSON text
 */
public record IngestionConfiguration(
        String id,
        IngestionStrategy ingestionStrategy,
        String customIngestionConfiguration,
        ScheduleType scheduleType,
        String scheduleDefinition,
        String destination) {

    /**
     * The custom configuration with typed getters, when it is a JSON object.
     *
     * @return the configuration; empty when {@code customIngestionConfiguration} is {@code null} or JSON other than
     *         an object
     */
    public Optional<Configuration> customConfiguration() {
        return object(customIngestionConfiguration);
    }

    /**
     * The destination with typed getters, when it is a JSON object.
     *
     * @return the destination as a configuration; empty when {@code destination} is {@code null} or JSON other than
     *         an object
     */
    public Optional<Configuration> destinationConfiguration() {
        return object(destination);
    }

    static Optional<Configuration> object(String json) {
        return json != null && json.strip().startsWith("{")
                ? Optional.of(Configuration.ofJson(json))
                : Optional.empty();
    }
}
