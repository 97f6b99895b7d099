package io.connectorkit.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CronExpression}'s next-fire times against cron-utils' Unix cron, an established implementation: the same
 * minutes from several starts, for every field shape both accept (lists, ranges, steps, names, {@code *}/n in the day
 * fields, day of month and day of week both restricted). {@code L} has no Unix-cron meaning in cron-utils and is
 * covered by CronExpressionTest.
 */
class CronExpressionOracleTest {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final List<LocalDateTime> STARTS = List.of(
            LocalDateTime.of(2026, 12, 7, 9, 58),
            LocalDateTime.of(2027, 2, 27, 23, 59),
            LocalDateTime.of(2028, 2, 28, 12, 0),
            LocalDateTime.of(2026, 1, 31, 0, 0));
    private static final int FIRES = 6;

    private static final String[] MINUTES = {"*", "0", "*/15", "5,35", "10-20/5", "59", "0-5"};
    private static final String[] HOURS = {"*", "0", "*/6", "9-17", "3,15", "23", "*/5"};
    private static final String[] DAYS_OF_MONTH = {"*", "1", "15", "*/2", "*/10", "1-7", "2-30/7", "29", "31", "10,20"};
    private static final String[] MONTHS = {"*", "1", "*/3", "2", "6-8", "JAN,JUL", "FEB-APR", "*/5"};
    private static final String[] DAYS_OF_WEEK = {"*", "0", "1-5", "*/2", "MON,FRI", "7", "SUN", "2-6/2", "SAT"};

    static Stream<String> expressions() {
        List<String> expressions = new ArrayList<>(List.of(
                "0 * * * *",
                "*/15 * * * *",
                "0 0 * * *",
                "30 2 1 * *",
                "0 9 * * 1-5",
                "0 0 29 2 *",
                "0 0 */2 * *",
                "0 12 */10 * 1",
                "0 0 1 * */2",
                "0 0 13 * 5",
                "0 0 */3 * MON",
                "15 10 * JAN-MAR SUN",
                "0 0 31 */2 *",
                "0 6 1-7 * 1",
                "0 0 * * 7"));
        Random random = new Random(20261207L);
        for (int i = 0; i < 300; i++) {
            expressions.add(pick(random, MINUTES) + " " + pick(random, HOURS) + " " + pick(random, DAYS_OF_MONTH) + " "
                    + pick(random, MONTHS) + " " + pick(random, DAYS_OF_WEEK));
        }
        return expressions.stream();
    }

    @ParameterizedTest
    @MethodSource("expressions")
    void firesAtTheMinutesCronUtilsGives(String expression) {
        CronExpression ours = CronExpression.parse(expression);
        ExecutionTime oracle = ExecutionTime.forCron(UNIX.parse(expression));
        for (LocalDateTime start : STARTS) {
            assertThat(fires(ours, start)).as("%s after %s", expression, start).isEqualTo(fires(oracle, start));
        }
    }

    private static List<LocalDateTime> fires(CronExpression expression, LocalDateTime start) {
        List<LocalDateTime> fires = new ArrayList<>();
        Optional<LocalDateTime> next = expression.nextAfter(start);
        while (next.isPresent() && fires.size() < FIRES) {
            fires.add(next.get());
            next = expression.nextAfter(next.get());
        }
        return fires;
    }

    private static List<LocalDateTime> fires(ExecutionTime oracle, LocalDateTime start) {
        List<LocalDateTime> fires = new ArrayList<>();
        Optional<ZonedDateTime> next = oracle.nextExecution(start.atZone(ZoneOffset.UTC));
        while (next.isPresent() && fires.size() < FIRES) {
            fires.add(next.get().toLocalDateTime());
            next = oracle.nextExecution(next.get());
        }
        return fires;
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
