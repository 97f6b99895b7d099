package io.connectorkit.fake.snowflake;

import java.util.Locale;

/**
 * The kind of statement Snowflake reports with each result ({@code statementTypeId}). The driver decides from it
 * whether {@code execute} gives a result set or an update count, and how {@code executeUpdate} counts rows.
 */
enum StatementType {
    UNKNOWN(0x0000),
    SELECT(0x1000),
    INSERT(0x3100),
    UPDATE(0x3200),
    DELETE(0x3300),
    MERGE(0x3400),
    COPY(0x3600),
    ALTER_SESSION(0x4100),
    USE(0x4300),
    SHOW(0x4400),
    DESCRIBE(0x4500),
    LIST(0x4701),
    TRANSACTION(0x5000),
    DDL(0x6000),
    REMOVE(0x7103);

    final int id;

    StatementType(int id) {
        this.id = id;
    }

    boolean isDml() {
        return this == INSERT || this == UPDATE || this == DELETE || this == MERGE;
    }

    /** The type of a statement, from its first keywords. */
    static StatementType of(String sql) {
        String[] words = withoutLeadingComments(sql).toUpperCase(Locale.ROOT).split("[\\s(;]+", 3);
        String second = words.length > 1 ? words[1] : "";
        return switch (words[0]) {
            case "SELECT", "WITH", "CALL", "VALUES" -> SELECT;
            case "INSERT" -> INSERT;
            case "UPDATE" -> UPDATE;
            case "DELETE" -> DELETE;
            case "MERGE" -> MERGE;
            case "COPY" -> COPY;
            case "ALTER" -> second.equals("SESSION") ? ALTER_SESSION : DDL;
            case "USE" -> USE;
            case "SHOW" -> SHOW;
            case "DESCRIBE", "DESC" -> DESCRIBE;
            case "LIST", "LS" -> LIST;
            case "REMOVE", "RM" -> REMOVE;
            case "BEGIN", "START", "COMMIT", "ROLLBACK" -> TRANSACTION;
            case "CREATE", "DROP", "UNDROP", "GRANT", "REVOKE", "COMMENT", "TRUNCATE" -> DDL;
            default -> UNKNOWN;
        };
    }

    /** The statement text from its first keyword on: without the comments and blanks before it. */
    static String withoutLeadingComments(String sql) {
        String text = sql.strip();
        while (true) {
            if (text.startsWith("--") || text.startsWith("//")) {
                int end = text.indexOf('\n');
                text = end < 0 ? "" : text.substring(end + 1).strip();
            } else if (text.startsWith("/*")) {
                int end = text.indexOf("*/");
                text = end < 0 ? "" : text.substring(end + 2).strip();
            } else {
                return text;
            }
        }
    }
}
