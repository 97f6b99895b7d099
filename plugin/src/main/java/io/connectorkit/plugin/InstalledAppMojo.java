package io.connectorkit.plugin;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.AppRole;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.RefusedException;
import io.connectorkit.plugin.bundle.FileSync;
import io.connectorkit.plugin.configure.ConfigurationFileException;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.events.LocalEventLog;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.local.LocalInstalledApp;
import io.connectorkit.plugin.local.RuntimeLogging;
import io.connectorkit.plugin.settings.SettingsResolver;
import io.connectorkit.plugin.snowflake.DeployException;
import io.connectorkit.plugin.snowflake.NativeAppInstaller;
import io.connectorkit.plugin.snowflake.SnowflakeInstalledApp;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import io.connectorkit.runtime.sql.Identifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The goals that call a deployed app's procedures: they open it on its target as one of its roles. */
abstract class InstalledAppMojo extends AppMojo {

    /** Embedded target: the application role to act as, ADMIN or VIEWER. On Snowflake the connection's role acts. */
    @Parameter(property = "connector.role", defaultValue = "ADMIN")
    String role;

    /** Snowflake: the database that holds the SECRET objects of secret connection fields; default {@code <app>_SECRETS}. */
    @Parameter(property = "connector.secretDatabase")
    String secretDatabase;

    /** Snowflake: the schema of that database that holds them; default {@code PUBLIC}. */
    @Parameter(property = "connector.secretSchema")
    String secretSchema;

    /**
     * Embedded target: when the bundle in {@code connector.appDirectory} is newer than the deployed app (built by
     * {@code mvn package}, not deployed), deploy it before the goal runs, instead of warning that the goal runs the
     * deployed, older code.
     */
    @Parameter(property = "connector.deployFirst", defaultValue = "false")
    boolean deployFirst;

    InstalledAppMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    void addSettings(Map<String, String> parameters) {
        parameters.put(SettingsResolver.SECRET_DATABASE, secretDatabase);
        parameters.put(SettingsResolver.SECRET_SCHEMA, secretSchema);
    }

    /** What the goal does with the open app. */
    interface AppWork {
        void run(InstalledApp app) throws AppException, RefusedException, MojoFailureException,
                ConfigurationFileException;
    }

