package io.connectorkit.runtime.testing;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import com.snowflake.snowpark_java.DataFrame;
import com.snowflake.snowpark_java.Row;
import com.snowflake.snowpark_java.Session;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Snowpark {@link Session} for tests, since no account is reachable: {@code session.sql(...).collect()} runs the
 * statement on an H2 database holding the app's tables, after rewriting the few Snowflake functions H2 lacks.
 * Account queries (privileges, warehouses) are answered from what the test sets. Every statement is recorded with
 * its bound values.
 */
public final class FakeSnowparkSession {

    /** A statement as the runtime sent it. */
    public record Statement(String sql, List<Object> parameters) {
        @Override
        public String toString() {
            return parameters.isEmpty() ? sql : sql + " " + parameters;
        }
    }

    public final List<Statement> statements = new CopyOnWriteArrayList<>();
    /** The scheduler task as the task statements left it; null while none was created. */
    public volatile FakeTask task;

    private final Connection database;
    private final Session session;
    /** The databases the app created (CREATE DATABASE), by name as written. */
    public final Set<String> databases = ConcurrentHashMap.newKeySet();
    /** The grants to application roles, as the statements wrote them. */
    public final List<String> grants = new CopyOnWriteArrayList<>();

    private volatile Set<String> privileges = Set.of("EXECUTE TASK", "CREATE DATABASE");
    private volatile List<String> warehouses = List.of();
    private volatile Predicate<String> failing = sql -> false;
    private volatile String failure = "";

    public FakeSnowparkSession(Connection database) {
        this.database = database;
        this.session = mock(Session.class, withSettings().defaultAnswer(invocation -> {
            if (!invocation.getMethod().getName().equals("sql")) {
                throw new UnsupportedOperationException("The fake session does not offer " + invocation.getMethod());
            }
            Object[] raw = invocation.getRawArguments();
            Object[] parameters = raw.length > 1 && raw[1] != null ? (Object[]) raw[1] : new Object[0];
            return dataFrame((String) raw[0], parameters);
        }));
    }

    /** A task as Snowflake would hold it: its definition, its warehouse and whether it is resumed. */
    public static final class FakeTask {
        public final String name;
        public final String schedule;
        public final String definition;
        public volatile String warehouse;
        public volatile boolean resumed;
        public volatile boolean monitoredByAdmin;

        FakeTask(String name, String warehouse, String schedule, String definition) {
            this.name = name;
            this.warehouse = warehouse;
            this.schedule = schedule;
            this.definition = definition;
        }
    }

    private static final Pattern CREATE_TASK =
            Pattern.compile("CREATE TASK IF NOT EXISTS (\\S+) WAREHOUSE = (.+?) SCHEDULE = '([^']*)' (.*)");
    private static final Pattern ALTER_TASK =
            Pattern.compile("ALTER TASK (IF EXISTS )?(\\S+) (SUSPEND|RESUME|SET WAREHOUSE = (.+))");

    /**
     * Task statements are DDL: like Snowflake, the fake commits the open transaction first (the runtime opens a new
     * one after them), then keeps the task's state.
     */
    private Row[] task(String sql) throws SQLException {
        if (!database.getAutoCommit()) {
            database.commit();
        }
        Matcher create = CREATE_TASK.matcher(sql);
        Matcher alter = ALTER_TASK.matcher(sql);
        if (create.matches()) {
            if (task == null) {
                task = new FakeTask(create.group(1), create.group(2), create.group(3), create.group(4));
            }
        } else if (sql.startsWith("GRANT MONITOR ON TASK ")) {
            requireTask(sql).monitoredByAdmin = sql.endsWith("TO APPLICATION ROLE ADMIN");
        } else if (alter.matches()) {
            if (task == null && alter.group(1) != null) {
                return new Row[] {Row.create("Statement executed successfully.")};
            }
            FakeTask existing = requireTask(sql);
            if (alter.group(3).equals("RESUME") && !privileges.contains("EXECUTE TASK")) {
                // Resuming a task needs EXECUTE TASK on the account, held by the task owner's role (the app):
                // https://docs.snowflake.com/en/user-guide/tasks-intro#task-security
                throw new RuntimeException("003001 (42501): SQL access control error: Insufficient privileges to "
                        + "operate on task '" + existing.name + "'");
            }
            if (alter.group(4) != null) {
                existing.warehouse = alter.group(4);
            } else {
                existing.resumed = alter.group(3).equals("RESUME");
            }
        } else {
            throw new UnsupportedOperationException("The fake does not understand the task statement " + sql);
        }
        return new Row[] {Row.create("Statement executed successfully.")};
    }

    /**
     * What H2 cannot run: databases the app creates (with CREATE DATABASE on the account, else refused as Snowflake
     * refuses it), and grants to application roles, kept as written (on a database: one the app created).
     */
    private Row[] accountObject(String sql) throws SQLException {
        if (!database.getAutoCommit()) {
            database.commit();
        }
        Matcher create = Pattern.compile("CREATE DATABASE IF NOT EXISTS (\\S+)").matcher(sql);
        Matcher onDatabase =
                Pattern.compile("GRANT \\w+ ON DATABASE (\\S+) TO .*").matcher(sql);
        if (create.matches()) {
            if (!privileges.contains("CREATE DATABASE")) {
                throw new RuntimeException(
                        "003001 (42501): SQL access control error: Insufficient privileges to " + "operate on account");
            }
            databases.add(create.group(1));
        } else if (onDatabase.matches() && !databases.contains(onDatabase.group(1))) {
            throw new RuntimeException("002003 (02000): SQL compilation error: Database '" + onDatabase.group(1)
                    + "' does not exist or not authorized.");
        } else {
            grants.add(sql);
        }
        return new Row[] {Row.create("Statement executed successfully.")};
    }

