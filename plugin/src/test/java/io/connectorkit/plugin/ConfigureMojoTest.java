package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.local.LocalConnection;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.connectorkit.plugin.app.AppRole;

/**
 * connector:configure and the daily-use goals end to end on the embedded target, with the full descriptor's
 * connector (GitHub): its connection tester refuses the token "bad", its finalizer writes to the local sink.
 */
@MojoTest
class ConfigureMojoTest {

    static final String TOKEN = "ghp_e2e_SECRET_value_0042";

    static final String CONFIGURATION = """
            prerequisites: all
            connector:
              warehouse: CONNECTOR_WH
              destination_database: GITHUB_DATA
              destination_schema: ISSUES
              page_size: 25
            connection:
              base_url: https://api.github.com
              api_token: ${github.token}
            finalize: {}
            """;

    @TempDir
    Path folder;

    private MavenProject project;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    @BeforeEach
    void deploy(@InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy) throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        deploy.execute();
        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), CONFIGURATION);
        project.getProperties().setProperty("github.token", TOKEN);
    }

    @Test
    void configuresAFreshAppThenDoesNothingOnTheSecondRun(@InjectMojo(goal = "configure") ConfigureMojo configure)
            throws Exception {
        configure.setLog(log);

        configure.execute();

        assertThat(log.infos).containsSubsequence(
                "embedded app github_connector is CONFIGURING (configuration INSTALLED); running prerequisites, "
                        + "connector, connection, finalize",
                "[prerequisites] MARK_ALL_PREREQUISITES_AS_DONE: OK (All prerequisites have been marked as done.)",
                "[prerequisites] COMPLETE_PREREQUISITES_STEP: OK (Prerequisites step completed successfully.)",
                "[connector] CONFIGURE_CONNECTOR: OK (Connector successfully configured.)",
                "[connection] SET_CONNECTION_CONFIGURATION: OK (Connected to https://api.github.com)",
                "[finalize] FINALIZE_CONNECTOR_CONFIGURATION: OK (Sink ready.)",
                "embedded app github_connector is now STARTED (configuration FINALIZED)");
        String stateAfterFirstRun = state();

        log.infos.clear();
        configure.execute();

        assertThat(log.infos).containsExactly("embedded app github_connector is configured already (STARTED "
                + "(configuration FINALIZED)) and its connector configuration matches configuration.yaml: nothing to"
                + " do");
        assertThat(state()).isEqualTo(stateAfterFirstRun);
    }

    @Test
    void theEmbeddedTargetHasNoAccountObjectsToBindAndSaysSo(@InjectMojo(goal = "configure") ConfigureMojo configure)
            throws Exception {
        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), CONFIGURATION
                + "references:\n  GITHUB_EAI: GITHUB_ACCESS\n");
        configure.setLog(log);

        configure.execute();

        assertThat(log.infos).containsSubsequence(
                "embedded app github_connector is CONFIGURING (configuration INSTALLED); running prerequisites, "
                        + "connector, connection, finalize",
                "The references section names Snowflake objects; embedded app github_connector has none to bind",
                "[prerequisites] MARK_ALL_PREREQUISITES_AS_DONE: OK (All prerequisites have been marked as done.)");
        assertThat(connectorStatus()).contains("\"status\":\"STARTED\"");
    }

    @Test
    void aFailingConnectionTestFailsTheBuildAndTheNextRunResumesThere(
            @InjectMojo(goal = "configure") ConfigureMojo configure) throws Exception {
        project.getProperties().setProperty("github.token", "bad");
        configure.setLog(log);

        assertThatThrownBy(configure::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("SET_CONNECTION_CONFIGURATION answered TEST_CONNECTION_FAILED: GitHub refused the token "
                        + "(401).\n  What to do: fix the connection section of the configuration file, or the source "
                        + "it points at, and run mvn connector:configure again: it resumes at this step (nothing was "
                        + "saved)");
        assertThat(connectorStatus()).contains("\"status\":\"CONFIGURING\"", "\"configurationStatus\":\"CONFIGURED\"");

        project.getProperties().setProperty("github.token", TOKEN);
        log.infos.clear();
        configure.execute();

        assertThat(log.infos).first().isEqualTo("embedded app github_connector is CONFIGURING (configuration "
                + "CONFIGURED); running connection, finalize");
        assertThat(connectorStatus()).contains("\"status\":\"STARTED\"", "\"configurationStatus\":\"FINALIZED\"");
    }

    @Test
    void runsOneStepAtATimeAndResetsAnUnfinishedWizard(@InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "reset") ResetMojo reset) throws Exception {
        configure.step = "prerequisites";
        configure.execute();
        configure.step = "connector";
        configure.execute();
        assertThat(connectorStatus()).contains("\"configurationStatus\":\"CONFIGURED\"");

        reset.setLog(log);
        reset.execute();

        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith("RESET_CONFIGURATION: OK"));
        assertThat(connectorStatus()).contains("\"status\":\"CONFIGURING\"", "\"configurationStatus\":\"INSTALLED\"");
        assertThat(state()).doesNotContain("connector_configuration");
    }

    @Test
    void anUnknownStepIsNamedBeforeAnythingIsCalled(@InjectMojo(goal = "configure") ConfigureMojo configure)
            throws Exception {
        configure.step = "connections";
        String before = state();

        assertThatThrownBy(configure::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("connector.step 'connections' is not a wizard step; use one of prerequisites, connector, "
                        + "connection, finalize, or leave it unset to run every remaining step");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void dailyUseGoalsPauseUpdateAndResume(@InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "pause") PauseMojo pause, @InjectMojo(goal = "resume") ResumeMojo resume,
            @InjectMojo(goal = "update-warehouse") UpdateWarehouseMojo updateWarehouse,
            @InjectMojo(goal = "update-connection") UpdateConnectionMojo updateConnection,
            @InjectMojo(goal = "status") StatusMojo status) throws Exception {
        configure.execute();
        updateWarehouse.warehouse = "BIGGER_WH";
        assertThatThrownBy(updateWarehouse::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("pause the connector first: update-warehouse needs PAUSED, and embedded app "
                        + "github_connector is STARTED; run mvn connector:pause, then update-warehouse, then "
                        + "mvn connector:resume");

        pause.setLog(log);
        pause.execute();
        pause.execute();
        assertThat(log.infos).containsSubsequence("PAUSE_CONNECTOR: OK (Connector successfully paused.)",
                "embedded app github_connector is paused already: nothing to do");

        updateWarehouse.setLog(log);
        updateWarehouse.execute();
        updateWarehouse.execute();
        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith("UPDATE_WAREHOUSE: OK"));
        assertThat(log.infos).contains(
                "embedded app github_connector uses warehouse BIGGER_WH already: nothing to do");

        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"),
                CONFIGURATION.replace("https://api.github.com", "https://github.example.com/api/v3"));
        updateConnection.setLog(log);
        updateConnection.execute();
        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith("UPDATE_CONNECTION_CONFIGURATION: OK"));

        resume.execute();
        assertThat(connectorStatus()).contains("\"status\":\"STARTED\"");

        status.format = "json";
        String json = stdout(status);
        assertThat(json).contains("\"status\" : \"STARTED\"", "\"configurationStatus\" : \"FINALIZED\"",
                "\"warehouse\" : \"BIGGER_WH\"", "\"base_url\" : \"https://github.example.com/api/v3\"",
                "\"api_token\" : \"********\"", "\"page_size\" : 25").doesNotContain(TOKEN);

        status.outputFile = folder.resolve("target/status/status.json").toFile();
        assertThat(stdout(status)).as("with an output file, nothing on standard output").isEmpty();
        assertThat(Files.readString(status.outputFile.toPath()).trim()).isEqualTo(json.trim());
    }

    @Test
    void afterTheWizardConfigureAppliesChangedConnectorFieldsAndEveryGoalReportsDrift(
            @InjectMojo(goal = "configure") ConfigureMojo configure, @InjectMojo(goal = "pause") PauseMojo pause,
            @InjectMojo(goal = "resume") ResumeMojo resume,
            @InjectMojo(goal = "update-warehouse") UpdateWarehouseMojo updateWarehouse,
            @InjectMojo(goal = "update-connection") UpdateConnectionMojo updateConnection,
            @InjectMojo(goal = "resources") ResourcesMojo resources) throws Exception {
        configure.execute();
        Path file = folder.resolve("src/main/connector/configuration.yaml");
        Files.writeString(file, CONFIGURATION.replace("page_size: 25", "page_size: 50").replace("ISSUES", "RAW"));
        configure.setLog(log);

        configure.execute();

        assertThat(log.infos).containsExactly("connector.destination_schema changes from 'ISSUES' to 'RAW'",
                "connector.page_size changes from '25' to '50'",
                "[update] PAUSE_CONNECTOR: OK (Connector successfully paused.)",
                "[update] UPDATE_CONNECTOR_CONFIGURATION: OK (Connector configuration updated: destination_schema,"
                        + " page_size.)",
                "[update] RESUME_CONNECTOR: OK (Connector successfully resumed.)");
        assertThat(state()).contains("\"page_size\":50", "\"destination_schema\":\"RAW\"")
                .contains("\"status\":\"STARTED\"");
        log.infos.clear();
        configure.execute();
        assertThat(log.infos).singleElement().asString().endsWith("matches configuration.yaml: nothing to do");

        // update-warehouse makes the app differ from the file: the goals that read the file say so, and how to fix it.
        pause.execute();
        updateWarehouse.warehouse = "BIGGER_WH";
        updateWarehouse.setLog(log);
        updateWarehouse.execute();
        assertThat(log.infos).contains("UPDATE_WAREHOUSE: OK (from CONNECTOR_WH to BIGGER_WH)");
        resume.execute();
        resources.setLog(log);
        resources.execute();
        String drift = "connector.warehouse: src/main/connector/configuration.yaml says 'CONNECTOR_WH', the app has "
                + "'BIGGER_WH'; mvn connector:configure moves the app to the file's warehouse, or write 'BIGGER_WH' "
                + "into the file to keep the app's";
        assertThat(log.warnings).contains(drift);

        // Goals that send no connection need no secret: the token's placeholder is resolved only when it is sent.
        project.getProperties().remove("github.token");
        log.infos.clear();
        configure.execute();
        assertThat(log.infos).contains("connector.warehouse changes from 'BIGGER_WH' to 'CONNECTOR_WH'",
                "[update] RESUME_CONNECTOR: OK (Connector successfully resumed.)");
        assertThat(state()).contains("\"warehouse\":\"CONNECTOR_WH\"");
        pause.execute();
        String before = state();
        assertThatThrownBy(updateConnection::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("connection.api_token: the property 'github.token' (from ${github.token}) is"
                        + " not set").hasMessageEndingWith("nothing was called");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void updateConnectionWithTheAppsValuesHasNothingToDo(@InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "pause") PauseMojo pause,
            @InjectMojo(goal = "update-connection") UpdateConnectionMojo updateConnection) throws Exception {
        Path file = folder.resolve("src/main/connector/configuration.yaml");
        configure.execute();
        pause.execute();
        Files.writeString(file, CONFIGURATION.replace("  api_token: ${github.token}\n", ""));
        String before = state();
        updateConnection.setLog(log);

        assertThatThrownBy(updateConnection::execute).as("the descriptor requires the token").isInstanceOf(
                MojoFailureException.class);
        Files.writeString(file, CONFIGURATION);
        updateConnection.execute();
        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith("UPDATE_CONNECTION_CONFIGURATION: OK"))
                .as("a connection with a secret is always sent: a rotated secret cannot be compared");
        assertThat(state()).isNotEqualTo(before);
    }

    @Test
    void aRefusedConnectionUpdateKeepsTheOldConnectionAndItsSecret(
            @InjectMojo(goal = "configure") ConfigureMojo configure, @InjectMojo(goal = "pause") PauseMojo pause,
            @InjectMojo(goal = "update-connection") UpdateConnectionMojo updateConnection) throws Exception {
        configure.execute();
        pause.execute();
        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"),
                CONFIGURATION.replace("https://api.github.com", "https://github.example.com"));
        project.getProperties().setProperty("github.token", "bad");
        String before = state() + secrets();

        assertThatThrownBy(updateConnection::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("UPDATE_CONNECTION_CONFIGURATION answered TEST_CONNECTION_FAILED: GitHub refused the token "
                        + "(401).\n  What to do: fix the connection section of the configuration file, or the source "
                        + "it points at, and run update-connection again; the old connection and its secret values are "
                        + "kept: nothing was changed");
        assertThat(state() + secrets()).as("the old token is bound again, as it was").isEqualTo(before)
                .contains("https://api.github.com");

        project.getProperties().setProperty("github.token", TOKEN);
        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), CONFIGURATION);
        updateConnection.execute();
        assertThat(secrets()).as("a kept update forgets the replaced value").endsWith(" null\n");
    }

    /** The stored secrets, encrypted, and whether a replaced value is kept aside. */
    private String secrets() throws Exception {
        try (LocalConnection app = localApp().connect()) {
            return rows(app, "SELECT REFERENCE_NAME, \"VALUE\", PREVIOUS_VALUE FROM STATE.SECRETS ORDER BY 1");
        }
    }

    @Test
    void dailyUseRefusalsAreExplainedAndChangeNothing(@InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "pause") PauseMojo pause, @InjectMojo(goal = "reset") ResetMojo reset,
            @InjectMojo(goal = "recover") RecoverMojo recover,
            @InjectMojo(goal = "update-warehouse") UpdateWarehouseMojo updateWarehouse,
            @InjectMojo(goal = "status") StatusMojo status) throws Exception {
        assertThatThrownBy(pause::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("finish the wizard first: pause needs a configured connector, and embedded app "
                        + "github_connector is CONFIGURING (configuration INSTALLED); run mvn connector:configure");
        configure.execute();
        String before = state();

        assertThatThrownBy(reset::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("reset starts an unfinished wizard over, but the wizard of embedded app "
                        + "github_connector is finished (STARTED (configuration FINALIZED))");
        recover.status = "RUNNING";
        assertThatThrownBy(recover::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("-Dconnector.status='RUNNING' is not a status to recover to; use -Dconnector.status=PAUSED "
                        + "(safe: nothing runs until you resume) or -Dconnector.status=STARTED");
        updateWarehouse.warehouse = "WH; DROP SCHEMA STATE";
        assertThatThrownBy(updateWarehouse::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("-Dconnector.warehouse='WH; DROP SCHEMA STATE' is not a warehouse name: ")
                .hasMessageEndingWith("Nothing was changed");
        updateWarehouse.warehouse = null;
        assertThatThrownBy(updateWarehouse::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Name the new warehouse: mvn connector:update-warehouse -Dconnector.warehouse=MY_WAREHOUSE");
        status.format = "yaml";
        assertThatThrownBy(status::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("connector.format 'yaml' is not a format; use text (the default) or json");
        status.format = "text";
        status.role = "OWNER";
        assertThatThrownBy(status::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("connector.role 'OWNER' is not an application role; use ADMIN (the default) or VIEWER");
        assertThat(state()).isEqualTo(before);

        recover.status = "paused";
        assertThatThrownBy(recover::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageEndingWith("What to do: recover repairs a connector in ERROR or stuck between PAUSED and "
                        + "STARTED; this one is STARTED (configuration FINALIZED), so there is nothing to repair (use "
                        + "mvn connector:pause or mvn connector:resume)");
        assertThat(state()).isEqualTo(before);

        // A pause that died half way leaves the raw status PAUSING, which recover repairs.
        try (LocalConnection app = localApp().connect(); Statement statement = app.jdbc().createStatement()) {
            statement.executeUpdate("UPDATE STATE.APP_STATE SET \"VALUE\" = '{\"status\":\"PAUSING\","
                    + "\"configurationStatus\":\"FINALIZED\"}' FORMAT JSON WHERE \"KEY\" = 'connector_status'");
        }
        recover.setLog(log);
        recover.execute();
        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith("RECOVER_CONNECTOR_STATE: OK"));
        assertThat(connectorStatus()).contains("\"status\":\"PAUSED\"");
    }

    @Test
    void goalsNeedADeployedApp(@InjectMojo(goal = "status") StatusMojo status) {
        status.localHome = folder.resolve("elsewhere").toFile();

        assertThatThrownBy(status::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("The connector app github_connector is not deployed on the embedded target")
                .hasMessageEndingWith("deploy it first: mvn package connector:deploy");
    }

    @Test
    void aViewerCanReadButNotChange(@InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "pause") PauseMojo pause, @InjectMojo(goal = "status") StatusMojo status)
            throws Exception {
        configure.execute();
        status.role = "VIEWER";
        status.setLog(log);
        status.execute();
        assertThat(log.infos).contains("  status:               STARTED", "    api_token = ********");

        pause.role = "viewer";
        assertThatThrownBy(pause::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Insufficient privileges to operate on procedure 'PAUSE_CONNECTOR'");
        assertThat(connectorStatus()).contains("\"status\":\"STARTED\"");
    }

    @Test
    void theSecretIsInNoFileNoLogAndNothingAViewerReads(@InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "status") StatusMojo status) throws Exception {
        configure.setLog(log);
        configure.execute();
        status.setLog(log);
        status.execute();

        assertThat(String.join("\n", log.everything)).doesNotContain(TOKEN);
        List<Path> leaking = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (contains(Files.readAllBytes(file), TOKEN.getBytes(StandardCharsets.UTF_8))) {
                    leaking.add(file);
                }
            }
        }
        assertThat(leaking).isEmpty();
        assertThat(viewerReadsEverything()).contains("api_token").doesNotContain(TOKEN);
    }

    @Test
    void aBadConfigurationFileChangesNothing(@InjectMojo(goal = "configure") ConfigureMojo configure)
            throws Exception {
        String before = state();
        for (String bad : List.of(CONFIGURATION.replace("CONNECTOR_WH", "'WH; DROP SCHEMA STATE'"),
                CONFIGURATION.replace("${github.token}", "${env.CONNECTOR_KIT_NO_SUCH_VARIABLE}"),
                CONFIGURATION.replace("${github.token}", TOKEN),
                CONFIGURATION.replace("page_size: 25", "page_size: lots"),
                CONFIGURATION.replace("prerequisites: all", "prerequisites: [nope]"))) {
            Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), bad);

            assertThatThrownBy(configure::execute).isInstanceOf(MojoFailureException.class)
                    .hasMessageStartingWith("src/main/connector/configuration.yaml:")
                    .hasMessageEndingWith("; nothing was called")
                    .hasMessageNotContaining(TOKEN);
        }
        assertThat(state()).isEqualTo(before);
    }

    private String stdout(StatusMojo status) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        status.standardOutput = () -> new PrintStream(captured, true, StandardCharsets.UTF_8);
        status.execute();
        return captured.toString(StandardCharsets.UTF_8);
    }

    private String connectorStatus() throws Exception {
        try (LocalConnection app = localApp().connect()) {
            return app.call("GET_CONNECTOR_STATUS()");
        }
    }

    /** Every row of the state tables, as text. */
    private String state() throws Exception {
        try (LocalConnection app = localApp().connect()) {
            return rows(app, "SELECT \"KEY\", CAST(\"VALUE\" AS VARCHAR), UPDATED_AT FROM STATE.APP_STATE ORDER BY 1")
                    + rows(app, "SELECT \"KEY\", CAST(\"VALUE\" AS VARCHAR), UPDATED_AT FROM STATE.APP_CONFIG ORDER BY 1")
                    + rows(app, "SELECT ID, IS_COMPLETED FROM STATE.PREREQUISITES ORDER BY 1");
        }
    }

    /** What VIEWER gets from every public view and read procedure. */
    private String viewerReadsEverything() throws Exception {
        try (LocalConnection app = localApp().connect(AppRole.VIEWER)) {
            return rows(app, "SELECT * FROM PUBLIC.CONNECTOR_CONFIGURATION") + rows(app, "SELECT * FROM PUBLIC.SYNC_STATUS")
                    + rows(app, "SELECT * FROM PUBLIC.PREREQUISITES") + app.call("GET_CONNECTOR_STATUS()")
                    + app.call("GET_CONNECTION_CONFIGURATION()");
        }
    }

    private static String rows(LocalConnection app, String sql) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Statement statement = app.jdbc().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    text.append(rows.getString(i)).append(i == columns ? "\n" : " | ");
                }
            }
        }
        return text.toString();
    }

    private LocalApp localApp() {
        return new LocalApp(folder.resolve(".connector/local"), "github_connector");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
