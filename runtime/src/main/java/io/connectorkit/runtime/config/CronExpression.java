package io.connectorkit.runtime.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the syntax of a 5-field cron expression as Snowflake tasks accept it ({@code USING CRON <expression> UTC}):
 * minute, hour, day of month, month, day of week; with {@code *}, lists, ranges, steps, month and day names and
 * {@code L}. A {@linkplain #parse parsed} expression also tells when it next fires.
 *
 * <p>Semantics of {@link #nextAfter}: times are UTC wall-clock times at minute resolution. {@code a/n} starts at
 * {@code a} and steps by {@code n} up to the field's maximum; {@code a-b/n} steps within the range; {@code *}/n from
 * the field's minimum. Day of week 0 and 7 are both Sunday. {@code L} in the day-of-month field is the month's last
 * day; {@code nL} in the day-of-week field is the month's last such weekday ({@code 5L}: the last Friday). As in
 * Unix cron, when both the day-of-month and the day-of-week fields are restricted (neither is exactly {@code *} or
 * {@code ?}), a day matches when <em>either</em> matches; when one of them is {@code *} or {@code ?}, only the other
 * one decides.
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

    /** How far {@link #nextAfter} looks: long enough to meet every date of the calendar, 29 February included. */
    private static final int SEARCH_YEARS = 9;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final boolean lastDayOfMonth;
    private final BitSet daysOfWeek;
    /** Weekdays (0 = Sunday) whose last occurrence in the month matches ({@code 5L}). */
    private final BitSet lastWeekdaysOfMonth;
    private final BitSet months;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronExpression(String text, String[] parts) {
        this.text = text;
        this.minutes = values(FIELDS.get(0), parts[0]);
        this.hours = values(FIELDS.get(1), parts[1]);
        this.daysOfMonth = values(FIELDS.get(2), parts[2]);
        this.lastDayOfMonth = hasItem(parts[2], item -> item.equals("L"));
        this.months = values(FIELDS.get(3), parts[3]);
        BitSet weekdays = values(FIELDS.get(4), parts[4]);
        if (weekdays.get(7)) {
            weekdays.set(0);
            weekdays.clear(7);
        }
        this.daysOfWeek = weekdays;
        this.lastWeekdaysOfMonth = new BitSet(8);
        for (String item : parts[4].toUpperCase(Locale.ROOT).split(",")) {
            if (item.endsWith("L") && !item.contains("/")) {
                int day = value(FIELDS.get(4), item.substring(0, item.length() - 1)).orElseThrow();
                lastWeekdaysOfMonth.set(day % 7);
            }
        }
        this.dayOfMonthRestricted = !isUnrestricted(parts[2]);
        this.dayOfWeekRestricted = !isUnrestricted(parts[4]);
    }

    /**
     * The expression, ready to tell when it fires.
     *
     * @param expression five fields separated by blanks, for example {@code "0 * * * *"} (every hour)
     * @return the parsed expression
     * @throws IllegalArgumentException with {@link #problem}'s reason when the expression is not valid
     */
    public static CronExpression parse(String expression) {
        Optional<String> problem = problem(expression);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("'" + expression + "' is not a valid cron expression: " + problem.get());
        }
        String trimmed = expression.trim();
        return new CronExpression(trimmed, trimmed.split("\\s+"));
    }

    /**
     * @return the expression as given, without surrounding blanks
     */
    public String text() {
        return text;
    }

    /**
     * The first minute strictly after {@code after} at which the expression fires, in the same (UTC) wall-clock time;
     * empty when it never fires (such as {@code 0 0 30 2 *}).
     *
     * @param after a UTC wall-clock time
     * @return the next firing minute, or empty when there is none
     */
    public Optional<LocalDateTime> nextAfter(LocalDateTime after) {
        LocalDateTime time = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = time.plusYears(SEARCH_YEARS);
        while (time.isBefore(limit)) {
            if (!months.get(time.getMonthValue())) {
                time = time.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayMatches(time.toLocalDate())) {
                time = time.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!hours.get(time.getHour())) {
                time = time.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else {
                int minute = minutes.nextSetBit(time.getMinute());
                if (minute >= 0) {
                    return Optional.of(time.withMinute(minute));
                }
                time = time.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the expression fires at this minute; seconds and smaller units of the time are ignored.
     *
     * @param time a UTC wall-clock time
     * @return whether the expression fires in that minute
     */
    public boolean matches(LocalDateTime time) {
        return months.get(time.getMonthValue()) && dayMatches(time.toLocalDate()) && hours.get(time.getHour())
                && minutes.get(time.getMinute());
    }

    private boolean dayMatches(LocalDate date) {
        boolean dayOfMonth = daysOfMonth.get(date.getDayOfMonth())
                || (lastDayOfMonth && date.getDayOfMonth() == date.lengthOfMonth());
        int weekday = date.getDayOfWeek().getValue() % 7;
        boolean dayOfWeek = daysOfWeek.get(weekday)
                || (lastWeekdaysOfMonth.get(weekday) && date.getDayOfMonth() + 7 > date.lengthOfMonth());
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dayOfMonth || dayOfWeek;
        }
        return (!dayOfMonthRestricted || dayOfMonth) && (!dayOfWeekRestricted || dayOfWeek);
    }

    private static boolean isUnrestricted(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static boolean hasItem(String field, java.util.function.Predicate<String> test) {
        for (String item : field.toUpperCase(Locale.ROOT).split(",")) {
            if (test.test(item)) {
                return true;
            }
        }
        return false;
    }

    /** The plain values a field selects; {@code L} items are kept apart by the constructor. */
    private static BitSet values(Field field, String text) {
        BitSet values = new BitSet(field.max() + 1);
        for (String raw : text.toUpperCase(Locale.ROOT).split(",")) {
            String range = raw;
            int step = 1;
            int slash = raw.indexOf('/');
            if (slash >= 0) {
                range = raw.substring(0, slash);
                step = Integer.parseInt(raw.substring(slash + 1));
            }
            if (field.lastAllowed() && range.endsWith("L") && slash < 0) {
                continue;
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = field.min();
                // Day of week 7 is Sunday again, so a full week is 0-6.
                to = field.names().size() == 7 ? 6 : field.max();
            } else if (range.indexOf('-') > 0) {
                int dash = range.indexOf('-');
                from = value(field, range.substring(0, dash)).orElseThrow();
                to = value(field, range.substring(dash + 1)).orElseThrow();
            } else {
                from = value(field, range).orElseThrow();
                to = slash >= 0 ? (field.names().size() == 7 ? 6 : field.max()) : from;
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    /**
     * Why an expression is not a valid 5-field cron expression.
     *
     * @param expression the text to check; {@code null} and blank text are refused
     * @return the reason, naming the field and what it allows; empty when the expression is valid
     */
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

    /**
     * @param expression the text to check
     * @return whether {@link #problem} finds nothing wrong with it
     */
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
