package io.connectorkit.runtime.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.json.InvalidJsonException;
import java.util.Objects;

/**
 * The {@code connector_status} row of {@code STATE.APP_STATE}: {@code {"status": ..., "configurationStatus": ...}}.
 * Immutable; the {@code with...} methods return a changed copy.
 *
 * @param status              the operating status, never {@code null}
 * @param configurationStatus how far the wizard has come, never {@code null}
 */
public record ConnectorState(ConnectorStatus status, ConfigurationStatus configurationStatus) {

    /** The state a fresh install starts in: {@code (CONFIGURING, INSTALLED)}; an upgrade keeps the stored one. */
    public static final ConnectorState INSTALLED =
            new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.INSTALLED);

    /**
     * Checks that both parts are given.
     *
     * @param status              the operating status
     * @param configurationStatus how far the wizard has come
     * @throws NullPointerException when {@code status} or {@code configurationStatus} is {@code null}
     */
    public ConnectorState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(configurationStatus, "configurationStatus");
    }

    /**
     * Reads the stored value.
     *
     * @param text JSON text such as {@code {"status": "STARTED", "configurationStatus": "FINALIZED"}}
     * @return the state
     * @throws CorruptStateException when the text is {@code null} or not JSON, is not an object, or has no text
     *                               {@code status} or {@code configurationStatus} naming a known value; other keys
     *                               are ignored
     */
    public static ConnectorState fromJsonText(String text) {
        try {
            return fromJson(JsonTree.parse(text));
        } catch (InvalidJsonException e) {
            throw new CorruptStateException("the connector_status value is not JSON: " + e.getMessage());
        }
    }

    private static ConnectorState fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new CorruptStateException(
                    "the connector_status value is " + JsonTree.describeType(json) + ", not an object");
        }
        return new ConnectorState(
                valueOf(ConnectorStatus.class, json, "status"),
                valueOf(ConfigurationStatus.class, json, "configurationStatus"));
    }

    private static <E extends Enum<E>> E valueOf(Class<E> type, JsonNode json, String key) {
        JsonNode value = json.get(key);
        if (value == null || !value.isTextual()) {
            throw new CorruptStateException("the connector_status value has no text field '" + key + "'");
        }
        try {
            return Enum.valueOf(type, value.asText());
        } catch (IllegalArgumentException e) {
            throw new CorruptStateException(
                    "the connector_status field '" + key + "' holds the unknown value '" + value.asText() + "'");
        }
    }

    private ObjectNode toJson() {
        ObjectNode json = JsonTree.object();
        json.put("status", status.name());
        json.put("configurationStatus", configurationStatus.name());
        return json;
    }

    /**
     * The value as the runtime stores it, the inverse of {@link #fromJsonText(String)}.
     *
     * @return the value as stored, {@code {"status": ..., "configurationStatus": ...}}
     */
    public String toJsonText() {
        return JsonTree.write(toJson());
    }

    /**
     * The same configuration status with another operating status.
     *
     * @param newStatus the operating status of the copy
     * @return a copy with {@code status} replaced
     * @throws NullPointerException when {@code newStatus} is {@code null}
     */
    public ConnectorState withStatus(ConnectorStatus newStatus) {
        return new ConnectorState(newStatus, configurationStatus);
    }

    /**
     * The same operating status with another configuration status.
     *
     * @param newConfigurationStatus the configuration status of the copy
     * @return a copy with {@code configurationStatus} replaced
     * @throws NullPointerException when {@code newConfigurationStatus} is {@code null}
     */
    public ConnectorState withConfigurationStatus(ConfigurationStatus newConfigurationStatus) {
        return new ConnectorState(status, newConfigurationStatus);
    }

    @Override
    public String toString() {
        return "(" + status + ", " + configurationStatus + ")";
    }

    /**
     * The stored state exists but cannot be read. A procedure that meets it answers {@code INTERNAL_ERROR} saying
     * that reinstalling the app or {@code RECOVER_CONNECTOR_STATE} may be needed.
     */
    public static final class CorruptStateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * A corrupt state with what is wrong with it.
         *
         * @param reason what is wrong, such as {@code "the connector_status value is an array, not an object"}
         */
        public CorruptStateException(String reason) {
            super(reason);
        }
    }
}
