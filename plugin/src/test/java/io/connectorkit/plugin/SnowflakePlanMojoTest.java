package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.FakeAccount;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedStatement;
import io.connectorkit.fake.snowflake.Reply;
import io.connectorkit.plugin.testing.FakeSnowflakeHome;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** connector:plan with -Dconnector.target=snowflake against the fake endpoint, and the summary deploy prints. */
@MojoTest
class SnowflakePlanMojoTest {

    private static final String STAGE = "\"GITHUB_CONNECTOR_PKG\".APP_SRC.STAGE";

    @TempDir
    Path folder;

    @TempDir
    Path userHome;

    private MavenProject project;
    private FakeSnowflake snowflake;
    private FakeSnowflakeHome fakeHome;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    @BeforeEach
    void connectionsToml() throws Exception {
        snowflake = FakeSnowflake.start();
        fakeHome = FakeSnowflakeHome.pointAt(snowflake, userHome, "deployer");
    }

    @AfterEach
    void restore() {
        fakeHome.close();
        snowflake.close();
    }

    @Test
    void aFreshAppIsAllNewThenADeployedOneChangesNothingThenADescriptorChangeIsExactlyPlanned(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy,
            @InjectMojo(goal = "plan") PlanMojo plan)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        new FakeAccount(snowflake);
        onSnowflake(deploy);
        onSnowflake(plan);

        plan.execute();

        long fresh = count();
        assertThat(log.infos)
                .contains(
                        "Plan for connector app GITHUB_CONNECTOR on Snowflake: " + fresh + " added, 0 "
                                + "changed, 0 removed",
                        "    + application package GITHUB_CONNECTOR_PKG — created, with its stage "
                                + "@GITHUB_CONNECTOR_PKG.APP_SRC.STAGE",
                        "    + application GITHUB_CONNECTOR — created from application "
                                + "package GITHUB_CONNECTOR_PKG",
                        "    + setup.sql — " + size("setup.sql"),
                        "    + streamlit/app.py — " + size("streamlit/app.py"),
                        "    + STREAMLIT STREAMLIT.GITHUB_UI",
                        "    + GRANT USAGE ON STREAMLIT STREAMLIT.GITHUB_UI TO APPLICATION ROLE ADMIN",
                        "    + CALL PUBLIC.SETUP_EXTERNAL_ACCESS — CALL PUBLIC.SETUP_EXTERNAL_ACCESS()",
                        "    + CREATE DATABASE",
                        "    + GITHUB_EAI",
                        "    + manifest_version — 1");
        assertThat(sentSince(0)).containsExactly("SHOW APPLICATION PACKAGES", "SHOW APPLICATIONS");

        deploy.execute();
        assertThat(log.infos).contains("Deploy summary (" + fresh + " added, 0 changed, 0 removed):");
        assertThat(folder.resolve(".connector/snowflake/fake/GITHUB_CONNECTOR.files/setup.sql"))
                .hasSameBinaryContentAs(bundled("setup.sql"));
        assertThat(folder.resolve(".connector/snowflake/fake/GITHUB_CONNECTOR.files/manifest.yml"))
                .hasSameBinaryContentAs(bundled("manifest.yml"));
        Map<String, byte[]> stage = snowflake.stageFiles(STAGE);
        int sent = snowflake.applicationStatements().size();
        log.infos.clear();

        plan.execute();

        assertThat(log.infos)
                .containsExactly(
                        "Connecting to " + log.infos.get(0).substring("Connecting to ".length()),
                        "Plan for connector app GITHUB_CONNECTOR on Snowflake: a deploy changes nothing",
                        "(nothing changed)");
        assertThat(sentSince(sent))
                .containsExactly("SHOW APPLICATION PACKAGES", "SHOW APPLICATIONS", "LIST '@" + STAGE + "'");
        assertThat(snowflake.stageFiles(STAGE)).containsOnlyKeys(stage.keySet());
        log.infos.clear();
        deploy.execute();
        assertThat(log.infos).contains("Deploy summary: (nothing changed)");

