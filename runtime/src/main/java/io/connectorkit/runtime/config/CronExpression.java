package io.connectorkit.runtime.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the syntax of a 5-field cron expression as Snowflake tasks accept it ({@code USING CRON <expression> UTC}):
 * minute, hour, day of month, month, day of week; with {@code *}, lists, ranges, steps, month and day names and
 * {@code L}.
 */
public final class CronExpression {

    private record Field(String name, int min, int max, List<String> names, boolean lastAllowed) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of(), false),
            new Field("hour", 0, 23, List.of(), false),
            new Field("day of month", 1, 31, List.of(), true),
            new Field("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                    "NOV", "DEC"), false),
            new Field("day of week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"), true));

    private CronExpression() {
    }

    /** Why the expression is not a valid 5-field cron expression, or empty when it is. */
    public static Optional<String> problem(String expression) {
        if (expression == null || expression.isBlank()) {
            return Optional.of("the expression is empty");
        }
        String[] parts = expression.trim().split("\\s+");
        if (parts.length != FIELDS.size()) {
            return Optional.of("it has " + parts.length + " fields, but a cron expression has 5: minute hour "
                    + "day-of-month month day-of-week (for example '0 * * * *' for every hour)");
        }
        for (int i = 0; i < parts.length; i++) {
            Optional<String> problem = fieldProblem(FIELDS.get(i), parts[i]);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    public static boolean isValid(String expression) {
        return problem(expression).isEmpty();
    }

    private static Optional<String> fieldProblem(Field field, String text) {
        for (String item : text.split(",", -1)) {
            Optional<String> problem = itemProblem(field, item.toUpperCase(Locale.ROOT));
            if (problem.isPresent()) {
                return Optional.of("the " + field.name() + " field '" + text + "' is not valid: " + problem.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> itemProblem(Field field, String item) {
        if (item.isEmpty()) {
            return Optional.of("it has an empty list element");
        }
        String range = item;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            String step = item.substring(slash + 1);
            if (!step.matches("[0-9]+") || Integer.parseInt(step) == 0) {
                return Optional.of("the step '" + step + "' must be a positive number");
            }
        }
        if (range.equals("*") || range.equals("?")) {
            return Optional.empty();
        }
        if (field.lastAllowed() && slash < 0) {
            if (range.equals("L") && field.min() == 1) {
                return Optional.empty();
            }
            if (range.endsWith("L") && field.min() == 0) {
                return value(field, range.substring(0, range.length() - 1)).isPresent()
                        ? Optional.empty() : Optional.of("'" + range + "' is not a day followed by L");
            }
        }
        int dash = range.indexOf('-');
        if (dash > 0) {
            Optional<Integer> from = value(field, range.substring(0, dash));
            Optional<Integer> to = value(field, range.substring(dash + 1));
            if (from.isEmpty() || to.isEmpty()) {
                return Optional.of("'" + range + "' is not a range of values " + field.min() + "-" + field.max());
            }
            return from.get() <= to.get() ? Optional.empty()
                    : Optional.of("the range '" + range + "' starts after it ends");
        }
        return value(field, range).isPresent() ? Optional.empty()
                : Optional.of("'" + range + "' is not a value " + field.min() + "-" + field.max()
                        + (field.names().isEmpty() ? "" : " or a name such as " + field.names().get(0)));
    }

    private static Optional<Integer> value(Field field, String text) {
        int index = field.names().indexOf(text);
        if (index >= 0) {
            return Optional.of(field.min() + index);
        }
        if (!text.matches("[0-9]{1,2}")) {
            return Optional.empty();
        }
        int value = Integer.parseInt(text);
        return value >= field.min() && value <= field.max() ? Optional.of(value) : Optional.empty();
    }
}
