package io.connectorkit.runtime.sql;

import java.util.Optional;

/**
 * The task that calls {@code PUBLIC.RUN_SCHEDULER_ITERATION()} on the connector's global schedule (spec §2.7, §4):
 * created when the configuration is finalized, suspended by pause, resumed by resume, moved by update-warehouse.
 * In Snowflake it is {@code STATE.SCHEDULER_TASK}; the embedded target has none — there a host (the Maven goals
 * {@code connector:ingest} and {@code connector:run}) calls the procedure itself.
 */
public interface SchedulerTask {

    /** Nothing to create, suspend or move. */
    SchedulerTask NONE = new SchedulerTask() {
        @Override
        public void create(String cronExpression, Optional<Identifier> warehouse) {}

        @Override
        public void suspend() {}

        @Override
        public void resume() {}

        @Override
        public void moveTo(Identifier warehouse) {}
    };

    /**
     * Creates the task unless it exists (so a retried finalize succeeds), lets ADMIN monitor it and resumes it.
     *
     * @param cronExpression a valid 5-field cron expression, evaluated in UTC
     * @param warehouse the warehouse that runs it; empty for the consumer's {@code WAREHOUSE_REFERENCE}
     */
    void create(String cronExpression, Optional<Identifier> warehouse);

    /** Suspends the task if it exists. */
    void suspend();

    /** Resumes the task if it exists. */
    void resume();

    /** Runs the task on another warehouse from now on, if it exists. */
    void moveTo(Identifier warehouse);
}
