package io.connectorkit.runtime.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.json.InvalidJsonException;
import java.util.Comparator;
import java.util.Locale;

/**
 * The runtime's JSON trees (shaded Jackson), for the kit's own code only: VARIANT values travel as JSON text on both
 * targets. Connector code uses {@link io.connectorkit.runtime.json.Json}, which speaks plain Java values.
 */
public final class JsonTree {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // A configuration that names a key twice is ambiguous; refuse it rather than keep the last value.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /**
     * Equality of JSON values for {@link JsonNode#equals(java.util.Comparator, JsonNode)}: numbers by value
     * ({@code 1} = {@code 1.0}), everything else exactly; objects compare regardless of key order anyway.
     */
    public static final Comparator<JsonNode> VALUE_EQUALITY = (left, right) -> {
        if (left.isNumber() && right.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue());
        }
        return left.equals(right) ? 0 : 1;
    };

    private JsonTree() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Parses JSON text; throws {@link InvalidJsonException} with the parser's reason when it is not JSON. */
    public static JsonNode parse(String text) {
        if (text == null) {
            throw new InvalidJsonException("no value (SQL NULL) was given");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidJsonException("the text is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(e.getOriginalMessage());
        }
    }

    /** A JSON tree of a plain Java value: String, Number, Boolean, Map, List, null, or a tree already. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Plain Java values of a tree: Map, List, String, Number, Boolean, null. */
    public static Object plain(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    /** A short name of the JSON type of a value, for messages ("an array", "a number"). */
    public static String describeType(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNumber()) {
            return "a number";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
