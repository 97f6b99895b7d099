package io.connectorkit.plugin.bundle;

import io.connectorkit.plugin.descriptor.Descriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Completes a rendered app folder into the deployable bundle — the jars in {@code lib/} of both dialects, the
 * descriptor's folders in the Snowflake app — and packs it into a zip. Only what changed is written; the zip is
 * byte-for-byte the same for the same content.
 */
public final class AppBundle {

    /** Zip entries carry this time instead of the files' own, so the archive depends on content only. */
    private static final FileTime FIXED_TIME = FileTime.fromMillis(315_532_800_000L);

    private final Path appDirectory;

    public AppBundle(Path appDirectory) {
        this.appDirectory = appDirectory;
    }

    /** A jar the app imports, by its name in {@code lib/}. */
    public record Library(String name, Path file) {
    }

    /** Puts the libraries and the descriptor's folders into the app; answers what changed. */
    public FileSync.Changes assemble(List<Library> libraries, Descriptor descriptor) {
        Map<String, Path> jars = new LinkedHashMap<>();
        libraries.forEach(library -> jars.put(library.name(), library.file()));
        FileSync.Changes changes = FileSync.Changes.nothing();
        for (String dialect : List.of("snowflake", "local")) {
            changes = changes.plus(FileSync.mirror(appDirectory.resolve(dialect).resolve("lib"), jars,
                    dialect + "/lib/"));
        }
        for (Descriptor.AppFiles files : descriptor.files()) {
            changes = changes.plus(FileSync.mirror(appDirectory.resolve("snowflake").resolve(files.target()),
                    FileSync.filesUnder(files.source()), "snowflake/" + files.target() + "/"));
        }
        return changes;
    }

    /** Writes the zip of the whole app folder when its content changed; answers whether it did. */
    public boolean zip(Path zipFile) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, Path> file : FileSync.filesUnder(appDirectory).entrySet()) {
                    ZipEntry entry = new ZipEntry(file.getKey());
                    entry.setLastModifiedTime(FIXED_TIME);
                    zip.putNextEntry(entry);
                    Files.copy(file.getValue(), zip);
                    zip.closeEntry();
                }
            }
            return FileSync.writeIfChanged(zipFile, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + zipFile, e);
        }
    }
}
