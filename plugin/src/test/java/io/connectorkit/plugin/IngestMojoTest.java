package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.fixtures.FakeIssueSource;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.local.LocalConnection;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * connector:ingest, connector:run and connector:stats on the embedded target, with the full descriptor's
 * incremental issue ingestion reading {@link FakeIssueSource}.
 */
@MojoTest
class IngestMojoTest {

    static final String RESOURCES = """
            resources:
              - id: sdk
                name: sdk issues
                resourceId: {owner: snowflakedb, repo: connectors-native-sdk}
                ingestionConfigurations:
                  - id: issues
                    ingestionStrategy: INCREMENTAL
                    scheduleType: %s
                    destination: {table: SDK_ISSUES}
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
    void configuredAppWithAResource(@InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle, @InjectMojo(goal = "deploy") DeployMojo deploy,
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources) throws Exception {
        FakeIssueSource.reset();
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        deploy.execute();
        project.getProperties().setProperty("github.token", ConfigureMojoTest.TOKEN);
        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), ConfigureMojoTest.CONFIGURATION
                + RESOURCES.formatted("\"GLOBAL\""));
        configure.execute();
        resources.execute();
    }

    @Test
    void ingestsIncrementallyAndTheStatsShowTheRowsInTheirHour(@InjectMojo(goal = "ingest") IngestMojo ingest,
            @InjectMojo(goal = "stats") StatsMojo stats) throws Exception {
        FakeIssueSource.add("first", "second", "third");
        ingest.setLog(log);

        ingest.execute();
        FakeIssueSource.add("fourth");
        ingest.execute();
        ingest.execute();

        assertThat(log.infos).containsExactly(
                "RUN_SCHEDULER_ITERATION: OK (Ran 1 of 1 scheduled ingestions: 1 completed, 0 failed.)",
                log.infos.get(1),
                "RUN_SCHEDULER_ITERATION: OK (Ran 1 of 1 scheduled ingestions: 1 completed, 0 failed.)",
                log.infos.get(3),
                "RUN_SCHEDULER_ITERATION: OK (Ran 1 of 1 scheduled ingestions: 1 completed, 0 failed.)",
                log.infos.get(5));
        assertThat(log.infos.get(1)).matches("  sdk issues: COMPLETED, 3 rows in \\d+\\.\\d\\d s");
        assertThat(log.infos.get(3)).matches("  sdk issues: COMPLETED, 1 row in \\d+\\.\\d\\d s");
        assertThat(rows("SELECT NUMBER, TITLE FROM ISSUES.SDK_ISSUES ORDER BY NUMBER"))
                .isEqualTo("1 first\n2 second\n3 third\n4 fourth\n");
        assertThat(rows("SELECT STATUS, INGESTED_ROWS FROM STATE.INGESTION_RUN ORDER BY STARTED_AT, INGESTED_ROWS"))
                .isEqualTo("COMPLETED 3\nCOMPLETED 1\nCOMPLETED 0\n");

        stats.setLog(log);
        stats.execute();

        String hour = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).toString().replace('T', ' ');
        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith("  " + hour + "     4  ████"))
                .contains("Chart: target/connector/stats.html");
        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith("  sdk issues: 4 rows in 3 runs, last completed"));
        assertThat(folder.resolve("target/connector/stats.html")).content().contains("4 rows in total");
    }

    @Test
    void aPausedConnectorIngestsNothingAndAFailedRunIsRecordedWhileTheConnectorStaysStarted(
            @InjectMojo(goal = "ingest") IngestMojo ingest, @InjectMojo(goal = "pause") PauseMojo pause,
            @InjectMojo(goal = "resume") ResumeMojo resume, @InjectMojo(goal = "status") StatusMojo status,
            @InjectMojo(goal = "stats") StatsMojo stats) throws Exception {
        FakeIssueSource.add("first");
        pause.execute();
        ingest.setLog(log);

        ingest.execute();

        assertThat(rows("SELECT COUNT(*) FROM STATE.INGESTION_RUN")).isEqualTo("0\n");
        resume.execute();
        FakeIssueSource.failNext(1);

        assertThatThrownBy(ingest::execute).isInstanceOf(MojoFailureException.class).hasMessage("""
                1 of 1 ingestion failed
                  sdk issues: IllegalStateException: GitHub answered 503 Service Unavailable
                The app recorded the failure and retries with backoff (mvn connector:status shows the next run). \
                Fix the cause (the source, the connection or the connector's ingestion code; mvn -X shows the stack \
                trace), then run it again now with mvn connector:ingest -Dconnector.resource="sdk issues"; \
                -Dconnector.failOnError=false keeps the build green while runs fail""");

        assertThat(log.warnings).singleElement().asString().matches("  sdk issues: FAILED after \\d+\\.\\d\\d s "
                + "\\(attempt 1, retry at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\): IllegalStateException: GitHub "
                + "answered 503 Service Unavailable");
        assertThat(log.everything).as("no stack trace on the console").noneMatch(line -> line.contains("\tat "));
        assertThat(log.debugCauses).as("the stack trace is there for mvn -X").anySatisfy(cause ->
                assertThat(cause).hasMessageContaining("GitHub answered 503"));
        assertThat(rows("SELECT STATUS, CAST(METADATA AS VARCHAR) FROM STATE.INGESTION_RUN")).contains("FAILED")
                .contains("GitHub answered 503 Service Unavailable");
        assertThat(rows("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'SDK_ISSUES'"))
                .as("nothing of the failed run is kept").isEqualTo("0\n");
        status.setLog(log);
        status.execute();
        assertThat(log.infos).contains("  status:               STARTED");
        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith("    sdk issues (sdk): enabled; last run ")
                .contains(" FAILED, 0 rows; 1 failure: IllegalStateException: GitHub answered 503 Service Unavailable;"
                        + " retry at "));

