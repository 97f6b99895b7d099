package io.connectorkit.plugin.operate;

import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.procedures.PublicProcedure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks of {@code connector.sql} made before anything is opened: one statement that starts with SELECT or
 * WITH, that names no secrets table and, for VIEWER, no STATE table. Comments, string literals and quoted names are
 * read as SQL reads them, so a {@code ;} or a keyword inside them counts for nothing.
 */
final class ReadOnlySql {

    /**
     * H2 functions that act outside the transaction a query runs in (files, other databases, other sessions), so a
     * rollback cannot undo them; Snowflake has no functions of these names.
     */
    private static final List<String> SIDE_EFFECTS =
            List.of("CSVWRITE", "FILE_WRITE", "LINK_SCHEMA", "ABORT_SESSION", "CANCEL_SESSION");

    /**
     * The app's procedures, which H2 lets a SELECT call as functions. The embedded app refuses them during a query in
     * this JVM, but another JVM that holds the database (connector:run) would run them, so they are refused here too.
     */
    private static final Set<String> PROCEDURES = procedures();

    private enum Kind {
        WORD,
        QUOTED,
        STRING,
        SEMICOLON,
        DOT,
        OTHER
    }

    private record Token(Kind kind, String text) {}

    private ReadOnlySql() {}

    /**
     * @param viewer whether the query runs as application role VIEWER, which reads only the public views
     * @return the statement to run: the text without a trailing {@code ;}
     * @throws QueryException naming connector.sql, the value and the fix
     */
    static String check(String sql, boolean viewer) throws QueryException {
        if (sql == null || sql.isBlank()) {
            throw new QueryException("connector.sql is empty; give one query: -Dconnector.sql=\"SELECT …\"");
        }
        List<Token> tokens = tokens(sql);
        if (tokens.isEmpty()
                || tokens.get(0).kind() != Kind.WORD
                || !List.of("SELECT", "WITH").contains(tokens.get(0).text().toUpperCase(Locale.ROOT))) {
            throw new QueryException("connector.sql '" + sql + "' is not a query: connector:query runs only a "
                    + "read-only statement that starts with SELECT or WITH; change state with the goals "
                    + "(connector:configure, connector:resources, …)");
        }
        int last = tokens.size() - 1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).kind() == Kind.SEMICOLON && i != last) {
                throw new QueryException("connector.sql '" + sql + "' holds more than one statement; give a single "
                        + "query (one trailing ; at most) and run the others one by one");
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String upper = token.text().toUpperCase(Locale.ROOT);
            boolean secrets = switch (token.kind()) {
                case WORD, QUOTED -> upper.equals("SECRETS");
                // A name in a string can reach a table too (H2's CSVWRITE, TABLE functions).
                case STRING -> upper.contains("SECRETS");
                default -> false;
            };
            if (secrets) {
                throw new QueryException("connector.sql '" + sql + "' reads STATE.SECRETS, which holds the app's "
                        + "secrets; secrets are never shown, on any role: leave that table out");
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String upper = token.text().toUpperCase(Locale.ROOT);
            // Snowflake's system functions include control functions that act on the account (cancel queries, bind
            // references): https://docs.snowflake.com/en/sql-reference/functions-system
            if (token.kind() == Kind.WORD && upper.startsWith("SYSTEM$")) {
                throw new QueryException("connector.sql '" + sql + "' calls " + upper + "; Snowflake's system "
                        + "functions can act on the account, so connector:query runs none: leave it out");
            }
            // H2's data change delta tables: SELECT * FROM FINAL TABLE (UPDATE …) changes rows.
            if (token.kind() == Kind.WORD
                    && List.of("FINAL", "NEW", "OLD").contains(upper)
                    && i + 1 < tokens.size()
                    && tokens.get(i + 1).kind() == Kind.WORD
                    && tokens.get(i + 1).text().equalsIgnoreCase("TABLE")) {
                throw new QueryException("connector.sql '" + sql + "' reads " + upper + " TABLE (…), which runs the "
                        + "INSERT, UPDATE or MERGE inside it; connector:query only reads: leave it out");
            }
            if ((token.kind() == Kind.WORD || token.kind() == Kind.QUOTED)
                    && PROCEDURES.contains(upper)
                    && i + 1 < tokens.size()
                    && tokens.get(i + 1).text().equals("(")) {
                throw new QueryException("connector.sql '" + sql + "' calls the app's procedure " + upper + ", which "
                        + "may change the app; connector:query only reads: run the procedure's goal instead");
            }
            if (token.kind() == Kind.WORD && SIDE_EFFECTS.contains(upper)) {
                throw new QueryException("connector.sql '" + sql + "' calls " + upper + ", which writes outside the "
                        + "query and cannot be undone; connector:query only reads (write the rows to a file with "
                        + "-Dconnector.format=csv -Dconnector.outputFile=…)");
            }
            if (viewer
                    && (token.kind() == Kind.WORD || token.kind() == Kind.QUOTED)
                    && upper.equals("STATE")
                    && i + 1 < tokens.size()
                    && tokens.get(i + 1).kind() == Kind.DOT) {
                throw new QueryException("connector.sql '" + sql + "' reads a STATE table, which application role "
                        + "VIEWER cannot read; VIEWER reads the public views (-Dconnector.view=SYNC_STATUS, "
                        + "PUBLIC.CONNECTOR_STATS, …), or run as ADMIN (connector.role)");
            }
        }
        String statement = sql.strip();
        if (tokens.get(last).kind() == Kind.SEMICOLON) {
            statement = statement.substring(0, statement.lastIndexOf(';')).strip();
        }
        return statement;
    }

    private static Set<String> procedures() {
        Set<String> names = new HashSet<>();
        for (PublicProcedure procedure : PublicProcedure.values()) {
            names.add(procedure.name());
        }
        names.add(EmbeddedApp.REGISTER_SECRET.substring(EmbeddedApp.REGISTER_SECRET.indexOf('.') + 1));
        return Set.copyOf(names);
    }

    private static List<Token> tokens(String sql) throws QueryException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw unterminated(sql, "comment /* … */");
                }
                i = end + 2;
            } else if (c == '\'' || c == '"') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        throw unterminated(sql, c == '\'' ? "string '…'" : "quoted name \"…\"");
                    }
                    char d = sql.charAt(j);
                    if (d == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            text.append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    text.append(d);
                    j++;
                }
                tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, text.toString()));
                i = j + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n
                        && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
                    j++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, j)));
                i = j;
            } else {
                tokens.add(new Token(c == ';' ? Kind.SEMICOLON : c == '.' ? Kind.DOT : Kind.OTHER, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    private static QueryException unterminated(String sql, String what) {
        return new QueryException(
                "connector.sql '" + sql + "' has an unterminated " + what + "; close it and run " + "again");
    }
}
