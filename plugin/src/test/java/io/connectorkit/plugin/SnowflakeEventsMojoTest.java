package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.fake.snowflake.EventTable;
import io.connectorkit.fake.snowflake.FakeAccount;
import io.connectorkit.fake.snowflake.FakeNativeApp;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedStatement;
import io.connectorkit.plugin.fixtures.FakeIssueSource;
import io.connectorkit.plugin.testing.FakeSnowflakeHome;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import io.connectorkit.plugin.testing.TestProjects;
import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

/**
 * connector:events with -Dconnector.target=snowflake: the event table is found through the account's EVENT_TABLE
 * parameter and read with one bound SELECT; the fake's table holds what the runtime logged while it ran the app's
 * procedures (the runs of an ingestion that completed and one that failed).
 */
@MojoTest
class SnowflakeEventsMojoTest {

    @TempDir
    Path folder;

    @TempDir
    Path userHome;

    private MavenProject project;
    private FakeSnowflake snowflake;
    private Connection appDatabase;
    private ConnectorRegistry.Binding binding;
    private FakeSnowflakeHome fakeHome;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() throws Exception {
        project = Mockito.spy(MavenProjects.copy("full", folder));
        return project;
    }

    @BeforeEach
    void installedApp() throws Exception {
        snowflake = FakeSnowflake.start();
        fakeHome = FakeSnowflakeHome.pointAt(snowflake, userHome, "operator");

        appDatabase = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ConnectorDefinition connector = TestProjects.descriptor("full").toDescription()
                .toDefinition(getClass().getClassLoader());
        EmbeddedApp.install(appDatabase, connector);
        try (Statement statement = appDatabase.createStatement()) {
            statement.execute(Files.readString(TestProjects.project("full").resolve("src/main/connector/sql/sink.sql")));
        }
        binding = EmbeddedApp.bind(appDatabase, connector);
        FakeNativeApp nativeApp = new FakeNativeApp(snowflake, "GITHUB_CONNECTOR", appDatabase,
                TestProjects.snowflakeCatalog("full"));
        Path generated = Path.of("src/test/resources/golden/full/snowflake");
        nativeApp.install(Map.of("manifest.yml", Files.readAllBytes(generated.resolve("manifest.yml")),
                "setup.sql", Files.readAllBytes(generated.resolve("setup.sql"))));
        new FakeAccount(snowflake).requestsPrivileges("GITHUB_CONNECTOR", List.of("EXECUTE TASK", "CREATE DATABASE"));
        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), ConfigureMojoTest.CONFIGURATION);
        project.getProperties().setProperty("github.token", SnowflakeConfigureMojoTest.TOKEN);
    }

    @AfterEach
    void close() throws Exception {
        fakeHome.close();
        binding.close();
        appDatabase.close();
        snowflake.close();
    }

    @Test
    void theEventTableShowsTheRunsTheAppsProceduresLogged(@InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources, @InjectMojo(goal = "ingest") IngestMojo ingest,
            @InjectMojo(goal = "events") EventsMojo events) throws Exception {
        for (InstalledAppMojo goal : List.of(configure, resources, ingest, events)) {
            goal.target = "snowflake";
            goal.connection = "fake";
        }
        configure.execute();
        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), ConfigureMojoTest.CONFIGURATION
                + ResourcesMojoTest.RESOURCES);
        resources.execute();
        FakeIssueSource.reset();
        FakeIssueSource.add("first");
        ingest.setLog(new RecordingLog());
        ingest.resource = "sdk issues";
        ingest.execute();
        FakeIssueSource.failNext(1);
        ingest.failOnError = false;
        ingest.execute();
        assertThat(snowflake.telemetry().eventTable().rows()).extracting(EventTable.Row::severity)
                .as("what the runtime logged at the manifest's INFO or above").contains("INFO", "ERROR")
                .doesNotContain("DEBUG");

        events.setLog(log);
        events.level = "INFO";
        events.resource = "sdk issues";
        int before = snowflake.applicationStatements().size();
        events.execute();

        List<RecordedStatement> sent = snowflake.applicationStatements().subList(before,
                snowflake.applicationStatements().size());
        assertThat(sent).extracting(RecordedStatement::sql).containsExactly(
                "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"INGESTION_DEFINITIONS\"",
                "SHOW PARAMETERS LIKE 'EVENT_TABLE' IN ACCOUNT",
                "SELECT TO_VARCHAR(TIMESTAMP, 'YYYY-MM-DD HH24:MI:SS.FF3') AS TIME, RECORD:severity_text::STRING AS "
                        + "SEVERITY, RESOURCE_ATTRIBUTES:\"snow.executable.name\"::STRING AS EXECUTABLE, "
                        + "SCOPE:name::STRING AS SCOPE, VALUE::STRING AS MESSAGE, "
                        + "RECORD_ATTRIBUTES:\"exception.message\"::STRING AS EXCEPTION FROM \"SNOWFLAKE\"."
                        + "\"TELEMETRY\".\"EVENTS\" WHERE RECORD_TYPE = 'LOG' AND "
                        + "RESOURCE_ATTRIBUTES:\"snow.database.name\"::STRING = ? AND RECORD:severity_text::STRING IN "
                        + "(?, ?, ?, ?) AND SCOPE:name::STRING = ? ORDER BY TIMESTAMP DESC LIMIT ?");
        assertThat(sent.get(2).bindings()).hasSize(7).startsWith("GITHUB_CONNECTOR", "INFO", "WARN", "ERROR", "FATAL")
                .endsWith(50L);
        assertThat(String.valueOf(sent.get(2).bindings().get(5))).as("the scope of the resource's runs, by its id")
                .startsWith("io.connectorkit.runtime.resource.").hasSizeGreaterThan(40);
        assertThat(log.infos.get(0)).startsWith("Connecting to account fake_account");
        assertThat(log.infos).hasSize(3);
        assertThat(log.infos.get(1)).contains(" INFO  RUN_INGESTION_NOW/").contains(" Ingestion of resource 'sdk issues' "
                + "completed: 1 row in ");
        assertThat(log.infos.get(2)).contains(" ERROR RUN_INGESTION_NOW/").contains(" Ingestion of resource 'sdk issues' "
                + "failed (attempt 1): IllegalStateException: GitHub answered 503 Service Unavailable");
    }

    @Test
    void anotherActiveEventTableIsTheOneRead(@InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources, @InjectMojo(goal = "ingest") IngestMojo ingest,
            @InjectMojo(goal = "events") EventsMojo events) throws Exception {
        snowflake.telemetry().eventTable().activate("OPS.LOGS.APP_EVENTS");
        for (InstalledAppMojo goal : List.of(configure, resources, ingest, events)) {
            goal.target = "snowflake";
            goal.connection = "fake";
        }
        configure.execute();
        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), ConfigureMojoTest.CONFIGURATION
                + ResourcesMojoTest.RESOURCES);
        resources.execute();
        FakeIssueSource.reset();
        ingest.setLog(new RecordingLog());
        ingest.resource = "sdk issues";
        ingest.execute();
        events.setLog(log);

        events.execute();

        assertThat(snowflake.applicationStatements()).extracting(RecordedStatement::sql)
                .anySatisfy(sql -> assertThat(sql).contains(" FROM \"OPS\".\"LOGS\".\"APP_EVENTS\" WHERE "));
        assertThat(snowflake.telemetry().eventTable().rows()).allSatisfy(row ->
                assertThat(row.table()).isEqualTo("OPS.LOGS.APP_EVENTS"));
        assertThat(log.infos).anySatisfy(line -> assertThat(line).contains("Ingestion of resource 'sdk issues' "
                + "completed: 0 rows"));
    }
}
