package io.connectorkit.fake.snowflake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed application behind the fake endpoint: its procedures and views are answered by a real connector
 * runtime on an embedded (H2) app, so the goals get the runtime's own responses. The consumer-side objects that
 * secrets travel through are the fake's (shared by its apps): SECRET objects by name and the references
 * SYSTEM$REFERENCE hands out; the references bound through REGISTER_REFERENCE are the app's, and make the secret
 * readable by it.
 *
 * <p>Only what the app's setup script created and granted to an application role can be reached, as in Snowflake:
 * a CALL of a procedure it did not create with that many arguments, or did not grant, and a read of a view it did
 * not create or grant, are refused (https://docs.snowflake.com/en/developer-guide/native-apps/creating-setup-script,
 * "Visibility of objects created in the setup script"). An upgrade replaces what the script created.
 *
 * <p>Tests may wire one by hand to an embedded app they installed, with the catalog of a setup script they ran
 * ({@link StagedSetupScript#run}); {@link FakeAccount} builds them from what was staged when an application is
 * created.
 */
public final class FakeNativeApp {

    private static final Pattern CALL = Pattern.compile("CALL \"([^\"]+)\"\\.PUBLIC\\.([A-Z_]+)\\((.*)\\)",
            Pattern.DOTALL);
    /** Snowflake's codes for a procedure that is not there, and for an object that is not there or not granted. */
    private static final int UNKNOWN_FUNCTION = 2140;
    private static final int DOES_NOT_EXIST = 2003;
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
    private volatile AppCatalog catalog;

    /**
     * @param name the application's name as Snowflake stores it ({@code GITHUB_CONNECTOR})
     * @param app an embedded app with its connector bound, which answers the calls
     * @param catalog what the app's setup script created: the procedures and views that can be reached
     */
    public FakeNativeApp(FakeSnowflake snowflake, String name, Connection app, AppCatalog catalog) {
        this.name = name;
        this.app = app;
        this.catalog = catalog;
        ConsumerObjects consumer = snowflake.consumerObjects();
        this.secrets = consumer.secrets;
        this.referenceIds = consumer.referenceIds;
        snowflake.on(sql -> isCall(sql) && sql.contains(".PUBLIC.REGISTER_REFERENCE("),
                granted(this::registerReference));
        snowflake.on(sql -> isCall(sql) && !sql.contains(".PUBLIC.REGISTER_REFERENCE("), granted(this::call));
        snowflake.on(sql -> !dropped && ownName(VIEW.matcher(sql)), this::view);
    }

    /** What the app's setup script created, as of its last install or upgrade. */
    public AppCatalog catalog() {
        return catalog;
    }

    /** The body of the app's SQL procedure of this name ({@code REGISTER_REFERENCE}), if its setup script made one. */
    public Optional<String> sqlBody(String procedure) {
        return catalog.sqlBody(procedure);
    }

    /** An upgrade ran the new setup script: from now on its objects are the app's. */
    void replaceCatalog(AppCatalog upgraded) {
        catalog = upgraded;
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

    /**
     * The call, if the script created a procedure of that name taking that many arguments and granted it, and its
     * schema, to an application role; else Snowflake's refusal.
     */
    private Function<Query, Reply> granted(Function<Query, Reply> call) {
        return query -> {
            Matcher matcher = CALL.matcher(query.sql());
            matcher.matches();
            String procedure = "PUBLIC." + matcher.group(2);
            int arguments = ScriptStatements.topLevel(matcher.group(3), ',').size();
            Optional<AppCatalog.Procedure> created = catalog.procedure(procedure, arguments);
            if (created.isEmpty()) {
                return Reply.error(UNKNOWN_FUNCTION, "42601", "SQL compilation error:\nUnknown user-defined function "
                        + name + "." + procedure + ".");
            }
            if (!reachable("USAGE", "PROCEDURE", created.get().signature())) {
                return Reply.error(DOES_NOT_EXIST, "02000", "SQL compilation error:\nProcedure '" + name + "."
                        + created.get().signature() + "' does not exist or not authorized.");
            }
            return call.apply(query);
        };
    }

    private boolean reachable(String privilege, String kind, String object) {
        return !catalog.rolesGranted(privilege, kind, object).isEmpty()
                && !catalog.rolesGranted("USAGE", "SCHEMA", object.substring(0, object.indexOf('.'))).isEmpty();
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
        String view = "PUBLIC." + matcher.group(2);
        if (!catalog.hasView(view) || !reachable("SELECT", "VIEW", view)) {
            return Reply.error(DOES_NOT_EXIST, "02000", "SQL compilation error:\nObject '" + name + "." + view
                    + "' does not exist or not authorized.");
        }
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
