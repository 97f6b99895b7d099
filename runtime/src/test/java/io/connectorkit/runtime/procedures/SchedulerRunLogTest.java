package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.RuntimeLogRecorder;
import io.connectorkit.runtime.testing.SchedulerFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an iteration tells the operator about each run: one log line per completed or failed run under the resource's
 * scope, a warning with the exception for a failure, and a failure's error as the run reports it (its root cause
 * added, shortened to the column's size).
 */
class SchedulerRunLogTest {

    private final RuntimeLogRecorder recorder = new RuntimeLogRecorder();
    private final SchedulerFixture f = new SchedulerFixture();

    @BeforeEach
    void record() {
        recorder.start();
    }

    @AfterEach
    void close() {
        recorder.stop();
        f.close();
    }

    private List<LogRecord> logged(String logger) {
        return recorder.records().stream()
                .filter(record -> record.getLoggerName().equals(logger))
                .toList();
    }

    private static String text(LogRecord record) {
        return new SimpleFormatter().formatMessage(record);
    }

    private JsonNode onlyRun(JsonNode iteration) {
        assertThat(iteration.path("runs")).hasSize(1);
        return iteration.path("runs").get(0);
    }

    @Test
    void aCompletedRunIsLoggedUnderItsResourceWithRowsAndDuration() {
        f.source.items("orders", 3);
        f.ingests("orders", "INCREMENTAL", "INTERVAL", "60m");
        f.source.duringRun((task, sink) -> f.clock.advance(Duration.ofMillis(1500)));

        JsonNode run = onlyRun(f.iterate());

        assertThat(run.path("durationMs").asLong()).isEqualTo(1500);
        String runId = run.path("runId").asText();
        assertThat(runId).isNotBlank();
        assertThat(logged(RunLog.scopeOf("def-orders"))).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.INFO);
            assertThat(text(record))
                    .isEqualTo("Ingestion of resource 'orders' completed: 3 rows in 1500 ms (run " + runId + ")");
        });
    }

    @Test
    void oneRowIsSaidInTheSingular() {
        f.source.items("orders", 1);
        f.ingests("orders", "INCREMENTAL", "INTERVAL", "60m");

        JsonNode run = onlyRun(f.iterate());

        assertThat(logged(RunLog.scopeOf("def-orders")))
                .singleElement()
                .satisfies(record -> assertThat(text(record))
                        .isEqualTo("Ingestion of resource 'orders' completed: 1 row in 0 ms (run "
                                + run.path("runId").asText() + ")"));
    }

    @Test
    void aFailedRunIsLoggedAsAnErrorWithItsAttemptAndRetryAndWarnedWithItsException() {
        f.source.items("orders", 3);
        f.ingests("orders", "INCREMENTAL", "INTERVAL", "60m");
        IllegalStateException failure = new IllegalStateException("rate limited");
        f.source.failNext(failure);

        JsonNode run = onlyRun(f.iterate());

        assertThat(run.path("status").asText()).isEqualTo("FAILED");
        assertThat(run.path("error").asText()).isEqualTo("IllegalStateException: rate limited");
        String runId = run.path("runId").asText();
        assertThat(logged(RunLog.scopeOf("def-orders"))).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(text(record))
                    .startsWith("Ingestion of resource 'orders' failed (attempt 1):"
                            + " IllegalStateException: rate limited; next attempt at ")
                    .endsWith(" UTC (run " + runId + ")");
        });
        assertThat(recorder.records()).anySatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(text(record))
                    .isEqualTo("The ingestion of resource 'orders' (configuration 'cfg', run " + runId + ") failed");
            assertThat(record.getThrown()).isSameAs(failure);
        });
    }

    @Test
    void aFailuresErrorNamesItsRootCauseUnlessTheMessageHasItAlready() {
        f.source.items("orders", 3);
        f.ingests("orders", "INCREMENTAL", "INTERVAL", "1m");
        f.source.failNext(new IllegalStateException(
                "page 2 failed", new UncheckedIOException("read failed", new IOException("connection reset"))));

        assertThat(onlyRun(f.iterate()).path("error").asText())
                .isEqualTo("IllegalStateException: page 2 failed" + " (caused by IOException: connection reset)");

        f.clock.advance(Duration.ofHours(2));
        IOException root = new IOException("connection reset");
        f.source.failNext(new UncheckedIOException("connection reset", root));
        assertThat(onlyRun(f.iterate()).path("error").asText()).isEqualTo("UncheckedIOException: connection reset");

        f.clock.advance(Duration.ofHours(2));
        f.source.failNext(new IllegalStateException("no detail", new IOException()));
        assertThat(onlyRun(f.iterate()).path("error").asText()).isEqualTo("IllegalStateException: no detail");
    }

    @Test
    void aLongErrorIsShortenedToTheColumnsSize() {
        f.source.items("orders", 3);
        f.ingests("orders", "INCREMENTAL", "INTERVAL", "1m");
        f.source.failNext(new IllegalStateException("x".repeat(3000)));

        String error = onlyRun(f.iterate()).path("error").asText();

        assertThat(error).hasSize(2000).startsWith("IllegalStateException: xxx").endsWith("x…");
        assertThat((String) f.process("proc-orders").get("LAST_ERROR")).isEqualTo(error);

        f.clock.advance(Duration.ofHours(2));
        String exactly = "x".repeat(2000 - "IllegalStateException: ".length());
        f.source.failNext(new IllegalStateException(exactly));
        assertThat(onlyRun(f.iterate()).path("error").asText()).isEqualTo("IllegalStateException: " + exactly);
    }

    @Test
    void anOrphanedProcessIsEndedWithAWarning() {
        f.process("proc-gone", "def-gone", "cfg");

        JsonNode iteration = f.iterate();

        String error = "Invalid Ingestion Process id='proc-gone': Resource Ingestion Definition with id 'def-gone' does"
                + " not exist; the process was ended. Create the resource again (CREATE_RESOURCE) to ingest it.";
        assertThat(iteration.path("message").asText()).contains(error);
        assertThat(recorder.records()).anySatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(text(record)).isEqualTo(error);
        });

        recorder.records().clear();
        f.iterate();
        assertThat(recorder.records()).noneMatch(record -> text(record).contains("proc-gone"));
    }

    @Test
    void aFailedRunReportsHowLongItRan() {
        f.source.items("orders", 3);
        f.ingests("orders", "INCREMENTAL", "INTERVAL", "60m");
        f.source.duringRun((task, sink) -> {
            f.clock.advance(Duration.ofMillis(2500));
            throw new IllegalStateException("page 2 failed");
        });

        JsonNode run = onlyRun(f.iterate());

        assertThat(run.path("status").asText()).isEqualTo("FAILED");
        assertThat(run.path("durationMs").asLong()).isEqualTo(2500);
    }

    @Test
    void aRunReapedWhileItRanIsWarnedAboutAndReportsItsDuration() {
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

        JsonNode run = onlyRun(f.iterate());

        assertThat(run.path("status").asText()).isEqualTo("FAILED");
        assertThat(run.path("durationMs").asLong())
                .isEqualTo(Duration.ofMinutes(61).toMillis());
        String runId = run.path("runId").asText();
        assertThat(recorder.records()).anySatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(text(record))
                    .isEqualTo("The ingestion of resource 'orders' (run " + runId + ") outlived the"
                            + " ingestion timeout and was reaped meanwhile; its rows were rolled back");
        });
    }
}
