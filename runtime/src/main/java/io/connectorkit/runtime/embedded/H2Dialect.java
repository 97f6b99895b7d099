package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.sql.ColumnKind;
import io.connectorkit.runtime.sql.Dialect;
import java.util.List;

/** The embedded target's SQL: H2 with its JSON type standing in for VARIANT. */
public final class H2Dialect implements Dialect {

    public static final H2Dialect INSTANCE = new H2Dialect();

    private H2Dialect() {}

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
    public String timestampParameter() {
        return "CAST(? AS TIMESTAMP)";
    }

    @Override
    public boolean hasDatabases() {
        return false;
    }

    @Override
    public String columnType(ColumnKind kind) {
        return switch (kind) {
            case STRING -> "CHARACTER VARYING";
            case INTEGER -> "BIGINT";
            case FLOAT -> "DOUBLE PRECISION";
            case DECIMAL -> "NUMERIC(38,9)";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP";
            case DATE -> "DATE";
            case JSON -> "JSON";
        };
    }

    @Override
    public String rowParameter(ColumnKind kind) {
        return kind == ColumnKind.JSON ? jsonParameter() : "?";
    }

    @Override
    public boolean bindsDatesAsText() {
        return false;
    }

    @Override
    public boolean insertsRowsWithSelect() {
        return false;
    }

    /** The embedded app's tables are read by whoever opens its database. */
    @Override
    public List<String> grantsOnCreatedTable(String schemaSql, String tableSql) {
        return List.of();
    }

    @Override
    public String name() {
        return "embedded";
    }
}
