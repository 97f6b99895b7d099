package io.connectorkit.plugin.checks;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at the semicolons that end them: not inside string literals, quoted
 * identifiers, {@code $$} blocks or comments. Each statement keeps the line it starts on, and its text without
 * comments, for checks that report where a problem is.
 */
public final class SqlStatements {

    /**
     * One statement: its first line in the script and its text without comments.
     *
     * @param line the line the statement starts on, from 1
     * @param text the statement without comments and without its closing semicolon
     */
    public record Statement(int line, String text) {}

    private SqlStatements() {}

    /**
     * The script's statements in order.
     *
     * @param script the SQL script
     * @param backslashEscapes whether a backslash escapes the next character in string literals (Snowflake)
     * @return the statements, empty ones left out
     */
    public static List<Statement> split(String script, boolean backslashEscapes) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int start = -1;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            char next = i + 1 < script.length() ? script.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && next == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? script.length() : end + 2;
                line += count(script, i, end);
                current.append(' ');
                i = end;
                continue;
            }
            if (start < 0 && !Character.isWhitespace(c) && c != ';') {
                start = line;
            }
            if (c == ';') {
                add(statements, current, start);
                start = -1;
                i++;
                continue;
            }
            int end = i + 1;
            if (c == '\'' || c == '"') {
                end = quotedEnd(script, i, c, backslashEscapes && c == '\'');
            } else if (c == '$' && next == '$') {
                int close = script.indexOf("$$", i + 2);
                end = close < 0 ? script.length() : close + 2;
            }
            line += count(script, i, end);
            current.append(script, i, end);
            i = end;
        }
        add(statements, current, start);
        return statements;
    }

    private static int quotedEnd(String script, int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return script.length();
    }

    private static void add(List<Statement> statements, StringBuilder text, int line) {
        String statement = text.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(new Statement(line, statement));
        }
        text.setLength(0);
    }

    private static int count(String script, int from, int to) {
        int lines = 0;
        for (int i = from; i < to && i < script.length(); i++) {
            if (script.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
