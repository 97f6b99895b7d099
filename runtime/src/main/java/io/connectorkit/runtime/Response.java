package io.connectorkit.runtime;

import io.connectorkit.runtime.json.InvalidJsonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A response object: {@code {"response_code": ..., "message": ..., <extra keys>}}.
 * Every public procedure returns one, and connector hooks answer with one.
 * The message is required unless the code is {@code OK}, so a response can never be malformed.
 */
public final class Response {

    public static final String CODE_KEY = "response_code";
    public static final String MESSAGE_KEY = "message";

    private final String code;
    private final String message;
    private final ObjectNode payload;

    private Response(String code, String message, ObjectNode payload) {
        this.code = Objects.requireNonNull(code, "response_code must not be null");
        if (code.isBlank()) {
            throw new IllegalArgumentException("response_code must not be blank");
        }
        if (!isOkCode(code) && (message == null || message.isBlank())) {
            throw new IllegalArgumentException("message must not be empty when response_code is " + code);
        }
        this.message = message;
        this.payload = payload;
    }

    public static Response ok() {
        return new Response(ResponseCode.OK.name(), null, JsonTree.object());
    }

    public static Response ok(String message) {
        return new Response(ResponseCode.OK.name(), message, JsonTree.object());
    }

    /** A response with a runtime code and its standard message. */
    public static Response of(ResponseCode code, Object... messageValues) {
        return new Response(code.name(), code.message(messageValues), JsonTree.object());
    }

    /** A response with a runtime code and an explicit message. */
    public static Response withMessage(ResponseCode code, String message) {
        return new Response(code.name(), message, JsonTree.object());
    }

    /** A response with a connector-defined code, for hooks ({@code TEST_CONNECTION_FAILED}, ...). */
    public static Response error(String code, String message) {
        return new Response(code, message, JsonTree.object());
    }

    /** The answer of a pause or resume hook that undid its partial work: the connector goes back where it was. */
    public static Response rollback(String message) {
        return new Response(ResponseCode.ROLLBACK.name(), message, JsonTree.object());
    }

    /**
     * Reads a response object from JSON text, for example one returned by a SQL hook.
     * A malformed one becomes {@code INVALID_RESPONSE} saying what is wrong with it.
     */
    public static Response fromJsonText(String text) {
        try {
            return fromJson(JsonTree.parse(text));
        } catch (InvalidJsonException e) {
            return of(ResponseCode.INVALID_RESPONSE, "the response is not JSON: " + e.getMessage());
        }
    }

    static Response fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            return of(ResponseCode.INVALID_RESPONSE, "the response is " + JsonTree.describeType(node) + ", not an object");
        }
        JsonNode code = node.get(CODE_KEY);
        if (code == null || !code.isTextual() || code.asText().isBlank()) {
            return of(ResponseCode.INVALID_RESPONSE, "responseCode must not be null");
        }
        JsonNode message = node.get(MESSAGE_KEY);
        String text = message == null || message.isNull() ? null : message.asText();
        if (!isOkCode(code.asText()) && (text == null || text.isBlank())) {
            return of(ResponseCode.INVALID_RESPONSE, "message must not be null if responseCode is not OK");
        }
        ObjectNode payload = JsonTree.object();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getKey().equals(CODE_KEY) && !field.getKey().equals(MESSAGE_KEY)) {
                payload.set(field.getKey(), field.getValue());
            }
        }
        return new Response(code.asText(), text, payload);
    }

    private static boolean isOkCode(String code) {
        return ResponseCode.OK.name().equals(code);
    }

    /**
     * A copy with one more key beside the code and message. The value is a String, Number, Boolean, null, or a
     * Map or List of those.
     */
    public Response with(String key, Object value) {
        if (CODE_KEY.equals(key) || MESSAGE_KEY.equals(key)) {
            throw new IllegalArgumentException(key + " is not an extra key");
        }
        ObjectNode copy = payload.deepCopy();
        copy.set(key, JsonTree.tree(value));
        return new Response(code, message, copy);
    }

    public String code() {
        return code;
    }

    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    /** The extra keys, beside code and message, as plain Java values (Map, List, String, Number, Boolean). */
    @SuppressWarnings("unchecked")
    public java.util.Map<String, Object> payload() {
        return (java.util.Map<String, Object>) JsonTree.plain(payload);
    }

    public boolean isOk() {
        return isOkCode(code);
    }

    public boolean is(ResponseCode expected) {
        return expected.name().equals(code);
    }

    /** The whole response object as plain Java values. */
    @SuppressWarnings("unchecked")
    public java.util.Map<String, Object> toMap() {
        return (java.util.Map<String, Object>) JsonTree.plain(toJson());
    }

    ObjectNode toJson() {
        ObjectNode json = JsonTree.object();
        json.put(CODE_KEY, code);
        if (message != null) {
            json.put(MESSAGE_KEY, message);
        }
        json.setAll(payload);
        return json;
    }

    public String toJsonText() {
        return JsonTree.write(toJson());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Response that && toJson().equals(that.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJsonText();
    }
}
