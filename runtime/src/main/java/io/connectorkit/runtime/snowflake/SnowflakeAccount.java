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

    @Override
    public SchedulerTask schedulerTask() {
        return new SnowflakeSchedulerTask(sql);
    }
}
