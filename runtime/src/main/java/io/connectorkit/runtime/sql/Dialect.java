package io.connectorkit.runtime.sql;

/** The few SQL fragments that differ between the embedded target (H2) and Snowflake. */
public interface Dialect {

    /** A bound parameter holding JSON text, as a VARIANT value: {@code ? FORMAT JSON} or {@code PARSE_JSON(?)}. */
    String jsonParameter();

    /** A VARIANT column read back as JSON text. */
    String jsonText(String column);

    /** The current time in UTC, without time zone (Snowflake's {@code SYSDATE()}). */
    String currentTimestamp();

    /** A short name for messages and logs. */
    String name();
}
