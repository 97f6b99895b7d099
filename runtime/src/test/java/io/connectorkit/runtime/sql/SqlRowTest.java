package io.connectorkit.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A result row as both targets hand it over: JDBC (H2, snowflake-jdbc) and Snowpark values read by position. */
class SqlRowTest {

    private static SqlRow row(Object... values) {
        return new SqlRow(Arrays.asList(values));
    }

    @Test
    void keepsItsValuesAgainstLaterChangesOfTheGivenList() {
        List<Object> values = new ArrayList<>(List.of("a", 1L));
        SqlRow row = new SqlRow(values);

        values.set(0, "changed");
        values.add("more");

        assertThat(row.values()).containsExactly("a", 1L);
        assertThat(row.get(0)).isEqualTo("a");
        assertThatThrownBy(() -> row.values().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void getAnswersTheValueAsGivenNullIncluded() {
        Object value = new Object();
        SqlRow row = row(value, null);

        assertThat(row.get(0)).isSameAs(value);
        assertThat(row.get(1)).isNull();
        assertThatThrownBy(() -> row.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void getStringReadsTextNumbersAndUtf8Bytes() {
        SqlRow row = row("text", 42L, new BigDecimal("1.50"), "Zürich €".getBytes(StandardCharsets.UTF_8), null, true);

        assertThat(row.getString(0)).isEqualTo("text");
        assertThat(row.getString(1)).isEqualTo("42");
        assertThat(row.getString(2)).isEqualTo("1.50");
        // Snowflake's BINARY and some VARIANT reads come as bytes: decoded as UTF-8, not the array's toString.
        assertThat(row.getString(3)).isEqualTo("Zürich €");
        assertThat(row.getString(4)).isNull();
        assertThat(row.getString(5)).isEqualTo("true");
    }

    @Test
    void getBooleanReadsBooleansNumbersAndText() {
        SqlRow row = row(true, false, 1, 0, 2L, new BigDecimal("0"), "true", "TRUE", "false", "yes", null, -1);

        assertThat(row.getBoolean(0)).isTrue();
        assertThat(row.getBoolean(1)).isFalse();
        // Snowflake answers BOOLEAN columns of some result formats as the numbers 1 and 0.
        assertThat(row.getBoolean(2)).isTrue();
        assertThat(row.getBoolean(3)).isFalse();
        assertThat(row.getBoolean(4)).isTrue();
        assertThat(row.getBoolean(5)).isFalse();
        assertThat(row.getBoolean(6)).isTrue();
        assertThat(row.getBoolean(7)).isTrue();
        assertThat(row.getBoolean(8)).isFalse();
        assertThat(row.getBoolean(9)).isFalse();
        assertThat(row.getBoolean(10)).isNull();
        assertThat(row.getBoolean(11)).isTrue();
    }

    @Test
    void getLongReadsNumbersOfEveryKindAndDecimalText() {
        SqlRow row = row(7L, 7, new BigDecimal("12"), 3.9d, "123", " 5", null, "x", Long.MAX_VALUE);

        assertThat(row.getLong(0)).isEqualTo(7L);
        assertThat(row.getLong(1)).isEqualTo(7L);
        assertThat(row.getLong(2)).isEqualTo(12L);
        assertThat(row.getLong(3)).isEqualTo(3L);
        assertThat(row.getLong(4)).isEqualTo(123L);
        assertThatThrownBy(() -> row.getLong(5)).isInstanceOf(NumberFormatException.class);
        assertThat(row.getLong(6)).isNull();
        assertThatThrownBy(() -> row.getLong(7)).isInstanceOf(NumberFormatException.class);
        assertThat(row.getLong(8)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rowsWithEqualValuesAreEqual() {
        assertThat(row("a", 1L, null)).isEqualTo(row("a", 1L, null)).hasSameHashCodeAs(row("a", 1L, null));
        assertThat(row("a", 1L)).isNotEqualTo(row("a", 2L));
    }
}
