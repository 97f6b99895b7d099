package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.resources.ScheduleType;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestionScheduleTest {

    private static final LocalDateTime START = LocalDateTime.of(2026, 3, 2, 10, 7, 30);

    @ParameterizedTest
    @CsvSource({
        "15m, 2026-03-02T10:22:30",
        "15M, 2026-03-02T10:22:30",
        "2h, 2026-03-02T12:07:30",
        "1d, 2026-03-03T10:07:30",
        "90m, 2026-03-02T11:37:30"
    })
    void anIntervalRunsAgainOneIntervalAfterTheLastStart(String definition, String next) {
        assertThat(IngestionSchedule.of("INTERVAL", definition).nextRunAfter(START))
                .hasValue(LocalDateTime.parse(next));
    }

    @Test
    void aCronRunsAtItsNextFiringTimeAfterTheLastStart() {
        IngestionSchedule schedule = IngestionSchedule.of("cron", "0 * * * *");
        assertThat(schedule.nextRunAfter(START)).hasValue(LocalDateTime.of(2026, 3, 2, 11, 0));
        assertThat(schedule.nextRunAfter(LocalDateTime.of(2026, 3, 2, 11, 0)))
                .hasValue(LocalDateTime.of(2026, 3, 2, 12, 0));
    }

    @Test
    void globalRunsAtEveryIteration() {
        assertThat(IngestionSchedule.of("GLOBAL", null).nextRunAfter(START)).isEmpty();
        assertThat(IngestionSchedule.of("GLOBAL", "ignored").type()).isEqualTo(ScheduleType.GLOBAL);
    }

    @Test
    void backoffDoublesFromOneMinuteUpToAnHour() {
        assertThat(IntStream.rangeClosed(1, 10)
                        .mapToObj(IngestionSchedule::backoff)
                        .map(Duration::toMinutes))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L, 60L);
        assertThat(IngestionSchedule.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aRetryIsNeverLaterThanTheScheduleWouldRunAgain() {
        assertThat(IngestionSchedule.of("GLOBAL", null).retryAt(START, 3)).isEqualTo(START.plusMinutes(4));
        assertThat(IngestionSchedule.of("INTERVAL", "5m").retryAt(START, 2)).isEqualTo(START.plusMinutes(2));
        assertThat(IngestionSchedule.of("INTERVAL", "5m").retryAt(START, 4))
                .as("capped by the interval")
                .isEqualTo(START.plusMinutes(5));
        assertThat(IngestionSchedule.of("INTERVAL", "1d").retryAt(START, 9))
                .as("capped at an hour")
                .isEqualTo(START.plusHours(1));
        assertThat(IngestionSchedule.of("CRON", "*/10 * * * *").retryAt(START, 1))
                .isEqualTo(START.plusMinutes(1));
        assertThat(IngestionSchedule.of("CRON", "*/10 * * * *").retryAt(START, 5))
                .as("capped by the next firing")
                .isEqualTo(LocalDateTime.of(2026, 3, 2, 10, 10));
    }

    @Test
    void invalidSchedulesSayWhatIsWrong() {
        assertThatThrownBy(() -> IngestionSchedule.of("INTERVAL", "0m"))
                .hasMessage(
                        "Invalid schedule definition"
                                + " '0m'. Interval schedule definition should consist of a number and one of the letters: d, h, m.");
        assertThatThrownBy(() -> IngestionSchedule.of("INTERVAL", "5s")).hasMessageContaining("'5s'");
        assertThatThrownBy(() -> IngestionSchedule.of("INTERVAL", null)).hasMessageContaining("'null'");
        assertThatThrownBy(() -> IngestionSchedule.of("INTERVAL", "99999999999999999999d"))
                .hasMessage("The interval '99999999999999999999d' is too long");
        assertThatThrownBy(() -> IngestionSchedule.of("HOURLY", "1"))
                .hasMessage("'HOURLY' is not a schedule type;" + " use INTERVAL, CRON or GLOBAL");
        assertThatThrownBy(() -> IngestionSchedule.of((String) null, "1")).hasMessageContaining("no scheduleType");
        assertThatThrownBy(() -> IngestionSchedule.of("CRON", "0 0 30 2 *"))
                .hasMessage("The cron expression" + " '0 0 30 2 *' never fires");
        assertThatThrownBy(() -> IngestionSchedule.of("CRON", "every hour"))
                .hasMessageContaining("is not a valid" + " cron expression");
    }

    @Test
    void aHugeIntervalNeverRunsAgainRatherThanOverflowing() {
        assertThat(IngestionSchedule.of("INTERVAL", "99999999d").nextRunAfter(START))
                .hasValue(LocalDateTime.of(9999, 12, 31, 0, 0));
    }
}
