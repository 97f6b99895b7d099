package io.connectorkit.plugin.operate;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.plugin.app.RefusedException;
import io.connectorkit.runtime.procedures.PublicProcedure;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs the embedded app's scheduler from Maven: one iteration now ({@code connector:ingest}), or iterations at a
 * fixed pace until interrupted ({@code connector:run}). An iteration runs the ingestions that are due; a failed
 * ingestion is recorded by the app and retried later, so it does not fail the goal.
 */
public final class Ingestions {

    /** What one iteration did, from its response. */
    public record Iteration(long due, long completed, long failed, long reaped) {
    }

    /** Waits between iterations; tests replace it. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final InstalledApp app;
    private final Consumer<String> log;
    private final Consumer<String> warn;

    public Ingestions(InstalledApp app, Consumer<String> log, Consumer<String> warn) {
        this.app = app;
        this.log = log;
        this.warn = warn;
    }

    public Iteration runOnce() throws AppException, RefusedException {
        ProcedureResponse response = app.call(PublicProcedure.RUN_SCHEDULER_ITERATION);
        log.accept(response.summary());
        if (!response.isOk()) {
            throw new RefusedException(response, "check mvn connector:status; a connector in ERROR is repaired with "
                    + "mvn connector:recover -Dconnector.status=PAUSED");
        }
        Iteration iteration = new Iteration(number(response, "due"), number(response, "completed"),
                number(response, "failed"), number(response, "reaped"));
        if (iteration.failed() > 0 || iteration.reaped() > 0) {
            warn.accept(iteration.failed() + " ingestion(s) failed and " + iteration.reaped() + " stuck one(s) were "
                    + "reaped; the app retries them with backoff. See mvn connector:stats for the runs");
        }
        return iteration;
    }

    /**
     * Runs iterations every {@code every} until interrupted, or {@code limit} times when it is positive.
     *
     * @return how many iterations ran
     */
    public int runEvery(Duration every, int limit, Pause pause) throws AppException, RefusedException {
        int iterations = 0;
        while (limit <= 0 || iterations < limit) {
            runOnce();
            iterations++;
            if (limit > 0 && iterations >= limit) {
                break;
            }
            try {
                pause.sleep(every);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.accept("Interrupted after " + iterations + " iteration(s)");
                break;
            }
        }
        return iterations;
    }

    private static long number(ProcedureResponse response, String field) {
        return response.body().path(field).asLong(0);
    }
}
