package io.connectorkit.runtime.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.json.InvalidJsonException;
import java.util.Objects;

/** The {@code connector_status} row of {@code STATE.APP_STATE}: {@code {"status": ..., "configurationStatus": ...}}. */
public record ConnectorState(ConnectorStatus status, ConfigurationStatus configurationStatus) {

    public static final ConnectorState INSTALLED =
            new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.INSTALLED);

    public ConnectorState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(configurationStatus, "configurationStatus");
    }

    /**
     * Reads the stored value.
     *
     * @param text JSON text such as {@code {"status": "STARTED", "configurationStatus": "FINALIZED"}}
     * @return the state
     * @throws CorruptStateException when the text is not such an object
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
            throw new CorruptStateException("the connector_status value is " + JsonTree.describeType(json) + ", not an object");
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
            throw new CorruptStateException("the connector_status field '" + key + "' holds the unknown value '"
                    + value.asText() + "'");
        }
    }

    private ObjectNode toJson() {
        ObjectNode json = JsonTree.object();
        json.put("status", status.name());
        json.put("configurationStatus", configurationStatus.name());
        return json;
    }

    /**
     * @return the value as stored, {@code {"status": ..., "configurationStatus": ...}}
     */
    public String toJsonText() {
        return JsonTree.write(toJson());
    }

    public ConnectorState withStatus(ConnectorStatus newStatus) {
        return new ConnectorState(newStatus, configurationStatus);
    }

    public ConnectorState withConfigurationStatus(ConfigurationStatus newConfigurationStatus) {
        return new ConnectorState(status, newConfigurationStatus);
    }

    @Override
    public String toString() {
        return "(" + status + ", " + configurationStatus + ")";
    }

    /** The stored state exists but cannot be read. */
    public static final class CorruptStateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CorruptStateException(String reason) {
            super(reason);
        }
    }
}
