package io.connectorkit.runtime.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.json.Json;
import java.util.Objects;

/** The {@code connector_status} row of {@code STATE.APP_STATE}: {@code {"status": ..., "configurationStatus": ...}}. */
public record ConnectorState(ConnectorStatus status, ConfigurationStatus configurationStatus) {

    public static final ConnectorState INSTALLED =
            new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.INSTALLED);

    public ConnectorState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(configurationStatus, "configurationStatus");
    }

    /** Reads the stored JSON; a value the runtime cannot understand raises {@link CorruptStateException}. */
    public static ConnectorState fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new CorruptStateException("the connector_status value is " + Json.describeType(json) + ", not an object");
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

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("status", status.name());
        json.put("configurationStatus", configurationStatus.name());
        return json;
    }

    public String toJsonText() {
        return Json.write(toJson());
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
