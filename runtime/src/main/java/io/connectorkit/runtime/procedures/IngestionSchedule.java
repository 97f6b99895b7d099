package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.config.CronExpression;
import io.connectorkit.runtime.resources.IngestionConfigurations;
import io.connectorkit.runtime.resources.ScheduleType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The schedule of one ingestion configuration (spec §2.4), evaluated by the scheduler: when a process is due again
 * after a run, and when it is retried after a failure. Times are UTC.
 *
 * <ul>
 *   <li>{@code INTERVAL} ({@code ^[1-9][0-9]*[dhm]$}, case-insensitive): the next run is due one interval after the
 *       start of the last one.</li>
 *   <li>{@code CRON} (5 fields, UTC): the next run is due at the first firing time after the start of the last run,
 *       so a firing missed while a run lasted is made up once, not once per missed firing.</li>
 *   <li>{@code GLOBAL}: due at every iteration, that is on the global schedule of the scheduler task.</li>
 * </ul>
 *
 * <p>Retry after n consecutive failures: {@code min(2^(n-1) minutes, 60 minutes)} after the failure (1, 2, 4, 8, 16,
 * 32, 60, 60, … minutes), never later than the schedule itself would run it again: capped by an {@code INTERVAL}'s
 * length, and by a {@code CRON}'s next firing time.
 */
final class IngestionSchedule {

    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    /** A process whose schedule cannot be read is retried as if it had the global schedule. */
    static final IngestionSchedule GLOBAL = new IngestionSchedule(ScheduleType.GLOBAL, null, null, null);

    private static final Pattern INTERVAL = Pattern.compile("[1-9][0-9]*[dhm]", Pattern.CASE_INSENSITIVE);
    /** Far enough that the process is never due; a valid cron expression always fires again, so only a guard. */
    private static final LocalDateTime NEVER = LocalDateTime.of(9999, 12, 31, 0, 0);

    private final ScheduleType type;
    private final String definition;
    private final Duration interval;
    private final CronExpression cron;

    private IngestionSchedule(ScheduleType type, String definition, Duration interval, CronExpression cron) {
        this.type = type;
        this.definition = definition;
        this.interval = interval;
        this.cron = cron;
    }

    /**
     * The schedule of an ingestion configuration's {@code scheduleType} and {@code scheduleDefinition}.
     *
     * @throws IllegalArgumentException saying what is wrong with them
     */
    static IngestionSchedule of(String scheduleType, String scheduleDefinition) {
        if (scheduleType == null || scheduleType.isBlank()) {
            throw new IllegalArgumentException(
                    "the ingestion configuration has no scheduleType (INTERVAL, CRON or " + "GLOBAL)");
        }
        ScheduleType type;
        try {
            type = ScheduleType.valueOf(scheduleType.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + scheduleType + "' is not a schedule type; use INTERVAL, CRON or " + "GLOBAL");
        }
        return of(type, scheduleDefinition);
    }

    /**
     * The schedule of a {@code scheduleType} and its {@code scheduleDefinition}.
     *
     * @throws IllegalArgumentException saying what is wrong with them
     */
    static IngestionSchedule of(ScheduleType type, String scheduleDefinition) {
        if (type == null) {
            throw new IllegalArgumentException(
                    "the ingestion configuration has no scheduleType (INTERVAL, CRON or " + "GLOBAL)");
        }
        return switch (type) {
            case GLOBAL -> GLOBAL;
            case INTERVAL -> new IngestionSchedule(type, scheduleDefinition, interval(scheduleDefinition), null);
            case CRON -> new IngestionSchedule(type, scheduleDefinition, null, cron(scheduleDefinition));
        };
    }

    private static Duration interval(String definition) {
        String text = definition == null ? null : definition.trim();
        if (text == null || !INTERVAL.matcher(text).matches()) {
            throw new IllegalArgumentException("Invalid schedule definition '" + definition + "'. Interval schedule "
                    + "definition should consist of a number and one of the letters: d, h, m.");
        }
        return IngestionConfigurations.interval(text)
                .orElseThrow(() -> new IllegalArgumentException("The interval '" + definition + "' is too long"));
    }

    private static CronExpression cron(String definition) {
        CronExpression cron = CronExpression.parse(definition);
        if (cron.nextAfter(LocalDateTime.of(2000, 1, 1, 0, 0)).isEmpty()) {
            throw new IllegalArgumentException("The cron expression '" + definition + "' never fires");
        }
        return cron;
    }

    ScheduleType type() {
        return type;
    }

    /** When the process is due again after a run that started at this time; empty: at every iteration. */
    Optional<LocalDateTime> nextRunAfter(LocalDateTime runStartedAt) {
        return switch (type) {
            case GLOBAL -> Optional.empty();
            case INTERVAL -> Optional.of(plus(runStartedAt, interval));
            case CRON -> Optional.of(cron.nextAfter(runStartedAt).orElse(NEVER));
        };
    }

    /** When a process that failed this many times in a row (at least once) is retried, failing now. */
    LocalDateTime retryAt(LocalDateTime now, int consecutiveFailures) {
        Duration delay = backoff(consecutiveFailures);
        return switch (type) {
            case GLOBAL -> now.plus(delay);
            case INTERVAL -> plus(now, delay.compareTo(interval) < 0 ? delay : interval);
            case CRON -> {
                LocalDateTime retry = now.plus(delay);
                LocalDateTime next = cron.nextAfter(now).orElse(NEVER);
                yield next.isBefore(retry) ? next : retry;
            }
        };
    }

    /** 1, 2, 4, … minutes, at most {@link #MAX_BACKOFF}. */
    static Duration backoff(int consecutiveFailures) {
        int failures = Math.max(1, consecutiveFailures);
        if (failures > 7) {
            return MAX_BACKOFF;
        }
        Duration delay = Duration.ofMinutes(1L << (failures - 1));
        return delay.compareTo(MAX_BACKOFF) < 0 ? delay : MAX_BACKOFF;
    }

    private static LocalDateTime plus(LocalDateTime time, Duration duration) {
        try {
            LocalDateTime result = time.plus(duration);
            return result.isAfter(NEVER) ? NEVER : result;
        } catch (DateTimeException | ArithmeticException e) {
            return NEVER;
        }
    }

    @Override
    public String toString() {
        return type == ScheduleType.GLOBAL ? "GLOBAL" : type + " " + definition;
    }
}
