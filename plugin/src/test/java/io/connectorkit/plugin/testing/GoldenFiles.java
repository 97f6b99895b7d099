package io.connectorkit.plugin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Comparator;

/**
 * Compares rendered files with the committed expected ones under src/test/resources/golden. After a deliberate
 * template change, rerun with {@code -Dgolden.update=true} and review the diff before committing it.
 */
public final class GoldenFiles {

    private GoldenFiles() {
    }

    public static void assertMatches(String name, Map<String, String> files) {
        Path folder = Path.of("src/test/resources/golden", name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                write(folder, files);
            }
            try (Stream<Path> existing = Files.walk(folder)) {
                assertThat(existing.filter(Files::isRegularFile)
                        .map(path -> folder.relativize(path).toString().replace('\\', '/')))
                        .as("golden files of %s", name)
                        .containsExactlyInAnyOrderElementsOf(files.keySet());
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                assertThat(file.getValue()).as("%s/%s (rerun with -Dgolden.update=true after a deliberate change)",
                        name, file.getKey()).isEqualTo(Files.readString(folder.resolve(file.getKey()),
                        StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path folder, Map<String, String> files) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> old = Files.walk(folder)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
    }
}
