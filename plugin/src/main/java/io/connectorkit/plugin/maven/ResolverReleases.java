package io.connectorkit.plugin.maven;

import io.connectorkit.plugin.upgrade.ReleasedBundles;
import io.connectorkit.plugin.upgrade.UpgradeCheckException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.resolution.VersionRangeResult;
import org.eclipse.aether.version.Version;

/**
 * The project's released app bundles through Maven's resolver: the versions the local repository's and the remote
 * repositories' metadata list, and the bundle zip of one of them.
 */
public final class ResolverReleases implements ReleasedBundles {

    private static final String CLASSIFIER = "app";
    private static final String EXTENSION = "zip";

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final String groupId;
    private final String artifactId;

    public ResolverReleases(
            RepositorySystem system,
            RepositorySystemSession session,
            List<RemoteRepository> repositories,
            String groupId,
            String artifactId) {
        this.system = system;
        this.session = session;
        this.repositories = repositories == null ? List.of() : List.copyOf(repositories);
        this.groupId = groupId;
        this.artifactId = artifactId;
    }

    @Override
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + EXTENSION + ":" + CLASSIFIER;
    }

    @Override
    public Optional<String> newestReleaseBefore(String version) throws UpgradeCheckException {
        VersionRangeRequest request = new VersionRangeRequest(
                new DefaultArtifact(groupId, artifactId, CLASSIFIER, EXTENSION, "(," + version + ")"),
                repositories,
                null);
        try {
            VersionRangeResult result = system.resolveVersionRange(session, request);
            // Ascending order: the last release is the newest.
            return result.getVersions().stream()
                    .map(Version::toString)
                    .filter(candidate -> !candidate.endsWith("-SNAPSHOT"))
                    .reduce((older, newer) -> newer);
        } catch (VersionRangeResolutionException e) {
            throw new UpgradeCheckException(
                    "The released versions of " + coordinates() + " cannot be listed: " + e.getMessage()
                            + "; name the version to upgrade from with -Dconnector.fromVersion=...",
                    e);
        }
    }

    @Override
    public Path bundle(String version) throws UpgradeCheckException {
        ArtifactRequest request = new ArtifactRequest(
                new DefaultArtifact(groupId, artifactId, CLASSIFIER, EXTENSION, version), repositories, null);
        try {
            return system.resolveArtifact(session, request)
                    .getArtifact()
                    .getFile()
                    .toPath();
        } catch (ArtifactResolutionException e) {
            throw new UpgradeCheckException(
                    "The bundle " + coordinates() + ":" + version + " was not found in the "
                            + "local repository ("
                            + session.getLocalRepository().getBasedir() + ") or the project's remote "
                            + "repositories: " + e.getMessage()
                            + ". Check -Dconnector.fromVersion (a version released with "
                            + "mvn install or deploy, which attach the bundle), or give the zip with "
                            + "-Dconnector.fromBundle=<path/to/app.zip>",
                    e);
        }
    }
}
