package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@MojoTest
class BundleMojoTest {

    @TempDir
    Path folder;

    private MavenProject project;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    @Test
    void bundlesTheAppWithItsJarsAndFilesAndAttachesTheZip(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJar(project);
        bundle.setLog(log);

        bundle.execute();

        Path zip = folder.resolve("target/full-connector-1.4.0-SNAPSHOT-app.zip");
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            assertThat(Collections.list(archive.entries()).stream().map(ZipEntry::getName))
                    .containsExactly(
                            "local/README.md",
                            "local/lib/connector-runtime.jar",
                            "local/lib/full-connector.jar",
                            "local/lib/http-client-3.2.jar",
                            "local/setup.sql",
                            "snowflake.yml",
                            "snowflake/README.md",
                            "snowflake/lib/connector-runtime.jar",
                            "snowflake/lib/full-connector.jar",
                            "snowflake/lib/http-client-3.2.jar",
                            "snowflake/manifest.yml",
                            "snowflake/setup.sql",
                            "snowflake/streamlit/app.py");
        }
        Artifact attached = project.getAttachedArtifacts().get(0);
        assertThat(attached.getClassifier()).isEqualTo("app");
        assertThat(attached.getType()).isEqualTo("zip");
        assertThat(attached.getFile()).isEqualTo(zip.toFile());
        assertThat(log.infos)
                .anySatisfy(
                        line -> assertThat(line)
                                .startsWith(
                                        "Bundled connector app github_connector "
                                                + "into target/full-connector-1.4.0-SNAPSHOT-app.zip; changed: snowflake/lib/connector-runtime.jar"));
    }

    @Test
    void unchangedInputsRewriteNothingAndAChangedFileIsCopiedAgain(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJar(project);
        bundle.execute();
        Path zip = folder.resolve("target/full-connector-1.4.0-SNAPSHOT-app.zip");
        FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(zip, longAgo);
        bundle.setLog(log);

        bundle.execute();

        assertThat(Files.getLastModifiedTime(zip)).isEqualTo(longAgo);
        assertThat(log.infos)
                .contains("Connector bundle target/full-connector-1.4.0-SNAPSHOT-app.zip is up to date "
                        + "(nothing changed)");

        Files.writeString(folder.resolve("src/main/connector/streamlit/app.py"), "print('v2')\n");
        Files.delete(folder.resolve("target/connector/app/snowflake/lib/http-client-3.2.jar"));
        bundle.execute();

        assertThat(Files.getLastModifiedTime(zip)).isNotEqualTo(longAgo);
        assertThat(log.infos.get(log.infos.size() - 1))
                .endsWith("changed: snowflake/lib/http-client-3.2.jar, " + "snowflake/streamlit/app.py");
    }

    @Test
    void aConnectorClassInTheWrongRoleFailsTheBundle(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJar(project);
        Path descriptor = folder.resolve("src/main/connector/connector.yaml");
        Files.writeString(
                descriptor,
                Files.readString(descriptor).replace("fixtures.GithubConnectionTester", "fixtures.NotATester"));

        assertThatThrownBy(bundle::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("The connector app cannot be bundled:")
                .hasMessageContaining("spi.connectionTester: the class io.connectorkit.plugin.fixtures.NotATester does "
                        + "not implement io.connectorkit.runtime.spi.ConnectionTester");
    }

    @Test
    void aMisspelledConnectorClassFailsTheBundleWithItsLineAndTheClassMeant(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJar(project);
        Path descriptor = folder.resolve("src/main/connector/connector.yaml");
        Files.writeString(
                descriptor,
                Files.readString(descriptor)
                        .replace("fixtures.GithubIssuesIngestion", "fixtures.GithubIssueIngestion"));
        int line = Files.readAllLines(descriptor)
                        .indexOf("  ingestion: io.connectorkit.plugin.fixtures." + "GithubIssueIngestion")
                + 1;

        assertThatThrownBy(bundle::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("The connector app cannot be bundled:\n  connector.yaml:" + line + ": spi.ingestion: the "
                        + "class io.connectorkit.plugin.fixtures.GithubIssueIngestion is not on the class path; did "
                        + "you mean io.connectorkit.plugin.fixtures.GithubIssuesIngestion? Otherwise write the fully "
                        + "qualified name of a public class with a public no-argument constructor that implements "
                        + "io.connectorkit.runtime.spi.Ingestion");
    }

    @Test
    void bundlingBeforeRenderingSaysWhichGoalIsMissing(@InjectMojo(goal = "bundle") BundleMojo bundle) {
        MavenProjects.buildConnectorJar(project);

        assertThatThrownBy(bundle::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("The connector app has not been rendered into target/connector/app; bind connector:generate"
                        + " to the build (phase generate-resources) or run it before connector:bundle");
    }

    @Test
    void bundlingBeforeTheJarIsBuiltSaysToPackage(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle)
            throws Exception {
        generate.execute();

        assertThatThrownBy(bundle::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("full-connector-1.4.0-SNAPSHOT.jar is not built yet; run the bundle goal in the "
                        + "package phase (mvn package)");
    }
}
