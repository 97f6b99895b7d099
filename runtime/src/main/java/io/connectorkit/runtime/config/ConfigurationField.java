package io.connectorkit.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.json.InvalidJsonException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One declared key of a configuration object: its name, type, whether it is required, its default and description.
 * Built with the static factories, e.g. {@code ConfigurationField.identifier("sink_database").required()}.
 */
public final class ConfigurationField {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final FieldType type;
    private final boolean required;
    private final JsonNode defaultValue;
    private final String description;
    private final Function<JsonNode, Optional<String>> shape;
    private final List<String> choices;

    private ConfigurationField(
            String name,
            FieldType type,
            boolean required,
            JsonNode defaultValue,
            String description,
            Function<JsonNode, Optional<String>> shape,
            List<String> choices) {
        this.name = name;
        this.type = type;
        this.required = required;
        this.defaultValue = defaultValue;
        this.description = description;
        this.shape = shape;
        this.choices = choices;
    }

    /**
     * An optional field of the given type, without default or description.
     *
     * @param name the key in the configuration object: letters, digits and {@code _}, not starting with a digit
     *     (for example {@code sink_database})
     * @param type what the field's values must be
     * @return the field
     * @throws IllegalArgumentException when the name is not valid, or the type is {@link FieldType#CHOICE} (which
     *     needs its choices: use {@link #choice(String, List)})
     */
    public static ConfigurationField of(String name, FieldType type) {
        Objects.requireNonNull(type, "type");
        if (type == FieldType.CHOICE) {
            throw new IllegalArgumentException("The choice field '" + name + "' needs its choices; declare it with "
                    + "ConfigurationField.choice(\"" + name + "\", List.of(\"first\", \"second\"))");
        }
        return named(name, type, List.of());
    }