        Path streamlitSql = folder.resolve("src/main/connector/sql/streamlit.sql");
        Files.writeString(
                streamlitSql,
                Files.readString(streamlitSql)
                        + "GRANT USAGE ON STREAMLIT STREAMLIT.GITHUB_UI TO APPLICATION ROLE VIEWER;\n");
        Path descriptor = folder.resolve("src/main/connector/connector.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replace("""
                    - name: CREATE DATABASE
                      description: Create the database that receives the issues
                """, ""));
        generate.execute();
        bundle.execute();
        sent = snowflake.applicationStatements().size();
        log.infos.clear();

        plan.execute();

        assertThat(log.infos.subList(1, log.infos.size()))
                .containsExactly(
                        "Plan for connector app GITHUB_CONNECTOR on Snowflake: 1 added, 4 changed, 1 removed",
                        "  application:",
                        "    ~ application GITHUB_CONNECTOR — upgraded (from the stage in development mode, or from the version "
                                + "or patch connector:deploy adds); its state, configuration, resources and ingested rows are "
                                + "kept",
                        "  files:",
                        "    ~ README.md — " + size("README.md"),
                        "    ~ manifest.yml — " + size("manifest.yml"),
                        "    ~ setup.sql — " + size("setup.sql"),
                        "  grants:",
                        "    + GRANT USAGE ON STREAMLIT STREAMLIT.GITHUB_UI TO APPLICATION ROLE VIEWER",
                        "  manifest privileges:",
                        "    - CREATE DATABASE");
        assertThat(sentSince(sent))
                .containsExactly("SHOW APPLICATION PACKAGES", "SHOW APPLICATIONS", "LIST '@" + STAGE + "'");
        assertThat(snowflake.stageFiles(STAGE).get("setup.sql")).isEqualTo(stage.get("setup.sql"));

        plan.format = "markdown";
        plan.outputFile = folder.resolve("target/plan.md").toFile();
        plan.execute();
        assertThat(Files.readString(folder.resolve("target/plan.md")))
                .startsWith("### Deploy plan: `GITHUB_CONNECTOR` on Snowflake\n\n**1 added, 4 changed, 1 removed**\n\n")
                .contains(
                        "| changed | files | `setup.sql` | " + size("setup.sql") + " |\n",
                        "| added | grants | `GRANT USAGE ON STREAMLIT STREAMLIT.GITHUB_UI TO APPLICATION ROLE VIEWER` |  |\n",
                        "| removed | manifest privileges | `CREATE DATABASE` |  |\n");
    }

    @Test
    void aStageChangedFromElsewhereMakesTheKeptCopyUntrusted(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy,
            @InjectMojo(goal = "plan") PlanMojo plan)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        new FakeAccount(snowflake);
        onSnowflake(deploy);
        onSnowflake(plan);
        deploy.execute();
        snowflake.addStageFile(
                STAGE,
                "setup.sql",
                (Files.readString(bundled("setup.sql")) + "\nCREATE SCHEMA IF NOT EXISTS ELSEWHERE;\n")
                        .getBytes(StandardCharsets.UTF_8));
        snowflake.addStageFile(STAGE, "extra/notes.txt", "left by hand".getBytes(StandardCharsets.UTF_8));
        log.infos.clear();

        plan.execute();

        assertThat(log.infos.subList(1, log.infos.size()))
                .containsExactly(
                        "Plan for connector app GITHUB_CONNECTOR on Snowflake: 0 added, 2 changed, 1 removed",
                        "  application:",
                        "    ~ application GITHUB_CONNECTOR — upgraded (from the stage in development mode, or from the version "
                                + "or patch connector:deploy adds); its state, configuration, resources and ingested rows are "
                                + "kept",
                        "  files:",
                        "    ~ setup.sql — " + size("setup.sql"),
                        "    - extra/notes.txt",
                        "  Note: deployed setup script unknown: the stage's setup.sql is not the copy this project kept "
                                + "(deployed from elsewhere?), so its objects and grants are not compared");
    }

    @Test
    void aPackageWithoutItsStageHasEverythingAddedAndOneTheKitDidNotMakeIsNamed(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "plan") PlanMojo plan)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        FakeAccount account = new FakeAccount(snowflake);
        account.packages.put("GITHUB_CONNECTOR_PKG", "made by hand");
        // What Snowflake answers for a stage the package does not have (yet):
        // https://docs.snowflake.com/en/sql-reference/sql/list
        snowflake.on(
                sql -> sql.startsWith("LIST "),
                Reply.error(
                        2003,
                        "02000",
                        "SQL compilation error:\nStage "
                                + "'GITHUB_CONNECTOR_PKG.APP_SRC.STAGE' does not exist or not authorized."));
        onSnowflake(plan);

        plan.execute();

        assertThat(log.infos)
                .noneMatch(line -> line.contains("application package GITHUB_CONNECTOR_PKG — created"))
                .contains(
                        "    + application GITHUB_CONNECTOR — created from application package GITHUB_CONNECTOR_PKG",
                        "    + setup.sql — " + size("setup.sql"),
                        "  Note: application package GITHUB_CONNECTOR_PKG exists but was not created by Connector Kit "
                                + "(its comment lacks GENERATED_BY_CONNECTOR_KIT): connector:deploy refuses it unless "
                                + "-Dconnector.force=true");
        assertThat(sentSince(0))
                .containsExactly("SHOW APPLICATION PACKAGES", "SHOW APPLICATIONS", "LIST '@" + STAGE + "'");
    }

    @Test
    void aNameSnowflakeWouldRefuseIsNamedAndNothingIsSent(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "plan") PlanMojo plan)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        onSnowflake(plan);
        plan.appName = "github connector";

        assertThatThrownBy(plan::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith(
                        "'github connector' (connector.appName or connector.packageName) is not a Snowflake name: ")
                .hasMessageEndingWith("; nothing was sent to Snowflake");
        assertThat(snowflake.logins()).isEmpty();
    }

    private void onSnowflake(AppMojo mojo) {
        mojo.target = "snowflake";
        mojo.connection = "fake";
        mojo.setLog(log);
    }

    /** The statements the goals sent after the first {@code from}, the driver's own left out. */
    private List<String> sentSince(int from) {
        List<RecordedStatement> statements = snowflake.applicationStatements();
        return statements.subList(from, statements.size()).stream()
                .map(RecordedStatement::sql)
                .toList();
    }

    private Path bundled(String file) {
        return folder.resolve("target/connector/app/snowflake").resolve(file);
    }

    private String size(String file) throws Exception {
        return Files.size(bundled(file)) + " bytes";
    }

    /** How many changes a fresh deploy plans: every line of the plan under a section. */
    private long count() {
        return log.infos.stream().filter(line -> line.startsWith("    + ")).count();
    }
}
