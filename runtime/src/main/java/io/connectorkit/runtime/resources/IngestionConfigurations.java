package io.connectorkit.runtime.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.json.InvalidJsonException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one JSON codec of a resource's ingestion configurations (spec §2.4): the JSON array the procedures take and
 * {@code STATE.RESOURCE_INGESTION_DEFINITION.INGESTION_CONFIGURATION} stores, read into {@link IngestionConfiguration}s
 * and written back, and the interval grammar of {@link ScheduleType#INTERVAL}. Everything that reads or writes that
 * shape (procedures, scheduler, SQL hooks, the plugin's configuration file and console) goes through here.
 */
public final class IngestionConfigurations {

    /** The property of a configuration's id, unique within the resource. */
    public static final String ID = "id";
    /** The property of a configuration's {@link IngestionStrategy}. */
    public static final String INGESTION_STRATEGY = "ingestionStrategy";
    /** The property of the connector's own settings, any JSON. */
    public static final String CUSTOM_INGESTION_CONFIGURATION = "customIngestionConfiguration";
    /** The property of a configuration's {@link ScheduleType}. */
    public static final String SCHEDULE_TYPE = "scheduleType";
    /** The property of the interval or cron expression; none for {@link ScheduleType#GLOBAL}. */
    public static final String SCHEDULE_DEFINITION = "scheduleDefinition";
    /** The property of where the data goes, any JSON. */
    public static final String DESTINATION = "destination";
    /** Every property of a configuration, in the spec's order. */
    public static final List<String> PROPERTIES = List.of(
            ID, INGESTION_STRATEGY, CUSTOM_INGESTION_CONFIGURATION, SCHEDULE_TYPE, SCHEDULE_DEFINITION, DESTINATION);

    private static final Pattern INTERVAL = Pattern.compile("[1-9][0-9]*[dhm]", Pattern.CASE_INSENSITIVE);

    private IngestionConfigurations() {}

    /**
     * Configurations read from JSON, or why their structure is invalid.
     *
     * @param configurations the configurations read; empty when the structure is invalid
     * @param problem        what is wrong and where ({@code ingestionConfigurations[1].scheduleType is 'DAILY'; …}),
     *                       or {@code null} when valid
     */
    public record Parsed(List<IngestionConfiguration> configurations, String problem) {

        /** @return whether the structure was valid */
        public boolean isValid() {
            return problem == null;
        }

        /**
         * The configuration of an id.
         *
         * @param id the configuration's id
         * @return the configuration; empty when none has the id
         */
        public Optional<IngestionConfiguration> withId(String id) {
            return configurations.stream()
                    .filter(configuration -> id.equals(configuration.id()))
                    .findFirst();
        }
    }

    /**
     * Reads configurations from JSON text, as procedures take them and {@code INGESTION_CONFIGURATION} stores them.
     *
     * @param json the JSON text; {@code null} or JSON null is no configurations
     * @return the configurations, or why they cannot be read
     */
    public static Parsed read(String json) {
        if (json == null) {
            return new Parsed(List.of(), null);
        }
        try {
            JsonNode value = JsonTree.parse(json);
            return value.isNull() ? new Parsed(List.of(), null) : readTree(value);
        } catch (InvalidJsonException e) {
            return invalid("It is not JSON: " + e.getMessage() + ".");
        }
    }

    /**
     * Reads the structure: an array of objects with only the known properties, each a string (or JSON for the
     * free-form ones), the enums by their exact names. Field rules (required, unique ids, schedule syntax) are the
     * procedures' business.
     *
     * @param value the JSON value
     * @return the configurations, or the first structural problem
     */
    static Parsed readTree(JsonNode value) {
        if (!value.isArray()) {
            return invalid("The ingestion configurations must be a JSON array of objects, not "
                    + JsonTree.describeType(value) + ".");
        }
        List<IngestionConfiguration> configurations = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String at = "ingestionConfigurations[" + i + "]";
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                return invalid(at + " is " + JsonTree.describeType(item) + ", not an object.");
            }
            for (Map.Entry<String, JsonNode> property : item.properties()) {
                if (!PROPERTIES.contains(property.getKey())) {
                    return invalid(at + " has the unknown property '" + property.getKey() + "'; the properties are "
                            + String.join(", ", PROPERTIES) + ".");
                }
            }
            Optional<String> problem = textProblem(item, ID, at)
                    .or(() -> textProblem(item, SCHEDULE_DEFINITION, at))
                    .or(() -> enumProblem(item, INGESTION_STRATEGY, IngestionStrategy.values(), at))
                    .or(() -> enumProblem(item, SCHEDULE_TYPE, ScheduleType.values(), at));
            if (problem.isPresent()) {
                return invalid(problem.get());
            }
            configurations.add(new IngestionConfiguration(
                    text(item, ID),
                    Optional.ofNullable(text(item, INGESTION_STRATEGY))
                            .map(IngestionStrategy::valueOf)
                            .orElse(null),
                    json(item, CUSTOM_INGESTION_CONFIGURATION),
                    Optional.ofNullable(text(item, SCHEDULE_TYPE))
                            .map(ScheduleType::valueOf)
                            .orElse(null),
                    text(item, SCHEDULE_DEFINITION),
                    json(item, DESTINATION)));
        }
        return new Parsed(List.copyOf(configurations), null);
    }

    /**
     * The configurations as stored and as the procedures answer them: the spec's property order, absent properties
     * left out, the free-form ones embedded as JSON.
     *
     * @param configurations the configurations
     * @return compact JSON text of the array
     * @throws InvalidJsonException when a free-form component is not JSON
     */
    public static String toJson(List<IngestionConfiguration> configurations) {
        ArrayNode array = JsonTree.object().arrayNode();
        for (IngestionConfiguration configuration : configurations) {
            ObjectNode item = array.addObject();
            for (String property : PROPERTIES) {
                JsonNode value = valueOf(configuration, property);
                if (!value.isNull()) {
                    item.set(property, value);
                }
            }
        }
        return JsonTree.write(array);
    }

    /**
     * The configurations as Snowflake's SDK hands them to SQL hooks: every property present, JSON null when absent.
     *
     * @param configurations the configurations
     * @return the JSON array
     * @throws InvalidJsonException when a free-form component is not JSON
     */
    static ArrayNode toComplete(List<IngestionConfiguration> configurations) {
        ArrayNode array = JsonTree.object().arrayNode();
        for (IngestionConfiguration configuration : configurations) {
            ObjectNode item = array.addObject();
            for (String property : PROPERTIES) {
                item.set(property, valueOf(configuration, property));
            }
        }
        return array;
    }

    /**
     * The length of an {@link ScheduleType#INTERVAL} definition: a positive whole number and {@code m}, {@code h} or
     * {@code d}, either case ({@code 60m}, {@code 2H}, {@code 1d}), whose duration fits.
     *
     * @param definition the schedule definition
     * @return the interval; empty when the definition is not one
     */
    public static Optional<Duration> interval(String definition) {
        if (definition == null || !INTERVAL.matcher(definition).matches()) {
            return Optional.empty();
        }
        try {
            long amount = Long.parseLong(definition.substring(0, definition.length() - 1));
            return Optional.of(
                    switch (Character.toLowerCase(definition.charAt(definition.length() - 1))) {
                        case 'd' -> Duration.ofDays(amount);
                        case 'h' -> Duration.ofHours(amount);
                        default -> Duration.ofMinutes(amount);
                    });
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * The names of an enum's constants, for messages and choices.
     *
     * @param values the constants
     * @return their names, in declaration order
     */
    public static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static JsonNode valueOf(IngestionConfiguration configuration, String property) {
        return switch (property) {
            case ID -> textNode(configuration.id());
            case INGESTION_STRATEGY ->
                textNode(
                        configuration.ingestionStrategy() == null
                                ? null
                                : configuration.ingestionStrategy().name());
            case CUSTOM_INGESTION_CONFIGURATION -> jsonNode(configuration.customIngestionConfiguration());
            case SCHEDULE_TYPE ->
                textNode(
                        configuration.scheduleType() == null
                                ? null
                                : configuration.scheduleType().name());
            case SCHEDULE_DEFINITION -> textNode(configuration.scheduleDefinition());
            case DESTINATION -> jsonNode(configuration.destination());
            default -> throw new IllegalArgumentException(property);
        };
    }

    private static JsonNode textNode(String text) {
        return text == null ? NullNode.getInstance() : JsonTree.object().textNode(text);
    }

    private static JsonNode jsonNode(String json) {
        return json == null ? NullNode.getInstance() : JsonTree.parse(json);
    }

    private static Parsed invalid(String problem) {
        return new Parsed(List.of(), problem);
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
        List<String> names = names(values);
        if (value.isTextual() && names.contains(value.asText())) {
            return Optional.empty();
        }
        return Optional.of(at + "." + property + " is "
                + (value.isTextual() ? "'" + value.asText() + "'" : JsonTree.describeType(value))
                + "; it must be one of " + String.join(", ", names) + ".");
    }

    private static String text(JsonNode item, String property) {
        JsonNode value = item.get(property);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String json(JsonNode item, String property) {
        JsonNode value = item.get(property);
        return value == null || value.isNull() ? null : JsonTree.write(value);
    }
}
