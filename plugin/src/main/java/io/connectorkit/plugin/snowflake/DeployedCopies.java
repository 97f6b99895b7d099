package io.connectorkit.plugin.snowflake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Copies of the setup script and manifest this project last deployed to a Snowflake application, kept beside its
 * {@link DeployRecord} ({@code .connector/snowflake/<connection>/<app>.files/}), so that connector:plan can tell
 * which objects, grants, privileges and references the next deploy changes. The stage holds the same files, but
 * reading them back would take GET into a local folder; LIST's MD5 tells instead whether a copy is still what the
 * stage holds.
 */
public final class DeployedCopies {

    /** The files kept, by their path in the bundle. */
    static final List<String> KEPT = List.of("setup.sql", "manifest.yml");

    private final Path folder;

    /** @param folder {@code .connector/snowflake} of the project, as for the deploy record */
    public DeployedCopies(Path folder) {
        this.folder = folder;
    }

    /** Keeps copies of the bundle's setup script and manifest as deployed to the app through the connection. */
    public void keep(String connection, String app, Path bundle) {
        Path copies = folderOf(connection, app);
        try {
            Files.createDirectories(copies);
            for (String name : KEPT) {
                Path source = bundle.resolve(name);
                Path partial = copies.resolve(name + ".partial");
                if (Files.isRegularFile(source)) {
                    Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(
                            partial,
                            copies.resolve(name),
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(copies.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot keep copies of the deployed setup script and manifest in " + copies, e);
        }
    }

    /** The copy of a kept file ({@code setup.sql}, {@code manifest.yml}); empty when none was kept. */
    public Optional<Path> copy(String connection, String app, String name) {
        Path copy = folderOf(connection, app).resolve(name);
        return Files.isRegularFile(copy) ? Optional.of(copy) : Optional.empty();
    }

    private Path folderOf(String connection, String app) {
        return folder.resolve(DeployRecord.safe(connection)).resolve(DeployRecord.safe(app) + ".files");
    }
}
