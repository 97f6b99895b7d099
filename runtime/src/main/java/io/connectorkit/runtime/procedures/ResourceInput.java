package io.connectorkit.runtime.procedures;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.config.CronExpression;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.resources.IngestionConfiguration;
import io.connectorkit.runtime.resources.IngestionConfigurations;
import io.connectorkit.runtime.resources.ResourceDefinition;
import io.connectorkit.runtime.resources.ScheduleType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shapes and rules of spec §2.4: ingestion configurations read from JSON (structure), and a definition's field
 * rules, whose messages are the SDK's, plus the kit's own (cron syntax, unique configuration ids, empty resource ids).
 */
final class ResourceInput {

    /** The SDK's message for configurations it cannot map; the kit appends what is wrong and where. */
    static final String INVALID_STRUCTURE =
            "Provided ingestion configuration has invalid structure and cannot be " + "processed.";

    private ResourceInput() {}

    /** Configurations read from JSON, or why their structure is invalid. */
    record Parsed(List<IngestionConfiguration> configurations, String problem) {
        static Parsed of(IngestionConfigurations.Parsed parsed) {
            return new Parsed(parsed.configurations(), parsed.problem());
        }

        boolean isValid() {
            return problem == null;
        }

        String message() {
            return INVALID_STRUCTURE + " " + problem;
        }
    }

    /** A procedure argument: NULL is no configurations (refused later by the field rules). */
    static Parsed parse(JsonArgument argument, String argumentName) {
        Optional<String> notJson = argument.invalidJson();
        if (notJson.isPresent()) {
            return new Parsed(
                    List.of(), "The argument " + argumentName + " must be a JSON array, but " + notJson.get() + ".");
        }
        return argument.value()
                .map(value -> Parsed.of(IngestionConfigurations.read(JsonTree.write(value))))
                .orElseGet(() -> new Parsed(List.of(), null));
    }

    /** Stored configurations, as {@code INGESTION_CONFIGURATION} JSON text; NULL is none. */
    static Parsed parseStored(String json) {
        return Parsed.of(IngestionConfigurations.read(json));
    }

    /**
     * The field rules of spec §2.4, in the SDK's order, then the kit's: cron definitions must parse and
     * configuration ids must be unique. Empty when the definition may be stored.
     */
    static List<String> validate(ResourceDefinition resource) {
        List<String> errors = new ArrayList<>();
        if (isNullOrEmpty(resource.id())) {
            errors.add(cannotBeEmpty("id"));
        }
        if (isNullOrEmpty(resource.name())) {
            errors.add(cannotBeEmpty("name"));
        }
        if (isEmptyResourceId(resource.resourceId())) {
            errors.add(cannotBeEmpty("resourceId"));
        }
        List<IngestionConfiguration> configurations = resource.ingestionConfigurations();
        if (resource.parentId() == null && configurations.isEmpty()) {
            // The SDK's text, stray quote included.
            errors.add("Field 'ingestionConfiguration' cannot be empty when parentId is not set.'");
        }
        for (IngestionConfiguration configuration : configurations) {
            if (isNullOrEmpty(configuration.id())) {
                errors.add(cannotBeEmpty("ingestionConfiguration.id"));
            }
            if (configuration.ingestionStrategy() == null) {
                errors.add(cannotBeEmpty("ingestionConfiguration.ingestionStrategy"));
            }
            if (configuration.scheduleType() == null) {
                errors.add(cannotBeEmpty("ingestionConfiguration.scheduleType"));
            }
            if (configuration.scheduleDefinition() == null && configuration.scheduleType() != ScheduleType.GLOBAL) {
                errors.add(cannotBeEmpty("ingestionConfiguration.scheduleDefinition"));
            }
        }
        for (IngestionConfiguration configuration : configurations) {
            scheduleProblem(configuration).ifPresent(errors::add);
        }
        Map<String, Long> ids = configurations.stream()
                .map(IngestionConfiguration::id)
                .filter(id -> !isNullOrEmpty(id))
                .collect(Collectors.groupingBy(id -> id, LinkedHashMap::new, Collectors.counting()));
        ids.forEach((id, count) -> {
            if (count > 1) {
                errors.add("Field 'ingestionConfiguration.id' must be unique within the resource: '" + id + "' is used "
                        + count + " times.");
            }
        });
        return errors;
    }

    /** The SDK's wrapping of field-rule messages. */
    static String validationMessage(List<String> errors) {
        return "Resource validation failed with " + errors.size() + " errors: " + String.join(" ", errors);
    }

    /** The configurations as stored: the spec's property order, absent (null) properties left out. */
    static String toJson(List<IngestionConfiguration> configurations) {
        return IngestionConfigurations.toJson(configurations);
    }

    /**
     * Whether a resource id counts as not given: NULL, as in the SDK, and (kit) an empty object, array or text,
     * which identify nothing.
     */
    static boolean isEmptyResourceId(String json) {
        if (json == null) {
            return true;
        }
        JsonNode value = JsonTree.parse(json);
        return value.isNull()
                || (value.isContainerNode() && value.isEmpty())
                || (value.isTextual() && value.asText().isBlank());
    }

    private static Optional<String> scheduleProblem(IngestionConfiguration configuration) {
        String definition = configuration.scheduleDefinition();
        if (definition == null || configuration.scheduleType() == null) {
            return Optional.empty();
        }
        if (configuration.scheduleType() == ScheduleType.INTERVAL) {
            return IngestionConfigurations.interval(definition).isPresent()
                    ? Optional.empty()
                    : Optional.of("Invalid schedule definition '" + definition + "'. Interval "
                            + "schedule definition should consist of a number and one of the letters: d, h, m.");
        }
        if (configuration.scheduleType() == ScheduleType.CRON) {
            return CronExpression.problem(definition)
                    .map(problem -> "Invalid schedule definition '" + definition
                            + "'. Cron schedule definition should be a 5-field cron expression: " + problem + ".");
        }
        return Optional.empty();
    }

    private static boolean isNullOrEmpty(String text) {
        return text == null || text.isEmpty();
    }

    private static String cannotBeEmpty(String field) {
        return "Field '" + field + "' cannot be empty.";
    }
}
