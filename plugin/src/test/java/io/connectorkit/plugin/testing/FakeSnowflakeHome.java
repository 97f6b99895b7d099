package io.connectorkit.plugin.testing;

import io.connectorkit.fake.snowflake.FakeSnowflake;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A user home whose {@code .snowflake/connections.toml} names the fake Snowflake as connection {@code fake}, made the
 * JVM's {@code user.home} until closed, so that the goals find the connection as a user's would be found.
 */
public final class FakeSnowflakeHome implements AutoCloseable {

    private final String realUserHome;

    private FakeSnowflakeHome(String realUserHome) {
        this.realUserHome = realUserHome;
    }

    /** Writes the connection of this user (password {@code pw}) and points {@code user.home} at the folder. */
    public static FakeSnowflakeHome pointAt(FakeSnowflake snowflake, Path userHome, String user) throws IOException {
        URI url = URI.create(snowflake.jdbcUrl().substring("jdbc:".length()));
        Files.createDirectories(userHome.resolve(".snowflake"));
        Files.writeString(
                userHome.resolve(".snowflake/connections.toml"),
                "[fake]\naccount = \"" + FakeSnowflake.ACCOUNT
                        + "\"\nhost = \"" + url.getHost() + "\"\nport = " + url.getPort()
                        + "\nprotocol = \"http\"\nuser = \""
                        + user + "\"\npassword = \"pw\"\ndisablePlatformDetection = \"true\"\n");
        FakeSnowflakeHome home = new FakeSnowflakeHome(System.getProperty("user.home"));
        System.setProperty("user.home", userHome.toString());
        return home;
    }

    /** Gives {@code user.home} back its value. */
    @Override
    public void close() {
        System.setProperty("user.home", realUserHome);
    }
}
