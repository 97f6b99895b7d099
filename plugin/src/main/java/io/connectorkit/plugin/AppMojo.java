package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.snowflake.NativeAppInstaller;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import io.connectorkit.plugin.target.Target;
import java.io.File;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** What the goals that talk to an installed app share: which target, and how to reach the app there. */
abstract class AppMojo extends ConnectorMojo {

    /** Where the app lives: {@code local} (the embedded target) or {@code snowflake}. */
    @Parameter(property = "connector.target", defaultValue = "local")
    String target;

    /** The embedded target's home: one folder per app, kept across {@code mvn clean}. */
    @Parameter(property = "connector.localHome", defaultValue = "${project.basedir}/.connector/local")
    File localHome;

    /** Snowflake: the connection of connections.toml; default {@code SNOWFLAKE_DEFAULT_CONNECTION_NAME}, then default. */
    @Parameter(property = "connector.connection")
    String connection;

    /** Snowflake: a settings.xml {@code <server>} giving the user and the password or key passphrase. */
    @Parameter(property = "connector.serverId")
    String serverId;

    /** Snowflake: the application's name; default the descriptor's {@code app.name}. */
    @Parameter(property = "connector.appName")
    String appName;

    /** Snowflake: the application package's name; default the application's name with {@code _pkg}. */
    @Parameter(property = "connector.packageName")
    String packageName;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    final SettingsDecrypter decrypter;

    AppMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    Target target() throws MojoFailureException {
        try {
            return Target.resolve(target);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    LocalApp localApp(Descriptor.App app) {
        return new LocalApp(localHome.toPath(), app.name());
    }

    SnowflakeSession openSnowflake() throws MojoFailureException {
        return SnowflakeTarget.open(connection, serverId, session, decrypter, getLog());
    }

    NativeAppInstaller.Request snowflakeRequest(Descriptor app, String version, boolean versioned, boolean force,
            boolean validate, String releaseChannel) {
        return SnowflakeTarget.request(app, appName, packageName, version, versioned, force, validate,
                releaseChannel);
    }
}
