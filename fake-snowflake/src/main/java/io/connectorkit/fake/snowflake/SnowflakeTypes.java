package io.connectorkit.fake.snowflake;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Snowflake's data types, with their synonyms: a type written in a column or argument is known, has a canonical name
 * (the one a signature uses, so that {@code P(STRING)} and {@code P(VARCHAR)} are one procedure) and a family.
 * https://docs.snowflake.com/en/sql-reference/intro-summary-data-types
 */
final class SnowflakeTypes {

    /** Each type by name (as written, without length or precision): its canonical name and family. */
    private static final Map<String, Known> TYPES = Map.ofEntries(
            number("NUMBER"),
            number("DECIMAL"),
            number("DEC"),
            number("NUMERIC"),
            number("INT"),
            number("INTEGER"),
            number("BIGINT"),
            number("SMALLINT"),
            number("TINYINT"),
            number("BYTEINT"),
            floating("FLOAT"),
            floating("FLOAT4"),
            floating("FLOAT8"),
            floating("DOUBLE"),
            floating("DOUBLE PRECISION"),
            floating("REAL"),
            text("VARCHAR"),
            text("CHAR"),
            text("CHARACTER"),
            text("NCHAR"),
            text("STRING"),
            text("TEXT"),
            text("NVARCHAR"),
            text("NVARCHAR2"),
            text("CHAR VARYING"),
            text("NCHAR VARYING"),
            known("BINARY", "BINARY", AppCatalog.TypeFamily.BINARY),
            known("VARBINARY", "BINARY", AppCatalog.TypeFamily.BINARY),
            known("BOOLEAN", "BOOLEAN", AppCatalog.TypeFamily.BOOLEAN),
            known("DATE", "DATE", AppCatalog.TypeFamily.DATE),
            known("TIME", "TIME", AppCatalog.TypeFamily.TIME),
            known("DATETIME", "TIMESTAMP_NTZ", AppCatalog.TypeFamily.TIMESTAMP),
            known("TIMESTAMP", "TIMESTAMP_NTZ", AppCatalog.TypeFamily.TIMESTAMP),
            known("TIMESTAMP_NTZ", "TIMESTAMP_NTZ", AppCatalog.TypeFamily.TIMESTAMP),
            known("TIMESTAMP_LTZ", "TIMESTAMP_LTZ", AppCatalog.TypeFamily.TIMESTAMP),
            known("TIMESTAMP_TZ", "TIMESTAMP_TZ", AppCatalog.TypeFamily.TIMESTAMP),
            known("VARIANT", "VARIANT", AppCatalog.TypeFamily.SEMI_STRUCTURED),
            known("OBJECT", "OBJECT", AppCatalog.TypeFamily.SEMI_STRUCTURED),
            known("ARRAY", "ARRAY", AppCatalog.TypeFamily.SEMI_STRUCTURED),
            known("GEOGRAPHY", "GEOGRAPHY", AppCatalog.TypeFamily.GEOSPATIAL),
            known("GEOMETRY", "GEOMETRY", AppCatalog.TypeFamily.GEOSPATIAL));

    /** A type: its name, then a length or precision in parentheses. */
    private static final Pattern TYPE = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*(?: (?:PRECISION|VARYING))?)" + "(?:\\s*\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)?\\))?",
            Pattern.CASE_INSENSITIVE);

    private record Known(String canonical, AppCatalog.TypeFamily family) {}

    private SnowflakeTypes() {}

    /** The length of the type that starts the text ({@code VARCHAR(20) NOT NULL} → 11), or empty if none does. */
    static Optional<Integer> typeLength(String text) {
        Matcher matcher = TYPE.matcher(text);
        return matcher.lookingAt() && TYPES.containsKey(baseName(matcher.group(1)))
                ? Optional.of(matcher.end())
                : Optional.empty();
    }

    /** The canonical name of a known type, without length or precision: {@code STRING} → {@code VARCHAR}. */
    static String canonical(String type) {
        return known(type).canonical();
    }

    static AppCatalog.TypeFamily family(String type) {
        return known(type).family();
    }

    /** The first word of the type, as a message names an unsupported type: {@code JSON}. */
    static String firstWord(String text) {
        Matcher matcher = TYPE.matcher(text);
        return matcher.lookingAt() ? matcher.group(1) : text;
    }

    private static Known known(String type) {
        Matcher matcher = TYPE.matcher(type.strip());
        Known known = matcher.lookingAt() ? TYPES.get(baseName(matcher.group(1))) : null;
        if (known == null) {
            throw new IllegalArgumentException("Not a Snowflake data type: " + type);
        }
        return known;
    }

    private static String baseName(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    private static Map.Entry<String, Known> known(String name, String canonical, AppCatalog.TypeFamily family) {
        return Map.entry(name, new Known(canonical, family));
    }

    private static Map.Entry<String, Known> number(String name) {
        return known(name, "NUMBER", AppCatalog.TypeFamily.NUMBER);
    }

    private static Map.Entry<String, Known> floating(String name) {
        return known(name, "FLOAT", AppCatalog.TypeFamily.FLOAT);
    }

    private static Map.Entry<String, Known> text(String name) {
        return known(name, "VARCHAR", AppCatalog.TypeFamily.TEXT);
    }
}
