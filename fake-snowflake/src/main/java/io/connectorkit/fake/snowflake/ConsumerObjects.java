package io.connectorkit.fake.snowflake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the consumer account holds beside its applications: SECRET objects with their values, and the references
 * SYSTEM$REFERENCE hands out. One per fake, shared by its apps, so an app created again (or a second one) finds the
 * secrets created before it. Calls of an application that does not exist are refused here, as Snowflake does.
 */
final class ConsumerObjects {

    /** The value as a string literal, or bound to {@code ?} (https://docs.snowflake.com/en/sql-reference/bind-variables). */
    private static final Pattern SECRET = Pattern.compile("CREATE OR REPLACE SECRET (\\S+) TYPE = GENERIC_STRING "
            + "SECRET_STRING = (?:'((?:[^'\\\\]|''|\\\\.)*)'|(\\?))(?: COMMENT = '(?:[^']|'')*')?", Pattern.DOTALL);
    private static final Pattern APP_OBJECT = Pattern.compile(
            "(?:CALL|SELECT \\* FROM) \"([^\"]+)\"\\.PUBLIC\\..*", Pattern.DOTALL);

    /** SECRET objects by qualified name, with their values; held in memory only. */
    final Map<String, String> secrets = new ConcurrentHashMap<>();
    /** The object each reference handed out by SYSTEM$REFERENCE stands for. */
    final Map<String, String> referenceIds = new ConcurrentHashMap<>();

    ConsumerObjects(FakeSnowflake snowflake) {
        snowflake.on(sql -> APP_OBJECT.matcher(sql).matches(), query -> {
            Matcher matcher = APP_OBJECT.matcher(query.sql());
            matcher.matches();
            return Reply.error(2003, "02000", "Application '" + matcher.group(1)
                    + "' does not exist or not authorized.");
        });
        snowflake.on(sql -> sql.startsWith("CREATE OR REPLACE SECRET "), query -> {
            Matcher matcher = SECRET.matcher(query.sql());
            if (!matcher.matches()) {
                return Reply.error(1003, "42000", "SQL compilation error: syntax error");
            }
            if (matcher.group(3) != null) {
                if (query.bindings().size() != 1 || !(query.bindings().get(0) instanceof String bound)) {
                    return Reply.error(1003, "42000", "SQL compilation error: SECRET_STRING = ? takes one bound string,"
                            + " got " + query.bindings().size() + " binding(s)");
                }
                secrets.put(matcher.group(1), bound);
            } else {
                secrets.put(matcher.group(1), unescape(matcher.group(2)));
            }
            return Reply.statementExecuted();
        });
        // https://docs.snowflake.com/en/sql-reference/sql/drop-secret
        snowflake.on(sql -> sql.startsWith("DROP SECRET IF EXISTS "), query -> {
            secrets.remove(query.sql().substring("DROP SECRET IF EXISTS ".length()).strip());
            return Reply.statementExecuted();
        });
        snowflake.on(sql -> sql.startsWith("SELECT SYSTEM$REFERENCE("), query -> {
            String id = "ENT_REF_" + (referenceIds.size() + 1);
            // SYSTEM$REFERENCE('SECRET', ?, …) binds the object only; SYSTEM$REFERENCE(?, ?, …) its type, then it.
            int object = query.sql().startsWith("SELECT SYSTEM$REFERENCE(?") ? 1 : 0;
            referenceIds.put(id, String.valueOf(query.bindings().get(object)));
            return Reply.columns(Column.text("SYSTEM$REFERENCE")).row(id);
        });
    }

    private static String unescape(String literal) {
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '\'' && i + 1 < literal.length() && literal.charAt(i + 1) == '\'') {
                value.append('\'');
                i++;
            } else if (c == '\\' && i + 1 < literal.length()) {
                char next = literal.charAt(++i);
                value.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case '0' -> '\0';
                    default -> next;
                });
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }
}
