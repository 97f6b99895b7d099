package io.connectorkit.plugin;

import io.connectorkit.plugin.bundle.AppBundle;
import io.connectorkit.plugin.bundle.FileSync;
import io.connectorkit.plugin.checks.StaticChecks;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.maven.ProjectLibraries;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Completes the rendered app into the deployable bundle: the runtime jar, the connector's jar and its runtime
 * dependencies in {@code lib/} of both dialects, the descriptor's folders (a Streamlit UI, for example) in the
 * Snowflake app; then zips {@code target/connector/app} and attaches the zip with classifier {@code app}. Checks the
 * connector's classes against the compiled project. Unchanged inputs rewrite nothing.
 */
@Mojo(
        name = "bundle",
        defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
        threadSafe = true)
public final class BundleMojo extends ConnectorMojo {

    static final String CLASSIFIER = "app";

    /** The bundle's zip, attached to the project with classifier {@code app}. */
    @Parameter(
            property = "connector.bundleFile",
            defaultValue = "${project.build.directory}/${project.build.finalName}-app.zip")
    File bundleFile;

    /** Whether to attach the zip to the project, so that install and deploy publish it. */
    @Parameter(property = "connector.attach", defaultValue = "true")
    boolean attach;

    private final MavenProjectHelper projectHelper;

    @Inject
    public BundleMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Descriptor app = loadDescriptor();
        if (!Files.isRegularFile(appDirectory.toPath().resolve("snowflake/setup.sql"))) {
            throw new MojoFailureException("The connector app has not been rendered into " + shown(appDirectory)
                    + "; bind connector:generate to the build (phase generate-resources) or run it before "
                    + "connector:bundle");
        }
        List<AppBundle.Library> libraries = ProjectLibraries.withFiles(project);
        List<String> problems = new ArrayList<>();
        for (AppBundle.Library library : libraries) {
            if (library.file() == null || !Files.isRegularFile(library.file())) {
                problems.add("the jar of " + library.name() + " was not resolved to a file; run the build through "
                        + "the package phase");
            }
        }
        try (var classes = projectClasses(project.getRuntimeClasspathElements())) {
            problems.addAll(StaticChecks.connectorClasses(
                    app, classes, className -> false, projectClassNames(project.getRuntimeClasspathElements())));
        } catch (DependencyResolutionRequiredException | IOException e) {
            throw new MojoFailureException(
                    "Cannot read the project's class path to check the connector's classes: " + e.getMessage(), e);
        }
        failOn(problems, "The connector app cannot be bundled");

        AppBundle bundle = new AppBundle(appDirectory.toPath());
        FileSync.Changes changes = bundle.assemble(libraries, app);
        boolean zipChanged = bundle.zip(bundleFile.toPath());
        if (changes.none() && !zipChanged) {
            getLog().info("Connector bundle " + shown(bundleFile) + " is up to date (nothing changed)");
        } else {
            List<String> changed = new ArrayList<>(changes.written());
            changes.deleted().forEach(path -> changed.add("-" + path));
            getLog().info("Bundled connector app " + app.app().name() + " into " + shown(bundleFile)
                    + (changed.isEmpty() ? "" : "; changed: " + String.join(", ", changed)));
        }
        if (attach) {
            projectHelper.attachArtifact(project, "zip", CLASSIFIER, bundleFile);
        }
    }
}
