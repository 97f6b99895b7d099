package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.embedded.H2Dialect;
import io.connectorkit.runtime.snowflake.SnowflakeDialect;
import io.connectorkit.runtime.sql.ColumnKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a connector's row values are bound on each target: Java types JDBC and Snowpark take as they are, narrower
 * numbers widened, date-times moved to UTC, JSON as text, and dates as text where Snowpark binds no java.time values.
 */
class SinkValuesTest {

    private final SinkValues embedded = new SinkValues(H2Dialect.INSTANCE);
    private final SinkValues snowflake = new SinkValues(SnowflakeDialect.INSTANCE);

    private static final LocalDateTime EIGHT_UTC = LocalDateTime.of(2026, 3, 1, 8, 0);

    @Test
    void typesBothTargetsBindPassAsTheyAre() {
        for (Object value : List.of("text", 7L, 7, true, 0.5d, new BigDecimal("1.50"))) {
            assertThat(embedded.bindable("c", ColumnKind.STRING, value)).isSameAs(value);
            assertThat(snowflake.bindable("c", ColumnKind.STRING, value)).isSameAs(value);
        }
        assertThat(embedded.bindable("c", ColumnKind.TIMESTAMP, EIGHT_UTC)).isSameAs(EIGHT_UTC);
        assertThat(embedded.bindable("c", ColumnKind.DATE, LocalDate.of(2026, 3, 1)))
                .isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(embedded.bindable("c", ColumnKind.STRING, null)).isNull();
        assertThat(snowflake.bindable("c", ColumnKind.JSON, null)).isNull();
    }

    @Test
    void narrowerAndWiderNumbersAndTextsAreWidenedToBindableTypes() {
        assertThat(embedded.bindable("c", ColumnKind.INTEGER, (short) 3)).isEqualTo(3);
        assertThat(embedded.bindable("c", ColumnKind.INTEGER, (byte) 4)).isEqualTo(4);
        assertThat(embedded.bindable("c", ColumnKind.FLOAT, 0.5f)).isEqualTo(0.5d);
        assertThat(embedded.bindable("c", ColumnKind.INTEGER, new BigInteger("123456789012345678901234567890")))
                .isEqualTo(new BigDecimal("123456789012345678901234567890"));
        assertThat(embedded.bindable("c", ColumnKind.STRING, new StringBuilder("built")))
                .isEqualTo("built");
        assertThat(embedded.bindable("c", ColumnKind.STRING, 'x')).isEqualTo("x");
    }

    @Test
    void dateTimesWithAnOffsetOrZoneAreBoundAsTheirUtcWallClock() {
        assertThat(embedded.bindable("c", ColumnKind.TIMESTAMP, Instant.parse("2026-03-01T08:00:00Z")))
                .isEqualTo(EIGHT_UTC);
        assertThat(embedded.bindable("c", ColumnKind.TIMESTAMP, OffsetDateTime.parse("2026-03-01T10:00:00+02:00")))
                .isEqualTo(EIGHT_UTC);
        assertThat(embedded.bindable(
                        "c",
                        ColumnKind.TIMESTAMP,
                        ZonedDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneId.of("Europe/Zurich"))))
                .isEqualTo(EIGHT_UTC);
        assertThat(embedded.bindable("c", ColumnKind.TIMESTAMP, Date.from(Instant.parse("2026-03-01T08:00:00Z"))))
                .isEqualTo(EIGHT_UTC);
    }

    @Test
    void snowflakeGetsDatesAndTimesAsText() {
        assertThat(snowflake.bindable("c", ColumnKind.DATE, LocalDate.of(2026, 3, 1)))
                .isEqualTo("2026-03-01");
        assertThat(snowflake.bindable("c", ColumnKind.TIMESTAMP, EIGHT_UTC.plusNanos(1500)))
                .isEqualTo("2026-03-01 08:00:00.000001500");
        assertThat(snowflake.bindable("c", ColumnKind.TIMESTAMP, Instant.parse("2026-03-01T08:00:00Z")))
                .isEqualTo("2026-03-01 08:00:00.000000000");
    }

    @Test
    void jsonColumnsAndStructuredValuesAreBoundAsJsonText() {
        assertThat(embedded.bindable("c", ColumnKind.JSON, Map.of("a", List.of(1, 2))))
                .isEqualTo("{\"a\":[1,2]}");
        assertThat(embedded.bindable("c", ColumnKind.JSON, "text")).isEqualTo("\"text\"");
        assertThat(embedded.bindable("c", ColumnKind.JSON, 5L)).isEqualTo("5");
        assertThat(embedded.bindable("c", ColumnKind.JSON, LocalDate.of(2026, 3, 1)))
                .isEqualTo("\"2026-03-01\"");
        assertThat(snowflake.bindable("c", ColumnKind.JSON, Instant.parse("2026-03-01T08:00:00Z")))
                .isEqualTo("\"2026-03-01 08:00:00.000000000\"");
        // A list or map written into a text column of an existing table keeps its JSON form.
        assertThat(embedded.bindable("c", ColumnKind.STRING, List.of("x"))).isEqualTo("[\"x\"]");
        assertThat(snowflake.bindable("c", ColumnKind.STRING, Map.of("k", true)))
                .isEqualTo("{\"k\":true}");
    }

    @Test
    void aValueOfAnotherTypeIsRefusedNamingItsColumn() {
        assertThatThrownBy(() -> embedded.bindable("PAYLOAD", ColumnKind.STRING, new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The value of column PAYLOAD is a java.lang.Object;");
    }
}
