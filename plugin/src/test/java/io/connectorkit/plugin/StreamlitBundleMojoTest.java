package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.testing.MavenProjects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.connectorkit.plugin.testing.RecordingLog;

/**
 * The generated Streamlit app in the bundle: the full project with its own UI switched back to the generated one,
 * whose src/main/connector/streamlit files are then added to the generated app or replace its files.
 */
@MojoTest
class StreamlitBundleMojoTest {

    @TempDir
    Path folder;

    private MavenProject project;
    private Path streamlit;

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    @BeforeEach
    void useTheGeneratedApp() throws Exception {
        Path descriptor = folder.resolve("src/main/connector/connector.yaml");
        String text = Files.readString(descriptor);
        text = text.substring(0, text.indexOf("\nui:")) + "\n";
        text = text.replace("  defaultStreamlit: STREAMLIT.GITHUB_UI\n", "")
                .replace("  snowflake:\n    - src/main/connector/sql/streamlit.sql\n", "");
        Files.writeString(descriptor, text);
        streamlit = folder.resolve("src/main/connector/streamlit");
    }

    @Test
    void theBundleHoldsTheGeneratedAppItsModelAndTheManifestsDefaultStreamlit(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJar(project);

        bundle.execute();

        try (ZipFile zip = new ZipFile(folder.resolve("target/full-connector-1.4.0-SNAPSHOT-app.zip").toFile())) {
            List<String> entries = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(entries.stream().filter(entry -> entry.startsWith("snowflake/streamlit/"))).containsExactly(
                    "snowflake/streamlit/app.py", "snowflake/streamlit/connector_model.json",
                    "snowflake/streamlit/connector_ui/__init__.py", "snowflake/streamlit/connector_ui/app.py",
                    "snowflake/streamlit/connector_ui/client.py", "snowflake/streamlit/connector_ui/context.py",
                    "snowflake/streamlit/connector_ui/daily.py", "snowflake/streamlit/connector_ui/fields.py",
                    "snowflake/streamlit/connector_ui/model.py", "snowflake/streamlit/connector_ui/pages.py",
                    "snowflake/streamlit/connector_ui/wizard.py", "snowflake/streamlit/environment.yml",
                    "snowflake/streamlit/streamlit_app.py");
            assertThat(text(zip, "snowflake/streamlit/connector_model.json"))
                    .contains("\"name\" : \"github_connector\"", "\"reference\" : \"API_TOKEN_SECRET\"");
            assertThat(text(zip, "snowflake/manifest.yml")).contains("  default_streamlit: \"UI.CONNECTOR\"\n");
            assertThat(text(zip, "snowflake/setup.sql")).contains("CREATE OR REPLACE STREAMLIT UI.CONNECTOR FROM "
                    + "'/streamlit' MAIN_FILE = 'streamlit_app.py' TITLE = 'GitHub issues connector';\n"
                    + "GRANT USAGE ON STREAMLIT UI.CONNECTOR TO APPLICATION ROLE ADMIN;\n"
                    + "GRANT USAGE ON STREAMLIT UI.CONNECTOR TO APPLICATION ROLE VIEWER;");
        }
    }

    @Test
    void theConnectorsFilesReplaceGeneratedOnesOfTheSamePathAndAddPages(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle)
            throws Exception {
        Files.createDirectories(streamlit.resolve("connector_ui"));
        Files.writeString(streamlit.resolve("connector_ui/daily.py"), "PAGES = []  # the connector's own\n");
        Files.createDirectories(streamlit.resolve("connector_pages"));
        Files.writeString(streamlit.resolve("connector_pages/repositories.py"), "PAGES = []\n");
        generate.execute();
        MavenProjects.buildConnectorJar(project);

        bundle.execute();

        Path app = folder.resolve("target/connector/app/snowflake/streamlit");
        assertThat(Files.readString(app.resolve("connector_ui/daily.py"))).isEqualTo("PAGES = []  # the connector's own\n");
        assertThat(app.resolve("connector_pages/repositories.py")).hasContent("PAGES = []");
        assertThat(Files.readString(app.resolve("connector_ui/wizard.py"))).contains("def connector_configuration");

        Files.delete(streamlit.resolve("connector_ui/daily.py"));
        bundle.execute();

        assertThat(Files.readString(app.resolve("connector_ui/daily.py"))).contains("def settings_page");
    }

    @Test
    void aConnectorFolderInsideTheAppsFolderIsMergedSoRebuildingChangesNothing(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle)
            throws Exception {
        Path pages = folder.resolve("src/main/connector/pages");
        Files.createDirectories(pages);
        Files.writeString(pages.resolve("repositories.py"), "PAGES = []\n");
        Path descriptor = folder.resolve("src/main/connector/connector.yaml");
        Files.writeString(descriptor, Files.readString(descriptor)
                + "  - source: src/main/connector/pages\n    target: streamlit/connector_pages\n");
        generate.execute();
        MavenProjects.buildConnectorJar(project);
        bundle.execute();
        var log = new RecordingLog();
        bundle.setLog(log);

        bundle.execute();

        assertThat(folder.resolve("target/connector/app/snowflake/streamlit/connector_pages/repositories.py"))
                .exists();
        assertThat(log.infos).contains("Connector bundle target/full-connector-1.4.0-SNAPSHOT-app.zip is up to date "
                + "(nothing changed)");
    }

    private static String text(ZipFile zip, String entry) throws Exception {
        return new String(zip.getInputStream(zip.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
    }
}
