package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.sql.Dialect;

/** The embedded target's SQL: H2 with its JSON type standing in for VARIANT. */
public final class H2Dialect implements Dialect {

    public static final H2Dialect INSTANCE = new H2Dialect();

    private H2Dialect() {
    }

    @Override
    public String jsonParameter() {
        return "? FORMAT JSON";
    }

    @Override
    public String jsonText(String column) {
        return column;
    }

    @Override
    public String currentTimestamp() {
        return "CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS TIMESTAMP)";
    }

    @Override
    public String name() {
        return "embedded";
    }
}
