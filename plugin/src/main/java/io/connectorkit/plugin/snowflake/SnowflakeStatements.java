package io.connectorkit.plugin.snowflake;

import io.connectorkit.runtime.sql.Identifier;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The statements of one goal about one app and its package: each failure becomes a {@link DeployException} that
 * says what the goal was doing and what to do next ({@link SnowflakeErrors}).
 */
final class SnowflakeStatements {

    private final SnowflakeSession session;
    private final String appName;
    private final String packageName;
    private final SnowflakeErrors.Goal goal;

    SnowflakeStatements(SnowflakeSession session, String appName, String packageName, SnowflakeErrors.Goal goal) {
        this.session = session;
        this.appName = appName;
        this.packageName = packageName;
        this.goal = goal;
    }

    SnowflakeSession session() {
        return session;
    }

    List<Map<String, Object>> query(String sql, String doing, Object... values) throws DeployException {
        try {
            return session.query(sql, values);
        } catch (SQLException e) {
            throw explain(e, doing);
        }
    }

    void run(String sql, String doing) throws DeployException {
        try {
            session.execute(sql);
        } catch (SQLException e) {
            throw explain(e, doing);
        }
    }

    /** The row of the named object in a SHOW listing; names are compared in Java, so none goes into the SQL. */
    Optional<Map<String, Object>> find(String show, Identifier name, String doing) throws DeployException {
        return query(show, doing).stream()
                .filter(row -> Objects.equals(name.name(), String.valueOf(row.get("name"))))
                .findFirst();
    }

    DeployException explain(SQLException e, String doing) {
        return SnowflakeErrors.explain(e, doing, appName, packageName, goal);
    }
}
