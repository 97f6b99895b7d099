package io.connectorkit.runtime.procedures;

import static io.connectorkit.runtime.testing.SchedulerFixture.configuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.resources.IngestionStrategy;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.SchedulerFixture;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RUN_SCHEDULER_ITERATION on the embedded target, through {@code CALL}: a fake source ingested in pages with a
 * cursor, schedules, failures, crashes and reaping, with the scheduler's clock in the test's hands.
 */
class SchedulerIterationTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 2, 10, 0);

    private SchedulerFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private SchedulerFixture fixture() {
        fixture = new SchedulerFixture();
        return fixture;
    }

    @Test
    void ingestsPagesWithACursorAndRunsAgainOneIntervalAfterTheLastStart() {
        SchedulerFixture f = fixture();
        f.source.items("orders", 7);
        f.ingests("orders", "INCREMENTAL", "INTERVAL", "60m");

        JsonNode first = f.iterate();

        JsonNode runs = ((ObjectNode) first).remove("runs");
        assertThat(first)
                .isEqualTo(
                        JsonTree.parse(
                                "{\"response_code\": \"OK\", \"message\": \"Ran 1 of 1 scheduled"
                                        + " ingestions: 1 completed, 0 failed.\", \"due\": 1, \"completed\": 1, \"failed\": 0, \"reaped\": 0}"));
        assertThat(runs).hasSize(1);
        JsonNode reported = runs.get(0);
        assertThat(reported.path("resource").asText()).isEqualTo("orders");
        assertThat(reported.path("resourceIngestionDefinitionId").asText()).isEqualTo("def-orders");
        assertThat(reported.path("ingestionConfigurationId").asText()).isEqualTo("cfg");
        assertThat(reported.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(reported.path("rows").asLong()).isEqualTo(3);
        assertThat(reported.path("attempt").asInt()).isEqualTo(1);
        assertThat(reported.path("message").asText()).isEqualTo("3 items after 0");
        assertThat(reported.path("error").isNull()).isTrue();
        assertThat(reported.path("nextRunAt").asText()).isEqualTo("2026-03-02 11:00:00.000000");
        assertThat(reported.path("durationMs").asLong()).isZero();
        assertThat(f.ids("DEST.ORDERS")).containsExactly(1L, 2L, 3L);
        assertThat(f.cursor("proc-orders")).isEqualTo(JsonTree.parse("{\"after\": 3}"));
        assertThat(f.process("proc-orders"))
                .containsEntry("STATUS", "SCHEDULED")
                .containsEntry("ATTEMPTS", 0)
                .containsEntry("LAST_ERROR", null);
        assertThat(f.nextRunAt("proc-orders")).isEqualTo(T0.plusHours(1));
        Map<String, Object> run = f.runs().get(0);
        assertThat(run)
                .containsEntry("STATUS", "COMPLETED")
                .containsEntry("INGESTED_ROWS", 3)
                .containsEntry("INGESTION_PROCESS_ID", "proc-orders")
                .containsEntry("RESOURCE_INGESTION_DEFINITION_ID", "def-orders")
                .containsEntry("INGESTION_CONFIGURATION_ID", "cfg");
        assertThat(JsonTree.parse((String) run.get("METADATA")))
                .isEqualTo(JsonTree.parse("{\"message\": \"3 items after 0\"}"));

        f.clock.advance(Duration.ofMinutes(59));
        assertThat(f.iterate().path("due").asInt()).isZero();
        assertThat(f.iterate().path("message").asText())
                .isEqualTo("Ran 0 of 1 scheduled ingestions: 0 completed, 0" + " failed. None is due.");

        f.clock.advance(Duration.ofMinutes(1));
        assertThat(f.iterate().path("completed").asInt()).isEqualTo(1);
        f.clock.advance(Duration.ofHours(1));
        f.iterate();
        f.clock.advance(Duration.ofHours(1));
        f.iterate();

        assertThat(f.ids("DEST.ORDERS")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(f.cursor("proc-orders")).isEqualTo(JsonTree.parse("{\"after\": 7}"));
        assertThat(f.source.tasks)
                .extracting(task -> task.cursor().orElse(null))
                .containsExactly(null, "{\"after\":3}", "{\"after\":6}", "{\"after\":7}");
        assertThat(f.runs()).extracting(row -> row.get("INGESTED_ROWS")).containsExactly(3, 3, 1, 0);
    }

    /**
     * A process whose resource ingestion definition was deleted can never run. The SDK's scheduler fails the whole
     * iteration on it, every time ("Invalid Ingestion Process id='…': Resource Ingestion Definition with id '…' does
     * not exist"); here it is ended with that error, its run recorded FAILED, and the other processes run.
     */
    @Test
    void aProcessWhoseDefinitionIsMissingIsEndedAndReportedWhileTheOthersRun() {
        SchedulerFixture f = fixture();
        f.source.items("orders", 2);
        f.ingests("orders", "INCREMENTAL", "INTERVAL", "60m");
        f.process("proc-gone", "def-gone", "cfg");

        JsonNode answer = f.iterate();

        String error = "Invalid Ingestion Process id='proc-gone': Resource Ingestion Definition with id 'def-gone'"
                + " does not exist; the process was ended. Create the resource again (CREATE_RESOURCE) to ingest it.";
        assertThat(answer.path("message").asText())
                .isEqualTo("Ran 1 of 1 scheduled ingestions: 1 completed, 0"
                        + " failed. Ended 1 ingestion process whose resource ingestion definition does not exist: "
                        + error);
        assertThat(answer.path("ended").asInt()).isEqualTo(1);
        assertThat(answer.path("completed").asInt()).isEqualTo(1);
        assertThat(f.process("proc-gone")).containsEntry("STATUS", "FINISHED").containsEntry("LAST_ERROR", error);
        assertThat(f.app.query("SELECT FINISHED_AT IS NOT NULL AS ENDED FROM STATE.INGESTION_PROCESS WHERE ID ="
                        + " 'proc-gone'"))
                .containsExactly(EmbeddedAppFixture.row("ENDED", true));
        Map<String, Object> run = f.runs().stream()
                .filter(row -> "proc-gone".equals(row.get("INGESTION_PROCESS_ID")))
                .findFirst()
                .orElseThrow();
        assertThat(run)
                .containsEntry("STATUS", "FAILED")
                .containsEntry("INGESTED_ROWS", 0)
                .containsEntry("RESOURCE_INGESTION_DEFINITION_ID", "def-gone");
        assertThat(JsonTree.parse((String) run.get("METADATA")))
                .isEqualTo(JsonTree.object().put("error", error));

        f.clock.advance(Duration.ofHours(1));
        JsonNode next = f.iterate();
        assertThat(next.has("ended")).isFalse();
        assertThat(next.path("message").asText())
                .isEqualTo("Ran 1 of 1 scheduled ingestions: 1 completed, 0" + " failed.");
    }

    @Test
    void theTaskCarriesTheResourceItsConfigurationAndTheAttempt() {
        SchedulerFixture f = fixture();
        f.source.items("orders", 1);
        f.resource(
                "def-1",
                "Orders of ACME",
                "\"orders\"",
                "[{\"id\": \"main\", \"ingestionStrategy\": \"SNAPSHOT\","
                        + " \"scheduleType\": \"GLOBAL\", \"customIngestionConfiguration\": {\"columns\": 5},"
                        + " \"destination\": {\"table\": \"RAW.ACME_ORDERS\"}}]");
        f.process("p-1", "def-1", "main");

        f.iterate();

        var task = f.source.tasks.get(0);
        assertThat(task.definitionId()).isEqualTo("def-1");
        assertThat(task.processId()).isEqualTo("p-1");
        assertThat(task.runId()).isEqualTo(f.runs().get(0).get("ID"));
        assertThat(task.resourceName()).isEqualTo("Orders of ACME");
        assertThat(task.resourceIdText()).hasValue("orders");
        assertThat(task.configurationId()).isEqualTo("main");
        assertThat(task.strategy()).isEqualTo(IngestionStrategy.SNAPSHOT);
        assertThat(task.customIngestionConfiguration().integer("columns")).hasValue(5L);
        assertThat(task.destination().string("table")).hasValue("RAW.ACME_ORDERS");
        assertThat(task.attempt()).isEqualTo(1);
        assertThat(task.isRetry()).isFalse();
        assertThat(f.ids("RAW.ACME_ORDERS")).containsExactly(1L);
    }

    @Test
    void cronSchedulesRunAtTheirNextFiringTimeInUtc() {
        SchedulerFixture f = fixture();
        f.clock.set("2026-03-02T10:20:00Z");
        f.source.items("orders", 10).pageSize(1);
        f.ingests("orders", "INCREMENTAL", "CRON", "0 */2 * * *");

        assertThat(f.iterate().path("completed").asInt())
                .as("a new process is due at once")
                .isEqualTo(1);
        assertThat(f.nextRunAt("proc-orders")).isEqualTo(LocalDateTime.of(2026, 3, 2, 12, 0));

        f.clock.set("2026-03-02T11:59:59Z");
        assertThat(f.iterate().path("due").asInt()).isZero();
        f.clock.set("2026-03-02T12:00:30Z");
        assertThat(f.iterate().path("completed").asInt()).isEqualTo(1);
        assertThat(f.nextRunAt("proc-orders")).isEqualTo(LocalDateTime.of(2026, 3, 2, 14, 0));
        assertThat(f.ids("DEST.ORDERS")).containsExactly(1L, 2L);
    }

    @Test
    void globalSchedulesRunAtEveryIteration() {
        SchedulerFixture f = fixture();
        f.source.items("orders", 10).pageSize(2);
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);

        for (int i = 0; i < 3; i++) {
            assertThat(f.iterate().path("completed").asInt()).isEqualTo(1);
            assertThat(f.nextRunAt("proc-orders")).isNull();
        }
        assertThat(f.ids("DEST.ORDERS")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void twoConfigurationsOfOneResourceDueInTheSameTickBothRun() {
        SchedulerFixture f = fixture();
        f.source.items("orders", 4).pageSize(10);
        f.resource(
                "def-orders",
                "orders",
                "\"orders\"",
                "[" + configuration("hourly", "INCREMENTAL", "INTERVAL", "1h", null) + ", "
                        + configuration("full", "SNAPSHOT", "GLOBAL", null, "{\"table\": \"ORDERS_SNAPSHOT\"}")
                        + "]");
        f.process("p-hourly", "def-orders", "hourly").process("p-full", "def-orders", "full");

        JsonNode response = f.iterate();

        assertThat(response.path("completed").asInt()).isEqualTo(2);
        assertThat(f.runs())
                .extracting(row -> row.get("INGESTION_CONFIGURATION_ID"))
                .containsExactlyInAnyOrder("hourly", "full");
        assertThat(f.ids("DEST.ORDERS")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(f.ids("DEST.ORDERS_SNAPSHOT")).containsExactly(1L, 2L, 3L, 4L);
    }

    @ParameterizedTest
    @EnumSource(value = ConnectorStatus.class, names = "STARTED", mode = EnumSource.Mode.EXCLUDE)
    void nothingRunsUnlessTheConnectorIsStarted(ConnectorStatus status) {
        SchedulerFixture f = fixture();
        f.source.items("orders", 3);
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        f.app.execute("INSERT INTO STATE.INGESTION_RUN (ID, STARTED_AT, UPDATED_AT, STATUS) VALUES ('stuck',"
                + " TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:00', 'IN_PROGRESS')");
        f.app.forceState(new ConnectorState(
                status,
                status == ConnectorStatus.CONFIGURING ? ConfigurationStatus.CONNECTED : ConfigurationStatus.FINALIZED));
        String before = f.app.snapshot() + f.runs() + f.process("proc-orders");

        JsonNode response = f.iterate();

        assertThat(response.path("response_code").asText()).isEqualTo("OK");
        assertThat(response.path("message").asText()).contains(status.name()).contains("no ingestion runs");
        assertThat(response.path("due").asInt()).isZero();
        assertThat(f.app.snapshot() + f.runs() + f.process("proc-orders")).isEqualTo(before);
        assertThat(f.source.tasks).isEmpty();
    }

    @Test
    void aConnectorWithoutIngestionTouchesNothing() {
        fixture = new SchedulerFixture(builder -> ConnectorDefinition.builder());
        SchedulerFixture f = fixture;
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        f.app.execute("UPDATE STATE.INGESTION_PROCESS SET STATUS = 'IN_PROGRESS'");
        String before = f.runs() + "" + f.process("proc-orders");

        JsonNode response = f.iterate();

        assertThat(response.path("response_code").asText()).isEqualTo("OK");
        assertThat(response.path("message").asText()).startsWith("No ingestion registered");
        assertThat(f.runs() + "" + f.process("proc-orders")).isEqualTo(before);
    }

    @Test
    void aFailingRunIsRecordedRetriedWithBackoffAndTheConnectorStaysStarted() {
        SchedulerFixture f = fixture();
        f.source.items("orders", 2);
        f.ingests("orders", "INCREMENTAL", "INTERVAL", "30m");
        f.source.failNext(new IllegalStateException("the API answered 503"));

        JsonNode failed = f.iterate();

        assertThat(failed.path("message").asText())
                .isEqualTo("Ran 1 of 1 scheduled ingestions: 0 completed, 1 failed.");
        assertThat(failed.path("failed").asInt()).isEqualTo(1);
        JsonNode reported = failed.path("runs").get(0);
        assertThat(reported.path("status").asText()).isEqualTo("FAILED");
        assertThat(reported.path("error").asText()).isEqualTo("IllegalStateException: the API answered 503");
        assertThat(reported.path("attempt").asInt()).isEqualTo(1);
        assertThat(reported.path("nextRunAt").asText()).as("the retry").isEqualTo("2026-03-02 10:01:00.000000");
        assertThat(f.app.query("SELECT NAME, IS_ENABLED, PROCESS_STATUS, ATTEMPTS, LAST_ERROR, NEXT_RUN_AT,"
                        + " LAST_RUN_STATUS, LAST_RUN_ROWS FROM PUBLIC.RESOURCE_STATUS"))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("NAME", "orders")
                        .containsEntry("IS_ENABLED", true)
                        .containsEntry("PROCESS_STATUS", "SCHEDULED")
                        .containsEntry("ATTEMPTS", 1)
                        .containsEntry("LAST_ERROR", "IllegalStateException: the API answered 503")
                        .containsEntry("LAST_RUN_STATUS", "FAILED")
                        .containsEntry("LAST_RUN_ROWS", 0));
        Map<String, Object> run = f.runs().get(0);
        assertThat(run).containsEntry("STATUS", "FAILED").containsEntry("INGESTED_ROWS", 0);
        assertThat(run.get("COMPLETED_AT")).isNotNull();
        assertThat(JsonTree.parse((String) run.get("METADATA")))
                .isEqualTo(JsonTree.parse("{\"error\": \"IllegalStateException: the API answered 503\"}"));
        assertThat(f.process("proc-orders"))
                .containsEntry("STATUS", "SCHEDULED")
                .containsEntry("ATTEMPTS", 1)
                .containsEntry("LAST_ERROR", "IllegalStateException: the API answered 503");
        assertThat(f.nextRunAt("proc-orders")).isEqualTo(T0.plusMinutes(1));
        assertThat(f.app.state().status()).isEqualTo(ConnectorStatus.STARTED);

        f.clock.advance(Duration.ofSeconds(59));
        assertThat(f.iterate().path("due").asInt()).isZero();

        f.clock.advance(Duration.ofSeconds(1));
        f.source.failNext(new IllegalStateException("still 503"));
        f.iterate();
        assertThat(f.process("proc-orders")).containsEntry("ATTEMPTS", 2);
        assertThat(f.nextRunAt("proc-orders"))
                .as("2 minutes after the second failure")
                .isEqualTo(T0.plusMinutes(3));

        f.clock.advance(Duration.ofMinutes(2));
        JsonNode retried = f.iterate();

        assertThat(retried.path("completed").asInt()).isEqualTo(1);
        assertThat(f.source.tasks).extracting(task -> task.attempt()).containsExactly(1, 2, 3);
        assertThat(f.process("proc-orders")).containsEntry("ATTEMPTS", 0).containsEntry("LAST_ERROR", null);
        assertThat(f.nextRunAt("proc-orders")).isEqualTo(T0.plusMinutes(3 + 30));
        assertThat(f.ids("DEST.ORDERS")).containsExactly(1L, 2L);
        assertThat(f.runs()).extracting(row -> row.get("STATUS")).containsExactly("FAILED", "FAILED", "COMPLETED");
    }

    @Test
    void runIngestionNowRunsOneResourceBeforeItIsDueThroughTheSameRunsAndRetries() {
        SchedulerFixture f = fixture();
        f.source.items("orders", 4).pageSize(2);
        f.source.items("customers", 3);
        f.ingests("orders", "INCREMENTAL", "INTERVAL", "60m");
        f.ingests("customers", "SNAPSHOT", "INTERVAL", "60m");
        f.iterate();
        f.clock.advance(Duration.ofMinutes(5));
        assertThat(f.iterate().path("due").asInt()).as("neither is due yet").isZero();

        JsonNode now = f.app.call("RUN_INGESTION_NOW", "def-orders");

        assertThat(now.path("response_code").asText()).isEqualTo("OK");
        assertThat(now.path("message").asText())
                .isEqualTo("Ran 1 of 2 scheduled ingestions now, due or not: 1" + " completed, 0 failed.");
        assertThat(now.path("runs")).singleElement().satisfies(run -> {
            assertThat(run.path("resource").asText()).isEqualTo("orders");
            assertThat(run.path("rows").asLong()).isEqualTo(2);
        });
        assertThat(f.ids("DEST.ORDERS")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(f.nextRunAt("proc-orders"))
                .as("the schedule goes on from this run")
                .isEqualTo(T0.plusMinutes(5).plusHours(1));
        assertThat(f.nextRunAt("proc-customers")).isEqualTo(T0.plusHours(1));

        f.source.failNext(new IllegalStateException("the API answered 500"));
        JsonNode failed = f.app.call("RUN_INGESTION_NOW", "def-orders");
        assertThat(failed.path("failed").asInt()).isEqualTo(1);
        assertThat(f.process("proc-orders"))
                .containsEntry("ATTEMPTS", 1)
                .containsEntry("LAST_ERROR", "IllegalStateException: the API answered 500");
        assertThat(f.app.call("RUN_INGESTION_NOW", "def-orders")
                        .path("completed")
                        .asInt())
                .as("run now does not wait for the retry")
                .isEqualTo(1);
        assertThat(f.process("proc-orders")).containsEntry("ATTEMPTS", 0);

        JsonNode all = f.app.call("RUN_INGESTION_NOW", (Object) null);
        assertThat(all.path("completed").asInt()).as("every enabled resource").isEqualTo(2);
        assertThat(f.runs()).hasSize(7);
    }

    @Test
    void runIngestionNowRefusesAnUnknownOrDisabledResourceAndAPausedConnectorRunsNothing() {
        SchedulerFixture f = fixture();
        f.source.items("orders", 1);
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        f.app.execute("INSERT INTO STATE.RESOURCE_INGESTION_DEFINITION (ID, NAME, ENABLED, UPDATED_AT) VALUES"
                + " ('def-off', 'off', FALSE, TIMESTAMP '2026-01-01 00:00:00')");

        JsonNode unknown = f.app.call("RUN_INGESTION_NOW", "def-nope");
        JsonNode disabled = f.app.call("RUN_INGESTION_NOW", "def-off");

        assertThat(unknown.path("response_code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(unknown.path("message").asText()).contains("'def-nope' does not exist");
        assertThat(disabled.path("response_code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(disabled.path("message").asText())
                .contains("'def-off' is disabled")
                .contains("ENABLE_RESOURCE");
        assertThat(f.runs()).isEmpty();

        f.app.forceState(new ConnectorState(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));
        JsonNode paused = f.app.call("RUN_INGESTION_NOW", "def-orders");
        assertThat(paused.path("response_code").asText()).isEqualTo("OK");
        assertThat(paused.path("message").asText()).startsWith("The connector is paused");
        assertThat(f.runs()).isEmpty();
    }

    @Test
    void aRunThatThrowsInsideTheSinkAfterSeveralBatchesKeepsNoneOfThem() {
        SchedulerFixture f = fixture();
        f.source.items("orders", 2500).pageSize(2500);
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        f.source.failInsideTheSinkAfter(2100, new IllegalArgumentException("row 2101 is malformed"));

        f.iterate();

        assertThat(f.app.query("SELECT COUNT(*) AS N FROM DEST.ORDERS")).containsExactly(Map.of("N", 0L));
        assertThat(f.cursor("proc-orders")).isNull();
        assertThat(f.runs().get(0)).containsEntry("STATUS", "FAILED");

        f.clock.advance(Duration.ofMinutes(1));
        f.iterate();

        assertThat(f.ids("DEST.ORDERS")).hasSize(2500).doesNotHaveDuplicates();
        assertThat(f.cursor("proc-orders")).isEqualTo(JsonTree.parse("{\"after\": 2500}"));
    }

    @Test
    void aCrashBetweenClaimAndCompletionIsReapedAfterTheTimeoutAndNothingIsIngestedTwice() {
        SchedulerFixture f = fixture();
        f.source.items("orders", 5).pageSize(2);
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        f.iterate();
        assertThat(f.ids("DEST.ORDERS")).containsExactly(1L, 2L);
        f.clock.advance(Duration.ofMinutes(1));
        f.source.failInsideTheSinkAfter(1, new OutOfMemoryError("simulated crash of the app"));

        assertThatThrownBy(f::iterate).hasMessageContaining("simulated crash");

        assertThat(f.process("proc-orders")).containsEntry("STATUS", "IN_PROGRESS");
        assertThat(f.runs().get(1)).containsEntry("STATUS", "IN_PROGRESS");
        assertThat(f.ids("DEST.ORDERS")).containsExactly(1L, 2L);
        assertThat(f.cursor("proc-orders")).isEqualTo(JsonTree.parse("{\"after\": 2}"));

        f.clock.advance(Duration.ofMinutes(59));
        JsonNode tooEarly = f.iterate();
        assertThat(tooEarly.path("reaped").asInt()).isZero();
        assertThat(tooEarly.path("due").asInt()).isZero();

        f.clock.advance(Duration.ofMinutes(2));
        JsonNode reaping = f.iterate();

        assertThat(reaping.path("reaped").asInt()).isEqualTo(1);
        assertThat(reaping.path("due").asInt())
                .as("retried after backoff, not at once")
                .isZero();
        assertThat(reaping.path("message").asText())
                .endsWith("Reaped 1 run stuck IN_PROGRESS for more than 60 minutes.");
        Map<String, Object> reaped = f.runs().get(1);
        assertThat(reaped).containsEntry("STATUS", "FAILED");
        assertThat(JsonTree.parse((String) reaped.get("METADATA")).path("error").asText())
                .startsWith("The run was reaped after 60 minutes without progress");
        assertThat(f.process("proc-orders"))
                .containsEntry("STATUS", "SCHEDULED")
                .containsEntry("ATTEMPTS", 1);
        assertThat(f.nextRunAt("proc-orders")).isEqualTo(T0.plusMinutes(62 + 1));

        f.clock.advance(Duration.ofMinutes(1));
        f.iterate();
        f.iterate();

        assertThat(f.ids("DEST.ORDERS")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(f.cursor("proc-orders")).isEqualTo(JsonTree.parse("{\"after\": 5}"));
        assertThat(f.source.tasks).extracting(task -> task.attempt()).containsExactly(1, 1, 2, 1);
    }

    @Test
    void theIngestionTimeoutIsTheConnectors() {
        fixture = new SchedulerFixture(builder -> builder.ingestionTimeout(Duration.ofMinutes(5)));
        SchedulerFixture f = fixture;
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        f.source.failInsideTheSinkAfter(0, new StackOverflowError("crash"));
        f.source.items("orders", 1);
        assertThatThrownBy(f::iterate).hasMessageContaining("crash");

        f.clock.advance(Duration.ofMinutes(4));
        assertThat(f.iterate().path("reaped").asInt()).isZero();
        f.clock.advance(Duration.ofMinutes(2));
        assertThat(f.iterate().path("message").asText()).endsWith("for more than 5 minutes.");
    }

    @Test
    void aRunReapedWhileItStillRanKeepsNothingOfWhatItWrote() {
        SchedulerFixture f = fixture();
        f.source.items("orders", 3);
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        f.source.duringRun((task, sink) -> {
            // Another host's iteration, an hour later, takes this slow run for dead.
            f.clock.advance(Duration.ofMinutes(61));
            try (var other = f.app.newConnection()) {
                assertThat(EmbeddedAppFixture.call(other, "RUN_SCHEDULER_ITERATION")
                                .path("reaped")
                                .asInt())
                        .isEqualTo(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        JsonNode response = f.iterate();

        assertThat(response.path("failed").asInt()).isEqualTo(1);
        assertThat(f.app.query("SELECT COUNT(*) AS N FROM DEST.ORDERS")).containsExactly(Map.of("N", 0L));
        assertThat(f.cursor("proc-orders")).isNull();
        assertThat(f.runs()).singleElement().satisfies(run -> assertThat(run).containsEntry("STATUS", "FAILED"));
        assertThat(f.process("proc-orders"))
                .containsEntry("STATUS", "SCHEDULED")
                .containsEntry("ATTEMPTS", 1);
    }

    @Test
    void aProcessDisabledWhileItRanStaysFinishedAndKeepsTheNewCursor() {
        SchedulerFixture f = fixture();
        f.source.items("orders", 3);
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        f.source.duringRun((task, sink) -> {
            try (var other = f.app.newConnection();
                    var statement = other.createStatement()) {
                statement.execute(
                        "UPDATE STATE.INGESTION_PROCESS SET STATUS = 'FINISHED', FINISHED_AT =" + " LOCALTIMESTAMP");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(f.iterate().path("completed").asInt()).isEqualTo(1);

        assertThat(f.process("proc-orders")).containsEntry("STATUS", "FINISHED");
        assertThat(f.cursor("proc-orders")).isEqualTo(JsonTree.parse("{\"after\": 3}"));
        assertThat(f.iterate().path("due").asInt()).isZero();
    }

    @Test
    void aPauseBetweenTwoDueProcessesStopsTheIteration() {
        SchedulerFixture f = fixture();
        f.source.items("a", 1).items("b", 1);
        f.ingests("a", "INCREMENTAL", "GLOBAL", null).ingests("b", "INCREMENTAL", "GLOBAL", null);
        f.source.duringRun((task, sink) -> {
            try (var other = f.app.newConnection()) {
                assertThat(EmbeddedAppFixture.call(other, "PAUSE_CONNECTOR")
                                .path("response_code")
                                .asText())
                        .isEqualTo("OK");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        JsonNode response = f.iterate();

        assertThat(response.path("due").asInt()).isEqualTo(2);
        assertThat(response.path("completed").asInt()).isEqualTo(1);
        assertThat(response.path("message").asText())
                .contains("The connector was paused meanwhile; 1 due ingestion" + " waits for RESUME_CONNECTOR.");
        assertThat(f.source.tasks).hasSize(1);
    }

    @Test
    void aSecretInAnErrorMessageIsMasked() {
        fixture = new SchedulerFixture(builder -> builder.connectionField(ConfigurationField.secret("api_token")));
        SchedulerFixture f = fixture;
        assertThat(f.app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "tok-S3CRET")
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        f.source.failNext(new IllegalStateException("401 for Authorization: Bearer tok-S3CRET"));

        f.iterate();

        assertThat(f.process("proc-orders").get("LAST_ERROR"))
                .isEqualTo("IllegalStateException: 401 for Authorization: Bearer ********");
        assertThat((String) f.runs().get(0).get("METADATA"))
                .doesNotContain("tok-S3CRET")
                .contains("********");
    }

    @Test
    void aProcessWhoseConfigurationIsGoneOrInvalidFailsWithTheReason() {
        SchedulerFixture f = fixture();
        f.resource(
                "def-1",
                "orders",
                "\"orders\"",
                "[" + configuration("cfg", "INCREMENTAL", "INTERVAL", "90s", null) + "]");
        f.process("p-bad-schedule", "def-1", "cfg").process("p-gone", "def-1", "removed");

        JsonNode response = f.iterate();

        assertThat(response.path("failed").asInt()).isEqualTo(2);
        assertThat(f.process("p-bad-schedule").get("LAST_ERROR"))
                .isEqualTo("IllegalStateException: The ingestion"
                        + " configuration's schedule is not valid: Invalid schedule definition '90s'. Interval schedule"
                        + " definition should consist of a number and one of the letters: d, h, m.");
        assertThat(f.process("p-gone").get("LAST_ERROR"))
                .isEqualTo("IllegalStateException: The resource has no"
                        + " ingestion configuration with id 'removed' any more, but its process was still scheduled");
        assertThat(f.source.tasks).isEmpty();
    }

    @Test
    void withoutADestinationTheRunFailsSayingWhatToConfigure() {
        SchedulerFixture f = fixture();
        f.app.forceConfiguration("connector_configuration", "{}");
        f.source.items("orders", 1);
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);

        f.iterate();

        assertThat(f.process("proc-orders").get("LAST_ERROR"))
                .isEqualTo("IllegalStateException: Resource 'orders'"
                        + " has no destination: give its ingestion configuration a destination.table, or configure"
                        + " destination_schema in connector_configuration");
    }

    @Test
    void aProcessTakenByAnotherIterationIsSkipped() {
        SchedulerFixture f = fixture();
        f.source.items("a", 1).items("b", 1);
        f.ingests("a", "INCREMENTAL", "GLOBAL", null).ingests("b", "INCREMENTAL", "INTERVAL", "1h");
        f.source.duringRun((task, sink) -> {
            try (var other = f.app.newConnection()) {
                JsonNode concurrent = EmbeddedAppFixture.call(other, "RUN_SCHEDULER_ITERATION");
                assertThat(concurrent.path("completed").asInt()).isEqualTo(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        JsonNode response = f.iterate();

        assertThat(response.path("completed").asInt()).isEqualTo(1);
        assertThat(response.path("message").asText()).contains("1 was taken by another iteration or no longer due.");
        assertThat(f.runs()).hasSize(2).allSatisfy(run -> assertThat(run).containsEntry("STATUS", "COMPLETED"));
        assertThat(f.source.tasks).extracting(task -> task.processId()).doesNotHaveDuplicates();
    }

    @Test
    void withoutAStatusRowNothingRuns() {
        SchedulerFixture f = fixture();
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        f.app.execute("DELETE FROM STATE.APP_STATE");

        assertThat(f.iterate().path("response_code").asText()).isEqualTo("CONNECTOR_STATUS_NOT_FOUND");
        assertThat(f.runs()).isEmpty();
    }
}
