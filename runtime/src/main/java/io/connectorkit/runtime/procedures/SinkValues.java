package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.sql.ColumnKind;
import io.connectorkit.runtime.sql.Dialect;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How a connector's row values are bound: Java types JDBC and Snowpark take, date-times in UTC, JSON as text. */
final class SinkValues {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS", Locale.ROOT);

    private final Dialect dialect;

    SinkValues(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The value as it is bound for a column of this kind. */
    Object bindable(String column, ColumnKind kind, Object value) {
        if (value == null) {
            return null;
        }
        Object plain = plain(column, value);
        if (kind == ColumnKind.JSON) {
            return JsonTree.write(
                    JsonTree.tree(plain instanceof LocalDateTime || plain instanceof LocalDate ? text(plain) : plain));
        }
        if (plain instanceof Map || plain instanceof List) {
            return JsonTree.write(JsonTree.tree(plain));
        }
        if (dialect.bindsDatesAsText() && (plain instanceof LocalDateTime || plain instanceof LocalDate)) {
            return text(plain);
        }
        return plain;
    }

    /** Java types JDBC and Snowpark bind as they are; date-times in UTC. */
    private static Object plain(String column, Object value) {
        if (value instanceof String
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Boolean
                || value instanceof Double
                || value instanceof BigDecimal
                || value instanceof LocalDateTime
                || value instanceof LocalDate
                || value instanceof Map
                || value instanceof List) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof ZonedDateTime time) {
            return time.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof Date date) {
            return LocalDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
        }
        throw ColumnKind.unsupported(column, value);
    }

    private static String text(Object dateOrTime) {
        return dateOrTime instanceof LocalDate date ? date.toString() : ((LocalDateTime) dateOrTime).format(TIMESTAMP);
    }
}
