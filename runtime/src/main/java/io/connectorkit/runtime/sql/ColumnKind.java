package io.connectorkit.runtime.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kinds of destination columns a connector's rows need: how a value is bound, and (through the {@link Dialect})
 * the type of a column created for it.
 */
public enum ColumnKind {
    STRING,
    INTEGER,
    FLOAT,
    DECIMAL,
    BOOLEAN,
    TIMESTAMP,
    DATE,
    JSON;

    /** The kind of an existing column, from INFORMATION_SCHEMA.COLUMNS.DATA_TYPE of either target. */
    public static ColumnKind ofDataType(String dataType) {
        String type = dataType == null ? "" : dataType.toUpperCase(Locale.ROOT);
        if (type.equals("JSON") || type.equals("VARIANT") || type.equals("OBJECT") || type.equals("ARRAY")) {
            return JSON;
        }
        if (type.startsWith("TIMESTAMP")) {
            return TIMESTAMP;
        }
        if (type.equals("DATE")) {
            return DATE;
        }
        return STRING;
    }

    /**
     * The kind of column a value needs.
     *
     * @throws IllegalArgumentException naming the column when a sink cannot take the value's type
     */
    public static ColumnKind ofValue(String column, Object value) {
        if (value instanceof CharSequence || value instanceof Character) {
            return STRING;
        }
        if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger) {
            return INTEGER;
        }
        if (value instanceof Double || value instanceof Float) {
            return FLOAT;
        }
        if (value instanceof BigDecimal) {
            return DECIMAL;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof LocalDate) {
            return DATE;
        }
        if (value instanceof LocalDateTime
                || value instanceof Instant
                || value instanceof OffsetDateTime
                || value instanceof ZonedDateTime
                || value instanceof Date) {
            return TIMESTAMP;
        }
        if (value instanceof Map || value instanceof List) {
            return JSON;
        }
        throw unsupported(column, value);
    }

    /** The refusal of a value a sink cannot take. */
    public static IllegalArgumentException unsupported(String column, Object value) {
        return new IllegalArgumentException(
                "The value of column " + column + " is a " + value.getClass().getName()
                        + "; a sink takes String, numbers, Boolean, java.time dates and times, Map, List or null");
    }
}
