package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.target.Target;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Installs or upgrades the connector app from the bundle of {@code mvn package}: on the embedded target (default)
 * an H2 database under {@code connector.localHome}; on Snowflake ({@code -Dconnector.target=snowflake}) an
 * application package, its stage and the application. Running it again with the same bundle changes nothing.
 */
@Mojo(name = "deploy", threadSafe = true)
public final class DeployMojo extends ConnectorMojo {

    /** Where the app lives: {@code local} (the embedded target) or {@code snowflake}. */
    @Parameter(property = "connector.target", defaultValue = "local")
    String target;

    /** The embedded target's home: one folder per app, kept across {@code mvn clean}. */
    @Parameter(property = "connector.localHome", defaultValue = "${project.basedir}/.connector/local")
    File localHome;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Descriptor app = loadDescriptor();
        switch (resolveTarget(target)) {
            case LOCAL -> deployLocally(app);
            case SNOWFLAKE -> throw new MojoFailureException("Deploying to Snowflake is not available in this version "
                    + "of the plugin; deploy to the embedded target (-Dconnector.target=local)");
        }
    }

    private void deployLocally(Descriptor app) throws MojoFailureException {
        Path bundle = appDirectory.toPath().resolve("local");
        if (!Files.isRegularFile(bundle.resolve("setup.sql")) || !Files.isDirectory(bundle.resolve("lib"))) {
            throw new MojoFailureException("There is no bundle to deploy in " + shown(appDirectory) + "; build it "
                    + "first: mvn package connector:deploy");
        }
        LocalApp local = new LocalApp(localHome.toPath(), app.app().name());
        LocalApp.Deployment deployment;
        try {
            deployment = local.deploy(bundle, app.app().version(),
                    () -> getLog().info("Waiting for another goal that is changing " + app.app().name() + "..."));
        } catch (RuntimeException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (deployment.upToDate()) {
            getLog().info("Connector app " + app.app().name() + " " + app.app().version() + " is up to date on the "
                    + "embedded target (nothing changed)");
        } else {
            getLog().info("Deployed connector app " + app.app().name() + " " + app.app().version() + " to the embedded "
                    + "target in " + shown(local.folder()));
        }
        getLog().info("JDBC URL: " + deployment.jdbcUrl());
        getLog().info("Procedures run from the jars in " + shown(local.libraries()) + "; put them on the class path "
                + "of any program that opens the database.");
    }

    static Target resolveTarget(String value) throws MojoFailureException {
        try {
            return Target.resolve(value);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private String shown(Path path) {
        return shown(path.toFile());
    }
}
