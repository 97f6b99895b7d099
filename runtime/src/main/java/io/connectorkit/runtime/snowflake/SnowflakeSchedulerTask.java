package io.connectorkit.runtime.snowflake;

import io.connectorkit.runtime.config.CronExpression;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.sql.SchedulerTask;
import io.connectorkit.runtime.sql.SqlPort;
import java.util.Optional;

/**
 * {@code STATE.SCHEDULER_TASK} (spec §2.7): {@code CALL PUBLIC.RUN_SCHEDULER_ITERATION()} on the global CRON
 * schedule in UTC, never overlapping, never suspended after failures, monitored by ADMIN. Names reach SQL through
 * {@link Identifier#sql()}, the cron text only after it was checked, as a string literal. Task statements are DDL,
 * sent through {@link SqlPort#ddl} so that the procedure's transaction goes on after them.
 */
public final class SnowflakeSchedulerTask implements SchedulerTask {

    /** The task's name, in the app's state schema. */
    public static final String NAME = "STATE.SCHEDULER_TASK";

    /** What the task runs with when {@code connector_configuration} names no warehouse. */
    static final String WAREHOUSE_REFERENCE = "reference('WAREHOUSE_REFERENCE')";

    private final SqlPort sql;

    public SnowflakeSchedulerTask(SqlPort sql) {
        this.sql = sql;
    }

    @Override
    public void create(String cronExpression, Optional<Identifier> warehouse) {
        CronExpression cron = CronExpression.parse(cronExpression);
        sql.ddl("CREATE TASK IF NOT EXISTS " + NAME + " WAREHOUSE = "
                + warehouse.map(Identifier::sql).orElse(WAREHOUSE_REFERENCE)
                + " SCHEDULE = " + literal("USING CRON " + cron.text() + " UTC")
                + " ALLOW_OVERLAPPING_EXECUTION = FALSE SUSPEND_TASK_AFTER_NUM_FAILURES = 0"
                + " AS CALL " + PublicProcedure.RUN_SCHEDULER_ITERATION.qualifiedName() + "()");
        sql.ddl("GRANT MONITOR ON TASK " + NAME + " TO APPLICATION ROLE ADMIN");
        sql.ddl("ALTER TASK " + NAME + " RESUME");
    }

    @Override
    public void suspend() {
        sql.ddl("ALTER TASK IF EXISTS " + NAME + " SUSPEND");
    }

    @Override
    public void resume() {
        sql.ddl("ALTER TASK IF EXISTS " + NAME + " RESUME");
    }

    @Override
    public void moveTo(Identifier warehouse) {
        sql.ddl("ALTER TASK IF EXISTS " + NAME + " SET WAREHOUSE = " + warehouse.sql());
    }

    /** A Snowflake string literal; a checked cron expression has no quote or backslash, but nothing is assumed. */
    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
