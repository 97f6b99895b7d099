package io.connectorkit.plugin.events;

import io.connectorkit.runtime.embedded.RuntimeEvents;
import io.connectorkit.runtime.procedures.RunLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the app's events to show: those since a time, at a severity or above, of one resource's runs or all, and
 * at most the last so many of them.
 *
 * @param since the oldest time shown (UTC), or empty for no bound
 * @param last at most this many, the newest
 * @param minimum the least severe shown
 * @param resourceScope the scope of one resource's runs, or empty for every event
 * @param traces whether spans and trace events are shown beside the log messages
 */
public record EventQuery(
        Optional<LocalDateTime> since, int last, String minimum, Optional<String> resourceScope, boolean traces) {

    /** A query of log messages and traces. */
    public EventQuery(Optional<LocalDateTime> since, int last, String minimum, Optional<String> resourceScope) {
        this(since, last, minimum, resourceScope, true);
    }

    /** The events shown when {@code connector.last} is not given. */
    public static final int DEFAULT_LAST = 50;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    /** The severities at the minimum or above, in order. */
    public List<String> severities() {
        return RuntimeEvents.SEVERITIES.subList(
                RuntimeEvents.SEVERITIES.indexOf(minimum), RuntimeEvents.SEVERITIES.size());
    }

    /**
     * The ingestion definition id the resource filter names (trace events carry it as an attribute), or empty.
     */
    public Optional<String> resourceId() {
        return resourceScope.map(scope -> scope.substring(RunLog.RESOURCE_SCOPE_PREFIX.length()));
    }

    /** The same query from another time on (follow mode). */
    public EventQuery from(LocalDateTime time) {
        return new EventQuery(Optional.of(time), last, minimum, resourceScope, traces);
    }

    /** Whether an event passes the query (for the embedded log, read in Java). */
    public boolean accepts(AppEvent event) {
        return (traces || AppEvent.LOG.equals(event.type()))
                && severities().contains(event.severity())
                && since.map(from -> !event.time().isBefore(from)).orElse(true)
                && resourceScope.map(scope -> scope.equals(event.scope())).orElse(true);
    }

    /**
     * Reads {@code connector.since}: a duration back from now ({@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}) or an
     * ISO-8601 instant ({@code 2026-12-07T06:00:00Z}, or with an offset); blank = no bound.
     *
     * @throws IllegalArgumentException naming the parameter, the value and what to write
     */
    public static Optional<LocalDateTime> since(String text, Clock clock) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip();
        Matcher duration = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (duration.matches()) {
            long amount = Long.parseLong(duration.group(1));
            Duration back = switch (duration.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return Optional.of(LocalDateTime.ofInstant(clock.instant().minus(back), ZoneOffset.UTC));
        }
        try {
            return Optional.of(LocalDateTime.ofInstant(Instant.parse(value), ZoneOffset.UTC));
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Optional.of(
                        LocalDateTime.ofInstant(OffsetDateTime.parse(value).toInstant(), ZoneOffset.UTC));
            } catch (DateTimeParseException notOffset) {
                throw new IllegalArgumentException("connector.since='" + text + "' is neither a duration nor an "
                        + "instant; write how far back (30s, 15m, 2h, 1d) or an ISO-8601 instant such as "
                        + "2026-12-07T06:00:00Z");
            }
        }
    }

    /**
     * Reads {@code connector.level}: TRACE, DEBUG, INFO, WARN (or WARNING), ERROR or FATAL.
     *
     * @throws IllegalArgumentException naming the parameter, the value and the choices
     */
    public static String minimum(String text) {
        String value = text == null || text.isBlank() ? "TRACE" : text.strip().toUpperCase(Locale.ROOT);
        if (value.equals("WARNING")) {
            value = "WARN";
        }
        if (!RuntimeEvents.SEVERITIES.contains(value)) {
            throw new IllegalArgumentException("connector.level='" + text + "' is not a severity; write one of "
                    + String.join(", ", RuntimeEvents.SEVERITIES) + " (the least severe shown)");
        }
        return value;
    }
}
