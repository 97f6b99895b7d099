package io.connectorkit.plugin.local;

import io.connectorkit.plugin.checks.SqlStatements;
import io.connectorkit.runtime.sql.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the embedded app's setup script statement by statement on H2, which has no CREATE OR ALTER: the connector's
 * own SQL may use it as on Snowflake, with Snowflake's semantics
 * (https://docs.snowflake.com/en/sql-reference/sql/create-or-alter). {@code CREATE OR ALTER SCHEMA} creates the
 * schema when absent; {@code CREATE OR ALTER TABLE} creates the table when absent, else adds the definition's new
 * columns and drops the columns it leaves out, keeping the rows and the grants. Other kinds are refused as on
 * Snowflake, with the statement's line.
 */
final class LocalSetupScript {

    private static final String NAME = "((?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)(?:\\.(?:\"(?:[^\"]|\"\")+\"|"
            + "[A-Za-z_][A-Za-z0-9_$]*))?)";
    private static final Pattern CREATE_OR_ALTER =
            Pattern.compile("CREATE\\s+OR\\s+ALTER\\s+(\\w+)\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SCHEMA = Pattern.compile(
            "CREATE\\s+OR\\s+ALTER\\s+SCHEMA\\s+" + NAME + "\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TABLE = Pattern.compile(
            "CREATE\\s+OR\\s+ALTER\\s+TABLE\\s+" + NAME + "\\s*\\((.*)\\)\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CONSTRAINT = Pattern.compile(
            "(?:CONSTRAINT\\s+\\S+\\s+)?(?:PRIMARY\\s+KEY|UNIQUE|" + "FOREIGN\\s+KEY|CHECK)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private LocalSetupScript() {}

    /**
     * @param shown how messages name the script
     * @throws SQLException naming the line of the statement that failed
     */
    static void run(Connection connection, String script, String shown) throws SQLException {
        for (SqlStatements.Statement statement : SqlStatements.split(script, false)) {
            try {
                execute(connection, statement.text());
            } catch (SQLException e) {
                throw new SQLException(
                        "line " + statement.line() + " of " + shown + ": " + e.getMessage(),
                        e.getSQLState(),
                        e.getErrorCode(),
                        e);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        Matcher createOrAlter = CREATE_OR_ALTER.matcher(sql.strip());
        if (!createOrAlter.matches()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            return;
        }
        String kind = createOrAlter.group(1).toUpperCase(Locale.ROOT);
        Matcher schema = SCHEMA.matcher(sql.strip());
        Matcher table = TABLE.matcher(sql.strip());
        if (kind.equals("SCHEMA") && schema.matches()) {
            ddl(
                    connection,
                    "CREATE SCHEMA IF NOT EXISTS "
                            + Identifier.parse(schema.group(1)).sql());
        } else if (kind.equals("TABLE") && table.matches()) {
            table(connection, table.group(1), table.group(2));
        } else {
            throw new SQLException(
                    "CREATE OR ALTER " + kind + " is not emulated on the embedded target: it emulates "
                            + "CREATE OR ALTER SCHEMA and CREATE OR ALTER TABLE <schema>.<table> (<columns>); write CREATE OR "
                            + "REPLACE (and grant again) or CREATE ... IF NOT EXISTS",
                    "42000");
        }
    }

    private static void table(Connection connection, String name, String definition) throws SQLException {
        List<String> parts = parts(name);
        if (parts.size() != 2) {
            throw new SQLException(
                    "CREATE OR ALTER TABLE " + name + ": name the table with its schema, " + "<schema>.<table>",
                    "42000");
        }
        Identifier schema = Identifier.parse(parts.get(0));
        Identifier table = Identifier.parse(parts.get(1));
        String qualified = schema.sql() + "." + table.sql();
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String element : topLevel(definition)) {
            if (!CONSTRAINT.matcher(element).matches()) {
                String column = element.split("\\s+", 2)[0];
                wanted.put(Identifier.parse(column).name(), element);
            }
        }
        List<String> existing = columns(connection, schema.name(), table.name());
        if (existing.isEmpty()) {
            ddl(connection, "CREATE TABLE " + qualified + " (" + definition + ")");
            return;
        }
        for (Map.Entry<String, String> column : wanted.entrySet()) {
            if (!existing.contains(column.getKey())) {
                ddl(connection, "ALTER TABLE " + qualified + " ADD COLUMN " + column.getValue());
            }
        }
        for (String column : existing) {
            if (!wanted.containsKey(column)) {
                ddl(
                        connection,
                        "ALTER TABLE " + qualified + " DROP COLUMN "
                                + Identifier.ofName(column).sql());
            }
        }
    }

    private static List<String> columns(Connection connection, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT COLUMN_NAME FROM"
                + " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString(1));
                }
            }
        }
        return columns;
    }

    private static void ddl(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** {@code A."b.c"} → {@code A}, {@code "b.c"}. */
    private static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : name.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '.' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    /** The comma-separated elements of a column list, outside parentheses, literals and quoted names. */
    private static List<String> topLevel(String text) {
        List<String> elements = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                elements.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        elements.add(text.substring(start).strip());
        return elements;
    }
}
