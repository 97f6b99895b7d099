package io.connectorkit.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kind of column a sink's value needs, and the kind of an existing column from either target's DATA_TYPE. */
class ColumnKindTest {

    @Test
    void eachJavaTypeASinkTakesHasItsKind() {
        assertThat(ColumnKind.ofValue("c", "text")).isEqualTo(ColumnKind.STRING);
        assertThat(ColumnKind.ofValue("c", new StringBuilder("text"))).isEqualTo(ColumnKind.STRING);
        assertThat(ColumnKind.ofValue("c", 'x')).isEqualTo(ColumnKind.STRING);
        for (Object whole : List.of(1L, 1, (short) 1, (byte) 1, BigInteger.TEN)) {
            assertThat(ColumnKind.ofValue("c", whole))
                    .as("%s", whole.getClass())
                    .isEqualTo(ColumnKind.INTEGER);
        }
        assertThat(ColumnKind.ofValue("c", 0.5d)).isEqualTo(ColumnKind.FLOAT);
        assertThat(ColumnKind.ofValue("c", 0.5f)).isEqualTo(ColumnKind.FLOAT);
        assertThat(ColumnKind.ofValue("c", new BigDecimal("1.5"))).isEqualTo(ColumnKind.DECIMAL);
        assertThat(ColumnKind.ofValue("c", true)).isEqualTo(ColumnKind.BOOLEAN);
        assertThat(ColumnKind.ofValue("c", LocalDate.of(2026, 3, 1))).isEqualTo(ColumnKind.DATE);
        for (Object time : List.of(
                LocalDateTime.of(2026, 3, 1, 8, 0),
                Instant.EPOCH,
                OffsetDateTime.now(),
                ZonedDateTime.now(),
                new Date(0))) {
            assertThat(ColumnKind.ofValue("c", time)).as("%s", time.getClass()).isEqualTo(ColumnKind.TIMESTAMP);
        }
        assertThat(ColumnKind.ofValue("c", Map.of("a", 1))).isEqualTo(ColumnKind.JSON);
        assertThat(ColumnKind.ofValue("c", List.of(1))).isEqualTo(ColumnKind.JSON);
    }

    @Test
    void aValueOfAnotherTypeIsRefusedNamingTheColumnAndType() {
        assertThatThrownBy(() -> ColumnKind.ofValue("PAYLOAD", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The value of column PAYLOAD is a [B; a sink takes String, numbers, Boolean, java.time"
                        + " dates and times, Map, List or null");
        assertThatThrownBy(() -> ColumnKind.ofValue("AT", LocalTime.NOON))
                .hasMessageStartingWith("The value of column AT is a java.time.LocalTime;");
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "JSON, JSON",
                "VARIANT, JSON",
                "OBJECT, JSON",
                "ARRAY, JSON",
                "variant, JSON",
                "TIMESTAMP, TIMESTAMP",
                "TIMESTAMP_NTZ, TIMESTAMP",
                "TIMESTAMP WITHOUT TIME ZONE, TIMESTAMP",
                "DATE, DATE",
                "date, DATE",
                "CHARACTER VARYING, STRING",
                "TEXT, STRING",
                "NUMBER, STRING",
                "BIGINT, STRING",
                "NULL, STRING"
            })
    void anExistingColumnsKindMattersOnlyWhereItsValuesAreConverted(String dataType, ColumnKind kind) {
        assertThat(ColumnKind.ofDataType(dataType)).isEqualTo(kind);
    }
}
