package io.connectorkit.fake.snowflake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fake Snowflake account for a whole Maven build, started from an integration test's hook: the endpoint on
 * 127.0.0.1, its account objects ({@link FakeAccount}: apps are built from what the build stages), and a
 * {@code [fake]} connection to it in {@code <home>/.snowflake/connections.toml}. A forked Maven finds the connection
 * with {@code SNOWFLAKE_HOME=<home>/.snowflake} and {@code -Dconnector.connection=fake}.
 *
 * <pre>{@code
 * // prebuild.groovy
 * context.snowflake = FakeSnowflakeServer.start(basedir.toPath())
 * // verify.groovy
 * context.snowflake.stop()
 * }</pre>
 */
public final class FakeSnowflakeServer implements AutoCloseable {

    /** The connection's name in connections.toml. */
    public static final String CONNECTION = "fake";

    /**
     * Where the runtime keeps the key it encrypts the apps' secrets with. The apps run in this JVM, which a Maven
     * that runs hooks does not point anywhere, and the key must not land in the user's own home.
     */
    private static final String SECRET_KEY_PROPERTY = "connectorkit.embedded.secretKey";

    private final FakeSnowflake snowflake;
    private final FakeAccount account;
    private final Path connectionsFile;
    private final String previousSecretKey;

    private FakeSnowflakeServer(FakeSnowflake snowflake, Path connectionsFile, String previousSecretKey) {
        this.snowflake = snowflake;
        this.account = new FakeAccount(snowflake);
        this.connectionsFile = connectionsFile;
        this.previousSecretKey = previousSecretKey;
    }

    /**
     * Starts the endpoint and writes {@code <home>/.snowflake/connections.toml} with the {@value #CONNECTION}
     * connection; the key the apps encrypt secrets with goes to {@code <home>/.connectorkit} unless this JVM names
     * one already.
     */
    public static FakeSnowflakeServer start(Path home) {
        FakeSnowflake snowflake = FakeSnowflake.start();
        try {
            URI endpoint = URI.create(snowflake.jdbcUrl().substring("jdbc:".length()));
            Path connections = home.toAbsolutePath().resolve(".snowflake/connections.toml");
            Files.createDirectories(connections.getParent());
            // The fake accepts any password; this one opens nothing else.
            Files.writeString(
                    connections,
                    "[" + CONNECTION + "]\n"
                            + "account = \"" + FakeSnowflake.ACCOUNT + "\"\n"
                            + "host = \"" + endpoint.getHost() + "\"\n"
                            + "port = " + endpoint.getPort() + "\n"
                            + "protocol = \"http\"\n"
                            + "user = \"" + FakeSnowflake.USER + "\"\n"
                            + "password = \"" + FakeSnowflake.PASSWORD + "\"\n"
                            + "disablePlatformDetection = \"true\"\n",
                    StandardCharsets.UTF_8);
            String previousSecretKey = System.getProperty(SECRET_KEY_PROPERTY);
            if (previousSecretKey == null) {
                System.setProperty(
                        SECRET_KEY_PROPERTY,
                        home.toAbsolutePath()
                                .resolve(".connectorkit/embedded-secrets.key")
                                .toString());
            }
            return new FakeSnowflakeServer(snowflake, connections, previousSecretKey);
        } catch (IOException | RuntimeException e) {
            snowflake.close();
            throw e instanceof IOException io
                    ? new UncheckedIOException("Cannot write the connections file", io)
                    : (RuntimeException) e;
        }
    }

    /** The endpoint: statements, logins, stages. */
    public FakeSnowflake snowflake() {
        return snowflake;
    }

    /** The packages and applications the build created. */
    public FakeAccount account() {
        return account;
    }

    /** The connections.toml holding the {@value #CONNECTION} connection. */
    public Path connectionsFile() {
        return connectionsFile;
    }

    /** Stops the endpoint, drops its apps and restores this JVM's secret key setting. */
    public void stop() {
        snowflake.close();
        if (previousSecretKey == null) {
            System.clearProperty(SECRET_KEY_PROPERTY);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
