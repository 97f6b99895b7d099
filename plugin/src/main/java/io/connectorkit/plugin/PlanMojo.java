package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.plan.LocalPlanner;
import io.connectorkit.plugin.plan.Plan;
import io.connectorkit.plugin.plan.PlanReport;
import io.connectorkit.plugin.plan.SnowflakePlanner;
import io.connectorkit.plugin.snowflake.DeployException;
import io.connectorkit.plugin.snowflake.NativeAppInstaller;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import io.connectorkit.runtime.sql.Identifier;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows what {@code connector:deploy} would change, changing nothing: the bundle's files added, changed or removed,
 * the setup script's objects, grants and other statements, and on Snowflake the manifest's privileges, references
 * and other entries. As text on the build log, or as JSON or Markdown (a pull-request comment) on standard output or
 * in {@code connector.outputFile}. On Snowflake it sends SHOW and LIST statements only.
 */
@Mojo(name = "plan", threadSafe = true)
public final class PlanMojo extends AppMojo {

    private static final List<String> FORMATS = List.of("text", "json", "markdown");

    /** {@code text} (the build log), {@code json} or {@code markdown} (standard output, or {@code outputFile}). */
    @Parameter(property = "connector.format", defaultValue = "text")
    String format;

    /** The file to write the plan to instead of standard output (any format; text is also logged). */
    @Parameter(property = "connector.outputFile")
    File outputFile;

    /** Fails the build when a deploy would change anything: a gate for CI ("is what is deployed what is built?"). */
    @Parameter(property = "connector.failOnChanges", defaultValue = "false")
    boolean failOnChanges;

    /** Standard output; tests read it. */
    Supplier<PrintStream> standardOutput = () -> System.out;

    @Inject
    public PlanMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        String chosen = format == null ? "text" : format.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(chosen)) {
            throw new MojoFailureException("connector.format '" + format + "' is not a format of connector:plan; use "
                    + "text (the default), json or markdown");
        }
        Plan plan = switch (target()) {
            case LOCAL -> planLocally(this, loadAppSection());
            case SNOWFLAKE -> planOnSnowflake(loadDescriptor());
        };
        PlanReport report = new PlanReport(plan);
        switch (chosen) {
            case "json" -> write(report.json());
            case "markdown" -> write(report.markdown());
            default -> {
                getLog().info("Plan for connector app " + plan.app() + " on " + plan.target() + ": "
                        + (plan.changesNothing() ? "a deploy changes nothing" : plan.counts()));
                report.lines().forEach(getLog()::info);
                if (outputFile != null) {
                    write(String.join(System.lineSeparator(), report.lines()));
                }
            }
        }
        if (failOnChanges && !plan.changesNothing()) {
            throw new MojoFailureException("A deploy would change the connector app " + plan.app() + " on "
                    + plan.target() + " (" + plan.counts() + ", listed by connector:plan); deploy the bundle with mvn "
                    + "connector:deploy, or drop -Dconnector.failOnChanges=true");
        }
    }

    /** The embedded target's plan: the bundle's {@code local} folder against the deployed app's folder. */
    static Plan planLocally(AppMojo mojo, Descriptor.App app) throws MojoFailureException {
        Path bundle = mojo.appDirectory.toPath().resolve("local");
        requireBundle(mojo, bundle, "");
        return LocalPlanner.plan(mojo.localApp(app), bundle, app.version());
    }

    private Plan planOnSnowflake(Descriptor descriptor) throws MojoFailureException {
        Path bundle = appDirectory.toPath().resolve("snowflake");
        requireBundle(this, bundle, " -Dconnector.target=snowflake");
        NativeAppInstaller.Request request = snowflakeRequest(descriptor, null, false, false, false, null);
        requireNames(request);
        try (SnowflakeSession snowflake = openSnowflake()) {
            return new SnowflakePlanner(snowflake, snowflakeCopies(), connectionKey())
                    .plan(request.app(), request.pkg(), bundle);
        } catch (DeployException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new MojoFailureException("The Snowflake session failed: " + e.getMessage(), e);
        }
    }

    /** Refuses names Snowflake would not take before anything is sent. */
    static void requireNames(NativeAppInstaller.Request request) throws MojoFailureException {
        try {
            Identifier.parse(request.app());
            Identifier.parse(request.pkg());
        } catch (Identifier.InvalidIdentifierException e) {
            throw new MojoFailureException(
                    "'" + e.text() + "' (connector.appName or connector.packageName) is not a " + "Snowflake name: "
                            + e.reason() + "; nothing was sent to Snowflake",
                    e);
        }
    }

    private static void requireBundle(AppMojo mojo, Path bundle, String targetFlag) throws MojoFailureException {
        if (!Files.isRegularFile(bundle.resolve("setup.sql")) || !Files.isDirectory(bundle.resolve("lib"))) {
            throw new MojoFailureException("There is no bundle to plan in " + mojo.shown(mojo.appDirectory)
                    + "; build it first: mvn package connector:plan" + targetFlag);
        }
    }

    private void write(String document) throws MojoFailureException {
        if (outputFile == null) {
            standardOutput.get().println(document);
            return;
        }
        try {
            Path file = outputFile.toPath().toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, document + System.lineSeparator(), StandardCharsets.UTF_8);
            getLog().info("Plan written to " + file);
        } catch (IOException e) {
            throw new MojoFailureException(
                    "Cannot write the plan to connector.outputFile " + outputFile + ": " + e.getMessage()
                            + "; choose a writable path",
                    e);
        }
    }
}
