package io.connectorkit.plugin.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * The tokens of one SQL statement, for reading what it creates or grants: words (upper-cased, as Snowflake and H2
 * resolve unquoted names), quoted identifiers, string literals, {@code $$} blocks and single punctuation marks.
 * Comments are already gone ({@link io.connectorkit.plugin.checks.SqlStatements}).
 */
final class SqlTokens {

    /** One token: its kind and its text (a word upper-cased, anything else as written). */
    record Token(Type type, String text) {

        boolean is(String word) {
            return type == Type.WORD && text.equals(word);
        }

        boolean isPunctuation(char mark) {
            return type == Type.PUNCTUATION && text.charAt(0) == mark;
        }

        boolean isNamePart() {
            return type == Type.WORD || type == Type.QUOTED;
        }
    }

    /** What a token is. */
    enum Type { WORD, QUOTED, STRING, BLOCK, PUNCTUATION }

    /** Keywords a bracket follows after a space, unlike a name's argument list. */
    private static final Set<String> SPACED_BEFORE_BRACKET = Set.of("AS", "USING", "IN", "ON",
            "AND", "OR", "NOT", "EXISTS", "FROM", "JOIN", "WHERE", "SELECT", "INSERT", "VALUES", "OVER", "BY");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Z_][A-Z0-9_$]*");

    private SqlTokens() {
    }

    /**
     * @param backslashEscapes whether a backslash escapes the next character in string literals (Snowflake)
     */
    static List<Token> of(String statement, boolean backslashEscapes) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < statement.length()) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int end = i;
                while (end < statement.length() && (Character.isLetterOrDigit(statement.charAt(end))
                        || statement.charAt(end) == '_' || statement.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new Token(Type.WORD, statement.substring(i, end).toUpperCase(Locale.ROOT)));
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = quotedEnd(statement, i, c, backslashEscapes && c == '\'');
                tokens.add(new Token(c == '"' ? Type.QUOTED : Type.STRING, statement.substring(i, end)));
                i = end;
            } else if (c == '$' && statement.startsWith("$$", i)) {
                int close = statement.indexOf("$$", i + 2);
                int end = close < 0 ? statement.length() : close + 2;
                tokens.add(new Token(Type.BLOCK, statement.substring(i, end)));
                i = end;
            } else {
                tokens.add(new Token(Type.PUNCTUATION, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    /** A name part as the database resolves it: a quoted part that is a plain upper-case name loses its quotes. */
    static String namePart(Token token) {
        if (token.type() != Type.QUOTED) {
            return token.text();
        }
        String inner = token.text().substring(1, token.text().length() - 1).replace("\"\"", "\"");
        return PLAIN_NAME.matcher(inner).matches() ? inner : token.text();
    }

    /** The tokens as one line for a reader: single spaces, none around dots, before commas or inside brackets. */
    static String join(List<Token> tokens) {
        StringBuilder text = new StringBuilder();
        Token previous = null;
        for (Token token : tokens) {
            boolean tight = previous == null || previous.isPunctuation('.') || previous.isPunctuation('(')
                    || token.isPunctuation('.') || token.isPunctuation(',') || token.isPunctuation(')')
                    || token.isPunctuation('(') && previous.isNamePart()
                            && !SPACED_BEFORE_BRACKET.contains(previous.text());
            if (!tight) {
                text.append(' ');
            }
            text.append(token.text());
            previous = token;
        }
        return text.toString();
    }

    private static int quotedEnd(String text, int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }
}
