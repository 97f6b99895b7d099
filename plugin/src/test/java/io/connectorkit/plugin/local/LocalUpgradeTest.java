package io.connectorkit.plugin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.testing.TestProjects;
import io.connectorkit.plugin.upgrade.AppSnapshot;
import io.connectorkit.plugin.upgrade.UpgradeComparison;
import io.connectorkit.runtime.spi.ConnectorDescription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.TreeMap;

/**
 * Upgrading the embedded app in place keeps what CREATE OR ALTER keeps on Snowflake: the state rows, the grants to
 * VIEWER and DATA_READER, the ingested rows; new columns are added. The connector's own SQL may use CREATE OR ALTER
 * SCHEMA and TABLE as on Snowflake.
 */
class LocalUpgradeTest {

    private static final String OWN_SQL_V1 = """
            CREATE OR ALTER SCHEMA SINK;
            CREATE OR ALTER TABLE SINK.ISSUES (ID BIGINT PRIMARY KEY, TITLE VARCHAR, LEGACY VARCHAR);
            GRANT SELECT ON SINK.ISSUES TO DATA_READER;
            """;

    @TempDir
    Path work;

    @Test
    void anUpgradeKeepsStateRowsGrantsAndIngestedRowsAndAddsTheNewColumn() throws Exception {
        LocalApp app = new LocalApp(work.resolve("home"), "github_connector");
        app.deploy(bundle("v1", OWN_SQL_V1), "2.1", () -> { });
        try (LocalConnection connection = app.connect()) {
            assertThat(connection.call("COMPLETE_PREREQUISITES_STEP()")).contains("\"OK\"");
            execute(connection.jdbc(), "INSERT INTO SINK.ISSUES (ID, TITLE, LEGACY) VALUES (1, 'first', 'x')");
        }
        AppSnapshot before = snapshot(app);

        app.deploy(bundle("v2", """
                CREATE OR ALTER SCHEMA SINK;
                CREATE OR ALTER TABLE SINK.ISSUES (ID BIGINT PRIMARY KEY, TITLE VARCHAR, LEGACY VARCHAR,
                  LABELS VARCHAR DEFAULT 'none');
                GRANT SELECT ON SINK.ISSUES TO DATA_READER;
                """), "2.2", () -> { });
        AppSnapshot after = snapshot(app);

        UpgradeComparison comparison = UpgradeComparison.between(before, after);
        assertThat(comparison.losses()).isEmpty();
        assertThat(before.grants()).contains("SELECT ON SINK.ISSUES TO DATA_READER",
                "SELECT ON PUBLIC.SYNC_STATUS TO VIEWER", "SELECT ON STATE.APP_STATE TO VIEWER");
        assertThat(after.tables().get("SINK.ISSUES").columns()).containsExactly("ID", "TITLE", "LEGACY", "LABELS");
        assertThat(after.tables().get("SINK.ISSUES").rows()).containsExactly(Map.of("ID", "1", "TITLE", "first",
                "LEGACY", "x", "LABELS", "none"));
        assertThat(after.tables().get("STATE.APP_STATE").rows()).singleElement().extracting(row -> row.get("VALUE"))
                .asString().contains("PREREQUISITES_DONE");
    }

    @Test
    void createOrAlterTableDropsTheColumnsItLeavesOutAsSnowflakeDoesAndTheComparisonNamesThem() throws Exception {
        LocalApp app = new LocalApp(work.resolve("home"), "github_connector");
        app.deploy(bundle("v1", OWN_SQL_V1), "2.1", () -> { });
        try (LocalConnection connection = app.connect()) {
            execute(connection.jdbc(), "INSERT INTO SINK.ISSUES (ID, TITLE, LEGACY) VALUES (1, 'first', 'x')");
        }
        AppSnapshot before = snapshot(app);

        app.deploy(bundle("v2", OWN_SQL_V1.replace(", LEGACY VARCHAR", "")), "2.2", () -> { });

        assertThat(UpgradeComparison.between(before, snapshot(app)).losses()).containsExactly(
                "SINK.ISSUES: column LEGACY dropped (its values in 1 row are gone)");
    }

    @Test
    void aKindWithoutCreateOrAlterIsRefusedWithItsLineAndTheAppKeepsRunning() throws Exception {
        LocalApp app = new LocalApp(work.resolve("home"), "github_connector");
        app.deploy(bundle("v1", OWN_SQL_V1), "2.1", () -> { });
        Path broken = bundle("v2", OWN_SQL_V1 + "CREATE OR ALTER VIEW SINK.V AS SELECT ID FROM SINK.ISSUES;\n");
        int line = Files.readString(broken.resolve("setup.sql")).split("\n", -1).length - 1;

        assertThatThrownBy(() -> app.deploy(broken, "2.2", () -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line " + line + " of " + broken.resolve("setup.sql") + ": CREATE OR ALTER VIEW "
                        + "is not emulated on the embedded target")
                .hasMessageEndingWith("; fix it and deploy again (the app converges on the next deploy)");
        assertThat(app.readMarker().orElseThrow().getProperty("version")).isEqualTo("2.1");
    }

    private static AppSnapshot snapshot(LocalApp app) throws Exception {
        try (LocalConnection connection = app.connect()) {
            return AppSnapshot.read(connection.jdbc());
        }
    }

    private static void execute(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The full project's local bundle with the connector's own SQL at its end. */
    private Path bundle(String name, String ownSql) throws Exception {
        Path bundle = work.resolve("bundles").resolve(name);
        Files.createDirectories(bundle.resolve("lib"));
        Files.writeString(bundle.resolve("setup.sql"), TestProjects.render("full").get("local/setup.sql") + "\n"
                + ownSql);
        jar(bundle.resolve("lib/github.jar"), Map.of(ConnectorDescription.RESOURCE,
                TestProjects.descriptor("full").toDescription().toJsonText(), "build.txt", name));
        return bundle;
    }

    private static void jar(Path file, Map<String, String> entries) throws Exception {
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
                jar.putNextEntry(new ZipEntry(entry.getKey()));
                jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
    }
}