    private FakeTask requireTask(String sql) {
        if (task == null) {
            throw new RuntimeException("002003 (02000): SQL compilation error: Task 'SCHEDULER_TASK' does not exist "
                    + "or not authorized. [" + sql + "]");
        }
        return task;
    }

    public Session session() {
        return session;
    }

    public FakeSnowparkSession privileges(String... held) {
        this.privileges = Set.of(held);
        return this;
    }

    public FakeSnowparkSession warehouses(String... visible) {
        this.warehouses = List.of(visible);
        return this;
    }

    /** Statements matching the predicate fail with the given Snowflake error text. */
    public FakeSnowparkSession failing(Predicate<String> statement, String errorText) {
        this.failing = statement;
        this.failure = errorText;
        return this;
    }

    public List<String> sqlTexts() {
        return statements.stream().map(Statement::sql).toList();
    }

    private DataFrame dataFrame(String sql, Object[] parameters) {
        return mock(DataFrame.class, withSettings().defaultAnswer(invocation -> {
            if (!invocation.getMethod().getName().equals("collect")) {
                throw new UnsupportedOperationException("The fake data frame does not offer " + invocation.getMethod());
            }
            return collect(sql, parameters);
        }));
    }

    private Row[] collect(String sql, Object[] parameters) throws SQLException {
        statements.add(new Statement(sql, Arrays.asList(parameters)));
        if (sql.matches("(CREATE|ALTER) TASK .*|GRANT MONITOR ON TASK .*") && !database.getAutoCommit()) {
            // Snowflake commits the open transaction before DDL runs, whether the DDL then succeeds or not.
            database.commit();
        }
        if (failing.test(sql)) {
            throw new RuntimeException(failure);
        }
        switch (sql) {
            case "BEGIN TRANSACTION":
                database.setAutoCommit(false);
                return new Row[] {Row.create("Statement executed successfully.")};
            case "COMMIT":
                database.commit();
                database.setAutoCommit(true);
                return new Row[] {Row.create("Statement executed successfully.")};
            case "ROLLBACK":
                database.rollback();
                database.setAutoCommit(true);
                return new Row[] {Row.create("Statement executed successfully.")};
            case "SELECT SYSTEM$HOLD_PRIVILEGE_ON_ACCOUNT(?)":
                return new Row[] {Row.create(privileges.contains((String) parameters[0]))};
            case "SHOW WAREHOUSES":
                return warehouses.stream()
                        .map(name -> Row.create(name, "STARTED", "STANDARD", "X-Small"))
                        .toArray(Row[]::new);
            default:
                if (sql.matches("(CREATE|ALTER) TASK .*|GRANT MONITOR ON TASK .*")) {
                    return task(sql);
                }
                if (sql.startsWith("CREATE DATABASE IF NOT EXISTS ") || sql.contains(" TO APPLICATION ROLE ")) {
                    return accountObject(sql);
                }
                return execute(
                        unionToValues(sql)
                                .replace("PARSE_JSON(?)", "? FORMAT JSON")
                                .replace("SYSDATE()", "LOCALTIMESTAMP")
                                .replaceAll("TO_JSON\\(([^)]*)\\)", "$1")
                                .replace("TIMESTAMP_NTZ", "TIMESTAMP")
                                .replace(" VARIANT", " JSON")
                                .replace(" NUMBER(", " NUMERIC("),
                        parameters);
        }
    }

    /**
     * H2 cannot type bound values in {@code INSERT … SELECT ?, ? UNION ALL SELECT ?, ?}, the multi-row insert Snowflake
     * needs (it refuses {@code PARSE_JSON} in {@code VALUES}); the same rows as {@code VALUES (?, ?), (?, ?)}.
     */
    private static String unionToValues(String sql) {
        Matcher insert =
                Pattern.compile("(INSERT INTO [^(]+\\([^)]*\\)) SELECT (.*)").matcher(sql);
        if (!insert.matches() || !sql.contains(" UNION ALL SELECT ")) {
            return sql;
        }
        return insert.group(1) + " VALUES ("
                + String.join("), (", insert.group(2).split(" UNION ALL SELECT ")) + ")";
    }

    private Row[] execute(String sql, Object[] parameters) throws SQLException {
        try (PreparedStatement statement = database.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            if (!statement.execute()) {
                // Snowflake answers DML with the number of rows it changed.
                return new Row[] {Row.create((long) statement.getUpdateCount())};
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.getResultSet()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] values = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        Object value = result.getObject(i + 1);
                        values[i] = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value;
                    }
                    rows.add(Row.create(values));
                }
            }
            return rows.toArray(Row[]::new);
        }
    }
}
