package io.connectorkit.plugin;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.RefusedException;
import io.connectorkit.plugin.configure.ConfigurationFileException;
import io.connectorkit.plugin.configure.WizardConfiguration;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.local.RuntimeLogging;
import io.connectorkit.plugin.maven.ConfigurationFiles;
import io.connectorkit.plugin.maven.ResolverReleases;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import io.connectorkit.plugin.snowflake.TelemetrySharing;
import io.connectorkit.plugin.target.Target;
import io.connectorkit.plugin.upgrade.BundleArchive;
import io.connectorkit.plugin.upgrade.LocalUpgradeCheck;
import io.connectorkit.plugin.upgrade.PreviousBundle;
import io.connectorkit.plugin.upgrade.SnowflakeUpgradeCheck;
import io.connectorkit.plugin.upgrade.UpgradeCheckException;
import io.connectorkit.plugin.upgrade.UpgradeComparison;
import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Checks that upgrading from the previous release keeps what a consumer's app holds: installs the previous version's
 * bundle in a scratch app (never the deployed one), fills it from the configuration file (wizard, resources, one
 * ingestion), upgrades it to the bundle of {@code mvn package}, and fails the build on any state row, grant or
 * ingested row the upgrade lost, naming each. The previous bundle is by default the project's {@code app} zip of the
 * newest release older than the project's version, from the local or remote repositories. On Snowflake
 * ({@code -Dconnector.target=snowflake}) the scratch app is {@code <APP>_UPGRADE_CHECK} of the package
 * {@code <APP>_UPGRADE_CHECK_PKG} on the connection's account, and what is compared is what its consumer sees: the
 * public views' rows, the grants to the app, its specifications and the destination tables' rows.
 */
@Mojo(name = "verify-upgrade", threadSafe = true)
public final class VerifyUpgradeMojo extends AppMojo {

    /** The released version to upgrade from; default the newest release older than the project's version. */
    @Parameter(property = "connector.fromVersion")
    String fromVersion;

    /** A bundle zip to upgrade from instead of a released version ({@code target/<name>-app.zip} of a build). */
    @Parameter(property = "connector.fromBundle")
    File fromBundle;

    /** Keep the scratch app (on Snowflake: and its package) after the check, to look into it. */
    @Parameter(property = "connector.keep", defaultValue = "false")
    boolean keep;

    /** The configuration file that fills the scratch app. */
    @Parameter(property = "connector.configuration",
            defaultValue = "${project.basedir}/src/main/connector/configuration.yaml")
    File configuration;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    List<RemoteRepository> remoteRepositories;

    final RepositorySystem repositorySystem;

    @Inject
    public VerifyUpgradeMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super(decrypter);
        this.repositorySystem = repositorySystem;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Target where = target();
        Descriptor descriptor = loadDescriptor();
        WizardConfiguration wizard = ConfigurationFiles.load(configuration.toPath(), shown(configuration), descriptor,
                session, project, decrypter);
        TelemetrySharing sharing = where == Target.SNOWFLAKE ? telemetrySharing(descriptor) : null;
        Path work = Path.of(project.getBuild().getDirectory(), "connector", "upgrade-check");
        try (RuntimeLogging.Scope logging = RuntimeLogging.toGoalLog(getLog()::warn, getLog()::debug)) {
            PreviousBundle previous = PreviousBundle.choose(Optional.ofNullable(fromBundle).map(File::toPath),
                    Optional.ofNullable(fromVersion).filter(version -> !version.isBlank()),
                    new ResolverReleases(repositorySystem, repositorySession, remoteRepositories,
                            project.getGroupId(), project.getArtifactId()), project.getVersion());
            getLog().info("Checking the upgrade from " + previous.shown() + " to " + project.getVersion()
                    + (where == Target.SNOWFLAKE ? " on Snowflake" : ""));
            UpgradeComparison comparison = where == Target.SNOWFLAKE
                    ? onSnowflake(previous, work, descriptor, wizard, sharing) : locally(previous, work, descriptor,
                            wizard);
            if (!comparison.keptEverything()) {
                StringBuilder message = new StringBuilder("The upgrade from " + previous.shown() + " to "
                        + project.getVersion() + " loses what the app holds (" + comparison.summary() + "):");
                comparison.losses().forEach(loss -> message.append("\n  ").append(loss));
                message.append("\nFix the setup script (or the connector's own SQL) so that it keeps every state "
                        + "table, row and grant; -Dconnector.keep=true keeps the scratch app to look into");
                throw new MojoFailureException(message.toString());
            }
            getLog().info("The upgrade from " + previous.shown() + " to " + project.getVersion() + " kept everything: "
                    + comparison.summary());
        } catch (UpgradeCheckException | AppException | RefusedException | ConfigurationFileException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private UpgradeComparison locally(PreviousBundle previous, Path work, Descriptor descriptor,
            WizardConfiguration wizard) throws MojoFailureException, UpgradeCheckException, AppException,
            RefusedException, ConfigurationFileException {
        LocalApp scratch = new LocalApp(work.resolve("apps"), localName(descriptor.app()) + "_upgrade_check");
        Path previousBundle = BundleArchive.unpackLocal(previous.zip(), work.resolve("previous"), previous.shown());
        return new LocalUpgradeCheck(getLog()::info, getLog()::warn).run(new LocalUpgradeCheck.Request(previousBundle,
                previous.shown(), appDirectory.toPath().resolve("local"), descriptor.app().version(), scratch, wizard,
                keep));
    }

    /** On the connection's account, in a scratch app and package of its own; the deployed app is left alone. */
    private UpgradeComparison onSnowflake(PreviousBundle previous, Path work, Descriptor descriptor,
            WizardConfiguration wizard, TelemetrySharing sharing) throws MojoFailureException, UpgradeCheckException,
            AppException, RefusedException, ConfigurationFileException {
        BundleArchive.unpackLocal(previous.zip(), work.resolve("previous"), previous.shown());
        Path previousBundle = work.resolve("previous").resolve("snowflake");
        String userApp = resolvedAppName(descriptor.app());
        try (SnowflakeSession snowflake = openSnowflake()) {
            return new SnowflakeUpgradeCheck(snowflake, getLog()::info, getLog()::warn).run(
                    new SnowflakeUpgradeCheck.Request(previousBundle, previous.shown(),
                            appDirectory.toPath().resolve("snowflake"), project.getVersion(), userApp, descriptor,
                            wizard, sharing, keep));
        } catch (SQLException e) {
            throw new MojoFailureException("The Snowflake session failed: " + e.getMessage(), e);
        }
    }
}
