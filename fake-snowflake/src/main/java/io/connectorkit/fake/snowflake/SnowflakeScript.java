package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.fake.snowflake.ScriptHost.ScriptObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of a {@code LANGUAGE SQL} procedure, parsed, which the fake runs as Snowflake would: the subset of
 * Snowflake Scripting that the kit's generated procedures use. Anything outside it is refused when the body is
 * parsed, naming the construct and its line, never skipped.
 *
 * <ul>
 *   <li>blocks: {@code [DECLARE name type [DEFAULT|:= expr]; …] BEGIN … [EXCEPTION WHEN OTHER [EXIT] THEN …] END},
 *       nested too (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/blocks); a handler catches
 *       the errors of the statements between its block's BEGIN and EXCEPTION, and sees SQLERRM, SQLCODE and
 *       SQLSTATE (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/exceptions,
 *       https://docs.snowflake.com/en/sql-reference/snowflake-scripting/exception);</li>
 *   <li>{@code LET name [type] := expr}, {@code name := expr}
 *       (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/variables);</li>
 *   <li>{@code IF (cond) THEN … [ELSE …] END IF}, {@code CASE (expr) WHEN v THEN … [ELSE …] END CASE} and the
 *       searched {@code CASE WHEN cond THEN …} (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/branch);</li>
 *   <li>{@code FOR i IN start TO end DO … END FOR}, the counter running from start to end, both included
 *       (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/loops, "FOR loop");</li>
 *   <li>{@code EXECUTE IMMEDIATE expr}: the statement the text is, run by the {@link ScriptHost}
 *       (https://docs.snowflake.com/en/sql-reference/sql/execute-immediate);</li>
 *   <li>{@code RETURN [expr]} (https://docs.snowflake.com/en/sql-reference/snowflake-scripting/return);</li>
 *   <li>{@code SELECT expr}, {@code CALL PUBLIC.P(args) [INTO :var]} (https://docs.snowflake.com/en/sql-reference/sql/call),
 *       {@code ALTER PROCEDURE PUBLIC.P(types) SET SECRETS = ('name' = reference('R'), …)
 *       EXTERNAL_ACCESS_INTEGRATIONS = (reference('R'), …)}
 *       (https://docs.snowflake.com/en/sql-reference/sql/alter-procedure);</li>
 *   <li>expressions: string literals, numbers, NULL, TRUE, FALSE, variables (with or without {@code :}),
 *       {@code ||}, {@code + -}, {@code = <> != < > <= >=}, {@code AND OR NOT}, {@code IS [NOT] NULL},
 *       {@code [NOT] IN (…)}, an array's element {@code a[i]} (from 0), {@code SYSTEM$…(…)} and
 *       {@code CURRENT_DATABASE()} (answered by the {@link ScriptHost}), {@code ARRAY_SIZE}, {@code PARSE_JSON},
 *       {@code REPLACE}, {@code UPPER}, {@code CONTAINS}, {@code GET(object, key)}, {@code AS_VARCHAR}, {@code COALESCE},
 *       {@code OBJECT_CONSTRUCT} (NULL values left out, https://docs.snowflake.com/en/sql-reference/functions/object_construct)
 *       and {@code REGEXP_LIKE} (anchored at both ends,
 *       https://docs.snowflake.com/en/sql-reference/functions/regexp_like), with SQL's three-valued logic.</li>
 * </ul>
 */
final class SnowflakeScript {

    /** A construct the fake does not interpret: the procedure cannot run on the fake. */
    static final class UnsupportedScriptException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedScriptException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of("STRING", "VARCHAR", "TEXT", "CHAR", "NUMBER", "INTEGER", "INT",
            "BIGINT", "FLOAT", "DOUBLE", "BOOLEAN", "VARIANT", "ARRAY", "OBJECT");
    private static final Set<String> FUNCTIONS = Set.of("ARRAY_SIZE", "PARSE_JSON", "CURRENT_DATABASE", "REPLACE",
            "UPPER", "CONTAINS", "GET", "AS_VARCHAR", "OBJECT_CONSTRUCT", "REGEXP_LIKE", "COALESCE");
    /** The function name an array's element {@code a[i]} is evaluated by. */
    private static final String ELEMENT = "[]";
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
    private static final Set<String> LIST_ENDS = Set.of("END", "ELSE", "WHEN", "EXCEPTION", "ELSEIF");
    /** Snowflake's cap on the iterations of one loop in the fake: a runaway loop is a bug of the script. */
    private static final int MAX_ITERATIONS = 100_000;

    /** Snowflake's "invalid identifier" compilation error, for a variable that was never declared. */
    static final int INVALID_IDENTIFIER = 904;
    /** Snowflake's "Error parsing JSON" (PARSE_JSON of text that is not JSON). */
    static final int JSON_PARSE_ERROR = 100069;
    /** Snowflake's "Numeric value '…' is not recognized". */
    static final int NUMERIC_VALUE_NOT_RECOGNIZED = 100038;
    /** Snowflake's "Boolean value '…' is not recognized". */
    static final int BOOLEAN_VALUE_NOT_RECOGNIZED = 100037;

    private final String procedure;
    private final Block body;

    private SnowflakeScript(String procedure, Block body) {
        this.procedure = procedure;
        this.body = body;
    }

    /**
     * Parses a procedure's body.
     *
     * @throws UnsupportedScriptException naming the first construct outside the subset
     */
    static SnowflakeScript parse(String procedure, String body) {
        Parser parser = new Parser(procedure, tokens(procedure, body));
        Block block = parser.block();
        parser.accept(";");
        if (parser.peek().kind != Kind.END) {
            throw parser.unsupported(parser.peek(), "'" + parser.peek().text + "' after the END of the body's block");
        }
        return new SnowflakeScript(procedure, block);
    }

    /** Runs the body with these arguments; its RETURN value (as text), or null when it returns none. */
    String run(List<String> parameters, List<Object> arguments, ScriptHost host) {
        if (parameters.size() != arguments.size()) {
            throw new SnowflakeRefusal(1044, "42P13", "SQL compilation error:\nInvalid argument types for function '"
                    + procedure + "': " + arguments.size() + " arguments for " + parameters.size() + " parameters");
        }
        Scope scope = new Scope(null);
        for (int i = 0; i < parameters.size(); i++) {
            scope.declare(parameters.get(i), normalized(arguments.get(i)));
        }
        Returned returned = new Run(host).statement(body, scope);
        return returned == null || returned.value == null ? null : text(returned.value);
    }

    // ---------------------------------------------------------------------------------------------- the syntax

    private sealed interface Statement
            permits Block, Case, If, For, Return, Select, Call, Assign, AlterProcedure, ExecuteImmediate,
            SecretStatement {
    }

    private record Declaration(String name, Expression initial) {
    }

    /** @param handler the statements of WHEN OTHER; null without an exception handler */
    private record Block(List<Declaration> declarations, List<Statement> body, List<Statement> handler)
            implements Statement {
    }

    private record When(Expression value, List<Statement> body) {
    }

    /** @param operand null for a searched CASE, whose WHENs are conditions */
    private record Case(Expression operand, List<When> whens, List<Statement> otherwise) implements Statement {
    }

    private record If(Expression condition, List<Statement> then, List<Statement> otherwise) implements Statement {
    }

    /** {@code FOR counter IN from TO to DO body END FOR}. */
    private record For(String counter, Expression from, Expression to, List<Statement> body) implements Statement {
    }

    private record Return(Expression value) implements Statement {
    }

    private record Select(Expression value) implements Statement {
    }

    private record Call(String procedure, List<Expression> arguments, String into, int line) implements Statement {
    }

    private record Assign(String variable, Expression value, boolean declares, int line) implements Statement {
    }

    private record AlterProcedure(String procedure, List<String> argumentTypes, Map<String, ScriptObject> secrets,
            List<ScriptObject> integrations) implements Statement {
    }

    /**
     * {@code CREATE SECRET [IF NOT EXISTS] name TYPE = GENERIC_STRING SECRET_STRING = v}, {@code ALTER SECRET
     * [IF EXISTS] name SET SECRET_STRING = v} or {@code DESCRIBE SECRET name}; v is a string literal or a bound
     * variable ({@code :name}).
     *
     * @param value null for DESCRIBE
     */
    private record SecretStatement(ScriptHost.SecretOperation operation, String name, boolean conditional,
            Expression value) implements Statement {
    }

    /** {@code EXECUTE IMMEDIATE <expression>}: the statement the expression's text is, run by the host. */
    private record ExecuteImmediate(Expression sql, int line) implements Statement {
    }

    private sealed interface Expression permits Literal, Variable, Function, Binary, Not, IsNull, In {
    }

    private record Literal(Object value) implements Expression {
    }

    private record Variable(String name, int line) implements Expression {
    }

    private record Function(String name, List<Expression> arguments) implements Expression {
    }

    private record Binary(String operator, Expression left, Expression right) implements Expression {
    }

    private record Not(Expression operand) implements Expression {
    }

    private record IsNull(Expression operand, boolean negated) implements Expression {
    }

    private record In(Expression operand, List<Expression> values, boolean negated) implements Expression {
    }

    // ---------------------------------------------------------------------------------------------- the tokens

    /** QUOTED: a double-quoted identifier, its text as written (quotes included, case kept). */
    private enum Kind { WORD, QUOTED, STRING, NUMBER, SYMBOL, END }

    private record Token(Kind kind, String text, int line) {
        boolean is(String word) {
            return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equals(word);
        }
    }

    private static List<Token> tokens(String procedure, String body) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                line += c == '\n' ? 1 : 0;
                i++;
            } else if (body.startsWith("--", i)) {
                while (i < body.length() && body.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\'') {
                StringBuilder text = new StringBuilder();
                int start = line;
                i++;
                while (true) {
                    if (i >= body.length()) {
                        throw unsupported(procedure, start, "a string literal that never ends");
                    }
                    char d = body.charAt(i++);
                    if (d == '\'' && i < body.length() && body.charAt(i) == '\'') {
                        text.append('\'');
                        i++;
                    } else if (d == '\'') {
                        break;
                    } else if (d == '\\' && i < body.length()) {
                        char escaped = body.charAt(i++);
                        text.append(switch (escaped) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            case '0' -> '\0';
                            default -> escaped;
                        });
                    } else {
                        line += d == '\n' ? 1 : 0;
                        text.append(d);
                    }
                }
                tokens.add(new Token(Kind.STRING, text.toString(), start));
            } else if (c == '"') {
                int start = i++;
                while (true) {
                    if (i >= body.length()) {
                        throw unsupported(procedure, line, "a quoted identifier that never ends");
                    }
                    if (body.charAt(i++) == '"') {
                        if (i < body.length() && body.charAt(i) == '"') {
                            i++;
                        } else {
                            break;
                        }
                    }
                }
                tokens.add(new Token(Kind.QUOTED, body.substring(start, i), line));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < body.length() && (Character.isLetterOrDigit(body.charAt(i)) || body.charAt(i) == '_'
                        || body.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, body.substring(start, i).toUpperCase(Locale.ROOT), line));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < body.length() && (Character.isDigit(body.charAt(i)) || body.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, body.substring(start, i), line));
            } else {
                String two = body.substring(i, Math.min(i + 2, body.length()));
                if (Set.of(":=", "<>", "!=", "||", "<=", ">=").contains(two)) {
                    tokens.add(new Token(Kind.SYMBOL, two, line));
                    i += 2;
                } else if ("(),;:=<>.+-[]".indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
                    i++;
                } else {
                    throw unsupported(procedure, line, "the character '" + c + "'");
                }
            }
        }
        tokens.add(new Token(Kind.END, "the end of the body", line));
        return tokens;
    }

    private static UnsupportedScriptException unsupported(String procedure, int line, String construct) {
        return new UnsupportedScriptException("The fake Snowflake cannot run PUBLIC." + procedure + ": line " + line
                + " of its body has " + construct + ", which is outside the Snowflake Scripting it interprets");
    }

    // ---------------------------------------------------------------------------------------------- the parser

    private static final class Parser {
        private final String procedure;
        private final List<Token> tokens;
        private int position;

        Parser(String procedure, List<Token> tokens) {
            this.procedure = procedure;
            this.tokens = tokens;
        }

        Token peek() {
            return tokens.get(position);
        }

        private Token peek(int ahead) {
            return tokens.get(Math.min(position + ahead, tokens.size() - 1));
        }

        private Token next() {
            Token token = peek();
            if (token.kind != Kind.END) {
                position++;
            }
            return token;
        }

        boolean accept(String word) {
            if (peek().is(word)) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(String word) {
            if (!accept(word)) {
                throw unsupported(peek(), "'" + peek().text + "' where " + word + " belongs");
            }
        }

        UnsupportedScriptException unsupported(Token at, String construct) {
            return SnowflakeScript.unsupported(procedure, at.line, construct);
        }

        private String name(String what) {
            Token token = next();
            if (token.kind != Kind.WORD && token.kind != Kind.QUOTED) {
                throw unsupported(token, "'" + token.text + "' where " + what + " belongs");
            }
            return token.text;
        }

        /** A type after a variable name, such as {@code STRING} or {@code VARCHAR(100)}. */
        private void type() {
            Token type = next();
            if (!TYPES.contains(type.text)) {
                throw unsupported(type, "a variable of type " + type.text);
            }
            if (accept("(")) {
                while (!accept(")")) {
                    if (next().kind == Kind.END) {
                        throw unsupported(type, "a type whose ( is never closed");
                    }
                }
            }
        }

        Block block() {
            List<Declaration> declarations = new ArrayList<>();
            if (accept("DECLARE")) {
                while (!peek().is("BEGIN")) {
                    String name = name("a variable name");
                    if (peek().kind == Kind.WORD && !peek().is("DEFAULT")) {
                        type();
                    }
                    Expression initial = accept("DEFAULT") || accept(":=") ? expression() : null;
                    expect(";");
                    declarations.add(new Declaration(name, initial));
                }
            }
            expect("BEGIN");
            List<Statement> body = statements();
            List<Statement> handler = null;
            if (accept("EXCEPTION")) {
                Token when = peek();
                expect("WHEN");
                if (!accept("OTHER")) {
                    throw unsupported(when, "an exception handler for named exceptions (WHEN " + peek().text + ")");
                }
                if (peek().is("CONTINUE")) {
                    throw unsupported(peek(), "a WHEN OTHER CONTINUE handler");
                }
                accept("EXIT");
                expect("THEN");
                handler = statements();
            }
            expect("END");
            return new Block(declarations, body, handler);
        }

        private List<Statement> statements() {
            List<Statement> statements = new ArrayList<>();
            while (!(peek().kind == Kind.WORD && LIST_ENDS.contains(peek().text)) && peek().kind != Kind.END) {
                statements.add(statement());
            }
            return statements;
        }

        private Statement statement() {
            Token first = peek();
            if (first.is("DECLARE") || first.is("BEGIN")) {
                Block block = block();
                expect(";");
                return block;
            }
            if (first.kind == Kind.WORD && peek(1).is(":=")) {
                next();
                next();
                Expression value = expression();
                expect(";");
                return new Assign(first.text, value, false, first.line);
            }
            next();
            Statement statement = switch (first.text) {
                case "CASE" -> caseStatement();
                case "IF" -> ifStatement();
                case "FOR" -> forStatement();
                case "RETURN" -> new Return(peek().is(";") ? null : expression());
                case "SELECT" -> {
                    Expression value = expression();
                    if (!peek().is(";")) {
                        throw unsupported(peek(), "SELECT … " + peek().text + " (only SELECT <expression>; is "
                                + "interpreted)");
                    }
                    yield new Select(value);
                }
                case "CALL" -> call(first);
                case "LET" -> {
                    String name = name("a variable name");
                    if (peek().kind == Kind.WORD && !peek().is("DEFAULT")) {
                        type();
                    }
                    if (!accept(":=")) {
                        expect("DEFAULT");
                    }
                    yield new Assign(name, expression(), true, first.line);
                }
                case "ALTER" -> peek().is("SECRET") ? secretStatement(ScriptHost.SecretOperation.ALTER)
                        : alterProcedure();
                case "CREATE" -> secretStatement(ScriptHost.SecretOperation.CREATE);
                case "DESCRIBE", "DESC" -> secretStatement(ScriptHost.SecretOperation.DESCRIBE);
                case "EXECUTE" -> {
                    expect("IMMEDIATE");
                    yield new ExecuteImmediate(expression(), first.line);
                }
                default -> throw unsupported(first, "the statement " + first.text);
            };
            expect(";");
            return statement;
        }

        private Statement caseStatement() {
            Expression operand = peek().is("WHEN") ? null : expression();
            List<When> whens = new ArrayList<>();
            while (accept("WHEN")) {
                Expression value = expression();
                expect("THEN");
                whens.add(new When(value, statements()));
            }
            List<Statement> otherwise = accept("ELSE") ? statements() : null;
            expect("END");
            expect("CASE");
            return new Case(operand, whens, otherwise);
        }

        private Statement forStatement() {
            String counter = name("a loop counter");
            expect("IN");
            if (peek().is("REVERSE")) {
                throw unsupported(peek(), "FOR … IN REVERSE");
            }
            Expression from = expression();
            expect("TO");
            Expression to = expression();
            expect("DO");
            List<Statement> body = statements();
            expect("END");
            expect("FOR");
            return new For(counter, from, to, body);
        }

        private Statement ifStatement() {
            Expression condition = expression();
            expect("THEN");
            List<Statement> then = statements();
            if (peek().is("ELSEIF")) {
                throw unsupported(peek(), "ELSEIF");
            }
            List<Statement> otherwise = accept("ELSE") ? statements() : List.of();
            expect("END");
            expect("IF");
            return new If(condition, then, otherwise);
        }

        private Statement call(Token first) {
            String callee = procedureName();
            expect("(");
            List<Expression> arguments = peek().is(")") ? List.of() : expressions();
            expect(")");
            String into = null;
            if (accept("INTO")) {
                expect(":");
                into = name("a variable name");
            }
            return new Call(callee, arguments, into, first.line);
        }

        /** {@code PUBLIC.NAME}: the procedures the fake knows are those the setup script creates in PUBLIC. */
        private String procedureName() {
            Token schema = peek();
            String first = name("a procedure name");
            if (!accept(".")) {
                return first;
            }
            if (!first.equals("PUBLIC")) {
                throw unsupported(schema, "a procedure outside PUBLIC (" + first + ")");
            }
            return name("a procedure name");
        }

        private Statement alterProcedure() {
            if (!peek().is("PROCEDURE")) {
                throw unsupported(peek(), "ALTER " + peek().text);
            }
            next();
            String altered = procedureName();
            expect("(");
            List<String> types = new ArrayList<>();
            while (!accept(")")) {
                if (!types.isEmpty()) {
                    expect(",");
                }
                types.add(name("an argument type"));
            }
            expect("SET");
            Map<String, ScriptObject> secrets = new LinkedHashMap<>();
            List<ScriptObject> integrations = new ArrayList<>();
            boolean set = false;
            while (true) {
                if (accept("SECRETS")) {
                    expect("=");
                    expect("(");
                    do {
                        Token secret = next();
                        if (secret.kind != Kind.STRING) {
                            throw unsupported(secret, "'" + secret.text + "' where a secret's variable name belongs");
                        }
                        expect("=");
                        secrets.put(secret.text, object());
                    } while (accept(","));
                    expect(")");
                } else if (accept("EXTERNAL_ACCESS_INTEGRATIONS")) {
                    expect("=");
                    expect("(");
                    do {
                        integrations.add(object());
                    } while (accept(","));
                    expect(")");
                } else {
                    break;
                }
                set = true;
            }
            if (!set) {
                throw unsupported(peek(), "ALTER PROCEDURE … SET " + peek().text);
            }
            return new AlterProcedure(altered, types, secrets, integrations);
        }

        /**
         * The SECRET statements of https://docs.snowflake.com/en/sql-reference/sql/create-secret,
         * https://docs.snowflake.com/en/sql-reference/sql/alter-secret and
         * https://docs.snowflake.com/en/sql-reference/sql/desc-secret, for GENERIC_STRING secrets: the value is a
         * string literal or a variable bound with a colon
         * (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/variables); an expression is not.
         */
        private Statement secretStatement(ScriptHost.SecretOperation operation) {
            if (!accept("SECRET")) {
                throw unsupported(peek(), operation.name() + " " + peek().text);
            }
            boolean conditional = false;
            if (operation == ScriptHost.SecretOperation.CREATE && accept("IF")) {
                expect("NOT");
                expect("EXISTS");
                conditional = true;
            } else if (operation == ScriptHost.SecretOperation.ALTER && accept("IF")) {
                expect("EXISTS");
                conditional = true;
            }
            ScriptObject name = object();
            if (name.isReference()) {
                throw unsupported(peek(), operation.name() + " SECRET of a reference");
            }
            if (operation == ScriptHost.SecretOperation.DESCRIBE) {
                return new SecretStatement(operation, name.name(), false, null);
            }
            if (operation == ScriptHost.SecretOperation.CREATE) {
                expect("TYPE");
                expect("=");
                Token type = next();
                if (!type.is("GENERIC_STRING")) {
                    throw unsupported(type, "a secret of TYPE " + type.text + " (only GENERIC_STRING is modelled)");
                }
            } else {
                expect("SET");
            }
            expect("SECRET_STRING");
            expect("=");
            Token value = peek();
            Expression bound;
            if (value.kind == Kind.STRING) {
                next();
                bound = new Literal(value.text);
            } else if (value.is(":")) {
                next();
                bound = new Variable(name("a variable name"), value.line);
            } else {
                throw new SnowflakeRefusal(1003, "42000", "SQL compilation error:\nsyntax error line " + value.line
                        + " unexpected '" + value.text + "'. SECRET_STRING takes a string literal or a bind variable.");
            }
            return new SecretStatement(operation, name.name(), conditional, bound);
        }

        /** {@code reference('NAME')}, or an object's (qualified) name. */
        private ScriptObject object() {
            if (peek().is("REFERENCE") && peek(1).is("(")) {
                next();
                next();
                Token name = next();
                if (name.kind != Kind.STRING) {
                    throw unsupported(name, "reference(" + name.text + ") without a quoted reference name");
                }
                expect(")");
                return new ScriptObject(name.text, true);
            }
            StringBuilder name = new StringBuilder(name("an object name"));
            while (accept(".")) {
                name.append('.').append(name("an object name"));
            }
            return new ScriptObject(name.toString(), false);
        }

        private List<Expression> expressions() {
            List<Expression> expressions = new ArrayList<>();
            do {
                expressions.add(expression());
            } while (accept(","));
            return expressions;
        }

        private Expression expression() {
            Expression left = conjunction();
            while (accept("OR")) {
                left = new Binary("OR", left, conjunction());
            }
            return left;
        }

        private Expression conjunction() {
            Expression left = negation();
            while (accept("AND")) {
                left = new Binary("AND", left, negation());
            }
            return left;
        }

        private Expression negation() {
            return accept("NOT") ? new Not(negation()) : comparison();
        }

        private Expression comparison() {
            Expression left = concatenation();
            Token operator = peek();
            if (operator.kind == Kind.SYMBOL && COMPARISONS.contains(operator.text)) {
                next();
                return new Binary(operator.text.equals("!=") ? "<>" : operator.text, left, concatenation());
            }
            if (accept("IS")) {
                boolean negated = accept("NOT");
                expect("NULL");
                return new IsNull(left, negated);
            }
            boolean negated = peek().is("NOT") && peek(1).is("IN");
            if (negated) {
                next();
            }
            if (accept("IN")) {
                expect("(");
                List<Expression> values = expressions();
                expect(")");
                return new In(left, values, negated);
            }
            return left;
        }

        private Expression concatenation() {
            Expression left = element();
            while (peek().is("||") || peek().is("+") || peek().is("-")) {
                String operator = next().text;
                left = new Binary(operator, left, element());
            }
            return left;
        }

        /** A primary, then any number of {@code [index]}. */
        private Expression element() {
            Expression value = primary();
            while (accept("[")) {
                Expression index = expression();
                expect("]");
                value = new Function(ELEMENT, List.of(value, index));
            }
            return value;
        }

        private Expression primary() {
            Token token = next();
            switch (token.kind) {
                case STRING:
                    return new Literal(token.text);
                case NUMBER:
                    return new Literal(new BigDecimal(token.text));
                case SYMBOL:
                    if (token.is("(")) {
                        Expression inner = expression();
                        expect(")");
                        return inner;
                    }
                    if (token.is(":")) {
                        return new Variable(name("a variable name"), token.line);
                    }
                    throw unsupported(token, "'" + token.text + "' where an expression belongs");
                case WORD:
                    return word(token);
                default:
                    throw unsupported(token, "the end of the body where an expression belongs");
            }
        }

        private Expression word(Token token) {
            switch (token.text) {
                case "NULL":
                    return new Literal(null);
                case "TRUE":
                    return new Literal(Boolean.TRUE);
                case "FALSE":
                    return new Literal(Boolean.FALSE);
                default:
                    break;
            }
            if (!peek().is("(")) {
                return new Variable(token.text, token.line);
            }
            if (!token.text.startsWith("SYSTEM$") && !FUNCTIONS.contains(token.text)) {
                throw unsupported(token, "the function " + token.text);
            }
            next();
            List<Expression> arguments = peek().is(")") ? List.of() : expressions();
            expect(")");
            return new Function(token.text, arguments);
        }
    }

    // ---------------------------------------------------------------------------------------------- running

    private record Returned(Object value) {
    }

    private static final class Scope {
        private final Scope parent;
        private final Map<String, Object> variables = new HashMap<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        void declare(String name, Object value) {
            variables.put(name, value);
        }

        Scope holder(String name) {
            for (Scope scope = this; scope != null; scope = scope.parent) {
                if (scope.variables.containsKey(name)) {
                    return scope;
                }
            }
            return null;
        }
    }

    private final class Run {
        private final ScriptHost host;

        Run(ScriptHost host) {
            this.host = host;
        }

        private Returned statements(List<Statement> statements, Scope scope) {
            for (Statement statement : statements) {
                Returned returned = statement(statement, scope);
                if (returned != null) {
                    return returned;
                }
            }
            return null;
        }

        Returned statement(Statement statement, Scope scope) {
            if (statement instanceof Block block) {
                return block(block, scope);
            }
            if (statement instanceof Case branch) {
                Object operand = branch.operand() == null ? null : value(branch.operand(), scope);
                for (When when : branch.whens()) {
                    Object value = value(when.value(), scope);
                    boolean matches = branch.operand() == null ? isTrue(value)
                            : Boolean.TRUE.equals(compare("=", operand, value));
                    if (matches) {
                        return statements(when.body(), scope);
                    }
                }
                return branch.otherwise() == null ? null : statements(branch.otherwise(), scope);
            }
            if (statement instanceof If branch) {
                return statements(isTrue(value(branch.condition(), scope)) ? branch.then() : branch.otherwise(),
                        scope);
            }
            if (statement instanceof For loop) {
                BigDecimal from = number(value(loop.from(), scope));
                BigDecimal to = number(value(loop.to(), scope));
                Scope body = new Scope(scope);
                int iterations = 0;
                for (BigDecimal i = from; i.compareTo(to) <= 0; i = i.add(BigDecimal.ONE)) {
                    if (++iterations > MAX_ITERATIONS) {
                        throw new UnsupportedScriptException("PUBLIC." + procedure + " loops more than "
                                + MAX_ITERATIONS + " times");
                    }
                    body.declare(loop.counter(), i);
                    Returned returned = statements(loop.body(), body);
                    if (returned != null) {
                        return returned;
                    }
                }
                return null;
            }
            if (statement instanceof Return returned) {
                return new Returned(returned.value() == null ? null : value(returned.value(), scope));
            }
            if (statement instanceof Select select) {
                value(select.value(), scope);
                return null;
            }
            if (statement instanceof Call call) {
                List<Object> arguments = new ArrayList<>();
                call.arguments().forEach(argument -> arguments.add(value(argument, scope)));
                Object answer = normalized(host.call(call.procedure(), arguments));
                if (call.into() != null) {
                    assign(call.into(), answer, scope, call.line());
                }
                return null;
            }
            if (statement instanceof Assign assignment) {
                Object value = value(assignment.value(), scope);
                if (assignment.declares()) {
                    scope.declare(assignment.variable(), value);
                } else {
                    assign(assignment.variable(), value, scope, assignment.line());
                }
                return null;
            }
            if (statement instanceof ExecuteImmediate execute) {
                Object sql = value(execute.sql(), scope);
                if (sql == null) {
                    throw new SnowflakeRefusal(INVALID_IDENTIFIER, "42000", "SQL compilation error: error line "
                            + execute.line() + " at position 0\nEXECUTE IMMEDIATE of NULL");
                }
                host.executeImmediate(text(sql).strip());
                return null;
            }
            if (statement instanceof SecretStatement secret) {
                Object value = secret.value() == null ? null : value(secret.value(), scope);
                if (secret.value() != null && !(value instanceof String)) {
                    throw new SnowflakeRefusal(1003, "42000", "SQL compilation error:\nSECRET_STRING of "
                            + secret.name() + " must be a string, not " + (value == null ? "NULL" : text(value)));
                }
                host.secret(secret.operation(), secret.name(), secret.conditional(), (String) value);
                return null;
            }
            AlterProcedure alter = (AlterProcedure) statement;
            host.alterProcedure(alter.procedure(), alter.argumentTypes(), alter.secrets(), alter.integrations());
            return null;
        }

        private Returned block(Block block, Scope outer) {
            Scope scope = new Scope(outer);
            for (Declaration declaration : block.declarations()) {
                scope.declare(declaration.name(), declaration.initial() == null ? null
                        : value(declaration.initial(), scope));
            }
            try {
                return statements(block.body(), scope);
            } catch (SnowflakeRefusal error) {
                if (block.handler() == null) {
                    throw error;
                }
                Scope handler = new Scope(scope);
                handler.declare("SQLERRM", error.getMessage());
                handler.declare("SQLCODE", BigDecimal.valueOf(error.code));
                handler.declare("SQLSTATE", error.sqlState);
                return statements(block.handler(), handler);
            }
        }

        private void assign(String name, Object value, Scope scope, int line) {
            Scope holder = scope.holder(name);
            if (holder == null) {
                throw invalidIdentifier(name, line);
            }
            holder.variables.put(name, value);
        }

        private Object value(Expression expression, Scope scope) {
            if (expression instanceof Literal literal) {
                return literal.value();
            }
            if (expression instanceof Variable variable) {
                Scope holder = scope.holder(variable.name());
                if (holder == null) {
                    throw invalidIdentifier(variable.name(), variable.line());
                }
                return holder.variables.get(variable.name());
            }
            if (expression instanceof Function function) {
                List<Object> arguments = new ArrayList<>();
                function.arguments().forEach(argument -> arguments.add(value(argument, scope)));
                return call(function.name(), arguments);
            }
            if (expression instanceof Binary binary) {
                return binary(binary, scope);
            }
            if (expression instanceof Not not) {
                Object operand = value(not.operand(), scope);
                return operand == null ? null : !isTrue(operand);
            }
            if (expression instanceof IsNull isNull) {
                return (value(isNull.operand(), scope) == null) != isNull.negated();
            }
            In in = (In) expression;
            Object operand = value(in.operand(), scope);
            if (operand == null) {
                return null;
            }
            boolean unknown = false;
            for (Expression candidate : in.values()) {
                Boolean equal = compare("=", operand, value(candidate, scope));
                if (Boolean.TRUE.equals(equal)) {
                    return !in.negated();
                }
                unknown |= equal == null;
            }
            return unknown ? null : in.negated();
        }

        private Object binary(Binary binary, Scope scope) {
            Object left = value(binary.left(), scope);
            switch (binary.operator()) {
                case "AND": {
                    if (Boolean.FALSE.equals(bool(left))) {
                        return false;
                    }
                    Boolean right = bool(value(binary.right(), scope));
                    return Boolean.FALSE.equals(right) ? Boolean.FALSE : left == null || right == null ? null : true;
                }
                case "OR": {
                    if (Boolean.TRUE.equals(bool(left))) {
                        return true;
                    }
                    Boolean right = bool(value(binary.right(), scope));
                    return Boolean.TRUE.equals(right) ? Boolean.TRUE : left == null || right == null ? null : false;
                }
                case "||": {
                    Object right = value(binary.right(), scope);
                    return left == null || right == null ? null : text(left) + text(right);
                }
                case "+":
                case "-": {
                    Object right = value(binary.right(), scope);
                    if (left == null || right == null) {
                        return null;
                    }
                    return binary.operator().equals("+") ? number(left).add(number(right))
                            : number(left).subtract(number(right));
                }
                default:
                    return compare(binary.operator(), left, value(binary.right(), scope));
            }
        }

        private Object call(String function, List<Object> arguments) {
            switch (function) {
                case "PARSE_JSON": {
                    Object text = single(function, arguments);
                    if (text == null) {
                        return null;
                    }
                    try {
                        return JSON.readTree(text(text));
                    } catch (JsonProcessingException e) {
                        throw new SnowflakeRefusal(JSON_PARSE_ERROR, "22P02", "Error parsing JSON: "
                                + e.getOriginalMessage());
                    }
                }
                case "CURRENT_DATABASE": {
                    if (!arguments.isEmpty()) {
                        throw new SnowflakeRefusal(938, "42601", "SQL compilation error:\ntoo many arguments for "
                                + "function [CURRENT_DATABASE], expected 0, got " + arguments.size());
                    }
                    return host.currentDatabase();
                }
                case "REPLACE": {
                    if (arguments.size() < 2 || arguments.size() > 3) {
                        throw new SnowflakeRefusal(938, "42601", "SQL compilation error:\nwrong number of arguments "
                                + "for function [REPLACE], expected 2 or 3, got " + arguments.size());
                    }
                    if (arguments.stream().anyMatch(Objects::isNull)) {
                        return null;
                    }
                    String replacement = arguments.size() == 3 ? text(arguments.get(2)) : "";
                    return text(arguments.get(0)).replace(text(arguments.get(1)), replacement);
                }
                case "ARRAY_SIZE": {
                    Object array = single(function, arguments);
                    return array instanceof JsonNode node && node.isArray() ? BigDecimal.valueOf(node.size()) : null;
                }
                case ELEMENT: {
                    JsonNode array = variant(arguments.get(0));
                    if (array == null || arguments.get(1) == null || !array.isArray()) {
                        return null;
                    }
                    JsonNode element = array.get(number(arguments.get(1)).intValue());
                    return element == null || element.isNull() ? null : element;
                }
                case "COALESCE":
                    return arguments.stream().filter(Objects::nonNull).findFirst().orElse(null);
                case "UPPER": {
                    Object text = single(function, arguments);
                    return text == null ? null : text(text).toUpperCase(Locale.ROOT);
                }
                case "AS_VARCHAR": {
                    // https://docs.snowflake.com/en/sql-reference/functions/as_varchar: NULL unless a string.
                    JsonNode value = variant(single(function, arguments));
                    return value != null && value.isTextual() ? value.asText() : null;
                }
                case "CONTAINS":
                case "REGEXP_LIKE":
                case "GET": {
                    if (arguments.size() != 2) {
                        throw new SnowflakeRefusal(938, "42601", "SQL compilation error:\nwrong number of arguments "
                                + "for function [" + function + "], expected 2, got " + arguments.size());
                    }
                    if (arguments.get(0) == null || arguments.get(1) == null) {
                        return null;
                    }
                    if (function.equals("GET")) {
                        JsonNode object = variant(arguments.get(0));
                        JsonNode value = object == null || !object.isObject() ? null
                                : object.get(text(arguments.get(1)));
                        return value == null || value.isNull() ? null : value;
                    }
                    return function.equals("CONTAINS") ? text(arguments.get(0)).contains(text(arguments.get(1)))
                            : text(arguments.get(0)).matches(text(arguments.get(1)));
                }
                case "OBJECT_CONSTRUCT": {
                    if (arguments.size() % 2 != 0) {
                        throw new SnowflakeRefusal(938, "42601", "SQL compilation error:\nOBJECT_CONSTRUCT takes "
                                + "pairs of keys and values, got " + arguments.size() + " arguments");
                    }
                    ObjectNode object = JSON.createObjectNode();
                    for (int i = 0; i < arguments.size(); i += 2) {
                        if (arguments.get(i) != null && arguments.get(i + 1) != null) {
                            object.set(text(arguments.get(i)), JSON.valueToTree(arguments.get(i + 1) instanceof
                                    JsonNode node ? node : arguments.get(i + 1)));
                        }
                    }
                    return object;
                }
                default:
                    return normalized(host.systemFunction(function, arguments));
            }
        }

        /**
         * A value as VARIANT: JSON as it is; text that a procedure answered (the fake's Java procedures answer
         * their VARIANT as JSON text) parsed, or as a JSON string when it is not JSON.
         */
        private JsonNode variant(Object value) {
            if (value == null || value instanceof JsonNode) {
                return (JsonNode) value;
            }
            if (value instanceof String text) {
                try {
                    return JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    return JSON.getNodeFactory().textNode(text);
                }
            }
            return JSON.valueToTree(value);
        }

        private Object single(String function, List<Object> arguments) {
            if (arguments.size() != 1) {
                throw new SnowflakeRefusal(938, "42601", "SQL compilation error:\nnot enough arguments for function ["
                        + function + "], expected 1, got " + arguments.size());
            }
            return arguments.get(0);
        }

        private SnowflakeRefusal invalidIdentifier(String name, int line) {
            return new SnowflakeRefusal(INVALID_IDENTIFIER, "42000", "SQL compilation error: error line " + line
                    + " at position 0\ninvalid identifier '" + name + "'");
        }
    }

    /** SQL comparison: NULL when either side is NULL. */
    private static Boolean compare(String operator, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        int order;
        if (left instanceof BigDecimal || right instanceof BigDecimal) {
            order = number(left).compareTo(number(right));
        } else if (left instanceof Boolean || right instanceof Boolean) {
            if (!operator.equals("=") && !operator.equals("<>")) {
                throw new SnowflakeRefusal(BOOLEAN_VALUE_NOT_RECOGNIZED, "22018", "Boolean values cannot be ordered");
            }
            order = bool(left).equals(bool(right)) ? 0 : 1;
        } else {
            order = text(left).compareTo(text(right));
        }
        return switch (operator) {
            case "=" -> order == 0;
            case "<>" -> order != 0;
            case "<" -> order < 0;
            case ">" -> order > 0;
            case "<=" -> order <= 0;
            default -> order >= 0;
        };
    }

    /** Numbers as BigDecimal, so that 1 (a bound FIXED) equals 1 (a literal). */
    private static Object normalized(Object value) {
        return value instanceof Number number && !(value instanceof BigDecimal) ? new BigDecimal(number.toString())
                : value;
    }

    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal number) {
            return number;
        }
        try {
            return new BigDecimal(text(value).trim());
        } catch (NumberFormatException e) {
            throw new SnowflakeRefusal(NUMERIC_VALUE_NOT_RECOGNIZED, "22018", "Numeric value '" + text(value)
                    + "' is not recognized");
        }
    }

    private static Boolean bool(Object value) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        String text = text(value).trim().toUpperCase(Locale.ROOT);
        if (Set.of("TRUE", "T", "YES", "Y", "ON", "1").contains(text)) {
            return true;
        }
        if (Set.of("FALSE", "F", "NO", "N", "OFF", "0").contains(text)) {
            return false;
        }
        throw new SnowflakeRefusal(BOOLEAN_VALUE_NOT_RECOGNIZED, "22018", "Boolean value '" + text(value)
                + "' is not recognized");
    }

    private static boolean isTrue(Object condition) {
        return Boolean.TRUE.equals(bool(condition));
    }

    private static String text(Object value) {
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        if (value instanceof JsonNode node) {
            return node.isTextual() ? node.asText() : node.toString();
        }
        return String.valueOf(value);
    }
}
