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
        ConnectorDefinition connector = TestProjects.descriptor("full")
                .toDescription()
                .toDefinition(getClass().getClassLoader());
        EmbeddedApp.install(appDatabase, connector);
        try (Statement statement = appDatabase.createStatement()) {
            statement.execute(
                    Files.readString(TestProjects.project("full").resolve("src/main/connector/sql/sink.sql")));
        }
        binding = EmbeddedApp.bind(appDatabase, connector);
        FakeNativeApp nativeApp =
                new FakeNativeApp(snowflake, "GITHUB_CONNECTOR", appDatabase, TestProjects.snowflakeCatalog("full"));
        Path generated = Path.of("src/test/resources/golden/full/snowflake");
        nativeApp.install(Map.of(
                "manifest.yml",
                Files.readAllBytes(generated.resolve("manifest.yml")),
                "setup.sql",
                Files.readAllBytes(generated.resolve("setup.sql"))));
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
    void theEventTableShowsTheRunsTheAppsProceduresLogged(
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources,
            @InjectMojo(goal = "ingest") IngestMojo ingest,
            @InjectMojo(goal = "events") EventsMojo events)
            throws Exception {
        configureAndIngest(configure, resources, ingest, events, "first");
        FakeIssueSource.failNext(1);
        ingest.failOnError = false;
        ingest.execute();
        assertThat(snowflake.telemetry().eventTable().rows())
                .extracting(EventTable.Row::severity)
                .as("what the runtime logged at the manifest's INFO or above")
                .contains("INFO", "ERROR")
                .doesNotContain("DEBUG");

        events.setLog(log);
        events.level = "INFO";
        events.resource = "sdk issues";
        int before = snowflake.applicationStatements().size();
        events.execute();

        List<RecordedStatement> sent = snowflake
                .applicationStatements()
                .subList(before, snowflake.applicationStatements().size());
        assertThat(sent)
                .extracting(RecordedStatement::sql)
                .containsExactly(
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"INGESTION_DEFINITIONS\"",
                        "SHOW PARAMETERS LIKE 'EVENT_TABLE' IN ACCOUNT",
                        "SELECT TO_VARCHAR(TIMESTAMP, 'YYYY-MM-DD HH24:MI:SS.FF3') AS TIME, RECORD:severity_text::STRING AS "
                                + "SEVERITY, RESOURCE_ATTRIBUTES:\"snow.executable.name\"::STRING AS EXECUTABLE, "
                                + "SCOPE:name::STRING AS SCOPE, VALUE::STRING AS MESSAGE, "
                                + "RECORD_ATTRIBUTES:\"exception.message\"::STRING AS EXCEPTION FROM \"SNOWFLAKE\"."
                                + "\"TELEMETRY\".\"EVENTS\" WHERE RECORD_TYPE = 'LOG' AND "
                                + "RESOURCE_ATTRIBUTES:\"snow.database.name\"::STRING = ? AND RECORD:severity_text::STRING IN "
                                + "(?, ?, ?, ?) AND SCOPE:name::STRING = ? ORDER BY TIMESTAMP DESC LIMIT ?",
                        "SELECT TO_VARCHAR(TIMESTAMP, 'YYYY-MM-DD HH24:MI:SS.FF3') AS TIME, TO_VARCHAR(START_TIMESTAMP, "
                                + "'YYYY-MM-DD HH24:MI:SS.FF3') AS START_TIME, RECORD_TYPE AS TYPE, RECORD:name::STRING AS "
                                + "NAME, RECORD:status:code::STRING AS STATUS, RECORD:status:message::STRING AS "
                                + "STATUS_MESSAGE, RESOURCE_ATTRIBUTES:\"snow.executable.name\"::STRING AS EXECUTABLE, "
                                + "TRACE:trace_id::STRING AS TRACE_ID, TO_JSON(RECORD_ATTRIBUTES) AS ATTRIBUTES FROM "
                                + "\"SNOWFLAKE\".\"TELEMETRY\".\"EVENTS\" WHERE RECORD_TYPE IN ('SPAN', 'SPAN_EVENT') AND "
                                + "RESOURCE_ATTRIBUTES:\"snow.database.name\"::STRING = ? AND "
                                + "RECORD_ATTRIBUTES:\"connector.resource\"::STRING = ? ORDER BY TIMESTAMP DESC LIMIT ?");
        assertThat(sent.get(2).bindings())
                .hasSize(7)
                .startsWith("GITHUB_CONNECTOR", "INFO", "WARN", "ERROR", "FATAL")
                .endsWith(50L);
        String scope = String.valueOf(sent.get(2).bindings().get(5));
        assertThat(scope)
                .as("the scope of the resource's runs, by its id")
                .startsWith("io.connectorkit.runtime.resource.")
                .hasSizeGreaterThan(40);
        assertThat(sent.get(3).bindings())
                .as("the resource's id, which its runs' trace events carry")
                .containsExactly(
                        "GITHUB_CONNECTOR", scope.substring("io.connectorkit.runtime.resource.".length()), 50L);
        assertThat(log.infos.get(0)).startsWith("Connecting to account fake_account");
        assertThat(log.infos).hasSize(5);
        List<String> shown = log.infos.subList(1, 5);
        assertThat(shown)
                .filteredOn(line -> line.contains(" Ingestion of resource "))
                .satisfiesExactly(
                        completed -> assertThat(completed)
                                .contains(" INFO  RUN_INGESTION_NOW/")
                                .contains(" Ingestion of resource 'sdk issues' completed: 1 row in "),
                        failed -> assertThat(failed)
                                .contains(" ERROR RUN_INGESTION_NOW/")
                                .contains(" Ingestion of resource "
                                        + "'sdk issues' failed (attempt 1): IllegalStateException: GitHub answered 503 Service "
                                        + "Unavailable"));
        assertThat(shown)
                .filteredOn(line -> line.contains(" event ingestion_run "))
                .satisfiesExactly(
                        completed -> assertThat(completed)
                                .matches(".* INFO  RUN_INGESTION_NOW/\\S+ event ingestion_run "
                                        + "run_id=\\S+ status=COMPLETED rows=1 duration_ms=\\d+"),
                        failed -> assertThat(failed)
                                .contains(" status=FAILED attempt=1 error=IllegalStateException: GitHub "
                                        + "answered 503 Service Unavailable"));
    }

    /**
     * The full descriptor's trace_level is ALWAYS: the fake records a SPAN row of every call of the app's procedures
     * (snow.auto_instrumented, its start, end and status) and a SPAN_EVENT row of each run in the same trace and span.
     */
    @Test
    void theEventTableHoldsEveryCallsSpanAndTheRunsTraceEvents(
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources,
            @InjectMojo(goal = "ingest") IngestMojo ingest,
            @InjectMojo(goal = "events") EventsMojo events)
            throws Exception {
        configureAndIngest(configure, resources, ingest, events, "first", "second");

        List<EventTable.Row> rows = snowflake.telemetry().eventTable().rows();
        EventTable.Row event = rows.stream()
                .filter(row -> row.type().equals("SPAN_EVENT"))
                .findFirst()
                .orElseThrow();
        EventTable.Row span = rows.stream()
                .filter(row -> row.type().equals("SPAN") && row.spanId().equals(event.spanId()))
                .findFirst()
                .orElseThrow();
        assertThat(span.executable()).isEqualTo("RUN_INGESTION_NOW");
        assertThat(span.name()).isEqualTo("snow.auto_instrumented");
        assertThat(span.status()).isEqualTo("STATUS_CODE_UNSET");
        assertThat(span.traceId()).isEqualTo(event.traceId()).matches("[0-9a-f]{32}");
        assertThat(span.start()).isBeforeOrEqualTo(span.timestamp());
        assertThat(event.name()).isEqualTo("connector.ingestion_run");
        assertThat(event.attributes())
                .containsEntry("connector.status", "COMPLETED")
                .containsEntry("connector.rows", "2");
        assertThat(rows)
                .filteredOn(row -> row.type().equals("SPAN"))
                .extracting(EventTable.Row::executable)
                .as("every call, ALWAYS")
                .contains("GET_CONNECTOR_STATUS", "RUN_INGESTION_NOW");

        events.setLog(log);
        events.execute();
        assertThat(log.infos)
                .anySatisfy(line -> assertThat(line)
                        .matches(".* INFO  RUN_INGESTION_NOW span \\d+ ms ok " + "trace=" + span.traceId()));
        assertThat(log.infos)
                .anySatisfy(line ->
                        assertThat(line).contains(" event ingestion_run ").contains(" status=COMPLETED rows=2 "));

        log.infos.clear();
        events.level = "ERROR";
        int before = snowflake.applicationStatements().size();
        events.execute();
        assertThat(snowflake
                        .applicationStatements()
                        .subList(before, snowflake.applicationStatements().size()))
                .extracting(RecordedStatement::sql)
                .as("above INFO, only failed spans")
                .anySatisfy(sql -> assertThat(sql)
                        .endsWith(" AND RECORD:status:code::STRING = 'STATUS_CODE_ERROR' "
                                + "ORDER BY TIMESTAMP DESC LIMIT ?"));

        log.infos.clear();
        events.level = null;
        events.traces = false;
        before = snowflake.applicationStatements().size();
        events.execute();
        assertThat(snowflake
                        .applicationStatements()
                        .subList(before, snowflake.applicationStatements().size()))
                .extracting(RecordedStatement::sql)
                .noneSatisfy(sql -> assertThat(sql).contains("SPAN"));
        assertThat(log.infos)
                .noneSatisfy(line -> assertThat(line).contains(" span ").contains("trace="));
    }

    /** Configures the app on the fake, creates the resources and runs one ingestion of 'sdk issues' of the issues. */
    private void configureAndIngest(
            ConfigureMojo configure, ResourcesMojo resources, IngestMojo ingest, EventsMojo events, String... issues)
            throws Exception {
        for (InstalledAppMojo goal : List.of(configure, resources, ingest, events)) {
            goal.target = "snowflake";
            goal.connection = "fake";
        }
        configure.execute();
        Files.writeString(
                folder.resolve("src/main/connector/configuration.yaml"),
                ConfigureMojoTest.CONFIGURATION + ResourcesMojoTest.RESOURCES);
        resources.execute();
        FakeIssueSource.reset();
        FakeIssueSource.add(issues);
        ingest.setLog(new RecordingLog());
        ingest.resource = "sdk issues";
        ingest.execute();
    }

    @Test
    void anotherActiveEventTableIsTheOneRead(
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources,
            @InjectMojo(goal = "ingest") IngestMojo ingest,
            @InjectMojo(goal = "events") EventsMojo events)
            throws Exception {
        snowflake.telemetry().eventTable().activate("OPS.LOGS.APP_EVENTS");
        configureAndIngest(configure, resources, ingest, events);
        events.setLog(log);

        events.execute();

        assertThat(snowflake.applicationStatements())
                .extracting(RecordedStatement::sql)
                .anySatisfy(sql -> assertThat(sql).contains(" FROM \"OPS\".\"LOGS\".\"APP_EVENTS\" WHERE "));
        assertThat(snowflake.telemetry().eventTable().rows())
                .allSatisfy(row -> assertThat(row.table()).isEqualTo("OPS.LOGS.APP_EVENTS"));
        assertThat(log.infos)
                .anySatisfy(
                        line -> assertThat(line).contains("Ingestion of resource 'sdk issues' " + "completed: 0 rows"));
    }
}
