package io.connectorkit.plugin.bundle;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.streamlit.StreamlitApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Completes a rendered app folder into the deployable bundle — the jars in {@code lib/} of both dialects, the
 * generated Streamlit app and the descriptor's folders in the Snowflake app — and packs it into a zip. Only what changed is written; the zip is
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
    public record Library(String name, Path file) {}

    /** Puts the libraries and the descriptor's folders into the app; answers what changed. */
    public FileSync.Changes assemble(List<Library> libraries, Descriptor descriptor) {
        Map<String, Path> jars = new LinkedHashMap<>();
        libraries.forEach(library -> jars.put(library.name(), library.file()));
        FileSync.Changes changes = FileSync.Changes.nothing();
        for (String dialect : List.of("snowflake", "local")) {
            changes = changes.plus(
                    FileSync.mirror(appDirectory.resolve(dialect).resolve("lib"), jars, dialect + "/lib/"));
        }
        Map<String, Map<String, byte[]>> folders = new LinkedHashMap<>();
        if (descriptor.ui().streamlit()) {
            folders.put(StreamlitApp.FOLDER, new LinkedHashMap<>(StreamlitApp.files(descriptor)));
        }
        // The connector's own files of a folder come after the generated ones: a file of the same path replaces the
        // generated one, others are added. A folder inside another one's is merged into it, so that mirroring the
        // outer folder does not delete it.
        List<Descriptor.AppFiles> outerFirst = new ArrayList<>(descriptor.files());
        outerFirst.sort(Comparator.comparingInt(files -> files.target().length()));
        for (Descriptor.AppFiles files : outerFirst) {
            String target = files.target().replaceAll("/+$", "");
            String outer = folders.keySet().stream()
                    .filter(folder -> target.startsWith(folder + "/"))
                    .findFirst()
                    .orElse(target);
            String prefix = outer.equals(target) ? "" : target.substring(outer.length() + 1) + "/";
            Map<String, byte[]> into = folders.computeIfAbsent(outer, folder -> new LinkedHashMap<>());
            FileSync.contents(FileSync.filesUnder(files.source()))
                    .forEach((path, content) -> into.put(prefix + path, content));
        }
        for (Map.Entry<String, Map<String, byte[]>> folder : folders.entrySet()) {
            changes = changes.plus(FileSync.mirrorContent(
                    appDirectory.resolve("snowflake").resolve(folder.getKey()),
                    folder.getValue(),
                    "snowflake/" + folder.getKey() + "/"));
        }
        return changes;
    }

    /** Writes the zip of the whole app folder when its content changed; answers whether it did. */
    public boolean zip(Path zipFile) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, Path> file :
                        FileSync.filesUnder(appDirectory).entrySet()) {
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
