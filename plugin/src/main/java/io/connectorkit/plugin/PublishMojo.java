package io.connectorkit.plugin;

import io.connectorkit.plugin.bundle.FileSync;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.snowflake.DeployException;
import io.connectorkit.plugin.snowflake.NativeAppInstaller;
import io.connectorkit.plugin.snowflake.ReleasePublisher;
import io.connectorkit.plugin.snowflake.ReleaseRecord;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import io.connectorkit.plugin.target.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Snowflake: publishes the bundle of {@code mvn package} as a release of the application package. The stage is
 * synced as deploy syncs it, the version registered (or patched when the bundle changed), added to a release channel
 * and named by one of its release directives. Publishing the same bundle again changes nothing.
 */
@Mojo(name = "publish", threadSafe = true)
public final class PublishMojo extends AppMojo {

    /** The version to publish; default the descriptor's {@code app.version}, named exactly as deploy names it. */
    @Parameter(property = "connector.version")
    String version;

    /** The release channel: {@code QA}, {@code ALPHA} or {@code DEFAULT}. */
    @Parameter(property = "connector.channel", defaultValue = "DEFAULT")
    String channel;

    /**
     * The release directive of the channel: {@code DEFAULT} (every account of the channel) or a custom directive's
     * name, which serves the accounts of {@code connector.accounts}.
     */
    @Parameter(property = "connector.directive", defaultValue = "DEFAULT")
    String directive;

    /** A custom directive's accounts, {@code ORGANIZATION.ACCOUNT} separated by commas. */
    @Parameter(property = "connector.accounts")
    String accounts;

    /**
     * Removes the channel's oldest version that no release directive names when the channel is full, and adopts a
     * package the kit did not create.
     */
    @Parameter(property = "connector.force", defaultValue = "false")
    boolean force;

    /** Checks the Snowpark version and has Snowflake validate the setup script first, as deploy does. */
    @Parameter(property = "connector.validate", defaultValue = "false")
    boolean validate;

    @Inject
    public PublishMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (target() != Target.SNOWFLAKE) {
            throw new MojoFailureException("connector:publish is a Snowflake goal (release channels and directives "
                    + "exist only there): run it with -Dconnector.target=snowflake");
        }
        Descriptor app = loadDescriptor();
        Path bundle = appDirectory.toPath().resolve("snowflake");
        if (!Files.isRegularFile(bundle.resolve("setup.sql")) || !Files.isDirectory(bundle.resolve("lib"))) {
            throw new MojoFailureException("There is no bundle to publish in " + shown(appDirectory) + "; build it "
                    + "first: mvn package connector:publish -Dconnector.target=snowflake");
        }
        NativeAppInstaller.Request names = snowflakeRequest(app, null, false, force, validate, null);
        String published = version == null || version.isBlank() ? app.app().version() : version.strip();
        List<String> accountList = accounts == null || accounts.isBlank()
                ? List.of()
                : Arrays.stream(accounts.split(","))
                        .map(String::strip)
                        .filter(a -> !a.isEmpty())
                        .toList();
        ReleasePublisher.Request request = new ReleasePublisher.Request(
                names.app(),
                names.pkg(),
                published,
                app.app().label(),
                channel,
                directive,
                accountList,
                force,
                validate,
                Optional.of(app.app().snowparkVersion()));
        ReleaseRecord record = new ReleaseRecord(snowflakeRecordFolder());
        try (SnowflakeSession snowflake = openSnowflake()) {
            new ReleasePublisher(snowflake, getLog()::info, record, connectionKey())
                    .publish(request, FileSync.filesUnder(bundle));
        } catch (DeployException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new MojoFailureException("The Snowflake session failed: " + e.getMessage(), e);
        }
    }
}
