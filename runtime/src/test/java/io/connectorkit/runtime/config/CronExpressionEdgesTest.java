package io.connectorkit.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The edges of the cron grammar and of its last-weekday rule, each pinned by its exact reason or firing time. */
class CronExpressionEdgesTest {

    @Test
    void aStepWithoutARangeIsRefusedAsAnEmptyValue() {
        assertThat(CronExpression.problem("/5 * * * *"))
                .hasValue("the minute field '/5' is not valid: '' is not a" + " value 0-59");
        assertThat(CronExpression.isValid("/5 * * * *")).isFalse();
    }

    @Test
    void aRangeWithoutAStartIsRefusedAsAValue() {
        assertThat(CronExpression.problem("-5 * * * *"))
                .hasValue("the minute field '-5' is not valid: '-5' is not a" + " value 0-59");
        assertThat(CronExpression.problem("0 * * 1- *"))
                .hasValue("the month field '1-' is not valid: '1-' is not a" + " range of values 1-12");
        assertThat(CronExpression.problem("0 * * * MON-XYZ"))
                .hasValue("the day of week field 'MON-XYZ' is not" + " valid: 'MON-XYZ' is not a range of values 0-7");
    }

    @Test
    void aRangeOfOneValueIsValidAndABackwardsRangeIsNot() {
        CronExpression single = CronExpression.parse("5-5 * * * *");

        assertThat(single.matches(LocalDateTime.of(2026, 3, 2, 10, 5))).isTrue();
        assertThat(single.matches(LocalDateTime.of(2026, 3, 2, 10, 6))).isFalse();
        assertThat(single.nextAfter(LocalDateTime.of(2026, 3, 2, 10, 5))).hasValue(LocalDateTime.of(2026, 3, 2, 11, 5));
        assertThat(CronExpression.problem("6-5 * * * *"))
                .hasValue("the minute field '6-5' is not valid: the range" + " '6-5' starts after it ends");
    }

    @Test
    void aLastWeekdayIsTheOneWithNoSameWeekdayLaterInTheMonth() {
        // February 2026 has 28 days: Saturday the 21st is followed by Saturday the 28th, the last one.
        CronExpression lastSaturday = CronExpression.parse("0 0 * * 6L");

        assertThat(lastSaturday.matches(LocalDateTime.of(2026, 2, 21, 0, 0))).isFalse();
        assertThat(lastSaturday.matches(LocalDateTime.of(2026, 2, 28, 0, 0))).isTrue();
        assertThat(lastSaturday.nextAfter(LocalDateTime.of(2026, 2, 1, 0, 0)))
                .hasValue(LocalDateTime.of(2026, 2, 28, 0, 0));
        // March 2026 has 31 days: Tuesday the 24th + 7 is the 31st, also a Tuesday.
        CronExpression lastTuesday = CronExpression.parse("0 0 * * TUEL");
        assertThat(lastTuesday.matches(LocalDateTime.of(2026, 3, 24, 0, 0))).isFalse();
        assertThat(lastTuesday.matches(LocalDateTime.of(2026, 3, 31, 0, 0))).isTrue();
    }

    @Test
    void sundayIsBothZeroAndSeven() {
        LocalDateTime sunday = LocalDateTime.of(2026, 3, 1, 0, 0);
        LocalDateTime saturday = LocalDateTime.of(2026, 2, 28, 0, 0);

        assertThat(CronExpression.parse("0 0 * * 7").matches(sunday)).isTrue();
        assertThat(CronExpression.parse("0 0 * * 0").matches(sunday)).isTrue();
        assertThat(CronExpression.parse("0 0 * * 7").matches(saturday)).isFalse();
        assertThat(CronExpression.parse("0 0 * * 6-7").matches(saturday)).isTrue();
        assertThat(CronExpression.parse("0 0 * * 6-7").matches(sunday)).isTrue();
        assertThat(CronExpression.parse("0 0 * * 6-7").matches(LocalDateTime.of(2026, 3, 2, 0, 0)))
                .isFalse();
    }

    @Test
    void onlyADayFollowedByLIsALastWeekday() {
        assertThat(CronExpression.problem("0 0 * * XL"))
                .hasValue("the day of week field 'XL' is not valid: 'XL' is" + " not a day followed by L");
        assertThat(CronExpression.problem("0 0 L * *")).isEmpty();
        assertThat(CronExpression.problem("0 0 5L * *"))
                .hasValue("the day of month field '5L' is not valid: '5L'" + " is not a value 1-31");
        assertThat(CronExpression.problem("L 0 * * *"))
                .hasValue("the minute field 'L' is not valid: 'L' is not a" + " value 0-59");
    }

    @Test
    void aStepMustBeAPositiveNumber() {
        assertThat(CronExpression.problem("*/0 * * * *"))
                .hasValue("the minute field '*/0' is not valid: the step '0'" + " must be a positive number");
        assertThat(CronExpression.problem("*/x * * * *"))
                .hasValue("the minute field '*/x' is not valid: the step 'X'" + " must be a positive number");
        assertThat(CronExpression.parse("5/20 * * * *").matches(LocalDateTime.of(2026, 3, 2, 10, 45)))
                .isTrue();
        assertThat(CronExpression.parse("5/20 * * * *").matches(LocalDateTime.of(2026, 3, 2, 10, 46)))
                .isFalse();
    }

    @Test
    void isValidAgreesWithParse() {
        assertThat(CronExpression.isValid("0 * * * *")).isTrue();
        assertThat(CronExpression.isValid("hourly")).isFalse();
        assertThat(CronExpression.isValid(null)).isFalse();
        assertThatThrownBy(() -> CronExpression.parse("0 * * *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'0 * * *' is not a valid cron expression: it has 4 fields, but a cron expression has 5:"
                        + " minute hour day-of-month month day-of-week (for example '0 * * * *' for every hour)");
        assertThat(CronExpression.parse("  0 * * * *  ").text()).isEqualTo("0 * * * *");
    }
}
