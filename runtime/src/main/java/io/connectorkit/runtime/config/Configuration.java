package io.connectorkit.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.json.Json;
import io.connectorkit.runtime.sql.Identifier;
import java.util.Optional;

/** A configuration object as connector code reads it: typed getters over the stored JSON. */
public final class Configuration {

    private final ObjectNode values;

    private Configuration(ObjectNode values) {
        this.values = values;
    }

    public static Configuration of(ObjectNode values) {
        return new Configuration(values == null ? Json.object() : values.deepCopy());
    }

    /** A configuration from JSON object text. */
    public static Configuration ofJson(String json) {
        JsonNode value = Json.parse(json);
        if (!value.isObject()) {
            throw new IllegalArgumentException("A configuration is a JSON object, not " + Json.describeType(value));
        }
        return new Configuration((ObjectNode) value);
    }

    public static Configuration empty() {
        return new Configuration(Json.object());
    }

    public boolean has(String key) {
        JsonNode value = values.get(key);
        return value != null && !value.isNull();
    }

    public Optional<String> string(String key) {
        return node(key).map(JsonNode::asText);
    }

    public Optional<Identifier> identifier(String key) {
        return string(key).map(Identifier::parse);
    }

    public Optional<Long> integer(String key) {
        return node(key).filter(JsonNode::isIntegralNumber).map(JsonNode::asLong);
    }

    public Optional<Boolean> bool(String key) {
        return node(key).filter(JsonNode::isBoolean).map(JsonNode::asBoolean);
    }

    /** A nested object, read the same way. */
    public Optional<Configuration> object(String key) {
        return node(key).filter(JsonNode::isObject).map(node -> new Configuration((ObjectNode) node));
    }

    /** The value of a key the caller knows to be present; a missing key is a programming error, said plainly. */
    public String requireString(String key) {
        return string(key).orElseThrow(() -> new IllegalStateException("The configuration has no value for '" + key
                + "'; present keys: " + values.properties().stream().map(java.util.Map.Entry::getKey).toList()));
    }

    /** Any value as plain Java: String, Long or Integer, BigDecimal, Boolean, Map, List. */
    public Optional<Object> value(String key) {
        return node(key).map(Json::plain);
    }

    public String toJsonText() {
        return Json.write(values);
    }

    private Optional<JsonNode> node(String key) {
        JsonNode value = values.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.deepCopy());
    }

    @Override
    public String toString() {
        return Json.write(values);
    }
}
