package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The values bound to a statement's placeholders. The driver sends them as {@code "bindings": {"1": {"type":
 * "FIXED", "value": "42"}, ...}}: every value as text, with the Snowflake type it was bound as.
 */
final class Bindings {

    private Bindings() {}

    static List<Object> from(JsonNode bindings) {
        List<Object> values = new ArrayList<>();
        for (int position = 1; bindings.has(String.valueOf(position)); position++) {
            JsonNode binding = bindings.get(String.valueOf(position));
            values.add(value(binding.path("type").asText(), binding.path("value")));
        }
        return values;
    }

    private static Object value(String type, JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        String text = value.asText();
        return switch (type) {
            case "FIXED" -> number(text);
            case "REAL" -> Double.valueOf(text);
            case "BOOLEAN" -> Boolean.valueOf(text);
            default -> text;
        };
    }

    private static Object number(String text) {
        BigDecimal number = new BigDecimal(text);
        try {
            return number.longValueExact();
        } catch (ArithmeticException notAWholeLong) {
            return number;
        }
    }
}
