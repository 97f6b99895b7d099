package io.connectorkit.plugin.plan;

import io.connectorkit.plugin.checks.SqlStatements;
import io.connectorkit.plugin.plan.SqlTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a setup script makes, read from its statements: the objects it creates (by kind and qualified name, a
 * procedure's or function's argument types included, as Snowflake tells overloads apart), each with its definition
 * (the CREATE and the ALTERs of the object that follow it); its GRANT and REVOKE statements; and its other
 * statements (such as {@code ALTER APPLICATION SET SPECIFICATION …}, {@code CALL …}), keyed by their leading words.
 * A DROP of an object the script also creates is the script's way of re-creating it, not a statement of its own.
 *
 * @param objects definition by object ({@code PROCEDURE PUBLIC.PAUSE_CONNECTOR()}), in script order
 * @param grants the GRANT and REVOKE statements, in script order
 * @param statements the other statements by their leading words, in script order
 */
public record SetupObjects(Map<String, String> objects, Set<String> grants, Map<String, String> statements) {

    /** What an empty script (an app not deployed yet) makes: nothing. */
    public static final SetupObjects NONE = new SetupObjects(Map.of(), Set.of(), Map.of());

    /** Object kinds of more than one word; any other kind is one word (TABLE, VIEW, PROCEDURE, …). */
    private static final List<List<String>> LONG_KINDS = List.of(
            List.of("EXTERNAL", "ACCESS", "INTEGRATION"),
            List.of("ROW", "ACCESS", "POLICY"),
            List.of("APPLICATION", "ROLE"),
            List.of("DATABASE", "ROLE"),
            List.of("SECURITY", "INTEGRATION"),
            List.of("STORAGE", "INTEGRATION"),
            List.of("API", "INTEGRATION"),
            List.of("NOTIFICATION", "INTEGRATION"),
            List.of("NETWORK", "RULE"),
            List.of("NETWORK", "POLICY"),
            List.of("MATERIALIZED", "VIEW"),
            List.of("DYNAMIC", "TABLE"),
            List.of("EXTERNAL", "TABLE"),
            List.of("EVENT", "TABLE"),
            List.of("HYBRID", "TABLE"),
            List.of("ICEBERG", "TABLE"),
            List.of("FILE", "FORMAT"),
            List.of("MASKING", "POLICY"),
            List.of("COMPUTE", "POOL"),
            List.of("IMAGE", "REPOSITORY"));
    /** Words between CREATE and the kind that do not change what the object is. */
    private static final Set<String> MODIFIERS = Set.of(
            "SECURE",
            "TEMPORARY",
            "TEMP",
            "TRANSIENT",
            "VOLATILE",
            "VERSIONED",
            "LOCAL",
            "GLOBAL",
            "RECURSIVE",
            "FORCE");

    private static final int HEAD_WORDS = 8;

    /**
     * Reads a setup script.
     *
     * @param script the script's text
     * @param backslashEscapes whether a backslash escapes in string literals (Snowflake's dialect; not H2's)
     * @return what the script makes
     */
    public static SetupObjects parse(String script, boolean backslashEscapes) {
        List<List<Token>> statements = new ArrayList<>();
        for (SqlStatements.Statement statement : SqlStatements.split(script, backslashEscapes)) {
            List<Token> tokens = SqlTokens.of(statement.text(), backslashEscapes);
            if (!tokens.isEmpty()) {
                statements.add(tokens);
            }
        }
        Set<String> created = new LinkedHashSet<>();
        for (List<Token> tokens : statements) {
            if (tokens.get(0).is("CREATE")) {
                created(tokens).ifPresent(created::add);
            }
        }
        Map<String, String> objects = new LinkedHashMap<>();
        Set<String> grants = new LinkedHashSet<>();
        Map<String, String> others = new LinkedHashMap<>();
        for (List<Token> tokens : statements) {
            String text = SqlTokens.join(tokens);
            Token first = tokens.get(0);
            if (first.is("GRANT") || first.is("REVOKE")) {
                grants.add(text);
                continue;
            }
            Optional<String> object = first.is("CREATE")
                    ? created(tokens)
                    : first.is("ALTER") || first.is("DROP") ? named(tokens, 1, false) : Optional.empty();
            if (object.isPresent() && first.is("CREATE")) {
                objects.merge(object.get(), text, (before, again) -> before + "; " + again);
            } else if (object.isPresent() && first.is("ALTER") && objects.containsKey(object.get())) {
                objects.merge(object.get(), text, (before, alter) -> before + "; " + alter);
            } else if (object.isEmpty() || !first.is("DROP") || !created.contains(object.get())) {
                String head = head(tokens);
                String key = head;
                for (int n = 2; others.containsKey(key); n++) {
                    key = head + " (" + n + ")";
                }
                others.put(key, text);
            }
        }
        return new SetupObjects(objects, grants, others);
    }

