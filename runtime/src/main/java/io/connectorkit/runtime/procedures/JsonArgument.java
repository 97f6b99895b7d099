package io.connectorkit.runtime.procedures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.json.InvalidJsonException;
import java.util.Optional;

/**
 * A VARIANT argument of a procedure as it arrived: JSON text on the embedded target (which may not even be JSON),
 * a parsed value from Snowflake. Checked only when the procedure reaches the step that needs it, so state checks
 * come first, as in the spec.
 */
public final class JsonArgument {

    private static final String NULL = "it is NULL";

    private final JsonNode value;
    private final String problem;

    private JsonArgument(JsonNode value, String problem) {
        this.value = value;
        this.problem = problem;
    }

    public static JsonArgument ofText(String text) {
        if (text == null) {
            return new JsonArgument(null, NULL);
        }
        try {
            return new JsonArgument(JsonTree.parse(text), null);
        } catch (InvalidJsonException e) {
            return new JsonArgument(null, "it is not valid JSON (" + e.getMessage() + ")");
        }
    }

    public static JsonArgument of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return new JsonArgument(null, NULL);
        }
        return new JsonArgument(value, null);
    }

    /** The argument as an object, or empty when it is not one. */
    public Optional<ObjectNode> asObject() {
        return value != null && value.isObject() ? Optional.of(((ObjectNode) value).deepCopy()) : Optional.empty();
    }

    /** Whether the argument is SQL NULL or JSON {@code null}: a value not given. */
    public boolean isNull() {
        return value == null ? problem != null && problem.equals(NULL) : value.isNull();
    }

    /** Why the argument is not JSON, or empty when it is JSON or NULL. */
    public Optional<String> invalidJson() {
        return value == null && !isNull() ? Optional.of(problem) : Optional.empty();
    }

    /** The argument's JSON value; empty when it is NULL, JSON {@code null} or not JSON. */
    public Optional<JsonNode> value() {
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.deepCopy());
    }

    /** The refusal for an argument that is not an object. */
    public Response notAnObject(String procedure, String argument) {
        String why = problem != null ? problem : "it is " + JsonTree.describeType(value);
        return Response.withMessage(
                ResponseCode.CONFIGURATION_NOT_AN_OBJECT,
                "The argument " + argument + " of " + procedure
                        + " must be a JSON object such as {\"key\": \"value\"}, but " + why + ".");
    }
}
