package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.json.InvalidJsonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.config.CronExpression;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.resources.IngestionConfiguration;
import io.connectorkit.runtime.resources.IngestionStrategy;
import io.connectorkit.runtime.resources.ResourceDefinition;
import io.connectorkit.runtime.resources.ScheduleType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The shapes and rules of spec §2.4: ingestion configurations read from JSON (structure), and a definition's field
 * rules, whose messages are the SDK's, plus the kit's own (cron syntax, unique configuration ids, empty resource ids).
 */
final class ResourceInput {

    /** The SDK's message for configurations it cannot map; the kit appends what is wrong and where. */
    static final String INVALID_STRUCTURE = "Provided ingestion configuration has invalid structure and cannot be "
            + "processed.";

    static final List<String> PROPERTIES = List.of("id", "ingestionStrategy", "customIngestionConfiguration",
            "scheduleType", "scheduleDefinition", "destination");

    private static final Pattern INTERVAL = Pattern.compile("[1-9][0-9]*[dhm]");

    private ResourceInput() {
    }

    /** Configurations read from JSON, or why their structure is invalid. */
    record Parsed(List<IngestionConfiguration> configurations, String problem) {
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
            return new Parsed(List.of(), "The argument " + argumentName + " must be a JSON array, but "
                    + notJson.get() + ".");
        }
        return argument.value().map(ResourceInput::parse).orElseGet(() -> new Parsed(List.of(), null));
    }

    /** Stored configurations, as {@code INGESTION_CONFIGURATION} JSON text; NULL is none. */
    static Parsed parseStored(String json) {
        if (json == null) {
            return new Parsed(List.of(), null);
        }
        try {
            JsonNode value = JsonTree.parse(json);
            return value.isNull() ? new Parsed(List.of(), null) : parse(value);
        } catch (InvalidJsonException e) {
            return new Parsed(List.of(), "It is not JSON: " + e.getMessage() + ".");
        }
    }

    static Parsed parse(JsonNode value) {
        if (!value.isArray()) {
            return new Parsed(List.of(), "The ingestion configurations must be a JSON array of objects, not "
                    + JsonTree.describeType(value) + ".");
        }
        List<IngestionConfiguration> configurations = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String at = "ingestionConfigurations[" + i + "]";
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                return new Parsed(List.of(), at + " is " + JsonTree.describeType(item) + ", not an object.");
            }
            for (Map.Entry<String, JsonNode> property : item.properties()) {
                if (!PROPERTIES.contains(property.getKey())) {
                    return new Parsed(List.of(), at + " has the unknown property '" + property.getKey()
                            + "'; the properties are " + String.join(", ", PROPERTIES) + ".");
                }
            }
            Optional<String> problem = textProblem(item, "id", at).or(() -> textProblem(item, "scheduleDefinition", at))
                    .or(() -> enumProblem(item, "ingestionStrategy", IngestionStrategy.values(), at))
                    .or(() -> enumProblem(item, "scheduleType", ScheduleType.values(), at));
            if (problem.isPresent()) {
                return new Parsed(List.of(), problem.get());
            }
            configurations.add(new IngestionConfiguration(text(item, "id"),
                    Optional.ofNullable(text(item, "ingestionStrategy")).map(IngestionStrategy::valueOf).orElse(null),
                    json(item, "customIngestionConfiguration"),
                    Optional.ofNullable(text(item, "scheduleType")).map(ScheduleType::valueOf).orElse(null),
                    text(item, "scheduleDefinition"), json(item, "destination")));
        }
        return new Parsed(configurations, null);
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
        Map<String, Long> ids = configurations.stream().map(IngestionConfiguration::id)
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
        ArrayNode array = JsonTree.object().arrayNode();
        for (IngestionConfiguration configuration : configurations) {
            ObjectNode item = array.addObject();
            putIfPresent(item, "id", configuration.id());
            if (configuration.ingestionStrategy() != null) {
                item.put("ingestionStrategy", configuration.ingestionStrategy().name());
            }
            if (configuration.customIngestionConfiguration() != null) {
                item.set("customIngestionConfiguration", JsonTree.parse(configuration.customIngestionConfiguration()));
            }
            if (configuration.scheduleType() != null) {
                item.put("scheduleType", configuration.scheduleType().name());
            }
            putIfPresent(item, "scheduleDefinition", configuration.scheduleDefinition());
            if (configuration.destination() != null) {
                item.set("destination", JsonTree.parse(configuration.destination()));
            }
        }
        return JsonTree.write(array);
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
        return value.isNull() || (value.isContainerNode() && value.isEmpty())
                || (value.isTextual() && value.asText().isBlank());
    }

    private static Optional<String> scheduleProblem(IngestionConfiguration configuration) {
        String definition = configuration.scheduleDefinition();
        if (definition == null || configuration.scheduleType() == null) {
            return Optional.empty();
        }
        if (configuration.scheduleType() == ScheduleType.INTERVAL) {
            String lower = definition.toLowerCase(Locale.ROOT);
            boolean valid = INTERVAL.matcher(lower).matches() && fitsALong(lower.substring(0, lower.length() - 1));
            return valid ? Optional.empty() : Optional.of("Invalid schedule definition '" + definition + "'. Interval "
                    + "schedule definition should consist of a number and one of the letters: d, h, m.");
        }
        if (configuration.scheduleType() == ScheduleType.CRON) {
            return CronExpression.problem(definition).map(problem -> "Invalid schedule definition '" + definition
                    + "'. Cron schedule definition should be a 5-field cron expression: " + problem + ".");
        }
        return Optional.empty();
    }

    private static boolean fitsALong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<String> textProblem(JsonNode item, String property, String at) {
        JsonNode value = item.get(property);
        if (value == null || value.isNull() || value.isTextual()) {
            return Optional.empty();
        }
        return Optional.of(at + "." + property + " must be a string, not " + JsonTree.describeType(value) + ".");
    }

    private static Optional<String> enumProblem(JsonNode item, String property, Enum<?>[] values, String at) {
        JsonNode value = item.get(property);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        List<String> names = Arrays.stream(values).map(Enum::name).toList();
        if (value.isTextual() && names.contains(value.asText())) {
            return Optional.empty();
        }
        return Optional.of(at + "." + property + " is " + (value.isTextual() ? "'" + value.asText() + "'"
                : JsonTree.describeType(value)) + "; it must be one of " + String.join(", ", names) + ".");
    }

    private static String text(JsonNode item, String property) {
        JsonNode value = item.get(property);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String json(JsonNode item, String property) {
        JsonNode value = item.get(property);
        return value == null || value.isNull() ? null : JsonTree.write(value);
    }

    private static void putIfPresent(ObjectNode item, String property, String value) {
        if (value != null) {
            item.put(property, value);
        }
    }

    private static boolean isNullOrEmpty(String text) {
        return text == null || text.isEmpty();
    }

    private static String cannotBeEmpty(String field) {
        return "Field '" + field + "' cannot be empty.";
    }
}
