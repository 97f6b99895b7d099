package io.connectorkit.runtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.status.ConnectorState;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A real embedded app (in-memory H2) with a connector bound to it, driven through SQL like a user would. */
public final class EmbeddedAppFixture implements AutoCloseable {

    private final String url;
    private final Connection connection;
    private final ConnectorRegistry.Binding binding;

    private EmbeddedAppFixture(String url, ConnectorDefinition connector) throws SQLException {
        this.url = url;
        this.connection = DriverManager.getConnection(url);
        EmbeddedApp.install(connection, connector);
        this.binding = EmbeddedApp.bind(connection, connector);
    }

    /** A new in-memory app. */
    public static EmbeddedAppFixture install(ConnectorDefinition connector) {
        return open("jdbc:h2:mem:app-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000", connector);
    }

    /** The app in the database at the URL, installed (or upgraded) first. */
    public static EmbeddedAppFixture open(String url, ConnectorDefinition connector) {
        try {
            return new EmbeddedAppFixture(url, connector);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row as {@link #query} returns it; unlike {@code Map.of}, it can hold NULLs. */
    public static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    public String url() {
        return url;
    }

    public Connection connection() {
        return connection;
    }

    public Connection newConnection() {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new connection as the H2 user VIEWER (application role VIEWER). Its URL has no settings: only admin may
     * give them, and the app stays open while the fixture's own connection does.
     */
    public Connection viewerConnection() {
        int settings = url.indexOf(';');
        try {
            return DriverManager.getConnection(
                    settings < 0 ? url : url.substring(0, settings), EmbeddedApp.VIEWER_USER, "");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code CALL PUBLIC.<procedure>(...)} with bound arguments and parses the response object. */
    public JsonNode call(String procedure, Object... arguments) {
        return call(connection, procedure, arguments);
    }

    public static JsonNode call(Connection connection, String procedure, Object... arguments) {
        String placeholders = String.join(", ", Collections.nCopies(arguments.length, "?"));
        try (PreparedStatement statement =
                connection.prepareStatement("CALL PUBLIC." + procedure + "(" + placeholders + ")")) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return JsonTree.parse(result.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("CALL " + procedure + " raised a SQL error: " + e.getMessage(), e);
        }
    }

    /** Runs a statement text as typed in a SQL console, returning the first column of the first row. */
    public String sqlText(String sql) {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    public List<Map<String, Object>> query(String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = result.getObject(i);
                        row.put(
                                meta.getColumnLabel(i),
                                value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    public void execute(String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    /** The stored connector state, read from the table directly. */
    public ConnectorState state() {
        List<Map<String, Object>> rows =
                query("SELECT \"VALUE\" FROM STATE.APP_STATE WHERE \"KEY\" = 'connector_status'");
        if (rows.size() != 1) {
            throw new IllegalStateException("Expected one connector_status row, found " + rows.size());
        }
        return ConnectorState.fromJsonText((String) rows.get(0).get("VALUE"));
    }

    /** Puts the connector into a state directly, as a test precondition. */
    public void forceState(ConnectorState state) {
        execute(
                "UPDATE STATE.APP_STATE SET \"VALUE\" = ? FORMAT JSON WHERE \"KEY\" = 'connector_status'",
                state.toJsonText());
    }

    public void forceConfiguration(String key, String json) {
        execute("DELETE FROM STATE.APP_CONFIG WHERE \"KEY\" = ?", key);
        execute(
                "INSERT INTO STATE.APP_CONFIG (\"KEY\", \"VALUE\", UPDATED_AT) VALUES (?, ? FORMAT JSON,"
                        + " TIMESTAMP '2026-01-01 00:00:00')",
                key,
                json);
    }

    /** Every row of every state table, exactly: used to prove that a refused call changed nothing. */
    public String snapshot() {
        StringBuilder text = new StringBuilder();
        for (String table : List.of(
                "STATE.APP_STATE",
                "STATE.APP_CONFIG",
                "STATE.PREREQUISITES",
                "STATE.SECRETS",
                "STATE.RESOURCE_INGESTION_DEFINITION",
                "STATE.INGESTION_PROCESS")) {
            text.append(table).append('\n');
            for (Map<String, Object> row : query("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                text.append("  ").append(row).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        binding.close();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // Already closed.
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already closed.
        }
    }
}
