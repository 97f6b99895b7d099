package io.connectorkit.runtime.sql;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Snowflake object identifier, validated and compared by Snowflake's rules: an unquoted name is case-insensitive
 * (stored upper-case), a double-quoted one is exact. This is the one place where names become SQL: {@link #sql()}
 * always yields the quoted form, so a name can never change the statement it is put into.
 */
public final class Identifier {

    public static final int MAX_LENGTH = 255;

    private static final Pattern UNQUOTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    /** Words Snowflake reserves: they are valid names only when double-quoted. */
    private static final Set<String> RESERVED = Set.of(
            "ALL", "ALTER", "AND", "ANY", "AS", "BETWEEN", "BY", "CASE", "CAST", "CHECK", "COLUMN", "CONNECT",
            "CONSTRAINT", "CREATE", "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
            "CURRENT_USER", "DELETE", "DISTINCT", "DROP", "ELSE", "EXISTS", "FALSE", "FOLLOWING", "FOR", "FROM",
            "FULL", "GRANT", "GROUP", "HAVING", "ILIKE", "IN", "INCREMENT", "INNER", "INSERT", "INTERSECT", "INTO",
            "IS", "JOIN", "LATERAL", "LEFT", "LIKE", "LOCALTIME", "LOCALTIMESTAMP", "MINUS", "NATURAL", "NOT",
            "NULL", "OF", "ON", "OR", "ORDER", "QUALIFY", "REGEXP", "REVOKE", "RIGHT", "RLIKE", "ROW", "ROWS",
            "SAMPLE", "SELECT", "SET", "SOME", "START", "TABLE", "TABLESAMPLE", "THEN", "TO", "TRIGGER", "TRUE",
            "TRY_CAST", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "WHEN", "WHENEVER", "WHERE", "WITH");

    private final String text;
    private final String name;

    private Identifier(String text, String name) {
        this.text = text;
        this.name = name;
    }

    /** Parses a name as a user typed it; throws {@link InvalidIdentifierException} saying why it is not valid. */
    public static Identifier parse(String text) {
        if (text == null) {
            throw new InvalidIdentifierException(null, "no name was given");
        }
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return parseQuoted(text);
        }
        if (text.isEmpty()) {
            throw new InvalidIdentifierException(text, "the name is empty");
        }
        if (!UNQUOTED.matcher(text).matches()) {
            throw new InvalidIdentifierException(text, "an unquoted name has only letters, digits, _ and $ and does not"
                    + " start with a digit; put any other name in double quotes, with \"\" for a quote inside it");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidIdentifierException(text, "a name has at most " + MAX_LENGTH + " characters");
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (RESERVED.contains(upper)) {
            throw new InvalidIdentifierException(text, upper + " is a reserved word; write it in double quotes (\""
                    + upper + "\") if the object really has that name");
        }
        return new Identifier(text, upper);
    }

    private static Identifier parseQuoted(String text) {
        String inner = text.substring(1, text.length() - 1);
        StringBuilder name = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '"') {
                if (i + 1 < inner.length() && inner.charAt(i + 1) == '"') {
                    name.append('"');
                    i++;
                    continue;
                }
                throw new InvalidIdentifierException(text, "a double quote inside a quoted name must be doubled (\"\")");
            }
            if (Character.isISOControl(c)) {
                throw new InvalidIdentifierException(text, "a name cannot contain control characters");
            }
            name.append(c);
        }
        if (name.length() == 0) {
            throw new InvalidIdentifierException(text, "the name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidIdentifierException(text, "a name has at most " + MAX_LENGTH + " characters");
        }
        return new Identifier(text, name.toString());
    }

    /** The object with exactly this name, however it has to be written ({@code 1.0} becomes {@code "1.0"}). */
    public static Identifier ofName(String name) {
        return parse('"' + name.replace("\"", "\"\"") + '"');
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /** The name as the user wrote it. */
    public String text() {
        return text;
    }

    /** The name Snowflake stores: upper-case for an unquoted name, exact for a quoted one. */
    public String name() {
        return name;
    }

    /** The name as SQL, always double-quoted. */
    public String sql() {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Whether both names denote the same object under Snowflake's rules ({@code wh} = {@code WH} = {@code "WH"}). */
    public boolean sameAs(Identifier other) {
        return name.equals(other.name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Identifier that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    @Override
    public String toString() {
        return text;
    }

    /** A name that is not a valid Snowflake identifier, with the reason. */
    public static final class InvalidIdentifierException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String text;
        private final String reason;

        InvalidIdentifierException(String text, String reason) {
            super("'" + text + "' is not a valid Snowflake identifier: " + reason);
            this.text = text;
            this.reason = reason;
        }

        public String text() {
            return text;
        }

        public String reason() {
            return reason;
        }
    }
}
