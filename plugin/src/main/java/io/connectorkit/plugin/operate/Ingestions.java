package io.connectorkit.plugin.operate;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.plugin.app.RefusedException;
import io.connectorkit.runtime.procedures.PublicProcedure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.Optional;

/**
 * Runs the app's scheduler from Maven: one iteration of what is due ({@code connector:ingest}), iterations at a fixed
 * pace until interrupted ({@code connector:run}), or the ingestions of one resource (or of all) now, due or not
 * ({@code RUN_INGESTION_NOW}). Every run is printed on one line; a failed run is recorded by the app and retried
 * later, and {@link Iteration#failure} says what failed and what to do, for the goals that fail the build on it.
 */
public final class Ingestions {

    /** One run as the app reported it. */
    public record Run(String resource, String definitionId, String status, long rows, long durationMs, int attempt,
            String message, String error, String nextRunAt) {

        static Run of(JsonNode run) {
            return new Run(run.path("resource").asText(""), run.path("resourceIngestionDefinitionId").asText(""),
                    run.path("status").asText(""), run.path("rows").asLong(0), run.path("durationMs").asLong(0),
                    run.path("attempt").asInt(1), text(run, "message"), text(run, "error"), text(run, "nextRunAt"));
        }

        public boolean failed() {
            return "FAILED".equals(status);
        }

        /** {@code orders: COMPLETED, 120 rows in 0.31 s (next run 2026-12-07 03:00:00 UTC): 3 pages read}. */
        public String line() {
            String duration = String.format(Locale.ROOT, "%.2f s", durationMs / 1000.0);
            String next = nextRunAt == null ? "" : (failed() ? "retry at " : "next run ") + shortTime(nextRunAt)
                    + " UTC";
            if (failed()) {
                return resource + ": FAILED after " + duration + " (attempt " + attempt + (next.isEmpty() ? ""
                        : ", " + next) + "): " + (error == null ? "no error recorded" : firstLine(error));
            }
            return resource + ": " + status + ", " + rows + (rows == 1 ? " row" : " rows") + " in " + duration
                    + (next.isEmpty() ? "" : " (" + next + ")") + (message == null ? "" : ": " + firstLine(message));
        }
    }

    /** What one iteration did, from its response. */
    public record Iteration(long due, long completed, long failed, long reaped, List<Run> runs) {

        public Iteration {
            runs = List.copyOf(runs);
        }

        /**
         * The build failure for the failed runs, with the errors and the fix; empty when nothing failed.
         *
         * @param retryGoal how to run a resource again now, e.g. {@code mvn connector:ingest}
         */
        public Optional<String> failure(String retryGoal) {
            List<Run> failedRuns = runs.stream().filter(Run::failed).toList();
            if (failedRuns.isEmpty() && reaped == 0) {
                return Optional.empty();
            }
            StringBuilder text = new StringBuilder();
            text.append(failedRuns.size()).append(" of ").append(runs.size())
                    .append(runs.size() == 1 ? " ingestion" : " ingestions").append(" failed");
            for (Run run : failedRuns) {
                text.append("\n  ").append(run.resource()).append(": ")
                        .append(run.error() == null ? "no error recorded" : firstLine(run.error()));
            }
            if (reaped > 0) {
                text.append("\n  ").append(reaped).append(" stuck run(s) were reaped");
            }
            String first = failedRuns.isEmpty() ? "<resource>" : failedRuns.get(0).resource();
            text.append("\nThe app recorded the failure and retries with backoff (mvn connector:status shows the ")
                    .append("next run). Fix the cause (the source, the connection or the connector's ingestion ")
                    .append("code; mvn -X shows the stack trace), then run it again now with ").append(retryGoal)
                    .append(" -Dconnector.resource=\"").append(first).append("\"; -Dconnector.failOnError=false keeps ")
                    .append("the build green while runs fail");
            return Optional.of(text.toString());
        }
    }

    /** Waits between iterations; tests replace it. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Whether to go on after an iteration: false stops {@link #runEvery}. */
    @FunctionalInterface
    public interface AfterIteration {
        boolean goOn(Iteration iteration);
    }

    private final InstalledApp app;
    private final Consumer<String> log;
    private final Consumer<String> warn;

    public Ingestions(InstalledApp app, Consumer<String> log, Consumer<String> warn) {
        this.app = app;
        this.log = log;
        this.warn = warn;
    }

    /** One scheduler iteration: the due ingestions. */
    public Iteration runOnce() throws AppException, RefusedException {
        return report(app.call(PublicProcedure.RUN_SCHEDULER_ITERATION));
    }

    /**
     * The ingestions of one resource now, due or not, or of every enabled resource.
     *
     * @param definitionId the resource's ingestion definition; {@code null} for every enabled resource
     */
    public Iteration runNow(String definitionId) throws AppException, RefusedException {
        return report(app.call(PublicProcedure.RUN_INGESTION_NOW, definitionId));
    }

    private Iteration report(ProcedureResponse response) throws RefusedException {
        log.accept(response.summary());
        if (!response.isOk()) {
            throw new RefusedException(response, "check mvn connector:status; a connector in ERROR is repaired with "
                    + "mvn connector:recover -Dconnector.status=PAUSED");
        }
        List<Run> runs = new ArrayList<>();
        for (JsonNode run : response.body().path("runs")) {
            runs.add(Run.of(run));
        }
        Iteration iteration = new Iteration(number(response, "due"), number(response, "completed"),
                number(response, "failed"), number(response, "reaped"), runs);
        for (Run run : runs) {
            (run.failed() ? warn : log).accept("  " + run.line());
        }
        if (iteration.reaped() > 0) {
            warn.accept(iteration.reaped() + " stuck run(s) were reaped; the app retries them with backoff");
        }
        return iteration;
    }

    /**
     * Runs iterations every {@code every} until interrupted, {@code limit} times when it is positive, or until
     * {@code after} says stop.
     *
     * @return the iterations that ran
     */
    public List<Iteration> runEvery(Duration every, int limit, Pause pause, AfterIteration after)
            throws AppException, RefusedException {
        List<Iteration> iterations = new ArrayList<>();
        while (limit <= 0 || iterations.size() < limit) {
            Iteration iteration = runOnce();
            iterations.add(iteration);
            if (!after.goOn(iteration) || limit > 0 && iterations.size() >= limit) {
                break;
            }
            try {
                pause.sleep(every);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.accept("Interrupted after " + iterations.size() + " iteration(s)");
                break;
            }
        }
        return iterations;
    }

    private static long number(ProcedureResponse response, String field) {
        return response.body().path(field).asLong(0);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** {@code 2026-12-07 03:00:00.000000} → {@code 2026-12-07 03:00:00}. */
    static String shortTime(String time) {
        int fraction = time.indexOf('.');
        return (fraction > 0 ? time.substring(0, fraction) : time).replace('T', ' ');
    }

    /** Errors may carry several lines (a source's answer); the console gets the first. */
    static String firstLine(String text) {
        String stripped = text.strip();
        int end = stripped.indexOf('\n');
        return end < 0 ? stripped : stripped.substring(0, end).strip() + " …";
    }
}
