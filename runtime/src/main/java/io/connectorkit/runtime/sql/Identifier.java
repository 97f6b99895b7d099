package io.connectorkit.runtime.sql;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Snowflake object identifier, validated and compared by Snowflake's rules: an unquoted name is case-insensitive
 * (stored upper-case), a double-quoted one is exact. This is the one place where names become SQL: {@link #sql()}
 * always yields the quoted form, so a name can never change the statement it is put into.
 *
 * <p>Equality follows Snowflake: two identifiers are equal when they name the same object ({@link #sameAs}), however
 * they were written; {@link #toString()} gives the text as written.
 */
public final class Identifier {

    /** The most characters a name has: {@value}, counted without the quotes and with {@code ""} as one. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern UNQUOTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    /** Words Snowflake reserves: they are valid names only when double-quoted. */
    private static final Set<String> RESERVED = Set.of(
            "ALL",
            "ALTER",
            "AND",
            "ANY",
            "AS",
            "BETWEEN",
            "BY",
            "CASE",
            "CAST",
            "CHECK",
            "COLUMN",
            "CONNECT",
            "CONSTRAINT",
            "CREATE",
            "CROSS",
            "CURRENT",
            "CURRENT_DATE",
            "CURRENT_TIME",
            "CURRENT_TIMESTAMP",
            "CURRENT_USER",
            "DELETE",
            "DISTINCT",
            "DROP",
            "ELSE",
            "EXISTS",
            "FALSE",
            "FOLLOWING",
            "FOR",
            "FROM",
            "FULL",
            "GRANT",
            "GROUP",
            "HAVING",
            "ILIKE",
            "IN",
            "INCREMENT",
            "INNER",
            "INSERT",
            "INTERSECT",
            "INTO",
            "IS",
            "JOIN",
            "LATERAL",
            "LEFT",
            "LIKE",
            "LOCALTIME",
            "LOCALTIMESTAMP",
            "MINUS",
            "NATURAL",
            "NOT",
            "NULL",
            "OF",
            "ON",
            "OR",
            "ORDER",
            "QUALIFY",
            "REGEXP",
            "REVOKE",
            "RIGHT",
            "RLIKE",
            "ROW",
            "ROWS",
            "SAMPLE",
            "SELECT",
            "SET",
            "SOME",
            "START",
            "TABLE",
            "TABLESAMPLE",
            "THEN",
            "TO",
            "TRIGGER",
            "TRUE",
            "TRY_CAST",
            "UNION",
            "UNIQUE",
            "UPDATE",
            "USING",
            "VALUES",
            "WHEN",
            "WHENEVER",
            "WHERE",
            "WITH");

    private final String text;
    private final String name;

    private Identifier(String text, String name) {
        this.text = text;
        this.name = name;
    }

    /**
     * Parses a name as a user typed it; throws {@link InvalidIdentifierException} saying why it is not valid.
     * Unquoted, a name has only letters, digits, {@code _} and {@code $}, does not start with a digit and is no
     * reserved word ({@code SELECT}, {@code TABLE}, ...). Double-quoted, it may hold any character but control
     * characters, with {@code ""} for a quote. Either way it is not empty and has at most {@value #MAX_LENGTH}
     * characters.
     *
     * @param text the name, such as {@code my_wh} or {@code "My Warehouse"}
     * @return the identifier
     * @throws InvalidIdentifierException when the text is {@code null} or not a valid name
     */
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
            throw new InvalidIdentifierException(
                    text,
                    "an unquoted name has only letters, digits, _ and $ and does not"
                            + " start with a digit; put any other name in double quotes, with \"\" for a quote inside it");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidIdentifierException(text, "a name has at most " + MAX_LENGTH + " characters");
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (RESERVED.contains(upper)) {
            throw new InvalidIdentifierException(
                    text,
                    upper + " is a reserved word; write it in double quotes (\"" + upper
                            + "\") if the object really has that name");
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
                throw new InvalidIdentifierException(
                        text, "a double quote inside a quoted name must be doubled (\"\")");
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

    /**
     * The object with exactly this name, however it has to be written ({@code 1.0} becomes {@code "1.0"}).
     *
     * @param name the name as Snowflake stores it, case and quotes included, without any quoting
     * @return the identifier, whose {@link #text()} is the double-quoted form
     * @throws NullPointerException        when the name is {@code null}
     * @throws InvalidIdentifierException  when the name is empty, too long or holds a control character
     */
    public static Identifier ofName(String name) {
        return parse('"' + name.replace("\"", "\"\"") + '"');
    }

    /**
     * Whether {@link #parse(String)} accepts the text.
     *
     * @param text the name as a user typed it
     * @return {@code true} when it is a valid name; {@code false} for {@code null} and every invalid one
     */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /**
     * The name as the user wrote it.
     *
     * @return the parsed text, quotes included when it was quoted
     */
    public String text() {
        return text;
    }

    /**
     * The name Snowflake stores: upper-case for an unquoted name, exact for a quoted one.
     *
     * @return the name without quotes ({@code my_wh} gives {@code MY_WH}, {@code "a""b"} gives {@code a"b})
     */
    public String name() {
        return name;
    }

    /**
     * The name as SQL, always double-quoted.
     *
     * @return {@link #name()} in double quotes with any quote inside doubled ({@code my_wh} gives {@code "MY_WH"})
     */
    public String sql() {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * Whether both names denote the same object under Snowflake's rules ({@code wh} = {@code WH} = {@code "WH"}).
     *
     * @param other the other identifier
     * @return {@code true} when both have the same {@link #name()}; the same as {@link #equals(Object)}
     */
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

    /**
     * A name that is not a valid Snowflake identifier, with the reason. Its message reads
     * {@code '<text>' is not a valid Snowflake identifier: <reason>}.
     */
    public static final class InvalidIdentifierException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** The refused text, {@code null} when none was given. */
        private final String text;
        /** Why it is not a valid name. */
        private final String reason;

        InvalidIdentifierException(String text, String reason) {
            super("'" + text + "' is not a valid Snowflake identifier: " + reason);
            this.text = text;
            this.reason = reason;
        }

        /**
         * The text that was refused.
         *
         * @return the text as given, or {@code null} when none was given
         */
        public String text() {
            return text;
        }

        /**
         * Why the text is not a valid name, without the text itself.
         *
         * @return the reason, such as {@code "the name is empty"}
         */
        public String reason() {
            return reason;
        }
    }
}
