package io.connectorkit.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "* * * * *",
                "*/15 * * * *",
                "0 9-17 * * MON-FRI",
                "0 0 L * *",
                "30 2 1,15 JAN,JUL *",
                "0 0 * * 5L",
                "0 0 ? * 0",
                "5-55/10 */2 1-31 1-12 0-7",
                " 0   0 * * * "
            })
    void acceptsWhatSnowflakeTasksAccept(String expression) {
        assertThat(CronExpression.problem(expression)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''                 | the expression is empty",
                "* * * *            | it has 4 fields, but a cron expression has 5",
                "60 * * * *         | the minute field '60' is not valid",
                "* 24 * * *         | the hour field '24' is not valid",
                "* * 0 * *          | the day of month field '0' is not valid",
                "* * * 13 *         | the month field '13' is not valid",
                "* * * FOO *        | the month field 'FOO' is not valid",
                "*/0 * * * *        | the step '0' must be a positive number",
                "10-5 * * * *       | the range '10-5' starts after it ends",
                "1,,2 * * * *       | it has an empty list element",
                "L * * * *          | the minute field 'L' is not valid"
            })
    void namesTheFieldThatIsWrong(String expression, String problem) {
        assertThat(CronExpression.problem(expression))
                .hasValueSatisfying(text -> assertThat(text).contains(problem));
    }

    /** The next firing times after a start, as "yyyy-MM-ddTHH:mm" texts. */
    private static List<String> firings(String expression, String after, int count) {
        CronExpression cron = CronExpression.parse(expression);
        List<String> times = new ArrayList<>();
        LocalDateTime time = LocalDateTime.parse(after);
        for (int i = 0; i < count; i++) {
            time = cron.nextAfter(time).orElseThrow();
            times.add(time.toString());
        }
        return times;
    }

    @ParameterizedTest(name = "{0} after {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // every minute; strictly after, seconds dropped
                "* * * * *            | 2026-03-02T10:00:30 | 2026-03-02T10:01, 2026-03-02T10:02, 2026-03-02T10:03",
                // steps from the minimum, and from a start value up to the maximum
                "*/20 * * * *         | 2026-03-02T10:00    | 2026-03-02T10:20, 2026-03-02T10:40, 2026-03-02T11:00",
                "5/20 * * * *         | 2026-03-02T10:00    | 2026-03-02T10:05, 2026-03-02T10:25, 2026-03-02T10:45",
                // a range with a step, a list, across midnight
                "10-30/10 23 * * *    | 2026-03-02T23:15    | 2026-03-02T23:20, 2026-03-02T23:30, 2026-03-03T23:10",
                "0 6,18 * * *         | 2026-03-02T07:00    | 2026-03-02T18:00, 2026-03-03T06:00, 2026-03-03T18:00",
                // months by name and number, across the year
                "0 0 1 JAN,JUL *      | 2026-03-02T00:00    | 2026-07-01T00:00, 2027-01-01T00:00, 2027-07-01T00:00",
                "0 0 1 4/3 *          | 2026-03-02T00:00    | 2026-04-01T00:00, 2026-07-01T00:00, 2026-10-01T00:00",
                // the last day of the month, leap years included
                "0 12 L * *           | 2028-01-31T12:00    | 2028-02-29T12:00, 2028-03-31T12:00, 2028-04-30T12:00",
                // day of week: names, a range, 0 and 7 both Sunday
                "30 9 * * MON-FRI     | 2026-03-06T10:00    | 2026-03-09T09:30, 2026-03-10T09:30, 2026-03-11T09:30",
                "0 0 * * 7            | 2026-03-02T00:00    | 2026-03-08T00:00, 2026-03-15T00:00, 2026-03-22T00:00",
                "0 0 * * 0,3          | 2026-03-02T00:00    | 2026-03-04T00:00, 2026-03-08T00:00, 2026-03-11T00:00",
                // the last Friday of the month
                "0 17 * * 5L          | 2026-03-01T00:00    | 2026-03-27T17:00, 2026-04-24T17:00, 2026-05-29T17:00",
                // day of month AND day of week restricted: either matches (Unix cron)
                "0 0 13 * FRI         | 2026-03-01T00:00    | 2026-03-06T00:00, 2026-03-13T00:00, 2026-03-20T00:00",
                // one of them * or ?: only the other decides
                "0 0 13 * *           | 2026-03-01T00:00    | 2026-03-13T00:00, 2026-04-13T00:00, 2026-05-13T00:00",
                "0 0 ? * FRI          | 2026-03-01T00:00    | 2026-03-06T00:00, 2026-03-13T00:00, 2026-03-20T00:00",
                // 29 February only
                "0 0 29 2 *           | 2026-03-01T00:00    | 2028-02-29T00:00, 2032-02-29T00:00, 2036-02-29T00:00"
            })
    void firesAtTheNextMatchingMinutes(String expression, String after, String expected) {
        assertThat(firings(expression, after, 3)).containsExactly(expected.split(",\\s*"));
    }

    @Test
    void anExpressionThatNeverFiresHasNoNextTime() {
        assertThat(CronExpression.parse("0 0 30 2 *").nextAfter(LocalDateTime.of(2026, 1, 1, 0, 0)))
                .isEmpty();
        assertThat(CronExpression.parse("0 0 31 4,6,9,11 *").nextAfter(LocalDateTime.of(2026, 1, 1, 0, 0)))
                .isEmpty();
    }

    @Test
    void matchesTellsWhetherAMinuteFires() {
        CronExpression cron = CronExpression.parse(" 0  9-17/4 * * MON-FRI ");
        assertThat(cron.text()).isEqualTo("0  9-17/4 * * MON-FRI");
        assertThat(cron.matches(LocalDateTime.of(2026, 3, 2, 13, 0))).isTrue();
        assertThat(cron.matches(LocalDateTime.of(2026, 3, 2, 14, 0))).isFalse();
        assertThat(cron.matches(LocalDateTime.of(2026, 3, 7, 13, 0)))
                .as("a Saturday")
                .isFalse();
    }

    @Test
    void parsingAnInvalidExpressionSaysWhy() {
        assertThatThrownBy(() -> CronExpression.parse("61 * * * *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'61 * * * *' is not a valid cron expression: the minute field '61' is not valid: '61' is"
                        + " not a value 0-59");
    }
}
