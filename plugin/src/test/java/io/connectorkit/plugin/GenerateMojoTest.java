package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import io.connectorkit.runtime.spi.ConnectorDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;

@MojoTest
class GenerateMojoTest {

    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path folder;

    private MavenProject project;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() {
        project = MavenProjects.copy("full", folder);
        return project;
    }

    @Test
    @InjectMojo(goal = "generate")
    void rendersTheAppAndTheConnectorDescription(GenerateMojo mojo) throws Exception {
        mojo.setLog(log);

        mojo.execute();

        Path app = folder.resolve("target/connector/app");
        assertThat(app.resolve("snowflake/setup.sql")).content().contains(
                "IMPORTS = ('/lib/connector-runtime.jar', '/lib/full-connector.jar', '/lib/http-client-3.2.jar')");
        assertThat(app.resolve("snowflake/manifest.yml")).content().contains("name: \"2.1\"");
        assertThat(app.resolve("local/setup.sql")).exists();
        assertThat(app.resolve("snowflake.yml")).exists();
        Path description = folder.resolve("target/generated-resources/connector/" + ConnectorDescription.RESOURCE);
        assertThat(ConnectorDescription.fromJsonText(Files.readString(description)).connectionFields())
                .extracting(ConnectorDescription.Field::name).containsExactly("base_url", "api_token", "organization");
        assertThat(project.getResources()).extracting(resource -> resource.getDirectory())
                .contains(folder.resolve("target/generated-resources/connector").toString());
        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith(
                "Rendered connector app github_connector 2.1 into target/connector/app; changed: snowflake/setup.sql"));
    }

    @Test
    @InjectMojo(goal = "generate")
    void unchangedInputsRewriteNothingAndTheLogSaysSo(GenerateMojo mojo) throws Exception {
        mojo.execute();
        Map<Path, FileTime> before = ageEveryFile(folder.resolve("target"));
        mojo.setLog(log);

        mojo.execute();

        assertThat(timesOf(folder.resolve("target"))).isEqualTo(before);
        assertThat(log.infos).contains("Connector app github_connector is up to date in target/connector/app "
                + "(nothing changed)");
    }

    @Test
    @InjectMojo(goal = "generate")
    void aChangedDescriptorRendersAgainAndRewritesOnlyWhatChanged(GenerateMojo mojo) throws Exception {
        mojo.execute();
        ageEveryFile(folder.resolve("target"));
        Path descriptor = folder.resolve("src/main/connector/connector.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replace("Run the ingestion tasks",
                "Run the scheduled ingestion"));
        mojo.setLog(log);

        mojo.execute();

        assertThat(log.infos).anySatisfy(line -> assertThat(line).endsWith("changed: snowflake/manifest.yml, snowflake/README.md"));
        assertThat(Files.getLastModifiedTime(folder.resolve("target/connector/app/snowflake/setup.sql")))
                .isEqualTo(LONG_AGO);
        assertThat(folder.resolve("target/connector/app/snowflake/manifest.yml")).content()
                .contains("Run the scheduled ingestion");
    }

    @Test
    @InjectMojo(goal = "generate")
    void aMalformedDescriptorFailsTheBuildWithWhereAndWhat(GenerateMojo mojo) throws Exception {
        Path descriptor = folder.resolve("src/main/connector/connector.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replace("type: url", "type: link"));

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("src/main/connector/connector.yaml:31: configuration.connection[0].type: 'link' is not a "
                        + "field type; use one of string, identifier, integer, boolean, url, cron, secret, object, "
                        + "choice");
        assertThat(folder.resolve("target/connector")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "generate")
    void aTemplateOverrideReplacesTheBundledOne(GenerateMojo mojo) throws Exception {
        Path override = folder.resolve("src/main/connector/templates/snowflake/README.md.ftl");
        Files.createDirectories(override.getParent());
        Files.writeString(override, "# ${app.label.text}, with our own README\n");

        mojo.execute();

        assertThat(folder.resolve("target/connector/app/snowflake/README.md")).content()
                .isEqualTo("# GitHub issues connector, with our own README\n");
    }

    @Test
    @InjectMojo(goal = "generate")
    void anOverrideThatGrantsViewerAStateChangingProcedureFailsTheChecks(GenerateMojo mojo) throws Exception {
        Path override = folder.resolve("src/main/connector/templates/snowflake/setup.sql.ftl");
        Files.createDirectories(override.getParent());
        String bundled = new String(getClass().getResourceAsStream("/io/connectorkit/templates/snowflake/setup.sql.ftl")
                .readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(override, bundled + "\nGRANT USAGE ON PROCEDURE PUBLIC.PAUSE_CONNECTOR() TO APPLICATION ROLE"
                + " VIEWER;\nCREATE TABLE STATE.AUDIT (ID INT);\n");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("The connector app in target/connector/app would fail once installed:")
                .hasMessageContaining("snowflake/setup.sql:")
                .hasMessageContaining("'CREATE TABLE STATE.AUDIT (ID INT)' fails when the setup script runs again")
                .hasMessageContaining("PAUSE_CONNECTOR changes the connector's state, so VIEWER must not get it");
    }

    @Test
    @InjectMojo(goal = "generate")
    void aConnectorClassWithNeitherClassNorSourceFailsAtOnce(GenerateMojo mojo) throws Exception {
        Path descriptor = folder.resolve("src/main/connector/connector.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replace("fixtures.GithubFinalizer",
                "fixtures.GithubFinaliser"));

        // Generate runs before compile: the class meant is known from its source.
        Path source = folder.resolve("src/main/java/io/connectorkit/plugin/fixtures/GithubFinalizer.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package io.connectorkit.plugin.fixtures;\n");
        int line = Files.readAllLines(descriptor).indexOf("  finalizeCallback: "
                + "io.connectorkit.plugin.fixtures.GithubFinaliser") + 1;

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("\n  connector.yaml:" + line + ": spi.finalizeCallback: the class "
                        + "io.connectorkit.plugin.fixtures.GithubFinaliser is not on the class path; did you mean "
                        + "io.connectorkit.plugin.fixtures.GithubFinalizer? Otherwise write the fully qualified name");
    }

    @Test
    @InjectMojo(goal = "generate")
    void aConnectorClassNotCompiledYetIsLeftToTheBundleGoal(GenerateMojo mojo) throws Exception {
        Path descriptor = folder.resolve("src/main/connector/connector.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replace(
                "io.connectorkit.plugin.fixtures.GithubFinalizer", "com.example.NewFinalizer"));
        Path source = folder.resolve("src/main/java/com/example/NewFinalizer.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package com.example; public class NewFinalizer {}");

        mojo.execute();

        assertThat(folder.resolve("target/connector/app/snowflake/setup.sql")).exists();
    }

    @Test
    @InjectMojo(goal = "generate")
    void aProjectWithoutTheRuntimeIsToldToAddIt(GenerateMojo mojo) {
        project.setArtifacts(new HashSet<>());

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("The project does not depend on io.connectorkit:connector-runtime, which every connector "
                        + "app imports; add it to the pom's dependencies (scope provided: the app imports it on its "
                        + "own)");
    }

    @Test
    @InjectMojo(goal = "generate")
    void skipDoesNothing(GenerateMojo mojo) throws Exception {
        mojo.skip = true;

        mojo.execute();

        assertThat(folder.resolve("target/connector")).doesNotExist();
    }

    private static Map<Path, FileTime> ageEveryFile(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, LONG_AGO);
            }
        }
        return timesOf(root);
    }

    private static Map<Path, FileTime> timesOf(Path root) throws Exception {
        Map<Path, FileTime> times = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                times.put(file, Files.getLastModifiedTime(file));
            }
        }
        return times;
    }
}
