package io.connectorkit.runtime.sql;

/** What the runtime asks of the account the app is installed in. */
public interface Account {

    /** Whether the app holds an account privilege such as {@code EXECUTE TASK}. */
    boolean holdsAccountPrivilege(String privilege);

    /** Whether the app can see and use the warehouse. */
    boolean canUseWarehouse(Identifier warehouse);
}
