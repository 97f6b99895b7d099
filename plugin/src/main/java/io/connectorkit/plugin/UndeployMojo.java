package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.local.LocalApp;
import java.io.Console;
import java.io.File;
import java.util.Locale;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deletes the connector app and all its state: the embedded app's folder, or on Snowflake the application and then
 * its package. Refuses what the kit did not create. In batch mode it needs {@code -Dconnector.force=true}.
 */
@Mojo(name = "undeploy", threadSafe = true)
public final class UndeployMojo extends ConnectorMojo {

    /** Where the app lives: {@code local} (the embedded target) or {@code snowflake}. */
    @Parameter(property = "connector.target", defaultValue = "local")
    String target;

    /** The embedded target's home. */
    @Parameter(property = "connector.localHome", defaultValue = "${project.basedir}/.connector/local")
    File localHome;

    /** Confirms a destructive action without asking (required in batch mode). */
    @Parameter(property = "connector.force", defaultValue = "false")
    boolean force;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Descriptor app = loadDescriptor();
        switch (DeployMojo.resolveTarget(target)) {
            case LOCAL -> undeployLocally(app);
            case SNOWFLAKE -> throw new MojoFailureException("Undeploying from Snowflake is not available in this "
                    + "version of the plugin");
        }
    }

    private void undeployLocally(Descriptor app) throws MojoFailureException {
        LocalApp local = new LocalApp(localHome.toPath(), app.app().name());
        if (!local.folder().toFile().exists()) {
            getLog().info("There is no embedded app " + app.app().name() + " in " + shown(localHome)
                    + " (nothing to undeploy)");
            return;
        }
        confirm("Delete the embedded app " + app.app().name() + " and all its state in " + shown(local.folder().toFile())
                + "?");
        try {
            local.undeploy(() -> getLog().info("Waiting for another goal that is changing " + app.app().name()
                    + "..."));
        } catch (RuntimeException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        getLog().info("Undeployed the embedded app " + app.app().name());
    }

    private void confirm(String question) throws MojoFailureException {
        if (force) {
            return;
        }
        Console console = System.console();
        boolean interactive = session == null || session.getRequest() == null || session.getRequest().isInteractiveMode();
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
