package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.maven.GoalSettings;
import io.connectorkit.plugin.maven.SnowflakeTarget;
import io.connectorkit.plugin.settings.Setting;
import io.connectorkit.plugin.settings.SettingsResolver;
import io.connectorkit.plugin.snowflake.NativeAppInstaller;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import io.connectorkit.plugin.target.Target;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import io.connectorkit.plugin.snowflake.DeployRecord;
import io.connectorkit.plugin.snowflake.DeployedCopies;
import io.connectorkit.plugin.snowflake.TelemetrySharing;
import java.nio.file.Path;
import java.util.regex.Pattern;

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

    /**
     * The application's name; default the descriptor's {@code app.name}. On the embedded target it names the app's
     * folder and database under {@code connector.localHome}, so one project can hold several apps.
     */
    @Parameter(property = "connector.appName")
    String appName;

    /** Snowflake: the application package's name; default the application's name with {@code _pkg}. */
    @Parameter(property = "connector.packageName")
    String packageName;

    /**
     * Snowflake, deploy (and a goal's connector.deployFirst): authorize the app to share its telemetry events with the provider (AUTHORIZE_TELEMETRY_EVENT_SHARING
     * = TRUE), which Snowflake requires to install an app with MANDATORY event definitions. It is the consumer's
     * consent, so it is never given by default.
     */
    @Parameter(property = "connector.authorizeTelemetry", defaultValue = "false")
    boolean authorizeTelemetry;

    /**
     * Snowflake: the app's OPTIONAL event definitions to share too, comma-separated (e.g. {@code DEBUG_LOGS}); needs
     * {@code connector.authorizeTelemetry}.
     */
    @Parameter(property = "connector.sharedEvents")
    String sharedEvents;

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

    LocalApp localApp(Descriptor.App app) throws MojoFailureException {
        return new LocalApp(localHome.toPath(), localName(app));
    }

    /**
     * Where this goal's names and connection come from: its parameters (as Maven set them from the POM or -D), the
     * environment and the kit's defaults.
     */
    SettingsResolver settings() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(SettingsResolver.CONNECTION, connection);
        parameters.put(SettingsResolver.SERVER_ID, serverId);
        parameters.put(SettingsResolver.APP_NAME, appName);
        parameters.put(SettingsResolver.PACKAGE_NAME, packageName);
        addSettings(parameters);
        return GoalSettings.resolver(parameters, session);
    }

    /** Adds the goal's own parameters that {@link #settings()} resolves, by their -D property. */
    void addSettings(Map<String, String> parameters) {
    }

    /** The setting, told on the debug log with where it came from. */
    Setting logged(Setting setting) {
        getLog().debug(setting.describe());
        return setting;
    }

    /** The application's name as the settings resolve it: connector.appName, else the descriptor's. */
    String resolvedAppName(Descriptor.App app) {
        return logged(settings().appName(app.name())).value();
    }

    /** {@code connector.appName} when given, else the descriptor's; a folder name on every file system. */
    String localName(Descriptor.App app) throws MojoFailureException {
        Setting setting = logged(settings().appName(app.name()));
        String name = setting.value();
        if (setting.origin() != Setting.Origin.DEFAULT && !LOCAL_NAME.matcher(name).matches()) {
            throw new MojoFailureException("connector.appName '" + appName + "' cannot name an app on the embedded "
                    + "target: use a letter or _ first, then letters, digits or _ (at most 255), e.g. "
                    + app.name() + "_test; nothing was changed");
        }
        return name;
    }

    private static final Pattern LOCAL_NAME = Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]{0,254}");

    /** What this project last deployed to Snowflake, by connection and app (beside the embedded target's home). */
    DeployRecord snowflakeDeployRecord() {
        return new DeployRecord(snowflakeRecordFolder());
    }

    /** Where this project keeps what it deployed and published to Snowflake: {@code .connector/snowflake}. */
    Path snowflakeRecordFolder() {
        return localHome.toPath().toAbsolutePath().getParent().resolve("snowflake");
    }

    /** The setup script and manifest this project last deployed to Snowflake, beside the deploy record. */
    DeployedCopies snowflakeCopies() {
        return new DeployedCopies(localHome.toPath().toAbsolutePath().getParent()
                .resolve("snowflake"));
    }

    /** The connection as the deploy record names it: the one the goal connects with. */
    String connectionKey() {
        return settings().connection().value();
    }

    SnowflakeSession openSnowflake() throws MojoFailureException {
        SettingsResolver settings = settings();
        return SnowflakeTarget.open(logged(settings.connection()).value(), logged(settings.serverId()).value(),
                session, decrypter, getLog());
    }

    /** The event sharing a deploy to Snowflake authorizes, checked against the descriptor's event definitions. */
    TelemetrySharing telemetrySharing(Descriptor app) throws MojoFailureException {
        try {
            return TelemetrySharing.of(app.manifest().telemetry(),
                    authorizeTelemetry, sharedEvents);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    NativeAppInstaller.Request snowflakeRequest(Descriptor app, String version, boolean versioned, boolean force,
            boolean validate, String releaseChannel) {
        SettingsResolver settings = settings();
        return SnowflakeTarget.request(app, logged(settings.appName(app.app().name())).value(),
                logged(settings.packageName(app.app().name())).value(), version, versioned, force, validate,
                releaseChannel);
    }
}
