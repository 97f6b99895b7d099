package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** connector:plan on the embedded target, and the summary connector:deploy prints. */
@MojoTest
class PlanMojoTest {

    @TempDir
    Path folder;

    private MavenProject project;
    private final RecordingLog log = new RecordingLog();
    private final ByteArrayOutputStream standardOutput = new ByteArrayOutputStream();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    @Test
    void aFreshAppIsAllNewThenADeployedOneChangesNothingThenADescriptorChangeIsExactlyPlanned(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy,
            @InjectMojo(goal = "plan") PlanMojo plan)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJar(project);
        bundle.execute();
        plan.setLog(log);

        plan.execute();

        assertThat(log.infos)
                .first()
                .asString()
                .startsWith("Plan for connector app github_connector on the embedded " + "target: ");
        assertThat(log.infos)
                .contains(
                        "  application:",
                        "    + setup.sql — " + size("target/connector/app/local/setup.sql"),
                        "    + lib/full-connector.jar — " + size("target/connector/app/local/lib/full-connector.jar"),
                        "    + TABLE SINK.ISSUES",
                        "    + ALIAS PUBLIC.GET_CONNECTOR_STATUS",
                        "    + GRANT SELECT ON PUBLIC.INGESTION_DEFINITIONS TO VIEWER");
        assertThat(log.infos).contains("    + embedded app github_connector — created, version 2.1");
        assertThat(log.infos).noneMatch(line -> line.startsWith("    ~ ") || line.startsWith("    - "));
        assertThat(folder.resolve(".connector")).as("a plan creates nothing").doesNotExist();

        deploy.setLog(log);
        deploy.execute();
        assertThat(log.infos)
                .anySatisfy(line ->
                        assertThat(line).startsWith("Deploy summary (").endsWith(" added, 0 changed, 0 removed):"));
        log.infos.clear();
        Map<String, String> before = snapshot(folder.resolve(".connector"));
        plan.execute();
        assertThat(log.infos)
                .containsExactly(
                        "Plan for connector app github_connector on the embedded target: a " + "deploy changes nothing",
                        "(nothing changed)");
        assertThat(snapshot(folder.resolve(".connector")))
                .as("the database and files, byte for byte and by time")
                .isEqualTo(before);
        log.infos.clear();
        deploy.execute();
        assertThat(log.infos).contains("Deploy summary: (nothing changed)");

        Path sink = folder.resolve("src/main/connector/sql/sink.sql");
        Files.writeString(sink, Files.readString(sink) + "CREATE TABLE IF NOT EXISTS SINK.COMMENTS (ID BIGINT);\n");
        generate.execute();
        bundle.execute();
        log.infos.clear();
        before = snapshot(folder.resolve(".connector"));
        plan.execute();

        assertThat(log.infos)
                .containsExactly(
                        "Plan for connector app github_connector on the embedded target: 1 added, 2 changed, 0 removed",
                        "  application:",
                        "    ~ embedded app github_connector — upgraded in place; its state, configuration, resources and "
                                + "ingested rows are kept",
                        "  files:",
                        "    ~ setup.sql — " + size("target/connector/app/local/setup.sql"),
                        "  setup objects:",
                        "    + TABLE SINK.COMMENTS");
        assertThat(snapshot(folder.resolve(".connector"))).isEqualTo(before);