        FakeIssueSource.failNext(1);
        ingest.failOnError = false;
        ingest.resource = "sdk";
        ingest.execute();
        assertThat(log.warnings).hasSize(2);
        assertThat(log.warnings.get(1)).contains("(attempt 2, retry at ");

        stats.setLog(log);
        stats.execute();
        assertThat(log.infos).contains("  sdk issues: 0 rows in 2 runs, 2 failed; failing: IllegalStateException: GitHub"
                + " answered 503 Service Unavailable", "Failed runs:");
        assertThat(log.infos).filteredOn(line -> line.endsWith("  sdk issues: IllegalStateException: GitHub answered"
                + " 503 Service Unavailable")).hasSize(2);
        assertThat(folder.resolve("target/connector/stats.html")).content().contains("class=\"failed\"",
                "GitHub answered 503 Service Unavailable");
    }

    @Test
    void oneResourceRunsNowWhetherDueOrNotAndStatusListsEveryResource(@InjectMojo(goal = "ingest") IngestMojo ingest,
            @InjectMojo(goal = "resources") ResourcesMojo resources, @InjectMojo(goal = "status") StatusMojo status)
            throws Exception {
        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), ConfigureMojoTest.CONFIGURATION
                + RESOURCES.formatted("INTERVAL\n        scheduleDefinition: 60m"));
        resources.execute();
        FakeIssueSource.add("first");
        ingest.setLog(log);
        ingest.execute();
        FakeIssueSource.add("second");

        ingest.execute();
        assertThat(log.infos).last().asString().isEqualTo("RUN_SCHEDULER_ITERATION: OK (Ran 0 of 1 scheduled "
                + "ingestions: 0 completed, 0 failed. None is due.)");
        ingest.resource = "sdk";
        ingest.execute();

        assertThat(log.infos.subList(log.infos.size() - 2, log.infos.size())).satisfiesExactly(
                line -> assertThat(line).isEqualTo("RUN_INGESTION_NOW: OK (Ran 1 of 1 scheduled ingestions now, due or"
                        + " not: 1 completed, 0 failed.)"),
                line -> assertThat(line).startsWith("  sdk issues: COMPLETED, 1 row in ").contains("(next run "));
        assertThat(rows("SELECT NUMBER, TITLE FROM ISSUES.SDK_ISSUES ORDER BY NUMBER")).isEqualTo("1 first\n2 second\n");

        ingest.resource = "sdk issues";
        ingest.execute();
        ingest.resource = "nope";
        assertThatThrownBy(ingest::execute).isInstanceOf(MojoFailureException.class).hasMessage("connector.resource "
                + "'nope' is no resource of embedded app github_connector: its resources are sdk (sdk issues); give "
                + "one of these ids");
        ingest.resource = null;
        ingest.force = true;
        ingest.execute();
        assertThat(rows("SELECT COUNT(*) FROM STATE.INGESTION_RUN")).isEqualTo("4\n");

        status.setLog(log);
        status.execute();
        assertThat(log.infos).anySatisfy(line -> assertThat(line).matches("    sdk issues \\(sdk\\): enabled; last run "
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC COMPLETED, 0 rows; next run \\d{4}-.* UTC"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        status.standardOutput = () -> new PrintStream(out, true, StandardCharsets.UTF_8);
        status.format = "json";
        status.execute();
        JsonNode json = new ObjectMapper()
                .readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode resource = json.path("resources").get(0);
        assertThat(resource.path("id").asText()).isEqualTo("sdk");
        assertThat(resource.path("name").asText()).isEqualTo("sdk issues");
        assertThat(resource.path("enabled").asBoolean()).isTrue();
        assertThat(resource.path("lastRun").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(resource.path("lastRun").path("rows").asLong()).isZero();
        assertThat(resource.path("lastError").isNull()).isTrue();
        assertThat(resource.path("attempts").asInt()).isZero();
        assertThat(resource.path("nextRunAt").asText()).endsWith("Z");
    }

    @Test
    void runKeepsIteratingAndIngestIsForTheEmbeddedTargetOnly(@InjectMojo(goal = "run") RunMojo run,
            @InjectMojo(goal = "ingest") IngestMojo ingest) throws Exception {
        FakeIssueSource.add("first");
        run.iterations = 2;
        run.pollSeconds = 1;
        run.setLog(log);

        run.execute();

        assertThat(log.infos).first().asString().startsWith("Running the scheduler of embedded app github_connector "
                + "every 1 s for 2 iteration(s)");
        assertThat(log.infos).last().isEqualTo("The scheduler ran 2 iteration(s)");
        assertThat(rows("SELECT COUNT(*) FROM STATE.INGESTION_RUN")).isEqualTo("2\n");

        ingest.target = "snowflake";
        assertThatThrownBy(ingest::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("connector:ingest drives the embedded app's scheduler; on Snowflake the app's "
                        + "scheduler task runs the ingestions on its schedule");
    }

    @Test
    void runGoesOnAfterAFailedRunUnlessAskedToStop(@InjectMojo(goal = "run") RunMojo run) throws Exception {
        FakeIssueSource.add("first");
        FakeIssueSource.failNext(2);
        run.iterations = 2;
        run.pollSeconds = 1;
        run.setLog(log);

        run.execute();
        assertThat(log.warnings).hasSize(1).first().asString().startsWith("  sdk issues: FAILED after ");
        assertThat(log.infos).last().isEqualTo("The scheduler ran 2 iteration(s)");

        // The failed process waits a minute for its retry: make it due again, and failing.
        try (LocalConnection app = new LocalApp(folder.resolve(".connector/local"), "github_connector").connect();
                Statement statement = app.jdbc().createStatement()) {
            statement.executeUpdate("UPDATE STATE.INGESTION_PROCESS SET NEXT_RUN_AT = NULL");
        }
        FakeIssueSource.reset();
        FakeIssueSource.failNext(1);
        run.failOnError = true;
        run.iterations = 5;
        assertThatThrownBy(run::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("1 of 1 ingestion failed\n  sdk issues: IllegalStateException: GitHub answered"
                        + " 503 Service Unavailable");
        assertThat(log.infos).contains("The scheduler ran 1 iteration(s)");
    }

    private String rows(String sql) throws Exception {
        StringBuilder text = new StringBuilder();
        try (LocalConnection app = new LocalApp(folder.resolve(".connector/local"), "github_connector").connect();
                Statement statement = app.jdbc().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    text.append(rows.getString(i)).append(i == columns ? "\n" : " ");
                }
            }
        }
        return text.toString();
    }
}
