package io.connectorkit.runtime.snowflake;

import io.connectorkit.runtime.sql.ColumnKind;
import io.connectorkit.runtime.sql.Dialect;
import java.util.List;

/** Snowflake's SQL for the few fragments that differ from the embedded target. */
public final class SnowflakeDialect implements Dialect {

    public static final SnowflakeDialect INSTANCE = new SnowflakeDialect();

    private SnowflakeDialect() {}

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
    public String timestampParameter() {
        return "CAST(? AS TIMESTAMP_NTZ)";
    }

    @Override
    public boolean hasDatabases() {
        return true;
    }

    @Override
    public String columnType(ColumnKind kind) {
        return switch (kind) {
            case STRING -> "VARCHAR";
            case INTEGER -> "NUMBER(38,0)";
            case FLOAT -> "FLOAT";
            case DECIMAL -> "NUMBER(38,9)";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP_NTZ";
            case DATE -> "DATE";
            case JSON -> "VARIANT";
        };
    }

    @Override
    public String rowParameter(ColumnKind kind) {
        return switch (kind) {
            case JSON -> jsonParameter();
            case TIMESTAMP -> "CAST(? AS TIMESTAMP_NTZ)";
            case DATE -> "CAST(? AS DATE)";
            default -> "?";
        };
    }

    @Override
    public boolean bindsDatesAsText() {
        return true;
    }

    @Override
    public boolean insertsRowsWithSelect() {
        return true;
    }

    /**
     * The consumer reads the app's tables through its application roles, as the Native SDK's example connectors grant
     * theirs (https://docs.snowflake.com/en/developer-guide/native-apps/creating-setup-script).
     */
    @Override
    public List<String> grantsOnCreatedTable(String schemaSql, String tableSql) {
        return List.of(
                "GRANT USAGE ON SCHEMA " + schemaSql + " TO APPLICATION ROLE DATA_READER",
                "GRANT SELECT ON TABLE " + tableSql + " TO APPLICATION ROLE DATA_READER");
    }

    @Override
    public String name() {
        return "snowflake";
    }
}
