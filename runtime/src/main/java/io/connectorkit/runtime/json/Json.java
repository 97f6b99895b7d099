package io.connectorkit.runtime.json;

import io.connectorkit.runtime.internal.json.JsonTree;

/**
 * JSON for connector code, in plain Java values: a JSON object is a {@link java.util.Map} (keys in document order), an
 * array a {@link java.util.List}, a string a {@link String}, a number an {@link Integer}, {@link Long},
 * {@link java.math.BigInteger} or {@link java.math.BigDecimal}, {@code true}/{@code false} a {@link Boolean}, and
 * {@code null} is {@code null}.
 *
 * <p>It is the codec the runtime itself uses for VARIANT values, so what it accepts is what the app accepts: a key
 * named twice, trailing text and an empty text are refused.
 */
public final class Json {

    private Json() {}

    /**
     * Parses JSON text into plain Java values.
     *
     * @param text JSON text, for example a response body
     * @return the value: a {@code Map}, {@code List}, {@code String}, number, {@code Boolean} or {@code null}
     * @throws InvalidJsonException with the parser's reason when the text is not JSON (or is {@code null})
     */
    public static Object parse(String text) {
        return JsonTree.plain(JsonTree.parse(text));
    }

    /**
     * Writes a plain Java value as compact JSON text.
     *
     * @param value a {@code Map} with {@code String} keys, {@code Collection}, array, {@code String}, {@code Number},
     *     {@code Boolean} or {@code null}
     * @return the JSON text
     * @throws IllegalArgumentException when the value has no JSON form
     */
    public static String write(Object value) {
        return JsonTree.write(JsonTree.tree(value));
    }
}
