package io.connectorkit.plugin;

import io.connectorkit.plugin.bundle.FileSync;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.plan.Plan;
import io.connectorkit.plugin.plan.PlanReport;
import io.connectorkit.plugin.plan.SnowflakePlanner;
import io.connectorkit.plugin.snowflake.DeployException;
import io.connectorkit.plugin.snowflake.NativeAppInstaller;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import io.connectorkit.plugin.snowflake.TelemetrySharing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import io.connectorkit.runtime.sql.Identifier;

/**
 * Installs or upgrades the connector app from the bundle of {@code mvn package}: on the embedded target (default)
 * an H2 database under {@code connector.localHome}; on Snowflake ({@code -Dconnector.target=snowflake}) an
 * application package, its stage and the application. Running it again with the same bundle changes nothing.
 */
@Mojo(name = "deploy", threadSafe = true)
public final class DeployMojo extends AppMojo {

    /** Snowflake: install this version of the package (added, or patched if it exists); unset = development mode. */
    @Parameter(property = "connector.version")
    String version;

    /** Snowflake: install the descriptor's version, as {@code connector.version} would. */
    @Parameter(property = "connector.versioned", defaultValue = "false")
    boolean versioned;

    /**
     * Snowflake: publish the installed version and patch in this release channel of the package ({@code QA},
     * {@code ALPHA} or {@code DEFAULT}): the version is added to it and its default release directive set to them.
     * Needs a version and a package with release channels; unset = publish nowhere.
     */
    @Parameter(property = "connector.releaseChannel")
    String releaseChannel;

    /** Snowflake: drop and recreate an app that cannot be upgraded, and adopt objects the kit did not create. */
    @Parameter(property = "connector.force", defaultValue = "false")
    boolean force;

    /**
     * Snowflake: before installing, check that Snowflake offers the Snowpark version the procedures pin
     * (INFORMATION_SCHEMA.PACKAGES) and have it validate the setup script (SYSTEM$VALIDATE_NATIVE_APP_SETUP).
     */
    @Parameter(property = "connector.validate", defaultValue = "false")
    boolean validate;

    @Inject
    public DeployMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        switch (target()) {
            // The embedded target deploys the bundle as built (and checked) by package: of the descriptor it only
            // needs the app's name and version, and a no-op deploy then costs little more than Maven's start.
            case LOCAL -> deployLocally(loadAppSection());
            case SNOWFLAKE -> deployToSnowflake(loadDescriptor());
        }
    }

    private void deployToSnowflake(Descriptor app) throws MojoFailureException {
        Path bundle = appDirectory.toPath().resolve("snowflake");
        if (!Files.isRegularFile(bundle.resolve("setup.sql")) || !Files.isDirectory(bundle.resolve("lib"))) {
            throw new MojoFailureException("There is no bundle to deploy in " + shown(appDirectory) + "; build it "
                    + "first: mvn package connector:deploy -Dconnector.target=snowflake");
        }
        NativeAppInstaller.Request request = snowflakeRequest(app, version, versioned, force, validate,
                releaseChannel);
        PlanMojo.requireNames(request);
        TelemetrySharing sharing = telemetrySharing(app);
        Plan plan;
        try (SnowflakeSession snowflake = openSnowflake()) {
            // Planned first, read-only, so that the summary says what this deploy changed.
            plan = new SnowflakePlanner(snowflake, snowflakeCopies(), connectionKey()).plan(request.app(),
                    request.pkg(), bundle);
            new NativeAppInstaller(snowflake, getLog()::info, sharing).deploy(request, FileSync.filesUnder(bundle));
            String deployed = Identifier.parse(request.app()).name();
            snowflakeDeployRecord().deployed(connectionKey(), deployed, FileSync.filesUnder(bundle));
            snowflakeCopies().keep(connectionKey(), deployed, bundle);
        } catch (DeployException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new MojoFailureException("The Snowflake session failed: " + e.getMessage(), e);
        }
        getLog().info("Deployed connector app " + request.app() + " to Snowflake from package " + request.pkg()
                + request.version().map(v -> ", version " + v).orElse(" (development mode)")
                + request.releaseChannel().map(c -> ", published in release channel " + c).orElse(""));
        logSummary(plan);
    }

    private void deployLocally(Descriptor.App app) throws MojoFailureException {
        Path bundle = appDirectory.toPath().resolve("local");
        if (!Files.isRegularFile(bundle.resolve("setup.sql")) || !Files.isDirectory(bundle.resolve("lib"))) {
            throw new MojoFailureException("There is no bundle to deploy in " + shown(appDirectory) + "; build it "
                    + "first: mvn package connector:deploy");
        }
        LocalApp local = localApp(app);
        Plan plan = PlanMojo.planLocally(this, app);
        LocalApp.Deployment deployment;
        try {
            deployment = local.deploy(bundle, app.version(),
                    () -> getLog().info("Waiting for another goal that is changing " + local.name() + "..."));
        } catch (RuntimeException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (deployment.upToDate()) {
            getLog().info("Connector app " + local.name() + " " + app.version() + " is up to date on the "
                    + "embedded target (nothing changed)");
        } else if (deployment.upgraded()) {
            getLog().info("Upgraded connector app " + local.name() + " to " + app.version() + " on the embedded "
                    + "target in " + shown(local.folder()) + ": its state, configuration, resources and ingested rows"
                    + " were kept");
        } else {
            getLog().info("Deployed connector app " + local.name() + " " + app.version() + " to the embedded "
                    + "target in " + shown(local.folder()));
        }
        getLog().info("JDBC URL: " + deployment.jdbcUrl());
        deployment.status().ifPresentOrElse(status -> getLog().info("GET_CONNECTOR_STATUS: " + status),
                () -> getLog().info("Its status: mvn connector:status (a deploy that changes nothing does not open "
                        + "the app)"));
        getLog().info("Procedures run from the jars in " + shown(local.libraries()) + "; put them on the class path "
                + "of any program that opens the database.");
        logSummary(plan);
    }

    /** What the deploy changed, as connector:plan showed it before: one line when it changed nothing. */
    private void logSummary(Plan plan) {
        List<String> lines = new PlanReport(plan).lines();
        if (plan.changesNothing()) {
            lines.forEach(line -> getLog().info("Deploy summary: " + line.strip()));
            return;
        }
        getLog().info("Deploy summary (" + plan.counts() + "):");
        lines.forEach(getLog()::info);
    }

    private String shown(Path path) {
        return shown(path.toFile());
    }
}
