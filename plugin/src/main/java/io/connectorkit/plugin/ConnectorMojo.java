package io.connectorkit.plugin;

import io.connectorkit.plugin.checks.ClassSuggestions;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.descriptor.DescriptorException;
import io.connectorkit.plugin.descriptor.DescriptorLoader;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What the connector goals share: the project, the descriptor, the app folder, and how failures are reported. */
abstract class ConnectorMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The connector descriptor. */
    @Parameter(property = "connector.descriptor", defaultValue = "${project.basedir}/src/main/connector/connector.yaml")
    File descriptor;

    /** Where the app is rendered and bundled. */
    @Parameter(property = "connector.appDirectory", defaultValue = "${project.build.directory}/connector/app")
    File appDirectory;

    /** Skips the goal. */
    @Parameter(property = "connector.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipped (connector.skip=true)");
            return;
        }
        run();
    }

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    Descriptor loadDescriptor() throws MojoFailureException {
        return read(DescriptorLoader::load);
    }

    /** The descriptor's app section alone, for a goal that needs only the app's name and version. */
    Descriptor.App loadAppSection() throws MojoFailureException {
        return read(DescriptorLoader::loadApp);
    }

    private interface DescriptorRead<T> {
        T read(Path file, Path baseDirectory, String defaultVersion) throws DescriptorException;
    }

    private <T> T read(DescriptorRead<T> reader) throws MojoFailureException {
        try {
            return reader.read(descriptor.toPath(), baseDirectory(), defaultVersion());
        } catch (DescriptorException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    Path baseDirectory() {
        return project.getBasedir().toPath();
    }

    /** The project version as an app version: a snapshot is a development build of the release it leads to. */
    private String defaultVersion() {
        return project.getVersion() == null ? "1.0" : project.getVersion().replace("-SNAPSHOT", "");
    }

    /** The project's classes, loaded beside the plugin's own runtime so that the SPI interfaces are the same. */
    URLClassLoader projectClasses(List<String> classpathElements) throws MojoFailureException {
        URL[] urls = new URL[classpathElements.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = new File(classpathElements.get(i)).toURI().toURL();
            } catch (MalformedURLException e) {
                throw new MojoFailureException(
                        "The class path element " + classpathElements.get(i) + " is not a " + "valid location", e);
            }
        }
        return new URLClassLoader(urls, getClass().getClassLoader());
    }

    /**
     * The project's own classes, for a "did you mean" when the descriptor names one that does not exist: the class
     * folders of the class path (not its jars) and the compile source roots (classes not compiled yet).
     */
    ClassSuggestions projectClassNames(List<String> classpathElements) {
        return ClassSuggestions.scan(
                classpathElements.stream()
                        .map(Path::of)
                        .filter(Files::isDirectory)
                        .toList(),
                project.getCompileSourceRoots().stream().map(Path::of).toList());
    }

    void failOn(List<String> problems, String headline) throws MojoFailureException {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(headline).append(':');
        problems.forEach(problem -> message.append("\n  ").append(problem));
        throw new MojoFailureException(message.toString());
    }

    String shown(File file) {
        Path path = file.toPath().toAbsolutePath().normalize();
        Path base = baseDirectory().toAbsolutePath().normalize();
        return (path.startsWith(base) ? base.relativize(path) : path).toString().replace('\\', '/');
    }
}