    @Override
    protected final void run() throws MojoExecutionException, MojoFailureException {
        Descriptor descriptor = loadDescriptor();
        prepare(descriptor);
        AppWork work = work(descriptor);
        try (RuntimeLogging.Scope logging = RuntimeLogging.toGoalLog(getLog()::warn, getLog()::debug);
                InstalledApp app = open(descriptor)) {
            work.run(app);
        } catch (AppException | RefusedException | ConfigurationFileException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** Checks the goal's own input before the app is opened; nothing is called when it fails. */
    void prepare(Descriptor descriptor) throws MojoFailureException {
    }

    abstract AppWork work(Descriptor descriptor) throws MojoFailureException;

    private InstalledApp open(Descriptor descriptor) throws MojoFailureException, AppException {
        AppRole appRole;
        try {
            appRole = AppRole.resolve(role);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        return switch (target()) {
            case LOCAL -> {
                LocalApp local = localApp(descriptor.app());
                checkDeployedCode(local, descriptor);
                InstalledApp opened = local.open(appRole);
                if (opened instanceof LocalInstalledApp embedded) {
                    embedded.recordEvents(new LocalEventLog(local.folder()),
                            descriptor.manifest().telemetry().logLevel(), descriptor.manifest().telemetry().traceLevel());
                }
                yield opened;
            }
            case SNOWFLAKE -> {
                if (appRole != AppRole.ADMIN) {
                    throw new MojoFailureException("On Snowflake the goals act as the role of the connection; leave "
                            + "connector.role unset and choose a role granted the app's " + appRole + " application "
                            + "role in connections.toml (role = ...)");
                }
                yield openOnSnowflake(descriptor);
            }
        };
    }

    /** The goals run the deployed code: a bundle built since must not be ignored silently. */
    private void checkDeployedCode(LocalApp local, Descriptor descriptor) throws MojoFailureException {
        Path bundle = appDirectory.toPath().resolve("local");
        if (local.isDeployedFrom(bundle).orElse(true)) {
            return;
        }
        if (!deployFirst) {
            getLog().warn("The embedded app " + local.name() + " runs older code than the bundle in "
                    + shown(appDirectory) + " (built, not deployed): this goal runs the deployed code. Deploy the "
                    + "bundle with mvn connector:deploy, or add -Dconnector.deployFirst=true");
            return;
        }
        try {
            LocalApp.Deployment deployment = local.deploy(bundle, descriptor.app().version(),
                    () -> getLog().info("Waiting for another goal that is changing " + local.name() + "..."));
            getLog().info((deployment.upgraded() ? "Upgraded" : "Deployed") + " connector app " + local.name() + " to "
                    + descriptor.app().version() + " from " + shown(appDirectory) + " first (connector.deployFirst)");
        } catch (RuntimeException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /**
     * Snowflake: the app runs what this project deployed last (its deploy record); a bundle built since is named, and
     * {@code connector.deployFirst} deploys it first, in development mode, as a plain connector:deploy does.
     */
    private void checkDeployedCode(String app, Descriptor descriptor) throws MojoFailureException {
        Path bundle = appDirectory.toPath().resolve("snowflake");
        if (!Files.isDirectory(bundle)) {
            return;
        }
        Map<String, Path> files = FileSync.filesUnder(bundle);
        if (snowflakeDeployRecord().isDeployed(connectionKey(), app, files).orElse(true)) {
            return;
        }
        if (!deployFirst) {
            getLog().warn("The Snowflake application " + app + " runs older code than the bundle in "
                    + shown(appDirectory) + " (built, not deployed since this project's last deploy): this goal runs "
                    + "the deployed code. Deploy the bundle with mvn connector:deploy -Dconnector.target=snowflake, "
                    + "or add -Dconnector.deployFirst=true");
            return;
        }
        NativeAppInstaller.Request request = snowflakeRequest(descriptor, null,
                false, false, false, null);
        try (SnowflakeSession snowflake = openSnowflake()) {
            new NativeAppInstaller(snowflake, getLog()::info, telemetrySharing(descriptor)).deploy(request, files);
            snowflakeDeployRecord().deployed(connectionKey(), Identifier.parse(request.app()).name(), files);
            snowflakeCopies().keep(connectionKey(), Identifier.parse(request.app()).name(), bundle);
        } catch (DeployException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new MojoFailureException("The Snowflake session failed: " + e.getMessage(), e);
        }
        getLog().info("Deployed the bundle in " + shown(appDirectory) + " to the Snowflake application " + app
                + " first, in development mode (connector.deployFirst)");
    }

    private InstalledApp openOnSnowflake(Descriptor descriptor) throws MojoFailureException {
        SettingsResolver settings = settings();
        String appName = descriptor.app().name();
        Identifier app;
        SnowflakeInstalledApp.SecretSchema secrets;
        try {
            app = Identifier.parse(logged(settings.appName(appName)).value());
            secrets = new SnowflakeInstalledApp.SecretSchema(
                    Identifier.parse(logged(settings.secretDatabase(appName)).value()),
                    Identifier.parse(logged(settings.secretSchema()).value()));
        } catch (Identifier.InvalidIdentifierException e) {
            throw new MojoFailureException("'" + e.text() + "' (connector.appName, connector.secretDatabase or "
                    + "connector.secretSchema) is not a Snowflake name: " + e.reason(), e);
        }
        checkDeployedCode(app.name(), descriptor);
        return new SnowflakeInstalledApp(openSnowflake(), app, secrets, descriptor, getLog()::info);
    }
}
