package io.connectorkit.runtime.snowflake;

import io.connectorkit.runtime.sql.Dialect;

/** Snowflake's SQL for the few fragments that differ from the embedded target. */
public final class SnowflakeDialect implements Dialect {

    public static final SnowflakeDialect INSTANCE = new SnowflakeDialect();

    private SnowflakeDialect() {
    }

    @Override
    public String jsonParameter() {
        return "PARSE_JSON(?)";
    }

    @Override
    public String jsonText(String column) {
        return "TO_JSON(" + column + ")";
    }

    @Override
    public String currentTimestamp() {
        return "SYSDATE()";
    }

    @Override
    public String name() {
        return "snowflake";
    }
}
