package io.connectorkit.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {

    @ParameterizedTest
    @ValueSource(strings = {"* * * * *", "*/15 * * * *", "0 9-17 * * MON-FRI", "0 0 L * *", "30 2 1,15 JAN,JUL *",
            "0 0 * * 5L", "0 0 ? * 0", "5-55/10 */2 1-31 1-12 0-7", " 0   0 * * * "})
    void acceptsWhatSnowflakeTasksAccept(String expression) {
        assertThat(CronExpression.problem(expression)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
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
            "L * * * *          | the minute field 'L' is not valid"})
    void namesTheFieldThatIsWrong(String expression, String problem) {
        assertThat(CronExpression.problem(expression)).hasValueSatisfying(text -> assertThat(text).contains(problem));
    }
}
