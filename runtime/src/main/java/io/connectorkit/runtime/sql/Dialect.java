package io.connectorkit.runtime.sql;

import java.util.List;

/**
 * Everything that differs between the embedded target (H2) and Snowflake in the SQL the runtime sends: code that
 * sends SQL asks its dialect, never which target it runs on.
 */
public interface Dialect {

    /** A bound parameter holding JSON text, as a VARIANT value: {@code ? FORMAT JSON} or {@code PARSE_JSON(?)}. */
    String jsonParameter();

    /** A VARIANT column read back as JSON text. */
    String jsonText(String column);

    /** The current time in UTC, without time zone (Snowflake's {@code SYSDATE()}). */
    String currentTimestamp();

    /** A bound parameter holding a date-time, as a timestamp without time zone. */
    String timestampParameter();

    /** Whether objects are named with a database ({@code db.schema.table}); the embedded target has one database. */
    boolean hasDatabases();

    /** The type of a destination column created for values of the kind. */
    String columnType(ColumnKind kind);

    /** The placeholder of a destination column's value in an INSERT, such as {@code PARSE_JSON(?)} for JSON. */
    String rowParameter(ColumnKind kind);

    /** Whether a LocalDate or LocalDateTime is bound as its text (Snowpark binds no java.time values). */
    boolean bindsDatesAsText();

    /**
     * Whether rows are inserted as {@code INSERT … SELECT ? … UNION ALL SELECT …} statements rather than a JDBC batch
     * of {@code INSERT … VALUES}: Snowflake allows no {@code PARSE_JSON} in VALUES.
     */
    boolean insertsRowsWithSelect();

    /** The statements that let the consumer read a destination table the runtime created. */
    List<String> grantsOnCreatedTable(String schemaSql, String tableSql);

    /** A short name for messages and logs. */
    String name();
}
