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

        assertThat(log.infos).allSatisfy(line -> assertThat(line).startsWith("RUN_SCHEDULER_ITERATION: OK"));
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
            @InjectMojo(goal = "resume") ResumeMojo resume, @InjectMojo(goal = "status") StatusMojo status)
            throws Exception {
        FakeIssueSource.add("first");
        pause.execute();
        ingest.setLog(log);

        ingest.execute();

        assertThat(rows("SELECT COUNT(*) FROM STATE.INGESTION_RUN")).isEqualTo("0\n");
        resume.execute();
        FakeIssueSource.failNext(1);
        ingest.execute();

        assertThat(log.everything).anySatisfy(line -> assertThat(line).startsWith("1 ingestion(s) failed"));
        assertThat(rows("SELECT STATUS, CAST(METADATA AS VARCHAR) FROM STATE.INGESTION_RUN")).contains("FAILED")
                .contains("GitHub answered 503 Service Unavailable");
        assertThat(rows("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'SDK_ISSUES'"))
                .as("nothing of the failed run is kept").isEqualTo("0\n");
        status.setLog(log);
        status.execute();
        assertThat(log.infos).contains("  status:               STARTED");
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
