package io.connectorkit.plugin.testing;

import io.connectorkit.runtime.spi.ConnectorDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.mockito.Mockito;

/** A Maven project for mojo tests: one of the example projects, copied to a folder of the test. */
public final class MavenProjects {

    private MavenProjects() {}

    /** The example project copied into the folder, as Maven would see it after resolving its dependencies. */
    public static MavenProject copy(String example, Path folder) {
        try {
            Path source = TestProjects.project(example);
            try (var files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = folder.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            Model model = new Model();
            model.setGroupId("com.example");
            model.setArtifactId(example + "-connector");
            model.setVersion("1.4.0-SNAPSHOT");
            model.setPackaging("jar");
            Build build = new Build();
            build.setDirectory(folder.resolve("target").toString());
            build.setOutputDirectory(folder.resolve("target/classes").toString());
            build.setFinalName(example + "-connector-1.4.0-SNAPSHOT");
            build.setSourceDirectory(folder.resolve("src/main/java").toString());
            model.setBuild(build);
            MavenProject project = new MavenProject(model);
            project.setFile(folder.resolve("pom.xml").toFile());
            project.addCompileSourceRoot(build.getSourceDirectory());
            project.setArtifact(artifact("com.example", example + "-connector", "1.4.0-SNAPSHOT", "compile", null));
            Set<Artifact> artifacts = new LinkedHashSet<>();
            Artifact runtime = artifact(
                    "io.connectorkit",
                    "connector-runtime",
                    "0.1.0",
                    "provided",
                    jar(folder.resolve("repository/connector-runtime-0.1.0.jar"), "io/connectorkit/Runtime.class"));
            runtime.setDependencyTrail(List.of(
                    "com.example:" + example + "-connector:jar:1.4.0-SNAPSHOT",
                    "io.connectorkit:connector-runtime:jar:0.1.0"));
            artifacts.add(runtime);
            Artifact shaded = artifact(
                    "com.fasterxml.jackson.core",
                    "jackson-databind",
                    "2.23.0",
                    "provided",
                    jar(folder.resolve("repository/jackson-databind.jar"), "com/fasterxml/Databind.class"));
            shaded.setDependencyTrail(List.of(
                    "com.example:" + example + "-connector:jar:1.4.0-SNAPSHOT",
                    "io.connectorkit:connector-runtime:jar:0.1.0",
                    "com.fasterxml.jackson.core:jackson-databind:jar:2.23.0"));
            artifacts.add(shaded);
            Artifact http = artifact(
                    "org.example",
                    "http-client",
                    "3.2",
                    "compile",
                    jar(folder.resolve("repository/http-client-3.2.jar"), "org/example/Http.class"));
            http.setDependencyTrail(List.of(
                    "com.example:" + example + "-connector:jar:1.4.0-SNAPSHOT", "org.example:http-client:jar:3.2"));
            artifacts.add(http);
            Artifact test = artifact("org.junit", "junit", "5", "test", null);
            artifacts.add(test);
            project.setArtifacts(artifacts);
            return project;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the project's own jar, as the jar plugin would have by the package phase. */
    public static Path buildConnectorJar(MavenProject project) {
        Path jar = Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + ".jar");
        jar(jar, "com/example/Connector.class");
        project.getArtifact().setFile(jar.toFile());
        return jar;
    }

    /**
     * Builds the project's jar with the connector description that connector:generate wrote, so that an app
     * deployed from it is answered by the descriptor's connector (its hook classes come from the test classes).
     */
    public static Path buildConnectorJarWithDescription(MavenProject project) {
        Path jar = Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + ".jar");
        Path description = Path.of(
                project.getBuild().getDirectory(), "generated-resources/connector", ConnectorDescription.RESOURCE);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry(ConnectorDescription.RESOURCE));
            out.write(Files.readAllBytes(description));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("Run connector:generate before building the jar", e);
        }
        project.getArtifact().setFile(jar.toFile());
        return jar;
    }

    /**
     * A copy of an example project whose compile and runtime class paths are the test classes, where the example
     * connectors' classes are: what the goals that load the connector see.
     */
    public static MavenProject copyOnTestClassPath(String example, Path folder) throws Exception {
        MavenProject project = Mockito.spy(copy(example, folder));
        Mockito.doReturn(testClassPath()).when(project).getRuntimeClasspathElements();
        Mockito.doReturn(testClassPath()).when(project).getCompileClasspathElements();
        return project;
    }

    /** A class path of the test classes (which hold the example connectors' classes). */
    public static List<String> testClassPath() {
        List<String> elements = new ArrayList<>();
        elements.add(Path.of("target/test-classes").toAbsolutePath().toString());
        return elements;
    }

    private static Artifact artifact(String group, String id, String version, String scope, Path file) {
        DefaultArtifact artifact =
                new DefaultArtifact(group, id, version, scope, "jar", null, new DefaultArtifactHandler("jar"));
        if (file != null) {
            artifact.setFile(file.toFile());
        }
        return artifact;
    }

    private static Path jar(Path path, String entry) {
        try {
            Files.createDirectories(path.getParent());
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(path))) {
                jar.putNextEntry(new ZipEntry(entry));
                jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
                jar.closeEntry();
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
