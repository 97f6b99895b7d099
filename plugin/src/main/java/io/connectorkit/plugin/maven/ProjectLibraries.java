package io.connectorkit.plugin.maven;

import io.connectorkit.plugin.bundle.AppBundle;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;

/**
 * The jars a connector app imports, from the project: the connector runtime, the connector's own jar, and the
 * connector's runtime dependencies — not what the runtime jar already carries inside it.
 */
public final class ProjectLibraries {

    static final String RUNTIME_GROUP = "io.connectorkit";
    static final String RUNTIME_ARTIFACT = "connector-runtime";
    static final String RUNTIME_JAR = "connector-runtime.jar";
    private static final Set<String> PACKAGED_SCOPES = Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME);

    private ProjectLibraries() {}

    /** The library names, runtime first, connector second: they are fixed before anything is built. */
    public static List<String> names(MavenProject project) throws MojoFailureException {
        return libraries(project, false).stream().map(AppBundle.Library::name).toList();
    }

    /** The libraries with their files; the connector's jar must have been built. */
    public static List<AppBundle.Library> withFiles(MavenProject project) throws MojoFailureException {
        return libraries(project, true);
    }

    private static List<AppBundle.Library> libraries(MavenProject project, boolean needFiles)
            throws MojoFailureException {
        Artifact runtime = project.getArtifacts().stream()
                .filter(artifact -> artifact.getGroupId().equals(RUNTIME_GROUP)
                        && artifact.getArtifactId().equals(RUNTIME_ARTIFACT))
                .findFirst()
                .orElseThrow(() -> new MojoFailureException("The project does not depend on " + RUNTIME_GROUP + ":"
                        + RUNTIME_ARTIFACT + ", which every connector app imports; add it to the pom's dependencies "
                        + "(scope provided: the app imports it on its own)"));
        List<AppBundle.Library> libraries = new ArrayList<>();
        libraries.add(new AppBundle.Library(
                RUNTIME_JAR,
                runtime.getFile() == null ? null : runtime.getFile().toPath()));
        libraries.add(new AppBundle.Library(
                project.getArtifactId() + ".jar",
                needFiles ? connectorJar(project).toPath() : null));
        for (Artifact artifact : project.getArtifacts()) {
            if (artifact == runtime
                    || !PACKAGED_SCOPES.contains(artifact.getScope())
                    || !"jar".equals(artifact.getType())
                    || isInsideRuntime(artifact)) {
                continue;
            }
            libraries.add(new AppBundle.Library(
                    artifact.getArtifactId() + "-" + artifact.getVersion() + ".jar",
                    artifact.getFile() == null ? null : artifact.getFile().toPath()));
        }
        return libraries;
    }

    /** The runtime jar carries its own dependencies (relocated), so they are not imported beside it. */
    private static boolean isInsideRuntime(Artifact artifact) {
        List<String> trail = artifact.getDependencyTrail();
        return trail != null
                && trail.stream().anyMatch(step -> step.startsWith(RUNTIME_GROUP + ":" + RUNTIME_ARTIFACT + ":"));
    }

    private static File connectorJar(MavenProject project) throws MojoFailureException {
        File built =
                project.getArtifact() == null ? null : project.getArtifact().getFile();
        if (built != null && built.isFile()) {
            return built;
        }
        File expected =
                new File(project.getBuild().getDirectory(), project.getBuild().getFinalName() + ".jar");
        if (expected.isFile()) {
            return expected;
        }
        throw new MojoFailureException("The connector's jar " + expected + " is not built yet; run the bundle goal in"
                + " the package phase (mvn package), after the jar is made");
    }
}
