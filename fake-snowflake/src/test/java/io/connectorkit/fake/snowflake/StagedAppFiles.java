package io.connectorkit.fake.snowflake;

import io.connectorkit.runtime.spi.ConnectionTester;
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

/** The files of a small app as the tests stage them: a manifest, its setup script, and a connector jar. */
final class StagedAppFiles {

    /** A manifest naming the setup script, as Snowflake requires. */
    static final String MANIFEST = "manifest_version: 1\nartifacts:\n  setup_script: setup.sql\n";

    /**
     * A setup script with the procedures the tests call, in the kit's shapes, handled by the connector in
     * {@code lib/probe.jar}, all granted to ADMIN; and one view.
     */
    static final String SETUP_SCRIPT =
            """
            CREATE APPLICATION ROLE IF NOT EXISTS ADMIN;
            CREATE OR ALTER VERSIONED SCHEMA PUBLIC;
            GRANT USAGE ON SCHEMA PUBLIC TO APPLICATION ROLE ADMIN;
            CREATE SCHEMA IF NOT EXISTS STATE;
            CREATE TABLE IF NOT EXISTS STATE.PREREQUISITES (ID STRING NOT NULL, TITLE VARCHAR NOT NULL,
              DESCRIPTION VARCHAR NOT NULL, IS_COMPLETED BOOLEAN DEFAULT FALSE, POSITION INTEGER NOT NULL);
            CREATE OR REPLACE VIEW PUBLIC.PREREQUISITES AS
              SELECT ID, TITLE, DESCRIPTION, IS_COMPLETED FROM STATE.PREREQUISITES ORDER BY POSITION;
            GRANT SELECT ON VIEW PUBLIC.PREREQUISITES TO APPLICATION ROLE ADMIN;
            """ + procedure("GET_CONNECTOR_STATUS", "", "") + procedure("MARK_ALL_PREREQUISITES_AS_DONE", "", "")
                    + procedure("COMPLETE_PREREQUISITES_STEP", "", "")
                    + procedure("CONFIGURE_CONNECTOR", "CONFIG VARIANT", "VARIANT")
                    + procedure("SET_CONNECTION_CONFIGURATION", "CONNECTION_CONFIGURATION VARIANT", "VARIANT")
                    + procedure("TEST_CONNECTION", "", "");

    private StagedAppFiles() {}

    /** A Java procedure of the connector in {@code lib/probe.jar}, granted to ADMIN. */
    static String procedure(String name, String arguments, String argumentTypes) {
        return "CREATE OR REPLACE PROCEDURE PUBLIC." + name + "(" + arguments + ")\n"
                + "  RETURNS VARIANT\n  LANGUAGE JAVA\n  RUNTIME_VERSION = '17'\n"
                + "  PACKAGES = ('com.snowflake:snowpark:1.14.0')\n  IMPORTS = ('/lib/probe.jar')\n"
                + "  HANDLER = 'io.connectorkit.runtime.snowflake.SnowflakeProcedures.handle'\n  EXECUTE AS OWNER;\n"
                + "GRANT USAGE ON PROCEDURE PUBLIC." + name + "(" + argumentTypes + ") TO APPLICATION ROLE ADMIN;\n";
    }

    /** Stages the manifest and this setup script. */
    static void stageScript(FakeSnowflake snowflake, String stage, String script) {
        snowflake.addStageFile(stage, "manifest.yml", MANIFEST.getBytes(StandardCharsets.UTF_8));
        snowflake.addStageFile(stage, "setup.sql", script.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] connectorJar(Class<? extends ConnectionTester> tester) throws IOException {
        return connectorJar(tester.getName());
    }

    /** A connector jar as connector:generate makes it; its classes come from the test's class path. */
    static byte[] connectorJar(String testerClass) throws IOException {
        ConnectorDescription description = new ConnectorDescription(
                "probe",
                "1.0",
                List.of(Prerequisite.of("network", "Allow the host", "An external access integration", 1)),
                List.of(),
                List.of(),
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
