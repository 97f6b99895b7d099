package io.connectorkit.runtime.snowflake;

import io.connectorkit.runtime.sql.Account;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.sql.SchedulerTask;
import io.connectorkit.runtime.sql.SqlPort;
import io.connectorkit.runtime.sql.SqlRow;
import java.util.List;

/** The account as the installed app sees it, through its own privileges. */
public final class SnowflakeAccount implements Account {

    private final SqlPort sql;

    public SnowflakeAccount(SqlPort sql) {
        this.sql = sql;
    }

    @Override
    public boolean holdsAccountPrivilege(String privilege) {
        List<SqlRow> rows = sql.query("SELECT SYSTEM$HOLD_PRIVILEGE_ON_ACCOUNT(?)", privilege);
        return !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0).getBoolean(0));
    }

    /** The app can use a warehouse it can see; names are matched in Java, so no name is put into the SQL. */
    @Override
    public boolean canUseWarehouse(Identifier warehouse) {
        List<SqlRow> rows = sql.query("SHOW WAREHOUSES");
        // SHOW WAREHOUSES lists the name in its first column.
        return rows.stream().anyMatch(row -> warehouse.name().equals(row.getString(0)));
    }

    /**
     * An object the app creates outside itself is the app's; the consumer sees it only through what the app grants
     * its application roles (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-privs: CREATE
     * DATABASE lets the app create databases in the consumer account). The destination tables are granted to
     * DATA_READER as the sink creates them.
     */
    @Override
    public void createAppDatabase(Identifier database) {
        sql.ddl("CREATE DATABASE IF NOT EXISTS " + database.sql());
        sql.ddl("GRANT USAGE ON DATABASE " + database.sql() + " TO APPLICATION ROLE DATA_READER");
    }

    @Override
    public SchedulerTask schedulerTask() {
        return new SnowflakeSchedulerTask(sql);
    }
}
