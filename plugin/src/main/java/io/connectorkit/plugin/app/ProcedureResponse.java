package io.connectorkit.plugin.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What a public procedure answered: {@code {"response_code": ..., "message": ..., ...}}.
 *
 * @param procedure the procedure's name
 * @param body the whole response object
 */
public record ProcedureResponse(String procedure, ObjectNode body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a procedure's VARIANT answer; an answer that is not a response object is an {@link AppException}. */
    public static ProcedureResponse parse(String procedure, String json) throws AppException {
        if (json == null) {
            throw new AppException(procedure + " answered nothing (NULL); the app may be broken: redeploy it");
        }
        try {
            JsonNode body = JSON.readTree(json);
            if (!body.isObject() || !body.path("response_code").isTextual()) {
                throw new AppException(procedure + " answered something that is not a response object: " + json);
            }
            return new ProcedureResponse(procedure, (ObjectNode) body);
        } catch (JsonProcessingException e) {
            throw new AppException(procedure + " answered text that is not JSON: " + json, e);
        }
    }

    public String code() {
        return body.path("response_code").asText();
    }

    public Optional<String> message() {
        JsonNode message = body.get("message");
        return message == null || message.isNull() ? Optional.empty() : Optional.of(message.asText());
    }

    public boolean isOk() {
        return code().equals("OK");
    }

    /** A text field of the answer, such as {@code status}. */
    public Optional<String> text(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /** One line as the goals print it: {@code PAUSE_CONNECTOR: OK (message)}. */
    public String summary() {
        return procedure + ": " + code()
                + message().map(text -> " (" + text + ")").orElse("");
    }
}
