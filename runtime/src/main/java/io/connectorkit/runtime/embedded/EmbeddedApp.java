package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.procedures.ConnectorRuntime;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.sql.Account;
import io.connectorkit.runtime.sql.SecretStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connector app on the embedded target: an H2 database whose {@code PUBLIC} procedures are Java aliases of the
 * runtime. Several apps can live in one JVM; each is known by its database (the file path of a file database, the
 * name of an in-memory one), so every connection to the same database reaches the same app and its bindings.
 */
public final class EmbeddedApp {

    /** The target name hooks see in {@code ConnectorContext.target()}. */
    public static final String TARGET = "embedded";

    /**
     * The H2 user that acts as application role VIEWER (password empty); the database's default admin user, without
     * a name, is ADMIN. VIEWER connects without settings in the URL ({@code ;AUTO_SERVER=TRUE} is fine): settings
     * such as {@code DB_CLOSE_DELAY} need admin rights.
     */
    public static final String VIEWER_USER = CallerRole.VIEWER_USER;

    /**
     * The embedded-only procedure that binds a secret to one of the connector's secret references, as ADMIN:
     * {@code CALL PUBLIC.REGISTER_SECRET('API_TOKEN_SECRET', ?)} answers a response object.
     */
    public static final String REGISTER_SECRET = "PUBLIC." + SecretRegistration.PROCEDURE;

    /**
     * The embedded target's procedure that ends a REGISTER_SECRET made for an update that may be refused:
     * {@code CALL PUBLIC.SETTLE_SECRET('API_TOKEN_SECRET', TRUE)} keeps the new value, {@code FALSE} puts the replaced
     * one back; it answers a response object.
     */
    public static final String SETTLE_SECRET = "PUBLIC." + SecretRegistration.SETTLE;

    /**
     * What a host that stands in for an account gives the app instead of the embedded target's own: the account's
     * grants and the secrets the running procedure may read (a fake Snowflake endpoint in tests). Without secrets of
     * its own, the app reads those REGISTER_SECRET stored.
     *
     * @param account the account the app acts in: its privileges and warehouses
     * @param secrets the secrets connector code reads; empty to read those {@code REGISTER_SECRET} stored
     */
    public record Host(Account account, Optional<SecretStore> secrets) {
        /**
         * Checks that both parts are given.
         *
         * @param account the account the app acts in
         * @param secrets the secrets connector code reads, or empty
         * @throws NullPointerException when {@code account} or {@code secrets} is {@code null}
         */
        public Host {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(secrets, "secrets");
        }

        /**
         * A host that stands in for the account and its secrets.
         *
         * @param account the account the app acts in
         * @param secrets the secrets connector code reads, instead of those {@code REGISTER_SECRET} stored
         * @throws NullPointerException when {@code account} or {@code secrets} is {@code null}
         */
        public Host(Account account, SecretStore secrets) {
            this(account, Optional.of(secrets));
        }

        /**
         * A host that stands in for the account only; the app reads the secrets {@code REGISTER_SECRET} stored.
         *
         * @param account the account the app acts in
         * @return a host without secrets of its own
         * @throws NullPointerException when {@code account} is {@code null}
         */
        public static Host ofAccount(Account account) {
            return new Host(account, Optional.empty());
        }
    }

    private static final Map<String, Host> HOSTS = new ConcurrentHashMap<>();
    /** How many read-only scopes this thread has open (see {@link #readOnly}). */
    private static final ThreadLocal<int[]> READ_ONLY = ThreadLocal.withInitial(() -> new int[1]);

    /** SQL's state for "read-only SQL transaction". */
    static final String READ_ONLY_STATE = "25006";

    private EmbeddedApp() {}

