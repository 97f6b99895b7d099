package io.connectorkit.plugin.upgrade;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The bundle an upgrade check starts from: a zip given by path, the bundle of a given released version, or by default
 * that of the newest release older than the project's version.
 *
 * @param version the version the bundle is of, as messages name it ({@code 1.3.0}, or the zip's file name)
 * @param zip the bundle zip
 * @param shown how messages name it
 */
public record PreviousBundle(String version, Path zip, String shown) {

    /**
     * @param fromBundle {@code connector.fromBundle}, when given
     * @param fromVersion {@code connector.fromVersion}, when given
     * @param currentVersion the project's version
     * @throws UpgradeCheckException when both are given, or no previous release can be found (saying where it looked)
     */
    public static PreviousBundle choose(
            Optional<Path> fromBundle, Optional<String> fromVersion, ReleasedBundles releases, String currentVersion)
            throws UpgradeCheckException {
        if (fromBundle.isPresent() && fromVersion.isPresent()) {
            throw new UpgradeCheckException("connector.fromBundle (" + fromBundle.get() + ") and "
                    + "connector.fromVersion (" + fromVersion.get() + ") both name the bundle to start from; give one "
                    + "of them");
        }
        if (fromBundle.isPresent()) {
            Path zip = fromBundle.get().toAbsolutePath().normalize();
            return new PreviousBundle(zip.getFileName().toString(), zip, zip.toString());
        }
        if (fromVersion.isPresent()) {
            String version = fromVersion.get().strip();
            return new PreviousBundle(version, releases.bundle(version), releases.coordinates() + ":" + version);
        }
        String version = releases.newestReleaseBefore(currentVersion)
                .orElseThrow(() -> new UpgradeCheckException("No released version of " + releases.coordinates()
                        + " older than " + currentVersion + " was found in "
                        + "the local repository or the project's remote repositories, so there is nothing to upgrade "
                        + "from. Name one with -Dconnector.fromVersion=<version>, or a bundle zip with "
                        + "-Dconnector.fromBundle=<path/to/app.zip> (a first release has no previous version: skip the "
                        + "check with -Dconnector.skip=true)"));
        return new PreviousBundle(version, releases.bundle(version), releases.coordinates() + ":" + version);
    }
}
