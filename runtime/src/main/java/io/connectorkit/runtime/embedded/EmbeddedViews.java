package io.connectorkit.runtime.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.internal.json.ConfigurationTrees;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.state.StateStore;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.SyncStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Map;
import java.util.Optional;
import org.h2.tools.SimpleResultSet;

/**
 * Table functions behind the embedded target's views where H2's SQL cannot express Snowflake's: H2 has no
 * FLATTEN, so {@code PUBLIC.CONNECTOR_CONFIGURATION} is computed here, with secret fields masked, and
 * {@code PUBLIC.SYNC_STATUS} shares {@link SyncStatus} with the runtime. Unlike a view, a table function reads with
 * the caller's rights, which is why VIEWER holds SELECT on the state tables these read.
 */
public final class EmbeddedViews {

    private EmbeddedViews() {}

    /** One row per top-level key of every APP_CONFIG object, its value as text (spec §3.13). */
    public static ResultSet connectorConfiguration(Connection connection) throws SQLException {
        SimpleResultSet rows = new SimpleResultSet();
        rows.addColumn("CONFIG_GROUP", Types.VARCHAR, Integer.MAX_VALUE, 0);
        rows.addColumn("CONFIG_KEY", Types.VARCHAR, Integer.MAX_VALUE, 0);
        rows.addColumn("VALUE", Types.VARCHAR, Integer.MAX_VALUE, 0);
        rows.addColumn("UPDATED_AT", Types.TIMESTAMP, 26, 6);
        if (isColumnListQuery(connection)) {
            return rows;
        }
        ConnectorDefinition connector = EmbeddedApp.connector(connection);
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT \"KEY\", \"VALUE\", UPDATED_AT FROM STATE.APP_CONFIG ORDER BY \"KEY\"");
                ResultSet config = statement.executeQuery()) {
            while (config.next()) {
                String group = config.getString(1);
                JsonNode value = JsonTree.parse(config.getString(2));
                Timestamp updatedAt = config.getTimestamp(3);
                if (value.isObject()) {
                    for (Map.Entry<String, JsonNode> field :
                            masked(connector, group, (ObjectNode) value).properties()) {
                        rows.addRow(group, field.getKey(), asText(field.getValue()), updatedAt);
                    }
                } else {
                    rows.addRow(group, group, asText(value), updatedAt);
                }
            }
        }
        return rows;
    }

    /** The single row of {@code PUBLIC.SYNC_STATUS} (spec §3.13), from the status, the runs and the resources. */
    public static ResultSet syncStatus(Connection connection) throws SQLException {
        SimpleResultSet rows = new SimpleResultSet();
        rows.addColumn("STATUS", Types.VARCHAR, Integer.MAX_VALUE, 0);
        rows.addColumn("LAST_SYNCED_AT", Types.TIMESTAMP, 26, 6);
        if (isColumnListQuery(connection)) {
            return rows;
        }
        StateStore store = new StateStore(new JdbcSqlPort(connection, H2Dialect.INSTANCE), H2Dialect.INSTANCE);
        Optional<ConnectorState> state = store.readState();
        if (SyncStatus.of(state) == SyncStatus.PAUSED) {
            rows.addRow(SyncStatus.PAUSED.name(), null);
            return rows;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT (SELECT MAX(COMPLETED_AT) FROM"
                        + " STATE.INGESTION_RUN WHERE STATUS = 'COMPLETED'), EXISTS (SELECT 1 FROM STATE.INGESTION_RUN WHERE"
                        + " STATUS = 'COMPLETED'), EXISTS (SELECT 1 FROM STATE.INGESTION_RUN WHERE STATUS = 'IN_PROGRESS'),"
                        + " EXISTS (SELECT 1 FROM STATE.RESOURCE_INGESTION_DEFINITION WHERE ENABLED)");
                ResultSet data = statement.executeQuery()) {
            data.next();
            SyncStatus status = SyncStatus.of(state, data.getBoolean(2), data.getBoolean(3), data.getBoolean(4));
            rows.addRow(status.name(), status == SyncStatus.LAST_SYNCED ? data.getTimestamp(1) : null);
        }
        return rows;
    }

    private static ObjectNode masked(ConnectorDefinition connector, String group, ObjectNode value) {
        return switch (group) {
            case StateStore.CONNECTOR_CONFIGURATION ->
                ConfigurationTrees.tree(
                        connector.connectorConfigurationSchema().masked(ConfigurationTrees.configuration(value)));
            case StateStore.CONNECTION_CONFIGURATION ->
                ConfigurationTrees.tree(
                        connector.connectionConfigurationSchema().masked(ConfigurationTrees.configuration(value)));
            default -> value;
        };
    }

    /** Snowflake's {@code VALUE::VARCHAR}: strings bare, everything else as JSON text. */
    private static String asText(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.asText() : JsonTree.write(value);
    }

    /** H2 first calls a table function only to learn its columns. */
    private static boolean isColumnListQuery(Connection connection) {
        try {
            return "jdbc:columnlist:connection".equals(connection.getMetaData().getURL());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell whether H2 only asks for the columns: " + e.getMessage(), e);
        }
    }
}
