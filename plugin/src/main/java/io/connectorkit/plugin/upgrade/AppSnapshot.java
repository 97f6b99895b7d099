package io.connectorkit.plugin.upgrade;

import io.connectorkit.runtime.sql.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an embedded app holds that an upgrade must keep: every table outside the information schema (the state tables
 * of {@code STATE}, the ingested destination tables, the connector's own) with its rows, and every grant of the
 * database (H2's {@code INFORMATION_SCHEMA.RIGHTS}: what the app grants its VIEWER user and DATA_READER role; ADMIN is
 * the database's owner and holds everything without a grant).
 *
 * @param tables the tables by qualified name ({@code STATE.APP_STATE})
 * @param grants one line per privilege: {@code SELECT ON PUBLIC.SYNC_STATUS TO VIEWER}
 */
public record AppSnapshot(Map<String, Table> tables, Set<String> grants) {

    /**
     * One table's rows, each value as text (JSON as its text), by column.
     *
     * @param columns the columns in order
     * @param key the primary key's columns; empty when the table has none
     * @param rows the rows
     */
    public record Table(List<String> columns, List<String> key, List<Map<String, String>> rows) {}

    public AppSnapshot {
        tables = new TreeMap<>(tables);
        grants = new TreeSet<>(grants);
    }

    /** Reads everything at once, as the database's owner. */
    public static AppSnapshot read(Connection connection) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String[] table : tableNames(connection)) {
            tables.put(table[0] + "." + table[1], table(connection, table[0], table[1]));
        }
        return new AppSnapshot(tables, grants(connection));
    }

    private static List<String[]> tableNames(Connection connection) throws SQLException {
        List<String[]> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME FROM"
                        + " INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA'"
                        + " ORDER BY TABLE_SCHEMA, TABLE_NAME");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                names.add(new String[] {result.getString(1), result.getString(2)});
            }
        }
        return names;
    }

    private static Table table(Connection connection, String schema, String name) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT k.COLUMN_NAME FROM"
                + " INFORMATION_SCHEMA.TABLE_CONSTRAINTS c JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k"
                + " ON k.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME"
                + " WHERE c.CONSTRAINT_TYPE = 'PRIMARY KEY' AND c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?"
                + " ORDER BY k.ORDINAL_POSITION")) {
            statement.setString(1, schema);
            statement.setString(2, name);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    key.add(result.getString(1));
                }
            }
        }
        String sql = "SELECT * FROM " + Identifier.ofName(schema).sql() + "."
                + Identifier.ofName(name).sql();
        List<String> columns = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
            }
            while (result.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.put(columns.get(i - 1), result.getString(i));
                }
                rows.add(row);
            }
        }
        return new Table(columns, key, rows);
    }

    private static Set<String> grants(Connection connection) throws SQLException {
        Set<String> grants = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT GRANTEE, GRANTEDROLE, RIGHTS,"
                        + " TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.RIGHTS");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                String grantee = result.getString(1);
                String role = result.getString(2);
                if (role != null && !role.isBlank()) {
                    grants.add("ROLE " + role + " TO " + grantee);
                    continue;
                }
                String object = result.getString(4) == null || result.getString(5) == null
                        ? "DATABASE"
                        : result.getString(4) + "." + result.getString(5);
                for (String privilege : result.getString(3).split(",")) {
                    grants.add(privilege.strip() + " ON " + object + " TO " + grantee);
                }
            }
        }
        return grants;
    }

    /** How many rows all the tables hold. */
    public long rowCount() {
        return tables.values().stream().mapToLong(table -> table.rows().size()).sum();
    }
}
