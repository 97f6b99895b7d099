package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A Snowflake endpoint in the test's JVM that the real Snowflake JDBC driver connects to over plain HTTP. It
 * records the logins and statements that arrive, answers statements with canned replies, and keeps internal stages
 * for PUT, LIST and REMOVE.
 *
 * <pre>{@code
 * try (FakeSnowflake snowflake = FakeSnowflake.start();
 *      Connection connection = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties())) {
 *     snowflake.on(sql -> sql.startsWith("SHOW APPLICATION PACKAGES"),
 *             Reply.columns(Column.text("name")).row("MY_PACKAGE"));
 *     ... // the code under test
 *     assertThat(snowflake.applicationStatements()).extracting(RecordedStatement::sql).containsExactly(...);
 * }
 * }</pre>
 *
 * <p>Safe to use from several threads and connections at once.
 */
public final class FakeSnowflake implements AutoCloseable {

    /** The account {@link #jdbcUrl()} names: the driver needs one to log in. */
    public static final String ACCOUNT = "fake_account";

    /** The user {@link #connectionProperties()} gives; the fake accepts any. */
    public static final String USER = "fake_user";

    /** The password {@link #connectionProperties()} gives; the fake accepts any. */
    public static final String PASSWORD = "fake_password";

    private final HttpServer server;
    private final ExecutorService requestThreads;
    private final Path workFolder;
    private final Stages stages;
    private final LoginEndpoint logins;
    private final QueryEndpoint queries;
    private final ServerPackages packages = new ServerPackages();
    private final List<AutoCloseable> closedWithThis = new CopyOnWriteArrayList<>();
    private final ExternalAccessIntegrations externalAccessIntegrations;
    private final AppTelemetry telemetry;
    private ConsumerObjects consumerObjects;
    /** The apps behind this fake by name, the latest of a name winning (an app created again after a drop). */
    private final Map<String, FakeNativeApp> nativeApps = new ConcurrentHashMap<>();

    private FakeSnowflake(HttpServer server, ExecutorService requestThreads, Path workFolder) {
        this.server = server;
        this.requestThreads = requestThreads;
        this.workFolder = workFolder;
        Sessions sessions = new Sessions();
        this.stages = new Stages(workFolder.resolve("uploads"));
        this.logins = new LoginEndpoint(sessions);
        this.queries = new QueryEndpoint(sessions, stages);
        queries.on(ServerPackages::reads, packages::answer);
        server.createContext("/session/v1/login-request", new JsonEndpoint(logins::answer));
        server.createContext("/queries/v1/query-request", new JsonEndpoint(queries::answer));
        server.createContext("/session", new JsonEndpoint(new SessionEndpoint(sessions)::answer));
        // Telemetry is switched off at login; should a driver send some anyway, it is taken and dropped.
        server.createContext("/telemetry/send", new JsonEndpoint((exchange, body) -> JsonEndpoint.success(null)));
        this.externalAccessIntegrations = new ExternalAccessIntegrations(this);
        this.telemetry = new AppTelemetry(this);
    }

