package io.connectorkit.plugin.render;

import java.util.Locale;

/** The two targets an app is rendered for; they differ in SQL and in what the bundle holds. */
public enum Dialect {
    /** A Snowflake Native App. */
    SNOWFLAKE {
        @Override
        public String sqlLiteral(String value) {
            // Snowflake reads backslash escapes inside string literals, so backslashes are doubled too.
            StringBuilder literal = new StringBuilder("'");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '\'' -> literal.append("''");
                    case '\\' -> literal.append("\\\\");
                    case '\n' -> literal.append("\\n");
                    case '\r' -> literal.append("\\r");
                    case '\t' -> literal.append("\\t");
                    case '\0' -> literal.append("\\0");
                    default -> literal.append(c);
                }
            }
            return literal.append('\'').toString();
        }
    },
    /** The embedded target: an H2 database. */
    LOCAL {
        @Override
        public String sqlLiteral(String value) {
            return "'" + value.replace("'", "''") + "'";
        }
    };

    /** A SQL string literal holding the value exactly. */
    public abstract String sqlLiteral(String value);

    /** The folder of the bundle and of the templates: {@code snowflake}, {@code local}. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