    private static ConfigurationField named(String name, FieldType type, List<String> choices) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("The configuration field name '" + name + "' is not valid: use letters,"
                    + " digits and _ and do not start with a digit (for example sink_database)");
        }
        return new ConfigurationField(name, type, false, null, "", value -> Optional.empty(), choices);
    }

    /**
     * An optional field whose value is one of a fixed list of strings, such as a region or a sync mode; read it with
     * {@link Configuration#string}. The generated UIs offer the choices in a drop-down list.
     *
     * @param name the key in the configuration object, see {@link #of}
     * @param choices the allowed values, in the order the UIs show them: at least one, each a non-blank string, no
     *     two equal
     * @return the field; chain {@link #required()}, {@link #defaultValue(Object)} or {@link #description(String)}
     * @throws IllegalArgumentException when the name is not valid or the choices are empty, blank or repeated
     */
    public static ConfigurationField choice(String name, List<String> choices) {
        Objects.requireNonNull(choices, "choices");
        problemOfChoices(choices).ifPresent(problem -> {
            throw new IllegalArgumentException("The choices of field '" + name + "' are not valid: " + problem);
        });
        return named(name, FieldType.CHOICE, List.copyOf(choices));
    }

    /**
     * Why a list cannot be the choices of a {@link FieldType#CHOICE} field.
     *
     * @param choices the proposed choices
     * @return the reason with its fix, or empty when the list is fit
     */
    public static Optional<String> problemOfChoices(List<String> choices) {
        if (choices.isEmpty()) {
            return Optional.of("the list is empty; give at least one choice");
        }
        Set<String> seen = new HashSet<>();
        for (String choice : choices) {
            if (choice == null || choice.isBlank()) {
                return Optional.of("a choice is blank; give each choice as a non-blank string");
            }
            if (!seen.add(choice)) {
                return Optional.of("'" + choice + "' is listed twice; list each choice once");
            }
        }
        return Optional.empty();
    }

    /**
     * An optional string field: any JSON string.
     *
     * @param name the key in the configuration object, see {@link #of}
     * @return the field; chain {@link #required()}, {@link #defaultValue(Object)} or {@link #description(String)}
     */
    public static ConfigurationField string(String name) {
        return of(name, FieldType.STRING);
    }

    /**
     * An optional Snowflake identifier field, such as a warehouse, database or role name; read it with {@link
     * Configuration#identifier}.
     *
     * @param name the key in the configuration object, see {@link #of}
     * @return the field; chain {@link #required()}, {@link #defaultValue(Object)} or {@link #description(String)}
     */
    public static ConfigurationField identifier(String name) {
        return of(name, FieldType.IDENTIFIER);
    }

    /**
     * An optional whole-number field (JSON number without fraction, within {@code long}); read it with {@link
     * Configuration#integer}.
     *
     * @param name the key in the configuration object, see {@link #of}
     * @return the field; chain {@link #required()}, {@link #defaultValue(Object)} or {@link #description(String)}
     */
    public static ConfigurationField integer(String name) {
        return of(name, FieldType.INTEGER);
    }

    /**
     * An optional boolean field ({@code true} or {@code false}); read it with {@link Configuration#bool}.
     *
     * @param name the key in the configuration object, see {@link #of}
     * @return the field; chain {@link #required()}, {@link #defaultValue(Object)} or {@link #description(String)}
     */
    public static ConfigurationField bool(String name) {
        return of(name, FieldType.BOOLEAN);
    }

    /**
     * An optional absolute {@code http} or {@code https} URL field.
     *
     * @param name the key in the configuration object, see {@link #of}
     * @return the field; chain {@link #required()}, {@link #defaultValue(Object)} or {@link #description(String)}
     */
    public static ConfigurationField url(String name) {
        return of(name, FieldType.URL);
    }

    /**
     * An optional 5-field cron expression field (minute, hour, day of month, month, day of week), checked with {@link
     * CronExpression}.
     *
     * @param name the key in the configuration object, see {@link #of}
     * @return the field; chain {@link #required()}, {@link #defaultValue(Object)} or {@link #description(String)}
     */
    public static ConfigurationField cron(String name) {
        return of(name, FieldType.CRON);
    }

    /**
     * An optional JSON object field; read it with {@link Configuration#object}.
     *
     * @param name the key in the configuration object, see {@link #of}
     * @return the field; chain {@link #required()}, {@link #defaultValue(Object)} or {@link #description(String)}
     */
    public static ConfigurationField object(String name) {
        return of(name, FieldType.OBJECT);
    }

    /**
     * A secret field of the connection configuration: its value is the name of the field's {@link SecretReference},
     * never the secret itself, and views and read procedures mask it. A secret field cannot have a default.
     *
     * @param name the key in the configuration object, see {@link #of}
     * @return the field; chain {@link #required()}, {@link #defaultValue(Object)} or {@link #description(String)}
     */
    public static ConfigurationField secret(String name) {
        return of(name, FieldType.SECRET);
    }

    /**
     * The same field, required: a configuration without a value for it (absent, {@code null} or blank text) is
     * refused with {@code MISSING_CONFIGURATION_FIELD}.
     *
     * @return a copy of this field, required
     * @throws IllegalArgumentException when the field has a default already
     */
    public ConfigurationField required() {
        if (defaultValue != null) {
            throw new IllegalArgumentException("The field '" + name + "' has a default, so it cannot also be required");
        }
        return new ConfigurationField(name, type, true, null, description, shape, choices);
    }

    /**
     * A value stored when the field is absent. It must have the field's type.
     *
     * @param value a plain Java value: {@code String}, {@code Number}, {@code Boolean}, or for an object field a
     *     {@code Map} with {@code String} keys
     * @return a copy of this field with the default
     * @throws IllegalArgumentException when the field is required or secret, or the value does not fit its type
     */
    public ConfigurationField defaultValue(Object value) {
        Objects.requireNonNull(value, "default value");
        return defaultValue(JsonTree.tree(value));
    }

    private ConfigurationField defaultValue(JsonNode value) {
        if (required) {
            throw new IllegalArgumentException(
                    "The field '" + name + "' is required, so it cannot also have a default");
        }
        if (type == FieldType.SECRET) {
            throw new IllegalArgumentException("The secret field '" + name + "' cannot have a default: a secret "
                    + "written into the connector would be readable by anyone who has the connector");
        }
        problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException("The default of field '" + name + "' is not valid: " + problem);
        });
        // Stored as if read back from JSON text, so a default equals the same value given by a user.
        return new ConfigurationField(
                name, type, false, JsonTree.parse(JsonTree.write(value)), description, shape, choices);
    }

    /**
     * A text value stored when the field is absent.
     *
     * @param value the default text
     * @return a copy of this field with the default
     * @see #defaultValue(Object)
     */
    public ConfigurationField defaultValue(String value) {
        return defaultValue(JsonNodeFactory.instance.textNode(value));
    }

    /**
     * A number stored when the field is absent.
     *
     * @param value the default number
     * @return a copy of this field with the default
     * @see #defaultValue(Object)
     */
    public ConfigurationField defaultValue(long value) {
        return defaultValue(JsonNodeFactory.instance.numberNode(value));
    }

    /**
     * A boolean stored when the field is absent.
     *
     * @param value the default
     * @return a copy of this field with the default
     * @see #defaultValue(Object)
     */
    public ConfigurationField defaultValue(boolean value) {
        return defaultValue(JsonNodeFactory.instance.booleanNode(value));
    }

    /**
     * The same field with a description, shown beside it in the app's wizard and in the kit's messages.
     *
     * @param text one sentence for the consumer; {@code null} for none
     * @return a copy of this field with the description
     */
    public ConfigurationField description(String text) {
        return new ConfigurationField(name, type, required, defaultValue, text == null ? "" : text, shape, choices);
    }

    /** A further check of the value's structure, beyond its type (used for {@code global_schedule}). */
    ConfigurationField shape(Function<JsonNode, Optional<String>> check) {
        return new ConfigurationField(name, type, required, defaultValue, description, check, choices);
    }

    /**
     * @return the key in the configuration object, such as {@code sink_database}
     */
    public String name() {
        return name;
    }

    /**
     * @return what the field's values must be
     */
    public FieldType type() {
        return type;
    }

    /**
     * @return whether a configuration without a value for this field is refused
     */
    public boolean isRequired() {
        return required;
    }

    /**
     * The value stored when the field is absent.
     *
     * @return the default as a plain Java value ({@code String}, {@code Long} or {@code Integer}, {@code Boolean},
     *     {@code Map}, …), or empty when the field has none
     */
    public Optional<Object> defaultValue() {
        return Optional.ofNullable(defaultValue).map(JsonTree::plain);
    }

    /** The default as stored, for the schema's own use. */
    Optional<JsonNode> defaultTree() {
        return Optional.ofNullable(defaultValue).map(JsonNode::deepCopy);
    }

    /**
     * @return the allowed values of a {@link FieldType#CHOICE} field, in declaration order; empty for other types
     */
    public List<String> choices() {
        return choices;
    }

    /**
     * @return the description, empty when none was given
     */
    public String description() {
        return description;
    }

    /**
     * Why the value does not fit this field, or empty when it does. A secret field takes only the name of its
     * {@link SecretReference}, so that the secret's value never lands in the stored configuration.
     */
    Optional<String> problem(JsonNode value) {
        if (type == FieldType.SECRET) {
            return value.isTextual() && SecretReference.isReferenceOf(name, value.asText())
                    ? Optional.empty()
                    : Optional.of("it " + SecretReference.refusal(name));
        }
        if (type == FieldType.CHOICE) {
            return value.isTextual() && choices.contains(value.asText())
                    ? Optional.empty()
                    : Optional.of("it must be one of " + String.join(", ", choices)
                            + (value.isTextual() ? "" : ", but it is " + JsonTree.describeType(value)));
        }
        return type.problem(value).or(() -> shape.apply(value));
    }

    /**
     * Why a value does not fit this field.
     *
     * @param json the value as JSON text, for example {@code "\"https://api.example.com\""} or {@code 100}
     * @return the reason, to be shown after the field's name; empty when the value fits
     */
    public Optional<String> problemOfJson(String json) {
        try {
            return problem(JsonTree.parse(json));
        } catch (InvalidJsonException e) {
            return Optional.of("it is not JSON: " + e.getMessage());
        }
    }

    /** The field as messages show it, for example {@code base_url (url, required)}. */
    @Override
    public String toString() {
        return name + " (" + type.label() + (required ? ", required" : "") + ")";
    }
}