    /** Starts a fake on an ephemeral port of 127.0.0.1. */
    public static FakeSnowflake start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService requestThreads = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "fake-snowflake");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(requestThreads);
            FakeSnowflake fake = new FakeSnowflake(server, requestThreads, Files.createTempDirectory("fake-snowflake"));
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the fake Snowflake", e);
        }
    }

    /** A JDBC URL to this fake: plain HTTP ({@code ssl=off}) to its port. */
    public String jdbcUrl() {
        return "jdbc:snowflake://127.0.0.1:" + server.getAddress().getPort() + "/?ssl=off&account=" + ACCOUNT;
    }

    /**
     * A user and password the fake accepts, with what the driver needs to run inside a test JVM without flags: the
     * JSON result format (Arrow would want {@code --add-opens}) and no probing of cloud metadata endpoints at login.
     */
    public Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        properties.setProperty("disablePlatformDetection", "true");
        return properties;
    }

    /**
     * An OIDC ID token for a {@code WORKLOAD_IDENTITY} login, shaped as a CI provider issues one (a JWT naming issuer,
     * subject and Snowflake's audience) but unsigned: the fake reads its claims and, unlike Snowflake, checks no
     * signature. The driver only accepts a workload identity login to a Snowflake host, so a test JVM needs
     * {@code SNOWFLAKE_WIF_ALLOWED_HOST_SUFFIXES=127.0.0.1} in its environment (the build's surefire sets it).
     */
    public static String oidcToken(String issuer, String subject) {
        ObjectNode claims = JsonNodeFactory.instance
                .objectNode()
                .put("iss", issuer)
                .put("sub", subject)
                .put("aud", "snowflakecomputing.com");
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** Makes the following logins fail as Snowflake fails a wrong user name or password, with this message. */
    public void rejectLogins(String message) {
        rejectLogins(LoginEndpoint.INCORRECT_USERNAME_OR_PASSWORD, message);
    }

    /** Makes the following logins fail with this Snowflake error code and message. */
    public void rejectLogins(int code, String message) {
        logins.reject(code, message);
    }

    /** Accepts logins again, with any credentials. */
    public void acceptLogins() {
        logins.accept();
    }

    /** The login requests that arrived, accepted or not, in order. */
    public List<RecordedLogin> logins() {
        return logins.logins();
    }

    /**
     * Answers the statements whose SQL text the matcher accepts. A later call wins over an earlier one for the
     * statements both accept, and over the fake's own handling of PUT, LIST and REMOVE.
     */
    public void on(Predicate<String> sqlMatcher, Function<Query, Reply> reply) {
        queries.on(sqlMatcher, reply);
    }

    /** Answers the statements whose SQL text the matcher accepts with the same reply every time. */
    public void on(Predicate<String> sqlMatcher, Reply reply) {
        on(sqlMatcher, query -> reply);
    }

    /**
     * The packages the account offers procedures and functions (INFORMATION_SCHEMA.PACKAGES): by default
     * {@link ServerPackages#SNOWPARK_VERSIONS} of Snowpark for Java and Scala, and a few others.
     */
    public ServerPackages packages() {
        return packages;
    }

    /** Every statement that was executed, in the order it arrived, those the driver sent on its own included. */
    public List<RecordedStatement> statements() {
        return queries.statements();
    }

    /** The statements without those the driver sent on its own (see {@link RecordedStatement#isDriverHousekeeping}). */
    public List<RecordedStatement> applicationStatements() {
        return statements().stream()
                .filter(statement -> !statement.isDriverHousekeeping())
                .toList();
    }

    /**
     * The files of a stage by their path in it, named as in statements, with or without {@code @}:
     * {@code "DB.SCHEMA.STAGE"}, {@code "@\"Db\".\"Schema\".\"Stage\""}.
     */
    public Map<String, byte[]> stageFiles(String stage) {
        return stages.files(stage);
    }

    /** Puts a file into a stage as if an earlier PUT had; it does not count as uploaded. */
    public void addStageFile(String stage, String path, byte[] content) {
        stages.addFile(stage, path, content);
    }

    /**
     * Makes LIST show this md5 for a file until it is stored again, such as the {@code <hex>-<parts>} Snowflake
     * shows for a file it received in parts.
     */
    public void overrideMd5(String stage, String path, String md5) {
        stages.overrideMd5(stage, path, md5);
    }

    /** The bytes PUT stored into stages: after compression, if the PUT compressed. */
    public long uploadedBytes() {
        return stages.uploadedBytes();
    }

    /** The account's external access integrations: which secrets each allows. */
    public ExternalAccessIntegrations externalAccessIntegrations() {
        return externalAccessIntegrations;
    }

    /** The apps' telemetry: event sharing, event definitions and the account's event table. */
    public AppTelemetry telemetry() {
        return telemetry;
    }

    /** The secrets and references of the account; their handlers are added with the first app. */
    synchronized ConsumerObjects consumerObjects() {
        if (consumerObjects == null) {
            consumerObjects = new ConsumerObjects(this);
        }
        return consumerObjects;
    }

    /** Makes the app answer the reads of the objects it owns outside itself ({@link FakeAccount#appOwns}). */
    void register(FakeNativeApp app) {
        nativeApps.put(app.name(), app);
    }

    /** The app of that name behind this fake, if one was created. */
    Optional<FakeNativeApp> nativeApp(String name) {
        return Optional.ofNullable(nativeApps.get(name));
    }

    /** A folder of this fake's own, deleted when it closes. */
    Path workFolder() {
        return workFolder;
    }

    /** Closes the resource when the fake closes, before its work folder is deleted. */
    void closeWithThis(AutoCloseable resource) {
        closedWithThis.add(resource);
    }

    @Override
    public void close() {
        server.stop(0);
        for (AutoCloseable resource : closedWithThis) {
            try {
                resource.close();
            } catch (Exception e) {
                // Closing the rest matters more; what failed held only memory and files under the work folder.
            }
        }
        requestThreads.shutdownNow();
        Stages.deleteRecursively(workFolder);
    }
}