        log.infos.clear();
        deploy.execute();
        assertThat(log.infos)
                .containsSubsequence(
                        "Deploy summary (1 added, 2 changed, 0 removed):",
                        "  application:",
                        "  files:",
                        "    ~ setup.sql — " + size("target/connector/app/local/setup.sql"),
                        "  setup objects:",
                        "    + TABLE SINK.COMMENTS");
    }

    @Test
    void jsonGoesToStandardOutputMarkdownToTheOutputFileAndFailOnChangesFailsTheBuild(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "plan") PlanMojo plan)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJar(project);
        bundle.execute();
        plan.standardOutput = () -> new PrintStream(standardOutput, true, StandardCharsets.UTF_8);
        plan.format = "JSON";

        plan.execute();

        JsonNode json = new ObjectMapper().readTree(standardOutput.toString(StandardCharsets.UTF_8));
        assertThat(json.path("target").asText()).isEqualTo("the embedded target");
        assertThat(json.path("app").asText()).isEqualTo("github_connector");
        assertThat(json.path("changed").asBoolean()).isTrue();
        assertThat(json.path("counts").path("removed").asInt()).isZero();
        assertThat(json.path("changes").findValuesAsText("subject")).contains("setup.sql", "TABLE SINK.ISSUES");

        plan.format = "markdown";
        plan.outputFile = folder.resolve("target/plan.md").toFile();
        plan.setLog(log);
        plan.execute();
        String markdown = Files.readString(folder.resolve("target/plan.md"));
        assertThat(markdown)
                .startsWith("### Deploy plan: `github_connector` on the embedded target\n\n**")
                .contains(
                        "| change | section | what | detail |\n|---|---|---|---|\n",
                        "| added | setup objects | `TABLE SINK.ISSUES` |  |\n");
        assertThat(log.infos)
                .contains("Plan written to " + folder.resolve("target/plan.md").toAbsolutePath());

        plan.failOnChanges = true;
        plan.outputFile = null;
        plan.format = "text";
        assertThatThrownBy(plan::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith(
                        "A deploy would change the connector app github_connector on the embedded target (")
                .hasMessageEndingWith("listed by connector:plan); deploy the bundle with mvn connector:deploy, or drop "
                        + "-Dconnector.failOnChanges=true");
    }

    @Test
    void anAppDeployedBeforeTheKitKeptACopySaysItsScriptIsUnknownAndTheNextDeployKeepsOne(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy,
            @InjectMojo(goal = "plan") PlanMojo plan)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJar(project);
        bundle.execute();
        deploy.execute();
        Path copy = folder.resolve(".connector/local/github_connector/deployed-setup.sql");
        assertThat(copy).hasSameBinaryContentAs(folder.resolve("target/connector/app/local/setup.sql"));
        Files.delete(copy);
        plan.setLog(log);

        plan.execute();
        assertThat(log.infos)
                .as("the deploy's fingerprint still proves the bundle is deployed")
                .contains("(nothing changed)");

        Path sink = folder.resolve("src/main/connector/sql/sink.sql");
        Files.writeString(sink, Files.readString(sink) + "CREATE TABLE IF NOT EXISTS SINK.COMMENTS (ID BIGINT);\n");
        generate.execute();
        bundle.execute();
        log.infos.clear();
        plan.execute();

        assertThat(log.infos)
                .containsExactly(
                        "Plan for connector app github_connector on the embedded target: 0 added, 2 changed, 0 removed",
                        "  application:",
                        "    ~ embedded app github_connector — upgraded in place; its state, configuration, resources and "
                                + "ingested rows are kept",
                        "  files:",
                        "    ~ setup.sql — " + size("target/connector/app/local/setup.sql"),
                        "  Note: deployed setup script unknown (deployed before the kit kept a copy): its objects and grants "
                                + "are not compared; the next deploy keeps a copy");
        deploy.execute();
        assertThat(copy).hasSameBinaryContentAs(folder.resolve("target/connector/app/local/setup.sql"));
    }

    @Test
    void badInputIsNamedAndNothingIsRead(@InjectMojo(goal = "plan") PlanMojo plan) {
        plan.format = "yaml";
        assertThatThrownBy(plan::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("connector.format "
                        + "'yaml' is not a format of connector:plan; use text (the default), json or markdown");

        plan.format = "text";
        assertThatThrownBy(plan::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("There is no bundle to "
                        + "plan in target/connector/app; build it first: mvn package connector:plan");

        plan.target = "azure";
        assertThatThrownBy(plan::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("connector.target 'azure' is not a target");
    }

    private String size(String file) throws Exception {
        return Files.size(folder.resolve(file)) + " bytes";
    }

    /** Every file under the folder with its content's digest and its modification time. */
    static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path));
                files.put(
                        root.relativize(path).toString(),
                        HexFormat.of().formatHex(digest) + " "
                                + Files.getLastModifiedTime(path).toMillis());
            }
        }
        return files;
    }
}
