package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.plugin.events.LocalEventLog;
import io.connectorkit.plugin.fixtures.FakeIssueSource;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * connector:events on the embedded target: the runtime's records of the runs that goals made the app do, written to
 * the app's event log, shown with the filters.
 */
@MojoTest
class EventsMojoTest {

    private static final String LINE = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} ";

    @TempDir
    Path folder;

    private MavenProject project;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    /** One run that completed and one that failed, on the full descriptor's resource. */
    @BeforeEach
    void aCompletedAndAFailedRun(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy,
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources,
            @InjectMojo(goal = "ingest") IngestMojo ingest)
            throws Exception {
        FakeIssueSource.reset();
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        deploy.execute();
        project.getProperties().setProperty("github.token", ConfigureMojoTest.TOKEN);
        Files.writeString(
                folder.resolve("src/main/connector/configuration.yaml"),
                ConfigureMojoTest.CONFIGURATION + IngestMojoTest.RESOURCES.formatted("\"GLOBAL\""));
        configure.execute();
        resources.execute();
        ingest.setLog(new RecordingLog());
        FakeIssueSource.add("first", "second");
        ingest.execute();
        FakeIssueSource.failNext(1);
        assertThatThrownBy(ingest::execute).isInstanceOf(MojoFailureException.class);
    }

    @Test
    void theFailedRunsErrorIsShownAfterTheCompletedRun(@InjectMojo(goal = "events") EventsMojo events)
            throws Exception {
        events.setLog(log);
        events.traces = false;

        events.execute();

        assertThat(log.infos).hasSize(3);
        assertThat(log.infos.get(0))
                .matches(LINE + "INFO  RUN_SCHEDULER_ITERATION/sdk Ingestion of resource 'sdk issues' "
                        + "completed: 2 rows in \\d+ ms \\(run .+\\)");
        assertThat(log.infos.get(1))
                .as("the runtime's own warning about the failure, not in the resource's scope")
                .matches(LINE + "WARN  RUN_SCHEDULER_ITERATION The ingestion of resource 'sdk issues' .+ failed .+");
        assertThat(log.infos.get(2))
                .matches(LINE + "ERROR RUN_SCHEDULER_ITERATION/sdk Ingestion of resource 'sdk issues' "
                        + "failed \\(attempt 1\\): IllegalStateException: GitHub answered 503 Service Unavailable; next "
                        + "attempt at .+ UTC \\(run .+\\)");
        assertThat(folder.resolve(".connector/local/github_connector/" + LocalEventLog.FILE))
                .exists();
    }

    @Test
    void theLevelTheLastAndSinceFilterTheEvents(@InjectMojo(goal = "events") EventsMojo events) throws Exception {
        events.setLog(log);
        events.traces = false;

        events.level = "error";
        events.execute();
        assertThat(log.infos).singleElement().asString().contains("ERROR RUN_SCHEDULER_ITERATION/sdk");

        log.infos.clear();
        events.level = null;
        events.last = 1;
        events.execute();
        assertThat(log.infos).singleElement().asString().contains("failed (attempt 1)");

        log.infos.clear();
        events.last = 50;
        events.since = "1h";
        events.execute();
        assertThat(log.infos).hasSize(3);

        log.infos.clear();
        events.since = "2999-01-01T00:00:00Z";
        events.execute();
        assertThat(log.infos)
                .singleElement()
                .asString()
                .startsWith("No events of embedded app github_connector " + "match");
    }

    @Test
    void theResourceFilterTakesTheResourcesNameOrIdAndRefusesAnUnknownOne(
            @InjectMojo(goal = "events") EventsMojo events) throws Exception {
        events.setLog(log);
        events.traces = false;
        events.resource = "sdk issues";
        events.execute();
        assertThat(log.infos).hasSize(2).allSatisfy(line -> assertThat(line).contains("RUN_SCHEDULER_ITERATION/sdk "));

        events.resource = "nope";
        assertThatThrownBy(events::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("connector.resource 'nope' is no resource of embedded app github_connector");
    }

    @Test
    void jsonLinesCarryTheSameEvents(@InjectMojo(goal = "events") EventsMojo events) throws Exception {
        events.setLog(log);
        events.traces = false;
        events.format = "json";

        events.execute();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.infos) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).extracting(line -> line.path("severity").asText()).containsExactly("INFO", "WARN", "ERROR");
        assertThat(lines.get(1).path("resource").asText()).isEmpty();
        assertThat(List.of(lines.get(0), lines.get(2))).allSatisfy(line -> {
            assertThat(line.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(line.path("procedure").asText()).isEqualTo("RUN_SCHEDULER_ITERATION");
            assertThat(line.path("resource").asText()).isEqualTo("sdk");
            assertThat(line.path("scope").asText()).isEqualTo("io.connectorkit.runtime.resource.sdk");
        });
        assertThat(lines.get(2).path("message").asText()).contains("GitHub answered 503 Service Unavailable");
    }

    @Test
    void followModeShowsEachNewEventOnce(
            @InjectMojo(goal = "events") EventsMojo events, @InjectMojo(goal = "ingest") IngestMojo ingest)
            throws Exception {
        events.setLog(log);
        events.traces = false;
        ingest.setLog(new RecordingLog());
        ingest.resource = "sdk";
        events.follow = true;
        events.pollSeconds = 0;
        events.iterations = 3;
        List<Integer> shownBeforeEachPoll = new ArrayList<>();
        events.betweenPolls = () -> {
            shownBeforeEachPoll.add(log.infos.size());
            if (shownBeforeEachPoll.size() == 1) {
                FakeIssueSource.add("third");
                try {
                    ingest.execute();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        events.execute();

        assertThat(shownBeforeEachPoll).containsExactly(3, 4);
        assertThat(log.infos).hasSize(4);
        assertThat(log.infos.get(3))
                .contains("INFO  RUN_INGESTION_NOW/sdk Ingestion of resource 'sdk issues' " + "completed: 1 row in");
    }

    /**
     * The full descriptor's traceLevel is ALWAYS: every procedure call the goals made is a span, and each run a trace
     * event of the call that ran it, in the same trace, kept in the event log as Snowflake keeps them in the table.
     */
    @Test
    void tracesShowEachCallsSpanAndEachRunsTraceEvent(@InjectMojo(goal = "events") EventsMojo events) throws Exception {
        events.setLog(log);

        events.execute();

        assertThat(log.infos).as("logs, spans and trace events, oldest first").hasSizeGreaterThan(7);
        assertThat(log.infos)
                .anySatisfy(line -> assertThat(line)
                        .matches(LINE + "INFO  GET_CONNECTOR_STATUS span \\d+ " + "ms ok trace=[0-9a-f]{32}"));
        assertThat(log.infos)
                .filteredOn(line -> line.contains(" event ingestion_run "))
                .satisfiesExactly(
                        completed -> assertThat(completed)
                                .matches(LINE + "INFO  RUN_SCHEDULER_ITERATION/sdk event "
                                        + "ingestion_run run_id=\\S+ status=COMPLETED rows=2 duration_ms=\\d+"),
                        failed -> assertThat(failed)
                                .matches(LINE + "INFO  RUN_SCHEDULER_ITERATION/sdk event ingestion_run "
                                        + "run_id=\\S+ status=FAILED attempt=1 error=IllegalStateException: GitHub answered 503 "
                                        + "Service Unavailable"));
        int completedRun = indexOf(log.infos, "status=COMPLETED");
        assertThat(log.infos.get(completedRun + 1))
                .as("the span of the call that ran it ends after its event")
                .contains("INFO  RUN_SCHEDULER_ITERATION span ");

        List<JsonNode> lines = new ArrayList<>();
        for (String line :
                Files.readAllLines(folder.resolve(".connector/local/github_connector/" + LocalEventLog.FILE))) {
            lines.add(new ObjectMapper().readTree(line));
        }
        JsonNode event = lines.stream()
                .filter(line -> line.path("type").asText().equals("SPAN_EVENT"))
                .findFirst()
                .orElseThrow();
        JsonNode span = lines.stream()
                .filter(line -> line.path("type").asText().equals("SPAN")
                        && line.path("span_id").equals(event.path("span_id")))
                .findFirst()
                .orElseThrow();
        assertThat(span.path("trace_id").asText())
                .isEqualTo(event.path("trace_id").asText())
                .hasSize(32);
        assertThat(span.path("procedure").asText()).isEqualTo("RUN_SCHEDULER_ITERATION");
        assertThat(span.path("start").asText())
                .isLessThanOrEqualTo(span.path("time").asText());
        assertThat(event.path("attributes").path("connector.resource").asText()).isEqualTo("sdk");

        log.infos.clear();
        events.resource = "sdk";
        events.format = "json";
        events.execute();
        assertThat(log.infos)
                .as("the resource's logs and its runs' trace events; no span names one resource")
                .hasSize(4)
                .allSatisfy(line -> assertThat(new ObjectMapper()
                                .readTree(line)
                                .path("resource")
                                .asText())
                        .isEqualTo("sdk"));
        JsonNode traced = new ObjectMapper()
                .readTree(log.infos.stream()
                        .filter(line -> line.contains("SPAN_EVENT"))
                        .findFirst()
                        .orElseThrow());
        assertThat(traced.path("attributes").path("connector.status").asText()).isEqualTo("COMPLETED");
        assertThat(traced.path("attributes").path("connector.rows").asText()).isEqualTo("2");

        log.infos.clear();
        events.resource = null;
        events.format = "text";
        events.level = "ERROR";
        events.execute();
        assertThat(log.infos)
                .as("no call failed, so no span is an error; the failed run's error is a log message")
                .singleElement()
                .asString()
                .contains("ERROR RUN_SCHEDULER_ITERATION/sdk Ingestion of resource");
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line contains " + text + ": " + lines);
    }

    @Test
    void badParametersAreRefusedBeforeTheAppIsOpened(@InjectMojo(goal = "events") EventsMojo events) {
        events.level = "LOUD";
        assertThatThrownBy(events::execute)
                .hasMessage("connector.level='LOUD' is not a severity; write one of TRACE, "
                        + "DEBUG, INFO, WARN, ERROR, FATAL (the least severe shown); nothing was read");
        events.level = null;
        events.since = "yesterday";
        assertThatThrownBy(events::execute)
                .hasMessage("connector.since='yesterday' is neither a duration nor an "
                        + "instant; write how far back (30s, 15m, 2h, 1d) or an ISO-8601 instant such as 2026-12-07T06:00:00Z;"
                        + " nothing was read");
        events.since = null;
        events.format = "xml";
        assertThatThrownBy(events::execute).hasMessageContaining("connector.format=xml is neither text nor json");
        events.format = "text";
        events.last = 0;
        assertThatThrownBy(events::execute).hasMessageContaining("connector.last=0 shows nothing");
    }
}
