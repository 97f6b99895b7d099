package io.connectorkit.plugin;

import io.connectorkit.plugin.bundle.FileSync;
import io.connectorkit.plugin.checks.CreateOrAlterKinds;
import io.connectorkit.plugin.checks.StaticChecks;
import io.connectorkit.plugin.checks.StreamlitChecks;
import io.connectorkit.plugin.checks.TelemetryChecks;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.generate.AppGenerator;
import io.connectorkit.plugin.maven.KitVersion;
import io.connectorkit.plugin.maven.ProjectLibraries;
import io.connectorkit.plugin.render.AppRenderer;
import io.connectorkit.runtime.spi.ConnectorDescription;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import java.io.IOException;
import org.apache.maven.artifact.DependencyResolutionRequiredException;

/**
 * Renders the connector app from {@code src/main/connector/connector.yaml}: the setup script, manifest and README of
 * the Snowflake app and of the embedded app, and {@code snowflake.yml}, into {@code target/connector/app}; and the
 * connector's description into the jar's resources. Checks the result before anything is deployed. Files whose
 * content is unchanged are not rewritten.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public final class GenerateMojo extends ConnectorMojo {

    /** Template overrides: a file here replaces the bundled template of the same path. */
    @Parameter(property = "connector.templates", defaultValue = "${project.basedir}/src/main/connector/templates")
    File templates;

    /** Where the connector's description for the runtime is written, as a resource folder of the project. */
    @Parameter(property = "connector.generatedResources",
            defaultValue = "${project.build.directory}/generated-resources/connector")
    File generatedResources;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Descriptor app = loadDescriptor();
        Map<String, String> rendered;
        try {
            rendered = new AppGenerator(templates.toPath(), KitVersion.generator(), baseDirectory())
                    .generate(app, ProjectLibraries.names(project));
        } catch (AppRenderer.RenderException e) {
            throw new MojoFailureException(e.getMessage() + (Files.isDirectory(templates.toPath())
                    ? " (template overrides are read from " + templates + ")" : ""), e);
        }
        check(app, rendered);

        Map<String, byte[]> files = new LinkedHashMap<>();
        rendered.forEach((path, text) -> files.put(path, text.getBytes(StandardCharsets.UTF_8)));
        FileSync.Changes changes = FileSync.write(appDirectory.toPath(), files);
        FileSync.Changes description = FileSync.write(generatedResources.toPath(), Map.of(
                ConnectorDescription.RESOURCE, app.toDescription().toJsonText().getBytes(StandardCharsets.UTF_8)));
        addGeneratedResources();

        if (changes.none() && description.none()) {
            getLog().info("Connector app " + app.app().name() + " is up to date in " + shown(appDirectory)
                    + " (nothing changed)");
        } else {
            List<String> written = new ArrayList<>(changes.written());
            description.written().forEach(path -> written.add(shown(generatedResources) + "/" + path));
            getLog().info("Rendered connector app " + app.app().name() + " " + app.app().version() + " into "
                    + shown(appDirectory) + "; changed: " + String.join(", ", written));
        }
    }

    private void check(Descriptor app, Map<String, String> rendered) throws MojoFailureException {
        List<String> problems = new ArrayList<>();
        problems.addAll(StaticChecks.rerunnable("snowflake/setup.sql", rendered.get("snowflake/setup.sql"), true));
        problems.addAll(StaticChecks.rerunnable("local/setup.sql", rendered.get("local/setup.sql"), false));
        problems.addAll(CreateOrAlterKinds.SNOWFLAKE.check("snowflake/setup.sql", rendered.get("snowflake/setup.sql"),
                true));
        problems.addAll(CreateOrAlterKinds.EMBEDDED.check("local/setup.sql", rendered.get("local/setup.sql"),
                false));
        problems.addAll(StaticChecks.grants("snowflake/setup.sql", rendered.get("snowflake/setup.sql")));
        problems.addAll(StaticChecks.manifest("snowflake/manifest.yml", rendered.get("snowflake/manifest.yml")));
        problems.addAll(StaticChecks.specifications("snowflake/manifest.yml", rendered.get("snowflake/manifest.yml"),
                "snowflake/setup.sql", rendered.get("snowflake/setup.sql")));
        problems.addAll(TelemetryChecks.manifest("snowflake/manifest.yml",
                rendered.get("snowflake/manifest.yml")));
        problems.addAll(StreamlitChecks.defaultStreamlit("snowflake/manifest.yml",
                rendered.get("snowflake/manifest.yml"), "snowflake/setup.sql", rendered.get("snowflake/setup.sql")));
        problems.addAll(StaticChecks.references("snowflake/manifest.yml", rendered.get("snowflake/manifest.yml"),
                "snowflake/setup.sql", rendered.get("snowflake/setup.sql")));
        try (var classes = projectClasses(project.getCompileClasspathElements())) {
            problems.addAll(StaticChecks.connectorClasses(app, classes, this::hasSource,
                    projectClassNames(project.getCompileClasspathElements())));
        } catch (DependencyResolutionRequiredException | IOException e) {
            throw new MojoFailureException("Cannot read the project's class path to check the connector's classes: "
                    + e.getMessage(), e);
        }
        failOn(problems, "The connector app in " + shown(appDirectory) + " would fail once installed");
    }

    /** A class not compiled yet is checked by connector:bundle; here it is enough that its source exists. */
    private boolean hasSource(String className) {
        String file = className.replaceAll("\\$.*$", "").replace('.', File.separatorChar) + ".java";
        return project.getCompileSourceRoots().stream().anyMatch(root -> Files.isRegularFile(Path.of(root, file)));
    }

    private void addGeneratedResources() {
        String directory = generatedResources.getAbsolutePath();
        if (project.getResources().stream().noneMatch(resource -> directory.equals(resource.getDirectory()))) {
            Resource resource = new Resource();
            resource.setDirectory(directory);
            project.addResource(resource);
        }
    }
}
