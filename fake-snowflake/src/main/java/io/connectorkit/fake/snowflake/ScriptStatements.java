package io.connectorkit.fake.snowflake;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script split into its statements as Snowflake splits a setup script: at each {@code ;} outside a
 * {@code '...'} literal (with {@code ''} for a quote), a {@code "..."} identifier, a {@code $$...$$} body and a
 * comment ({@code --} to the end of the line, or between {@code /*} and {@code *}{@code /}). Each statement keeps its
 * literals and bodies as written; outside them, comments are dropped and every run of white space is one space, so
 * that the statement's shape can be matched a clause at a time.
 */
final class ScriptStatements {

    /** One statement: its text (see above) and the line of the script it starts on, counted from 1. */
    record Statement(String text, int line) {}

    private ScriptStatements() {}

    static List<Statement> split(String script) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (c == '-' && script.startsWith("--", i)) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end;
                space(current);
                continue;
            }
            if (c == '/' && script.startsWith("/*", i)) {
                int end = script.indexOf("*/", i + 2);
                int stop = end < 0 ? script.length() : end + 2;
                line += count(script, i, stop);
                i = stop;
                space(current);
                continue;
            }
            if (Character.isWhitespace(c)) {
                space(current);
                i++;
                continue;
            }
            if (startLine < 0 && c != ';') {
                startLine = line;
            }
            int stop = switch (c) {
                case '\'' -> quotedEnd(script, i, '\'');
                case '"' -> quotedEnd(script, i, '"');
                case '$' -> script.startsWith("$$", i) ? dollarEnd(script, i) : i + 1;
                default -> i + 1;
            };
            if (c == ';') {
                add(statements, current, startLine);
                current.setLength(0);
                startLine = -1;
            } else {
                current.append(script, i, stop);
                line += count(script, i + 1, stop);
            }
            i = stop;
        }
        add(statements, current, startLine);
        return List.copyOf(statements);
    }

    /** The parts of the text between the separators outside parentheses, literals and quoted identifiers. */
    static List<String> topLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char quote = 0;
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
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = text.substring(start).strip();
        if (!last.isEmpty() || !parts.isEmpty()) {
            parts.add(last);
        }
        return parts;
    }

    private static void add(List<Statement> statements, StringBuilder text, int line) {
        String statement = text.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(new Statement(statement, line));
        }
    }

    private static void space(StringBuilder text) {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != ' ') {
            text.append(' ');
        }
    }

    /** The index after a literal or quoted identifier that starts at {@code start}; a doubled quote stays inside. */
    private static int quotedEnd(String script, int start, char quote) {
        int i = start + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
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

    private static int dollarEnd(String script, int start) {
        int end = script.indexOf("$$", start + 2);
        return end < 0 ? script.length() : end + 2;
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
