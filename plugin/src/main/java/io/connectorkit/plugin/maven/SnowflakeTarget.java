package io.connectorkit.plugin.maven;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.snowflake.ConnectionResolver;
import io.connectorkit.plugin.snowflake.ConnectionSettings;
import io.connectorkit.plugin.snowflake.NativeAppInstaller;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.plugin.logging.Log;

/** The Snowflake side of the goals: the connection from every source, and the installer's request. */
public final class SnowflakeTarget {

    private SnowflakeTarget() {
    }

    /** Opens the session described by connections.toml, the environment and an optional Maven server. */
    public static SnowflakeSession open(String connection, String serverId, MavenSession session, SettingsDecrypter decrypter,
            Log log) throws MojoFailureException {
        ConnectionSettings settings;
        try {
            settings = new ConnectionResolver(System.getenv(), Path.of(System.getProperty("user.home")))
                    .resolve(connection, server(serverId, session, decrypter));
        } catch (IllegalStateException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        log.info("Connecting to " + settings.describe());
        try {
            return SnowflakeSession.open(settings);
        } catch (SQLException e) {
            throw new MojoFailureException("Cannot connect to Snowflake with " + settings.describe() + ": "
                    + e.getMessage() + ". Check the connection's account, user and credentials", e);
        }
    }

    /**
     * The installer's request for the app.
     *
     * @param name the application's name, as the settings resolved it
     * @param pkg the application package's name, as the settings resolved it
     */
    public static NativeAppInstaller.Request request(Descriptor app, String name, String pkg, String version,
            boolean versioned, boolean force, boolean validate, String releaseChannel) {
        Optional<String> installed = version != null && !version.isBlank() ? Optional.of(version)
                : versioned ? Optional.of(app.app().version()) : Optional.empty();
        Optional<String> channel = releaseChannel == null || releaseChannel.isBlank() ? Optional.empty()
                : Optional.of(releaseChannel.strip());
        return new NativeAppInstaller.Request(name, pkg, installed, app.app().label(), force, validate, channel,
                Optional.of(app.app().snowparkVersion()));
    }

    private static Optional<ConnectionResolver.Server> server(String serverId, MavenSession session,
            SettingsDecrypter decrypter) throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            return Optional.empty();
        }
        SettingsServers.Credentials credentials = SettingsServers.find(serverId, session, decrypter)
                .orElseThrow(() -> new MojoFailureException("settings.xml has no <server> with id '" + serverId
                        + "'; add one with the Snowflake user and password (or key passphrase), or drop "
                        + "-Dconnector.serverId"));
        return Optional.of(new ConnectionResolver.Server(serverId, credentials.username(), credentials.password()));
    }
}
