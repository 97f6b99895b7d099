package io.connectorkit.fake.snowflake;

import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.spi.Prerequisite;
import io.connectorkit.runtime.spi.SpiRole;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/** Connector jars to stage: a description of the connector, as connector:generate puts it into the jar. */
final class StagedJars {

    private StagedJars() {}

    /** A connector whose connection tester is this class, with these connection fields. */
    static byte[] connectorJar(String testerClass, List<ConnectorDescription.Field> connectionFields)
            throws IOException {
        ConnectorDescription description = new ConnectorDescription(
                "probe",
                "1.0",
                List.of(Prerequisite.of("network", "Allow the host", "An external access integration", 1)),
                List.of(),
                connectionFields,
                Map.of(SpiRole.CONNECTION_TESTER, testerClass));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(new ZipEntry(ConnectorDescription.RESOURCE));
            jar.write(description.toJsonText().getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
