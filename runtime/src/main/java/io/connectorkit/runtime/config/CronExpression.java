package io.connectorkit.runtime.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

    private record Field(String name, int min, int max, List<String> names, boolean lastAllowed) {}

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of(), false),
            new Field("hour", 0, 23, List.of(), false),
            new Field("day of month", 1, 31, List.of(), true),
            new Field(
                    "month",
                    1,
                    12,
                    List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
                    false),
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

    /**
     * One item of a field's list, as the grammar reads it: the values {@code from} to {@code to} by {@code step}, or,
     * when {@code last}, {@code L} (day of month: the month's last day) or {@code nL} (day of week {@code from}: its
     * last occurrence in the month).
     */
    private record Item(int from, int to, int step, boolean last) {}

    /** A field the grammar refuses, with the reason. */
    private static final class GrammarException extends Exception {
        private static final long serialVersionUID = 1L;

        GrammarException(String reason) {
            super(reason, null, false, false);
        }
    }

    private CronExpression(String text, List<List<Item>> fields) {
        this.text = text;
        this.minutes = values(fields.get(0));
        this.hours = values(fields.get(1));
        this.daysOfMonth = values(fields.get(2));
        this.lastDayOfMonth = fields.get(2).stream().anyMatch(Item::last);
        this.months = values(fields.get(3));
        BitSet weekdays = values(fields.get(4));
        if (weekdays.get(7)) {
            weekdays.set(0);
            weekdays.clear(7);
        }
        this.daysOfWeek = weekdays;
        this.lastWeekdaysOfMonth = new BitSet(8);
        fields.get(4).stream().filter(Item::last).forEach(item -> lastWeekdaysOfMonth.set(item.from() % 7));
        String[] parts = text.split("\\s+");
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
        try {
            return new CronExpression(expression.trim(), fields(expression));
        } catch (GrammarException e) {
            throw new IllegalArgumentException(
                    "'" + expression + "' is not a valid cron expression: " + e.getMessage());
        }
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
        return months.get(time.getMonthValue())
                && dayMatches(time.toLocalDate())
                && hours.get(time.getHour())
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

    /** The plain values a field's items select; {@code L} items are kept apart by the constructor. */
    private static BitSet values(List<Item> items) {
        BitSet values = new BitSet(60);
        for (Item item : items) {
            if (!item.last()) {
                for (int v = item.from(); v <= item.to(); v += item.step()) {
                    values.set(v);
                }
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
        try {
            fields(expression);
            return Optional.empty();
        } catch (GrammarException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The grammar: the five fields' items, or why the expression is not one. */
    private static List<List<Item>> fields(String expression) throws GrammarException {
        if (expression == null || expression.isBlank()) {
            throw new GrammarException("the expression is empty");
        }
        String[] parts = expression.trim().split("\\s+");
        if (parts.length != FIELDS.size()) {
            throw new GrammarException("it has " + parts.length + " fields, but a cron expression has 5: minute hour "
                    + "day-of-month month day-of-week (for example '0 * * * *' for every hour)");
        }
        List<List<Item>> fields = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            fields.add(items(FIELDS.get(i), parts[i]));
        }
        return fields;
    }

    /**
     * @param expression the text to check
     * @return whether {@link #problem} finds nothing wrong with it
     */
    public static boolean isValid(String expression) {
        return problem(expression).isEmpty();
    }

    private static List<Item> items(Field field, String text) throws GrammarException {
        List<Item> items = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            try {
                items.add(item(field, item.toUpperCase(Locale.ROOT)));
            } catch (GrammarException e) {
                throw new GrammarException(
                        "the " + field.name() + " field '" + text + "' is not valid: " + e.getMessage());
            }
        }
        return items;
    }

    private static Item item(Field field, String item) throws GrammarException {
        if (item.isEmpty()) {
            throw new GrammarException("it has an empty list element");
        }
        int slash = item.indexOf('/');
        String range = slash >= 0 ? item.substring(0, slash) : item;
        int step = 1;
        if (slash >= 0) {
            String stepText = item.substring(slash + 1);
            if (!stepText.matches("[0-9]+") || Integer.parseInt(stepText) == 0) {
                throw new GrammarException("the step '" + stepText + "' must be a positive number");
            }
            step = Integer.parseInt(stepText);
        }
        // Day of week 7 is Sunday again, so a full week, and a step to the end of it, stop at 6.
        int end = field.names().size() == 7 ? 6 : field.max();
        if (range.equals("*") || range.equals("?")) {
            return new Item(field.min(), end, step, false);
        }
        if (field.lastAllowed() && slash < 0) {
            if (range.equals("L") && field.min() == 1) {
                return new Item(0, 0, 1, true);
            }
            if (range.endsWith("L") && field.min() == 0) {
                int day = value(field, range.substring(0, range.length() - 1))
                        .orElseThrow(() -> new GrammarException("'" + range + "' is not a day followed by L"));
                return new Item(day, day, 1, true);
            }
        }
        int dash = range.indexOf('-');
        if (dash > 0) {
            Optional<Integer> from = value(field, range.substring(0, dash));
            Optional<Integer> to = value(field, range.substring(dash + 1));
            if (from.isEmpty() || to.isEmpty()) {
                throw new GrammarException(
                        "'" + range + "' is not a range of values " + field.min() + "-" + field.max());
            }
            if (from.get() > to.get()) {
                throw new GrammarException("the range '" + range + "' starts after it ends");
            }
            return new Item(from.get(), to.get(), step, false);
        }
        int value = value(field, range)
                .orElseThrow(() -> new GrammarException("'" + range + "' is not a value "
                        + field.min() + "-" + field.max()
                        + (field.names().isEmpty()
                                ? ""
                                : " or a name such as " + field.names().get(0))));
        return new Item(value, slash >= 0 ? end : value, step, false);
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
