package io.connectorkit.plugin.snowflake;

import io.connectorkit.plugin.app.QueryRows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JDBC session to an account: statements with bound values, rows read by lower-case column name. More sessions
 * can be opened from the same settings, for work done in parallel.
 */
public final class SnowflakeSession implements AutoCloseable {

    private final ConnectionSettings settings;
    private final Connection connection;

    private SnowflakeSession(ConnectionSettings settings, Connection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    public static SnowflakeSession open(ConnectionSettings settings) throws SQLException {
        try {
            // The driver registers itself, but a plugin's class loader can hide it from DriverManager's lookup.
            Class.forName("net.snowflake.client.api.driver.SnowflakeDriver");
        } catch (ClassNotFoundException ignored) {
            // Older drivers register under another name; DriverManager finds them through the service file.
        }
        return new SnowflakeSession(settings, DriverManager.getConnection(settings.url(), settings.properties()));
    }

    /** Another session with the same settings. */
    public SnowflakeSession another() throws SQLException {
        return open(settings);
    }

    public List<Map<String, Object>> query(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(sql, values);
                ResultSet result = statement.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The columns and at most {@code maxRows} rows of a query, values as the driver gives them. */
    public QueryRows select(String sql, int maxRows, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(sql, values)) {
            statement.setMaxRows(maxRows);
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnLabel(i));
                }
                List<List<Object>> rows = new ArrayList<>();
                while (rows.size() < maxRows && result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(result.getObject(i));
                    }
                    rows.add(row);
                }
                return new QueryRows(columns, rows);
            }
        }
    }

    public void execute(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(sql, values)) {
            statement.execute();
        }
    }

    private PreparedStatement prepare(String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