    /**
     * Creates or upgrades the app in the database: idempotent, and every row of state survives.
     * The connector's prerequisites are merged in: new ones are added, the texts of known ones refreshed, and whether
     * they are completed is kept. Connector classes must be loadable by this class's loader.
     *
     * @param connection a connection to the app's database as its admin user (not {@link #VIEWER_USER})
     * @param connector  the connector whose prerequisites the app lists
     * @throws IllegalStateException when a statement fails; installing again resumes where it stopped
     */
    public static void install(Connection connection, ConnectorDefinition connector) {
        new EmbeddedInstaller(connection).install(connector);
    }

    /**
     * Makes this JVM answer the app's procedures with the given connector until the binding is closed; for hosts
     * and tests that run a connector without a {@code ConnectorProvider} service entry. A later binding of the same
     * app replaces this one.
     *
     * @param connection any connection to the app's database; it only tells which app is meant
     * @param connector  the connector that answers the app's procedures
     * @return the binding; closing it lets the app find its connector on the class path again
     * @throws IllegalStateException when the connection cannot tell which database it belongs to
     */
    public static ConnectorRegistry.Binding bind(Connection connection, ConnectorDefinition connector) {
        return ConnectorRegistry.bind(key(connection), connector);
    }

    /**
     * Makes the app answer with the host's account and secrets until the binding is closed; without one, the app
     * holds every privilege and reads the secrets REGISTER_SECRET stored. A later host of the same app replaces this
     * one; closing a replaced binding does nothing.
     *
     * @param connection any connection to the app's database; it only tells which app is meant
     * @param host       the account and secrets the app uses
     * @return the binding; closing it puts back the embedded target's own account and secrets
     * @throws NullPointerException  when {@code host} is {@code null}
     * @throws IllegalStateException when the connection cannot tell which database it belongs to
     */
    public static ConnectorRegistry.Binding host(Connection connection, Host host) {
        String key = key(connection);
        HOSTS.put(key, Objects.requireNonNull(host, "host"));
        return () -> HOSTS.remove(key, host);
    }

    /**
     * Until the returned scope is closed, every procedure of every embedded app refuses to run on this thread. A
     * read-only query runs inside one: H2 lets a SELECT call a procedure alias as a function, and the procedures commit
     * their own work, so a rolled-back transaction alone would not undo what such a call changed.
     *
     * @return the scope; closing it lets this thread's procedure calls run again
     */
    public static ConnectorRegistry.Binding readOnly() {
        int[] depth = READ_ONLY.get();
        depth[0]++;
        return () -> depth[0] = Math.max(0, depth[0] - 1);
    }

    /** Refuses a procedure call inside a {@link #readOnly} scope, before it runs. */
    static void checkWritable(String procedure) throws SQLException {
        if (READ_ONLY.get()[0] > 0) {
            throw new SQLException(
                    "Procedure " + procedure + " cannot run inside a read-only query: a query only "
                            + "reads; call the procedure with its goal instead",
                    READ_ONLY_STATE);
        }
    }

    /** The runtime for one procedure call on this connection. */
    static ConnectorRuntime runtime(Connection connection) {
        JdbcSqlPort port = new JdbcSqlPort(connection, H2Dialect.INSTANCE);
        String key = key(connection);
        Host host = HOSTS.get(key);
        return new ConnectorRuntime(
                port,
                host == null ? EmbeddedAccount.INSTANCE : host.account(),
                host == null ? new EmbeddedSecrets(port) : host.secrets().orElseGet(() -> new EmbeddedSecrets(port)),
                ConnectorRegistry.resolve(key, EmbeddedApp.class.getClassLoader()),
                TARGET);
    }

    /** The connector that answers this app's calls. */
    static ConnectorDefinition connector(Connection connection) {
        return ConnectorRegistry.resolve(key(connection), EmbeddedApp.class.getClassLoader());
    }

    /** The database's file path, or the name of an in-memory database: one key per app in this JVM. */
    static String key(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COALESCE(DATABASE_PATH(), DATABASE())")) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot tell which embedded app this connection belongs to: " + e.getMessage(), e);
        }
    }
}
