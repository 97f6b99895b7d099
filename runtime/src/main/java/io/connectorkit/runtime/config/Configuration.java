package io.connectorkit.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.json.InvalidJsonException;
import io.connectorkit.runtime.sql.Identifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A configuration object as connector code reads it: the connector configuration, the connection configuration or
 * the finalize input, with typed getters. Immutable.
 *
 * <p>A key that is absent and a key whose value is JSON {@code null} read the same: every getter answers empty. A
 * getter also answers empty when the value has another type (for example {@link #integer} of a string), so that a
 * connector never reads a value it did not expect; the runtime has checked every declared field's type already.
 *
 * <p>A secret field holds the name of its {@link SecretReference}, never the secret itself.
 */
public final class Configuration {

    private final ObjectNode values;

    private Configuration(ObjectNode values) {
        this.values = values;
    }

    /**
     * A configuration of plain Java values, for tests and defaults.
     *
     * @param values keys to {@code String}, {@code Number}, {@code Boolean}, {@code Map}, {@code List} or
     *     {@code null} values; {@code null} for an empty configuration
     * @return the configuration (a copy: later changes to the map do not show)
     * @throws IllegalArgumentException when a value has no JSON form
     */
    public static Configuration of(Map<String, ?> values) {
        return values == null ? empty() : new Configuration((ObjectNode) JsonTree.tree(values));
    }

    /**
     * A configuration from JSON object text.
     *
     * @param json a JSON object, for example {@code {"warehouse": "XS"}}
     * @return the configuration
     * @throws InvalidJsonException when the text is not JSON
     * @throws IllegalArgumentException when it is JSON but not an object
     */
    public static Configuration ofJson(String json) {
        JsonNode value = JsonTree.parse(json);
        if (!value.isObject()) {
            throw new IllegalArgumentException("A configuration is a JSON object, not " + JsonTree.describeType(value));
        }
        return new Configuration((ObjectNode) value);
    }

    /**
     * @return a configuration without keys
     */
    public static Configuration empty() {
        return new Configuration(JsonTree.object());
    }

    /** The configuration of a tree the runtime holds; the tree is copied. */
    static Configuration ofTree(ObjectNode tree) {
        return new Configuration(tree.deepCopy());
    }

    /** A copy of the configuration's tree, for the runtime's own checks. */
    static ObjectNode tree(Configuration configuration) {
        return configuration.values.deepCopy();
    }

    /**
     * @param key a key of the configuration
     * @return whether the key has a value other than {@code null}
     */
    public boolean has(String key) {
        JsonNode value = values.get(key);
        return value != null && !value.isNull();
    }

    /**
     * The keys, in the order they were given.
     *
     * @return every key, including those whose value is {@code null}
     */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        values.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /**
     * A text value; a number or boolean reads as its JSON text ({@code 100}, {@code true}).
     *
     * @param key a key of the configuration
     * @return the text, or empty when the key is absent, {@code null}, an object or an array
     */
    public Optional<String> string(String key) {
        return node(key).filter(JsonNode::isValueNode).map(JsonNode::asText);
    }

    /**
     * A Snowflake identifier, such as a warehouse or database name.
     *
     * @param key a key of the configuration
     * @return the identifier, or empty when the key is absent or {@code null}
     * @throws Identifier.InvalidIdentifierException when the text is not a valid identifier
     */
    public Optional<Identifier> identifier(String key) {
        return string(key).map(Identifier::parse);
    }

    /**
     * A whole number.
     *
     * @param key a key of the configuration
     * @return the number, or empty when the key is absent, {@code null}, not a whole number or beyond {@code long}
     */
    public Optional<Long> integer(String key) {
        return node(key)
                .filter(value -> value.isIntegralNumber() && value.canConvertToLong())
                .map(JsonNode::asLong);
    }

    /**
     * A boolean.
     *
     * @param key a key of the configuration
     * @return the value, or empty when the key is absent, {@code null} or not {@code true}/{@code false}
     */
    public Optional<Boolean> bool(String key) {
        return node(key).filter(JsonNode::isBoolean).map(JsonNode::asBoolean);
    }

    /**
     * A nested object, read the same way.
     *
     * @param key a key of the configuration
     * @return the nested configuration, or empty when the key is absent, {@code null} or not an object
     */
    public Optional<Configuration> object(String key) {
        return node(key).filter(JsonNode::isObject).map(node -> new Configuration((ObjectNode) node));
    }

    /**
     * A list of values, each a plain Java value.
     *
     * @param key a key of the configuration
     * @return the list, or empty when the key is absent, {@code null} or not an array
     */
    public Optional<List<Object>> list(String key) {
        return node(key).filter(JsonNode::isArray).map(array -> {
            List<Object> items = new ArrayList<>();
            array.forEach(item -> items.add(JsonTree.plain(item)));
            return Collections.unmodifiableList(items);
        });
    }

    /**
     * The text of a key the caller knows to be present, such as a required field.
     *
     * @param key a key of the configuration
     * @return the text
     * @throws IllegalStateException naming the key and the keys present when it has no value
     */
    public String requireString(String key) {
        return string(key)
                .orElseThrow(() -> new IllegalStateException(
                        "The configuration has no value for '" + key + "'; present keys: " + keys()));
    }

    /**
     * Any value as plain Java.
     *
     * @param key a key of the configuration
     * @return a {@code String}, {@code Integer}, {@code Long}, {@code BigInteger}, {@code BigDecimal},
     *     {@code Boolean}, {@code Map} or {@code List}; empty when the key is absent or {@code null}
     */
    public Optional<Object> value(String key) {
        return node(key).map(JsonTree::plain);
    }

    /**
     * The whole configuration as plain Java values.
     *
     * @return a new mutable map, keys in the order they were given
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return new LinkedHashMap<>((Map<String, Object>) JsonTree.plain(values));
    }

    /**
     * @return the configuration as compact JSON object text
     */
    public String toJsonText() {
        return JsonTree.write(values);
    }

    private Optional<JsonNode> node(String key) {
        JsonNode value = values.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.deepCopy());
    }

    /** Equal when both hold the same keys with equal values (numbers by value: {@code 1} equals {@code 1.0}). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Configuration that && values.equals(JsonTree.VALUE_EQUALITY, that.values);
    }

    @Override
    public int hashCode() {
        return keys().hashCode();
    }

    /** The JSON text; secret fields hold only the names of their references. */
    @Override
    public String toString() {
        return toJsonText();
    }
}
