package io.connectorkit.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.json.InvalidJsonException;
import io.connectorkit.runtime.sql.Dialect;
import io.connectorkit.runtime.sql.Sql;
import io.connectorkit.runtime.sql.SqlRow;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorState.CorruptStateException;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the state tables ({@code STATE.APP_STATE}, {@code STATE.APP_CONFIG}, {@code STATE.PREREQUISITES})
 * with the spec's keys and JSON shapes.
 */
public final class StateStore {

    public static final String CONNECTOR_STATUS = "connector_status";
    public static final String CONNECTOR_CONFIGURATION = "connector_configuration";
    public static final String CONNECTION_CONFIGURATION = "connection_configuration";

    private static final String APP_STATE = "STATE.APP_STATE";
    private static final String APP_CONFIG = "STATE.APP_CONFIG";

    private final Sql sql;
    private final Dialect dialect;

    public StateStore(Sql sql, Dialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    public Optional<ConnectorState> readState() {
        return readValue(APP_STATE, CONNECTOR_STATUS).map(value -> ConnectorState.fromJsonText(JsonTree.write(value)));
    }

    /**
     * Takes the connector's state for the rest of the transaction: every procedure that changes state starts here,
     * so they run one after another. A no-op update is the lock both targets understand.
     */
    public Optional<ConnectorState> lockState() {
        lock();
        return readState();
    }

    /**
     * Takes the connector's state row for the rest of the transaction without reading it: for procedures that do
     * not check the status (the resource procedures) but must not interleave with other calls.
     */
    public void lock() {
        sql.update("UPDATE " + APP_STATE + " SET \"KEY\" = \"KEY\" WHERE \"KEY\" = ?", CONNECTOR_STATUS);
    }

    public void writeState(ConnectorState state) {
        writeValue(APP_STATE, CONNECTOR_STATUS, JsonTree.parse(state.toJsonText()));
    }

    public Optional<ObjectNode> readConfiguration(String key) {
        return readValue(APP_CONFIG, key).map(value -> {
            if (!value.isObject()) {
                throw new CorruptStateException("the " + key + " value in " + APP_CONFIG + " is "
                        + JsonTree.describeType(value) + ", not an object");
            }
            return (ObjectNode) value;
        });
    }

    public void writeConfiguration(String key, ObjectNode value) {
        writeValue(APP_CONFIG, key, value);
    }

    public void deleteConfiguration(String key) {
        sql.update("DELETE FROM " + APP_CONFIG + " WHERE \"KEY\" = ?", key);
    }

    public boolean prerequisiteExists(String id) {
        return !sql.query("SELECT ID FROM STATE.PREREQUISITES WHERE ID = ?", id).isEmpty();
    }

    public void completePrerequisite(String id, boolean completed) {
        sql.update("UPDATE STATE.PREREQUISITES SET IS_COMPLETED = ? WHERE ID = ?", completed, id);
    }

    public void completeAllPrerequisites(boolean completed) {
        sql.update("UPDATE STATE.PREREQUISITES SET IS_COMPLETED = ?", completed);
    }

    private Optional<JsonNode> readValue(String table, String key) {
        List<SqlRow> rows =
                sql.query("SELECT " + dialect.jsonText("\"VALUE\"") + " FROM " + table + " WHERE \"KEY\" = ?", key);
        if (rows.size() > 1) {
            throw new CorruptStateException(
                    table + " holds " + rows.size() + " rows with the key '" + key + "'; it must hold at most one");
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String text = rows.get(0).getString(0);
        try {
            return Optional.of(JsonTree.parse(text));
        } catch (InvalidJsonException e) {
            throw new CorruptStateException("the " + key + " value in " + table + " is not JSON: " + e.getMessage());
        }
    }

    private void writeValue(String table, String key, JsonNode value) {
        String json = JsonTree.write(value);
        int updated = sql.update(
                "UPDATE " + table + " SET \"VALUE\" = " + dialect.jsonParameter() + ", UPDATED_AT = "
                        + dialect.currentTimestamp() + " WHERE \"KEY\" = ?",
                json,
                key);
        if (updated == 0) {
            sql.update(
                    "INSERT INTO " + table + " (\"KEY\", \"VALUE\", UPDATED_AT) SELECT ?, " + dialect.jsonParameter()
                            + ", " + dialect.currentTimestamp(),
                    key,
                    json);
        } else if (updated > 1) {
            throw new CorruptStateException(
                    table + " holds " + updated + " rows with the key '" + key + "'; it must hold at most one");
        }
    }
}
