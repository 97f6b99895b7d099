package io.connectorkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.snowflake.snowpark_java.Session;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged runtime jar is what a Snowflake procedure imports: Java 17 bytecode, its JSON library relocated so it
 * cannot clash with Snowpark's, and handlers that run with nothing but Snowpark beside them.
 */
class RuntimeJarIT {

    private static final int JAVA_17_CLASS_VERSION = 61;

    private final Path jar = Path.of(System.getProperty("runtime.jar", "target/connector-runtime.jar"));

    @Test
    void everyClassIsJava17BytecodeAndNoneReachesUnrelocatedJackson() throws IOException {
        assertThat(jar).exists();
        List<String> offending = new ArrayList<>();
        int classes = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                classes++;
                assertThat(entry.getName()).startsWith("io/connectorkit/runtime/");
                byte[] bytes;
                try (InputStream in = file.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                try (DataInputStream header = new DataInputStream(new ByteArrayInputStream(bytes))) {
                    header.readInt();
                    header.readUnsignedShort();
                    assertThat(header.readUnsignedShort())
                            .as(entry.getName())
                            .isLessThanOrEqualTo(JAVA_17_CLASS_VERSION);
                }
                if (new String(bytes, StandardCharsets.ISO_8859_1).contains("com/fasterxml/jackson")) {
                    offending.add(entry.getName());
                }
            }
        }
        assertThat(classes).isGreaterThan(100);
        assertThat(offending).as("classes referring to com.fasterxml.jackson").isEmpty();
    }

    @Test
    void aHandlerRunsFromTheJarWithOnlySnowparkBesideIt() throws Exception {
        // What Snowflake puts on a procedure's class path: the Snowpark package (with Scala and Jackson) and our jar.
        List<URL> classPath = new ArrayList<>(List.of(
                jar.toUri().toURL(),
                location(Session.class),
                location(scala.Option.class),
                location(ObjectMapper.class),
                location(JsonFactory.class),
                location(JsonProperty.class)));
        try (URLClassLoader procedure =
                new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> handlers = procedure.loadClass("io.connectorkit.runtime.snowflake.SnowflakeProcedures");
            Class<?> session = procedure.loadClass(Session.class.getName());
            Method getStatus = handlers.getMethod("getConnectorStatus", session);

            Object variant = getStatus.invoke(null, new Object[] {null});

            String json = (String) variant.getClass().getMethod("asJsonString").invoke(variant);
            assertThat(json)
                    .contains("\"response_code\":\"UNKNOWN_ERROR\"")
                    .contains("GET_CONNECTOR_STATUS failed unexpectedly");
        }
    }

    private static URL location(Class<?> type) throws IOException {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
