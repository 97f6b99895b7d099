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
 * secrets travel through are the fake's (shared by its apps): SECRET objects by name and the references
 * SYSTEM$REFERENCE hands out; the references bound through REGISTER_REFERENCE are the app's, and make the secret
 * readable by it.
 *
 * <p>Tests may wire one by hand to an embedded app they installed; {@link FakeAccount} builds them from what was
 * staged when an application is created.
 */
public final class FakeNativeApp {

    private static final Pattern CALL = Pattern.compile("CALL \"([^\"]+)\"\\.PUBLIC\\.([A-Z_]+)\\((.*)\\)",
            Pattern.DOTALL);
    private static final Pattern VIEW = Pattern.compile("SELECT \\* FROM \"([^\"]+)\"\\.PUBLIC\\.\"([A-Z_]+)\"");

    /** SECRET objects by qualified name, with their values: the fake's, shared by its apps. */
    public final Map<String, String> secrets;
    /** The object each reference handed out by SYSTEM$REFERENCE stands for: the fake's, shared by its apps. */
    public final Map<String, String> referenceIds;
    /** The app's bound references: reference name → the object bound (a SECRET, a warehouse, an integration). */
    public final Map<String, String> boundReferences = new ConcurrentHashMap<>();

    private final String name;
    private final Connection app;
    private volatile boolean dropped;

    /**
     * @param name the application's name as Snowflake stores it ({@code GITHUB_CONNECTOR})
     * @param app an embedded app with its connector bound, which answers the calls
     */
    public FakeNativeApp(FakeSnowflake snowflake, String name, Connection app) {
        this.name = name;
        this.app = app;
        ConsumerObjects consumer = snowflake.consumerObjects();
        this.secrets = consumer.secrets;
        this.referenceIds = consumer.referenceIds;
        snowflake.on(sql -> isCall(sql) && sql.contains(".PUBLIC.REGISTER_REFERENCE("), this::registerReference);
        snowflake.on(sql -> isCall(sql) && !sql.contains(".PUBLIC.REGISTER_REFERENCE("), this::call);
        snowflake.on(sql -> !dropped && ownName(VIEW.matcher(sql)), this::view);
    }

    /** The application's name as Snowflake stores it. */
    public String name() {
        return name;
    }

    /** From now on, calls of this app are answered as those of an app that does not exist. */
    void drop() {
        dropped = true;
    }

    private boolean isCall(String sql) {
        return !dropped && ownName(CALL.matcher(sql));
    }

    private boolean ownName(Matcher matcher) {
        return matcher.matches() && matcher.group(1).equals(name);
    }

    private Reply registerReference(Query query) {
        String reference = String.valueOf(query.bindings().get(0));
        String object = referenceIds.get(String.valueOf(query.bindings().get(1)));
        if (object == null) {
            return Reply.error(2003, "02000", "Reference does not exist or not authorized");
        }
        boundReferences.put(reference, object);
        if (!secrets.containsKey(object)) {
            // A warehouse or an integration: bound, and nothing for the embedded app to read.
            return Reply.columns(Column.text("REGISTER_REFERENCE")).row((Object) null);
        }
        // What the binding achieves in Snowflake: the app can read the secret through its reference.
        String answer = runCall("CALL PUBLIC.REGISTER_SECRET(?, ?)", List.of(reference, secrets.get(object)));
        return Reply.columns(Column.text("REGISTER_REFERENCE")).row((Object) (answer.contains("\"OK\"") ? null : answer));
    }

    private Reply call(Query query) {
        Matcher matcher = CALL.matcher(query.sql());
        matcher.matches();
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
}
