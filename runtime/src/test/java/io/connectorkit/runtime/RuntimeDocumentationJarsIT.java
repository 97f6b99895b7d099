package io.connectorkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * An IDE shows the runtime's sources and javadoc from the jars attached beside it: the sources of the runtime
 * itself (not of the Jackson it shades), the javadoc of the packages connector code imports and nothing internal.
 */
class RuntimeDocumentationJarsIT {

    private final Path sources =
            Path.of(System.getProperty("runtime.sources.jar", "target/connector-runtime-sources.jar"));
    private final Path javadoc =
            Path.of(System.getProperty("runtime.javadoc.jar", "target/connector-runtime-javadoc.jar"));

    @Test
    void theSourcesJarHoldsTheRuntimesOwnSources() throws IOException {
        List<String> names = names(sources);
        assertThat(names)
                .contains(
                        "io/connectorkit/runtime/config/Configuration.java",
                        "io/connectorkit/runtime/spi/ConnectorDefinition.java",
                        "io/connectorkit/runtime/procedures/SchedulerIteration.java");
        assertThat(names).noneMatch(name -> name.startsWith("com/fasterxml/"));
    }

    @Test
    void theJavadocJarDocumentsThePublicApiAndNothingInternal() throws IOException {
        List<String> names = names(javadoc);
        assertThat(names)
                .contains(
                        "io/connectorkit/runtime/config/Configuration.html",
                        "io/connectorkit/runtime/json/Json.html",
                        "io/connectorkit/runtime/spi/ConnectorDefinition.html",
                        "io/connectorkit/runtime/sql/Identifier.html",
                        "io/connectorkit/runtime/embedded/EmbeddedApp.html");
        assertThat(names)
                .noneMatch(name -> name.startsWith("io/connectorkit/runtime/internal/")
                        || name.startsWith("io/connectorkit/runtime/procedures/")
                        || name.startsWith("io/connectorkit/runtime/state/")
                        || name.equals("io/connectorkit/runtime/embedded/EmbeddedProcedures.html"));
        // The typed getters carry their documentation, not just their signatures.
        assertThat(text(javadoc, "io/connectorkit/runtime/config/Configuration.html"))
                .contains("A whole number.")
                .contains("empty when the key is absent");
    }

    private static List<String> names(Path jar) throws IOException {
        assertThat(jar).exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream()
                    .map(JarEntry::getName)
                    .toList();
        }
    }

    private static String text(Path jar, String entry) throws IOException {
        try (JarFile file = new JarFile(jar.toFile());
                InputStream in = file.getInputStream(file.getJarEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
