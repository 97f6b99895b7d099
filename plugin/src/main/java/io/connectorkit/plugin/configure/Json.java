package io.connectorkit.plugin.configure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON text of the values the goals pass as VARIANT arguments. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static String write(JsonNode node) {
        return write((Object) node);
    }

    /** Maps, lists and scalars as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A configuration value cannot be written as JSON", e);
        }
    }
}
