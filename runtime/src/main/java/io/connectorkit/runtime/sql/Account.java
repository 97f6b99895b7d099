package io.connectorkit.runtime.sql;

/** What the runtime asks of the account the app is installed in. */
public interface Account {

    /** Whether the app holds an account privilege such as {@code EXECUTE TASK}. */
    boolean holdsAccountPrivilege(String privilege);

    /** Whether the app can see and use the warehouse. */
    boolean canUseWarehouse(Identifier warehouse);

    /**
     * Makes the database that ingested data goes to, owned by the app, and lets the app's DATA_READER role use it;
     * nothing where it exists already. Needs the CREATE DATABASE privilege the manifest requests. Targets with one
     * database (the embedded one) have nothing to create.
     */
    default void createAppDatabase(Identifier database) {}

    /** The task that runs {@code RUN_SCHEDULER_ITERATION} on the global schedule; none where nothing needs one. */
    default SchedulerTask schedulerTask() {
        return SchedulerTask.NONE;
    }
}
