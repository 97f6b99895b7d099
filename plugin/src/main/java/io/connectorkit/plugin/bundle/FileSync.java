package io.connectorkit.plugin.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;

/**
 * Makes files on disk equal to what they should hold while touching only those that differ, so an unchanged input
 * leaves every timestamp as it was and an incremental build downstream sees no change.
 */
public final class FileSync {

    private FileSync() {
    }

    /** What a sync changed, by path relative to its root. */
    public record Changes(List<String> written, List<String> deleted) {
        public boolean none() {
            return written.isEmpty() && deleted.isEmpty();
        }

        Changes plus(Changes other) {
            List<String> allWritten = new ArrayList<>(written);
            allWritten.addAll(other.written);
            List<String> allDeleted = new ArrayList<>(deleted);
            allDeleted.addAll(other.deleted);
            return new Changes(allWritten, allDeleted);
        }

        static Changes nothing() {
            return new Changes(List.of(), List.of());
        }
    }

    /** Writes each file whose content differs; nothing else under the root is touched. */
    public static Changes write(Path root, Map<String, byte[]> files) {
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (writeIfChanged(root.resolve(file.getKey()), file.getValue())) {
                written.add(file.getKey());
            }
        }
        return new Changes(written, List.of());
    }

    /**
     * Makes the folder hold exactly the given files (copied from their sources): changed ones are copied, missing
     * ones added, others removed.
     */
    public static Changes mirror(Path folder, Map<String, Path> sources, String shownPrefix) {
        return mirrorContent(folder, contents(sources), shownPrefix);
    }

    /** Makes the folder hold exactly the given contents, by relative path: changed ones written, others removed. */
    public static Changes mirrorContent(Path folder, Map<String, byte[]> contents, String shownPrefix) {
        List<String> written = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> content : contents.entrySet()) {
                if (writeIfChanged(folder.resolve(content.getKey()), content.getValue())) {
                    written.add(shownPrefix + content.getKey());
                }
            }
            if (Files.isDirectory(folder)) {
                Set<Path> kept = contents.keySet().stream().map(folder::resolve).map(Path::normalize)
                        .collect(Collectors.toSet());
                try (Stream<Path> existing = Files.walk(folder)) {
                    for (Path path : existing.sorted(Comparator.reverseOrder()).toList()) {
                        if (Files.isRegularFile(path) && !kept.contains(path.normalize())) {
                            Files.delete(path);
                            deleted.add(shownPrefix + folder.relativize(path).toString().replace('\\', '/'));
                        } else if (Files.isDirectory(path) && !path.equals(folder) && isEmpty(path)) {
                            Files.delete(path);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update " + folder, e);
        }
        return new Changes(written, deleted);
    }

    /** The content of each source file, by the same relative path. */
    public static Map<String, byte[]> contents(Map<String, Path> sources) {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (Map.Entry<String, Path> source : sources.entrySet()) {
            try {
                contents.put(source.getKey(), Files.readAllBytes(source.getValue()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + source.getValue(), e);
            }
        }
        return contents;
    }

    /** Every regular file under the folder, by its path relative to it. */
    public static Map<String, Path> filesUnder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).sorted().collect(Collectors.toMap(
                    file -> folder.relativize(file).toString().replace('\\', '/'), file -> file,
                    (first, second) -> first, LinkedHashMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    static boolean writeIfChanged(Path path, byte[] content) {
        try {
            if (Files.isRegularFile(path) && Files.size(path) == content.length
                    && Arrays.equals(Files.readAllBytes(path), content)) {
                return false;
            }
            Files.createDirectories(path.getParent());
            Path partial = path.resolveSibling(path.getFileName() + ".partial");
            Files.write(partial, content);
            // Readers never see a half-written file: the new content replaces the old one in one step.
            Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path, e);
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }
}