    /** The object a CREATE statement makes: {@code CREATE [OR REPLACE | OR ALTER] [modifiers] kind [IF NOT EXISTS] name}. */
    private static Optional<String> created(List<Token> tokens) {
        int i = 1;
        if (i + 1 < tokens.size() && tokens.get(i).is("OR")) {
            i += 2;
        }
        while (i < tokens.size()
                && tokens.get(i).type() == SqlTokens.Type.WORD
                && MODIFIERS.contains(tokens.get(i).text())) {
            i++;
        }
        return named(tokens, i, true);
    }

    /**
     * The kind and name at a position: {@code kind [IF [NOT] EXISTS] name[(arguments)]}.
     *
     * @param declaration whether arguments are declared ({@code name type}, CREATE) or only typed (ALTER, DROP)
     */
    private static Optional<String> named(List<Token> tokens, int at, boolean declaration) {
        int i = at;
        String kind = null;
        for (List<String> words : LONG_KINDS) {
            if (startsWith(tokens, i, words)) {
                kind = String.join(" ", words);
                i += words.size();
                break;
            }
        }
        if (kind == null) {
            if (i >= tokens.size() || tokens.get(i).type() != SqlTokens.Type.WORD) {
                return Optional.empty();
            }
            kind = tokens.get(i++).text();
        }
        if (startsWith(tokens, i, List.of("IF", "NOT", "EXISTS"))) {
            i += 3;
        } else if (startsWith(tokens, i, List.of("IF", "EXISTS"))) {
            i += 2;
        }
        if (i >= tokens.size() || !tokens.get(i).isNamePart()) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder(SqlTokens.namePart(tokens.get(i++)));
        while (i + 1 < tokens.size()
                && tokens.get(i).isPunctuation('.')
                && tokens.get(i + 1).isNamePart()) {
            name.append('.').append(SqlTokens.namePart(tokens.get(i + 1)));
            i += 2;
        }
        if ((kind.equals("PROCEDURE") || kind.equals("FUNCTION"))
                && i < tokens.size()
                && tokens.get(i).isPunctuation('(')) {
            name.append(argumentTypes(tokens, i, declaration));
        }
        return Optional.of(kind + " " + name);
    }

    /** {@code (VARCHAR, VARIANT)} from a declared {@code (NAME VARCHAR, CONFIG VARIANT DEFAULT NULL)} or a typed list. */
    private static String argumentTypes(List<Token> tokens, int open, boolean declaration) {
        List<String> types = new ArrayList<>();
        List<Token> argument = new ArrayList<>();
        int depth = 0;
        for (int i = open + 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (depth == 0 && (token.isPunctuation(',') || token.isPunctuation(')'))) {
                if (!argument.isEmpty()) {
                    Token type = declaration && argument.size() > 1 ? argument.get(1) : argument.get(0);
                    types.add(type.text());
                }
                argument.clear();
                if (token.isPunctuation(')')) {
                    break;
                }
                continue;
            }
            if (token.isPunctuation('(')) {
                depth++;
            } else if (token.isPunctuation(')')) {
                depth--;
            } else if (depth == 0) {
                argument.add(token);
            }
        }
        return "(" + String.join(", ", types) + ")";
    }

    /** A statement's leading words, up to its first bracket, literal or {@code name =} option. */
    private static String head(List<Token> tokens) {
        int end = 0;
        int words = 0;
        while (end < tokens.size() && words < HEAD_WORDS) {
            Token token = tokens.get(end);
            boolean option = end + 1 < tokens.size() && tokens.get(end + 1).isPunctuation('=');
            if (token.isPunctuation('(')
                    || token.type() == SqlTokens.Type.STRING
                    || token.type() == SqlTokens.Type.BLOCK
                    || option) {
                break;
            }
            if (token.isNamePart()) {
                words++;
            }
            end++;
        }
        return SqlTokens.join(tokens.subList(0, Math.max(1, end)));
    }

    private static boolean startsWith(List<Token> tokens, int at, List<String> words) {
        if (at + words.size() > tokens.size()) {
            return false;
        }
        for (int i = 0; i < words.size(); i++) {
            if (!tokens.get(at + i).is(words.get(i))) {
                return false;
            }
        }
        return true;
    }
}
