package io.connectorkit.fake.snowflake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed application behind the fake endpoint: its procedures and views are answered by a real connector
 * runtime on an embedded (H2) app, so the goals get the runtime's own responses. The consumer-side objects that
 * secrets travel through are kept too: SECRET objects by name, the references SYSTEM$REFERENCE hands out, and the
 * references bound through REGISTER_REFERENCE, which make the secret readable by the app.
 */
public final class FakeNativeApp {

    private static final Pattern CALL = Pattern.compile("CALL \"([^\"]+)\"\\.PUBLIC\\.([A-Z_]+)\\((.*)\\)",
            Pattern.DOTALL);
    private static final Pattern VIEW = Pattern.compile("SELECT \\* FROM \"([^\"]+)\"\\.PUBLIC\\.\"([A-Z_]+)\"");
    private static final Pattern SECRET = Pattern.compile("CREATE OR REPLACE SECRET (\\S+) TYPE = GENERIC_STRING "
            + "SECRET_STRING = '((?:[^'\\\\]|''|\\\\.)*)'", Pattern.DOTALL);

    /** SECRET objects by qualified name, with their values. */
    public final Map<String, String> secrets = new ConcurrentHashMap<>();
    /** The object each reference handed out by SYSTEM$REFERENCE stands for. */
    public final Map<String, String> referenceIds = new ConcurrentHashMap<>();
    /** The app's bound references: reference name → SECRET object. */
    public final Map<String, String> boundReferences = new ConcurrentHashMap<>();

    private final String name;
    private final Connection app;

    /**
     * @param name the application's name as Snowflake stores it ({@code GITHUB_CONNECTOR})
     * @param app an embedded app with its connector bound, which answers the calls
     */
    public FakeNativeApp(FakeSnowflake snowflake, String name, Connection app) {
        this.name = name;
        this.app = app;
        snowflake.on(sql -> sql.startsWith("CREATE OR REPLACE SECRET "), query -> {
            Matcher matcher = SECRET.matcher(query.sql());
            if (!matcher.find()) {
                return Reply.error(1003, "42000", "SQL compilation error: syntax error");
            }
            secrets.put(matcher.group(1), unescape(matcher.group(2)));
            return Reply.statementExecuted();
        });
        snowflake.on(sql -> sql.startsWith("SELECT SYSTEM$REFERENCE("), query -> {
            String id = "ENT_REF_" + (referenceIds.size() + 1);
            referenceIds.put(id, String.valueOf(query.bindings().get(0)));
            return Reply.columns(Column.text("SYSTEM$REFERENCE")).row(id);
        });
        snowflake.on(sql -> CALL.matcher(sql).matches() && sql.contains(".PUBLIC.REGISTER_REFERENCE("),
                this::registerReference);
        snowflake.on(sql -> CALL.matcher(sql).matches() && !sql.contains(".PUBLIC.REGISTER_REFERENCE("), this::call);
        snowflake.on(sql -> VIEW.matcher(sql).matches(), this::view);
    }

    private Reply registerReference(Query query) {
        String reference = String.valueOf(query.bindings().get(0));
        String secret = referenceIds.get(String.valueOf(query.bindings().get(1)));
        if (secret == null || !secrets.containsKey(secret)) {
            return Reply.error(2003, "02000", "Reference does not exist or not authorized");
        }
        boundReferences.put(reference, secret);
        // What the binding achieves in Snowflake: the app can read the secret through its reference.
        String answer = runCall("CALL PUBLIC.REGISTER_SECRET(?, ?)", List.of(reference, secrets.get(secret)));
        return Reply.columns(Column.text("REGISTER_REFERENCE")).row((Object) (answer.contains("\"OK\"") ? null : answer));
    }

    private Reply call(Query query) {
        Matcher matcher = CALL.matcher(query.sql());
        matcher.matches();
        if (!matcher.group(1).equals(name)) {
            return Reply.error(2003, "02000", "Application '" + matcher.group(1) + "' does not exist or not authorized.");
        }
        String arguments = matcher.group(3).replace("PARSE_JSON(?)", "?");
        return Reply.columns(Column.text(matcher.group(2)))
                .row(runCall("CALL PUBLIC." + matcher.group(2) + "(" + arguments + ")", query.bindings()));
    }

    private Reply view(Query query) {
        Matcher matcher = VIEW.matcher(query.sql());
        matcher.matches();
        try (PreparedStatement statement = app.prepareStatement("SELECT * FROM PUBLIC." + matcher.group(2));
                ResultSet rows = statement.executeQuery()) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Column> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(Column.text(meta.getColumnLabel(i)));
            }
            Reply.Result result = new Reply.Result(columns, List.of());
            while (rows.next()) {
                Object[] values = new Object[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rows.getString(i + 1);
                }
                result = result.row(values);
            }
            return result;
        } catch (SQLException e) {
            return Reply.error(2003, "02000", e.getMessage());
        }
    }

    private String runCall(String sql, List<Object> bindings) {
        try (PreparedStatement statement = app.prepareStatement(sql)) {
            for (int i = 0; i < bindings.size(); i++) {
                statement.setObject(i + 1, bindings.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded app behind the fake failed: " + e.getMessage(), e);
        }
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
