package io.connectorkit.plugin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.testing.TestProjects;
import io.connectorkit.runtime.spi.ConnectorDescription;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.TreeMap;

/** Deploying to the embedded target: install, no-op, upgrade in place, serialized, and safe against kill -9. */
class LocalAppTest {

    @TempDir
    Path work;

    @Test
    void deploysRedeploysAsANoOpAndUpgradesInPlaceKeepingState() throws Exception {
        Path bundle = bundle("full", "v1");
        LocalApp app = new LocalApp(work.resolve("home"), "github_connector");

        LocalApp.Deployment first = app.deploy(bundle, "2.1", () -> { });

        assertThat(first.upToDate()).isFalse();
        assertThat(first.status()).contains("{\"response_code\":\"OK\",\"status\":\"CONFIGURING\","
                + "\"configurationStatus\":\"INSTALLED\"}");
        assertThat(first.jdbcUrl()).isEqualTo("jdbc:h2:file:" + work.resolve("home/github_connector/github_connector")
                + ";AUTO_SERVER=TRUE");
        assertThat(first.libraries().written()).containsExactly("lib/connector-runtime.jar", "lib/github.jar");
        assertThat(app.readMarker().orElseThrow().getProperty("version")).isEqualTo("2.1");
        String status = call(app, "COMPLETE_PREREQUISITES_STEP()");
        assertThat(status).contains("\"OK\"");
        assertThat(call(app, "CONFIGURE_CONNECTOR('{\"page_size\": \"many\"}')"))
                .as("the deployed connector's declared fields are enforced").contains("INVALID_CONFIGURATION_VALUE");

        LocalApp.Deployment again = app.deploy(bundle, "2.1", () -> { });
        assertThat(again.upToDate()).isTrue();
        assertThat(again.status()).as("an unchanged bundle leaves the app unopened").isEmpty();

        Path upgrade = bundle("full", "v2");
        Files.writeString(upgrade.resolve("setup.sql"), Files.readString(upgrade.resolve("setup.sql"))
                + "\nCREATE TABLE IF NOT EXISTS SINK.COMMENTS (ID BIGINT);\n");
        LocalApp.Deployment upgraded = app.deploy(upgrade, "2.2", () -> { });

        assertThat(upgraded.upToDate()).isFalse();
        assertThat(call(app, "GET_CONNECTOR_STATUS()")).contains("\"configurationStatus\":\"PREREQUISITES_DONE\"");
        assertThat(rows(app, "SELECT COUNT(*) FROM SINK.COMMENTS")).containsExactly("0");
    }

    @Test
    void concurrentDeploysAreSerializedAndAllSucceed() throws Exception {
        Path bundleA = bundle("full", "a");
        Path bundleB = bundle("full", "b");
        Files.writeString(bundleB.resolve("setup.sql"), Files.readString(bundleB.resolve("setup.sql"))
                + "\nCREATE TABLE IF NOT EXISTS SINK.B (ID INT);\n");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LocalApp.Deployment>> deploys = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Path bundle = i % 2 == 0 ? bundleA : bundleB;
                deploys.add(pool.submit(() -> new LocalApp(work.resolve("home"), "github_connector")
                        .deploy(bundle, "2.1", () -> { })));
            }
            for (Future<LocalApp.Deployment> deploy : deploys) {
                assertThat(deploy.get(120, TimeUnit.SECONDS).jdbcUrl()).contains("github_connector");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(new LocalApp(work.resolve("home"), "github_connector"),
                "SELECT COUNT(*) FROM STATE.APP_STATE")).containsExactly("1");
    }

    @Test
    void aDeployKilledAtAnyPointIsCompletedByTheNextOne() throws Exception {
        Path home = work.resolve("home");
        LocalApp app = new LocalApp(home, "github_connector");
        app.deploy(bundle("full", "seed"), "2.1", () -> { });
        assertThat(call(app, "COMPLETE_PREREQUISITES_STEP()")).contains("\"OK\"");
        Path bundleA = bundle("full", "a");
        Path bundleB = bundle("full", "b");
        Files.writeString(bundleB.resolve("setup.sql"), Files.readString(bundleB.resolve("setup.sql"))
                + "\nCREATE TABLE IF NOT EXISTS SINK.B (ID INT);\n");

        for (int killAfter = 1; killAfter <= 5; killAfter++) {
            Process deploying = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    DeployForever.class.getName(), home.toString(), bundleA.toString(), bundleB.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader output = new BufferedReader(new InputStreamReader(deploying.getInputStream(),
                    StandardCharsets.UTF_8))) {
                int started = 0;
                String line;
                while (started < killAfter && (line = output.readLine()) != null) {
                    if (line.startsWith("deploying")) {
                        started++;
                    }
                }
                deploying.destroyForcibly();
                assertThat(deploying.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            LocalApp.Deployment recovered = app.deploy(killAfter % 2 == 0 ? bundleA : bundleB, "2.1", () -> { });

            assertThat(recovered.jdbcUrl()).isNotEmpty();
            assertThat(call(app, "GET_CONNECTOR_STATUS()")).as("after kill %d", killAfter)
                    .contains("\"configurationStatus\":\"PREREQUISITES_DONE\"");
        }
    }

    @Test
    void undeployDeletesTheAppButRefusesAFolderTheKitDidNotMake() throws Exception {
        LocalApp app = new LocalApp(work.resolve("home"), "github_connector");
        app.deploy(bundle("full", "v1"), "2.1", () -> { });

        app.undeploy(() -> { });

        assertThat(app.folder()).doesNotExist();
        Files.createDirectories(work.resolve("home/notes"));
        assertThatThrownBy(() -> new LocalApp(work.resolve("home"), "notes").undeploy(() -> { }))
                .hasMessageContaining("was not created by Connector Kit (it has no deployment.properties), so it is "
                        + "left alone");
    }

    /** A local bundle as connector:bundle leaves it: the rendered script and the jars. */
    private Path bundle(String project, String name) throws Exception {
        Map<String, String> rendered = TestProjects.render(project);
        Path bundle = work.resolve("bundles").resolve(name);
        Files.createDirectories(bundle.resolve("lib"));
        Files.writeString(bundle.resolve("setup.sql"), rendered.get("local/setup.sql"));
        jar(bundle.resolve("lib/connector-runtime.jar"), Map.of("io/connectorkit/runtime.txt", "runtime"));
        jar(bundle.resolve("lib/github.jar"), Map.of(ConnectorDescription.RESOURCE,
                TestProjects.descriptor(project).toDescription().toJsonText(), "build.txt", name));
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

    private static String call(LocalApp app, String procedure) throws Exception {
        try (LocalConnection connection = app.connect()) {
            return connection.call(procedure);
        }
    }

    private static List<String> rows(LocalApp app, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(app.jdbcUrl());
                Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Deploys two bundles in turn until killed, saying when each deploy starts. */
    public static final class DeployForever {
        public static void main(String[] args) {
            LocalApp app = new LocalApp(Path.of(args[0]), "github_connector");
            for (int i = 0; ; i++) {
                System.out.println("deploying " + i);
                System.out.flush();
                app.deploy(Path.of(args[1 + i % 2]), "2.1", () -> { });
            }
        }
    }
}
