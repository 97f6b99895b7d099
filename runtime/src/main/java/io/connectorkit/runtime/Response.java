package io.connectorkit.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.json.InvalidJsonException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A response object: {@code {"response_code": ..., "message": ..., <extra keys>}}.
 * Every public procedure returns one, and connector hooks answer with one.
 * The message is required unless the code is {@code OK}, so a response can never be malformed.
 *
 * <p>A response is immutable: {@link #with(String, Object)} returns a copy. Two responses are equal when their whole
 * JSON objects are (code, message and every extra key). Codes are plain strings: those the runtime produces are in
 * {@link ResponseCode}, hooks may answer their own (for example {@code TEST_CONNECTION_FAILED}).
 */
public final class Response {

    /** The key of the code in the JSON object: {@value}. */
    public static final String CODE_KEY = "response_code";
    /** The key of the message in the JSON object: {@value}; absent when an {@code OK} response has no message. */
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

    /**
     * The plain success, {@code {"response_code": "OK"}}, without a message.
     *
     * @return an {@code OK} response without message or extra keys
     */
    public static Response ok() {
        return new Response(ResponseCode.OK.name(), null, JsonTree.object());
    }

    /**
     * A success with a message, such as {@code "Resource created"}.
     *
     * @param message the text people read; {@code null} leaves the message out, as {@link #ok()} does
     * @return an {@code OK} response with that message and no extra keys
     */
    public static Response ok(String message) {
        return new Response(ResponseCode.OK.name(), message, JsonTree.object());
    }

    /**
     * A response with a runtime code and its standard message, as in {@code Response.of(ResponseCode.INVALID_IDENTIFIER,
     * name)}.
     *
     * @param code          the code; it must have a standard message (see {@link ResponseCode#message(Object...)})
     * @param messageValues the values that fill the message's {@code %s} placeholders, in order
     * @return a response with that code and the filled message
     * @throws IllegalStateException    when the code has no standard message; use
     *                                  {@link #withMessage(ResponseCode, String)} for it
     * @throws IllegalArgumentException when fewer values are given than the message has placeholders
     */
    public static Response of(ResponseCode code, Object... messageValues) {
        return new Response(code.name(), code.message(messageValues), JsonTree.object());
    }

    /**
     * A response with a runtime code and an explicit message, for the codes without a standard message
     * ({@code INVALID_INPUT}, {@code UNKNOWN_ERROR}, ...) or to say more than the standard one.
     *
     * @param code    the code
     * @param message the text people read; required (not {@code null} or blank) unless the code is {@code OK}
     * @return a response with that code and message
     * @throws IllegalArgumentException when the message is missing or blank for a code other than {@code OK}
     */
    public static Response withMessage(ResponseCode code, String message) {
        return new Response(code.name(), message, JsonTree.object());
    }

    /**
     * A response with a connector-defined code, for hooks ({@code TEST_CONNECTION_FAILED}, ...). The runtime returns a
     * hook's non-{@code OK} response to the caller as it is.
     *
     * @param code    any non-blank code; {@code "OK"} makes a success like {@link #ok(String)}
     * @param message the text people read; required (not {@code null} or blank) unless the code is {@code OK}
     * @return a response with that code and message
     * @throws NullPointerException     when the code is {@code null}
     * @throws IllegalArgumentException when the code is blank, or the message is missing or blank for a code other
     *                                  than {@code OK}
     */
    public static Response error(String code, String message) {
        return new Response(code, message, JsonTree.object());
    }

    /**
     * The answer of a pause or resume hook that undid its partial work: the connector goes back where it was
     * ({@code STARTED} after a failed pause, {@code PAUSED} after a failed resume) instead of to {@code ERROR}.
     *
     * @param message why the hook gave up; required, not {@code null} or blank
     * @return a {@code ROLLBACK} response with that message
     * @throws IllegalArgumentException when the message is missing or blank
     */
    public static Response rollback(String message) {
        return new Response(ResponseCode.ROLLBACK.name(), message, JsonTree.object());
    }

    /**
     * Reads a response object from JSON text, for example one returned by a SQL hook.
     * A malformed one becomes {@code INVALID_RESPONSE} saying what is wrong with it: text that is not JSON (or
     * {@code null}), JSON that is not an object, no text {@code response_code}, or no {@code message} with a code other
     * than {@code OK}. Every other key is kept as an extra key.
     *
     * @param text JSON text such as {@code {"response_code": "OK", "id": "42"}}
     * @return the response it holds, or an {@code INVALID_RESPONSE} one; never throws for bad input
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
            return of(
                    ResponseCode.INVALID_RESPONSE,
                    "the response is " + JsonTree.describeType(node) + ", not an object");
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
     * Map or List of those. A key this response already has gets the new value; this response is unchanged.
     *
     * @param key   the extra key, such as {@code "id"}
     * @param value its value; {@code null} is stored as JSON {@code null}
     * @return a copy with the key set
     * @throws IllegalArgumentException when the key is {@value #CODE_KEY} or {@value #MESSAGE_KEY}
     */
    public Response with(String key, Object value) {
        if (CODE_KEY.equals(key) || MESSAGE_KEY.equals(key)) {
            throw new IllegalArgumentException(key + " is not an extra key");
        }
        ObjectNode copy = payload.deepCopy();
        copy.set(key, JsonTree.tree(value));
        return new Response(code, message, copy);
    }

    /**
     * The response code, such as {@code OK} or {@code INVALID_CONNECTOR_STATUS}.
     *
     * @return the code, never {@code null} or blank
     */
    public String code() {
        return code;
    }

    /**
     * The message people read.
     *
     * @return the message; empty only for an {@code OK} response that has none
     */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    /**
     * The extra keys, beside code and message, as plain Java values (Map, List, String, Number, Boolean).
     *
     * @return a new map on each call, empty when there are no extra keys; changing it does not change the response
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> payload() {
        return (Map<String, Object>) JsonTree.plain(payload);
    }

    /**
     * Whether this is a success.
     *
     * @return {@code true} when the code is {@code OK}; {@code ROLLBACK} and every other code give {@code false}
     */
    public boolean isOk() {
        return isOkCode(code);
    }

    /**
     * Whether this response has the given runtime code.
     *
     * @param expected the code to compare with
     * @return {@code true} when the code equals the name of {@code expected}
     */
    public boolean is(ResponseCode expected) {
        return expected.name().equals(code);
    }

    /**
     * The whole response object as plain Java values.
     *
     * @return a new map with {@value #CODE_KEY}, {@value #MESSAGE_KEY} (when there is a message) and the extra keys
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return (Map<String, Object>) JsonTree.plain(toJson());
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

    /**
     * The response object as JSON text, as a procedure returns it: {@value #CODE_KEY} first, then
     * {@value #MESSAGE_KEY} when there is a message, then the extra keys in the order they were added.
     *
     * @return compact JSON text, such as {@code {"response_code":"OK","message":"Resource created","id":"42"}}
     */
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
