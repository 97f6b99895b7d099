package io.connectorkit.plugin.snowflake;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What this project published of a package: for each version, its newest patch that a publish made or reused and a
 * fingerprint of the bundle files it holds ({@link DeployRecord#fingerprint}). Kept in
 * {@code .connector/snowflake/<connection>/<package>.releases} (it survives {@code mvn clean}); it holds names,
 * numbers and hashes, never a credential. Snowflake does not show a patch's files, so this is how a publish tells
 * that the bundle is the one the newest patch already has; without a record (a patch made elsewhere) it cannot tell.
 */
public final class ReleaseRecord {

    private final Path folder;

    /** @param folder {@code .connector/snowflake} of the project */
    public ReleaseRecord(Path folder) {
        this.folder = folder;
    }

    /** The fingerprint of the files recorded for the version's patch; empty when that patch was not recorded. */
    Optional<String> fingerprint(String connection, String pkg, String version, int patch) {
        String entry = read(connection, pkg).getProperty(version);
        if (entry == null || !entry.startsWith(patch + " ")) {
            return Optional.empty();
        }
        return Optional.of(entry.substring(entry.indexOf(' ') + 1));
    }

    /** Records that the version's patch holds these files. */
    void published(String connection, String pkg, String version, int patch, Map<String, Path> files) {
        Properties entries = read(connection, pkg);
        entries.setProperty(version, patch + " " + DeployRecord.fingerprint(files));
        Path file = file(connection, pkg);
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                entries.store(out, "Connector Kit: the patch each version's last publish left, and its files' SHA-256");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the publish in " + file, e);
        }
    }

    private Properties read(String connection, String pkg) {
        Properties entries = new Properties();
        Path file = file(connection, pkg);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                entries.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // An unreadable record knows nothing: the publish then adds a patch rather than wrongly skip one.
                return new Properties();
            }
        }
        return entries;
    }

    private Path file(String connection, String pkg) {
        return folder.resolve(safe(connection)).resolve(safe(pkg) + ".releases");
    }

    /** Connection and package names become file names: anything but letters, digits, - and _ becomes _. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
