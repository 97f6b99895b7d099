package io.connectorkit.runtime.sql;

/** What the runtime asks of the account the app is installed in. */
public interface Account {

    /** Whether the app holds an account privilege such as {@code EXECUTE TASK}. */
    boolean holdsAccountPrivilege(String privilege);

    /** Whether the app can see and use the warehouse. */
    boolean canUseWarehouse(Identifier warehouse);

    /** The task that runs {@code RUN_SCHEDULER_ITERATION} on the global schedule; none where nothing needs one. */
    default SchedulerTask schedulerTask() {
        return SchedulerTask.NONE;
    }
}
