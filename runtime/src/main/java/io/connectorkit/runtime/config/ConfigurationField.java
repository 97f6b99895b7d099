package io.connectorkit.runtime.config;

import io.connectorkit.runtime.json.InvalidJsonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.connectorkit.runtime.internal.json.JsonTree;
import java.util.Objects;
import java.util.Optional;
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

    private ConfigurationField(String name, FieldType type, boolean required, JsonNode defaultValue,
            String description, Function<JsonNode, Optional<String>> shape) {
        this.name = name;
        this.type = type;
        this.required = required;
        this.defaultValue = defaultValue;
        this.description = description;
        this.shape = shape;
    }

    public static ConfigurationField of(String name, FieldType type) {
        Objects.requireNonNull(type, "type");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("The configuration field name '" + name + "' is not valid: use letters,"
                    + " digits and _ and do not start with a digit (for example sink_database)");
        }
        return new ConfigurationField(name, type, false, null, "", value -> Optional.empty());
    }

    public static ConfigurationField string(String name) {
        return of(name, FieldType.STRING);
    }

    public static ConfigurationField identifier(String name) {
        return of(name, FieldType.IDENTIFIER);
    }

    public static ConfigurationField integer(String name) {
        return of(name, FieldType.INTEGER);
    }

    public static ConfigurationField bool(String name) {
        return of(name, FieldType.BOOLEAN);
    }

    public static ConfigurationField url(String name) {
        return of(name, FieldType.URL);
    }

    public static ConfigurationField cron(String name) {
        return of(name, FieldType.CRON);
    }

    public static ConfigurationField object(String name) {
        return of(name, FieldType.OBJECT);
    }

    public static ConfigurationField secret(String name) {
        return of(name, FieldType.SECRET);
    }

    public ConfigurationField required() {
        if (defaultValue != null) {
            throw new IllegalArgumentException("The field '" + name + "' has a default, so it cannot also be required");
        }
        return new ConfigurationField(name, type, true, null, description, shape);
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
            throw new IllegalArgumentException("The field '" + name + "' is required, so it cannot also have a default");
        }
        if (type == FieldType.SECRET) {
            throw new IllegalArgumentException("The secret field '" + name + "' cannot have a default: a secret "
                    + "written into the connector would be readable by anyone who has the connector");
        }
        type.problem(value).or(() -> shape.apply(value)).ifPresent(problem -> {
            throw new IllegalArgumentException("The default of field '" + name + "' is not valid: " + problem);
        });
        // Stored as if read back from JSON text, so a default equals the same value given by a user.
        return new ConfigurationField(name, type, false, JsonTree.parse(JsonTree.write(value)), description, shape);
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

    public ConfigurationField description(String text) {
        return new ConfigurationField(name, type, required, defaultValue, text == null ? "" : text, shape);
    }

    /** A further check of the value's structure, beyond its type (used for {@code global_schedule}). */
    ConfigurationField shape(Function<JsonNode, Optional<String>> check) {
        return new ConfigurationField(name, type, required, defaultValue, description, check);
    }

    public String name() {
        return name;
    }

    public FieldType type() {
        return type;
    }

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

    public String description() {
        return description;
    }

    /**
     * Why the value does not fit this field, or empty when it does. A secret field takes only the name of its
     * {@link SecretReference}, so that the secret's value never lands in the stored configuration.
     */
    Optional<String> problem(JsonNode value) {
        if (type == FieldType.SECRET) {
            return value.isTextual() && SecretReference.isReferenceOf(name, value.asText()) ? Optional.empty()
                    : Optional.of("it " + SecretReference.refusal(name));
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

    @Override
    public String toString() {
        return name + " (" + type.label() + (required ? ", required" : "") + ")";
    }
}
