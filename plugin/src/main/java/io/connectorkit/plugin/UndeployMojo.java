package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.snowflake.DeployException;
import io.connectorkit.plugin.snowflake.NativeAppInstaller;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import java.io.Console;
import java.sql.SQLException;
import java.util.Locale;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Deletes the connector app and all its state: the embedded app's folder, or on Snowflake the application and then
 * its package. Refuses what the kit did not create. In batch mode it needs {@code -Dconnector.force=true}.
 */
@Mojo(name = "undeploy", threadSafe = true)
public final class UndeployMojo extends AppMojo {

    /** Confirms a destructive action without asking (required in batch mode). */
    @Parameter(property = "connector.force", defaultValue = "false")
    boolean force;

    @Inject
    public UndeployMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Descriptor app = loadDescriptor();
        switch (target()) {
            case LOCAL -> undeployLocally(app);
            case SNOWFLAKE -> undeployFromSnowflake(app);
        }
    }

    private void undeployFromSnowflake(Descriptor app) throws MojoFailureException {
        // force confirms the undeploy, and lets it drop what the app owns outside itself (DROP APPLICATION … CASCADE);
        // it never makes the undeploy drop objects the kit did not create.
        NativeAppInstaller.Request request = snowflakeRequest(app, null, false, force, false, null);
        confirm("Drop the Snowflake application " + request.app() + " and its package " + request.pkg()
                + ", with all their state?");
        try (SnowflakeSession snowflake = openSnowflake()) {
            new NativeAppInstaller(snowflake, getLog()::info).undeploy(request);
        } catch (DeployException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new MojoFailureException("The Snowflake session failed: " + e.getMessage(), e);
        }
    }

    private void undeployLocally(Descriptor app) throws MojoFailureException {
        LocalApp local = localApp(app.app());
        if (!local.folder().toFile().exists()) {
            getLog().info("There is no embedded app " + local.name() + " in " + shown(localHome)
                    + " (nothing to undeploy)");
            return;
        }
        confirm("Delete the embedded app " + local.name() + " and all its state in "
                + shown(local.folder().toFile()) + "?");
        try {
            local.undeploy(() -> getLog().info("Waiting for another goal that is changing " + local.name() + "..."));
        } catch (RuntimeException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        getLog().info("Undeployed the embedded app " + local.name());
    }

    private void confirm(String question) throws MojoFailureException {
        if (force) {
            return;
        }
        Console console = System.console();
        boolean interactive = session == null
                || session.getRequest() == null
                || session.getRequest().isInteractiveMode();
        if (!interactive || console == null) {
            throw new MojoFailureException("Undeploying deletes the app and all its state; in batch mode confirm it "
                    + "with -Dconnector.force=true");
        }
        String answer = console.readLine("%s [y/N] ", question);
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
            throw new MojoFailureException("Undeploy cancelled; nothing was deleted");
        }
    }
}
