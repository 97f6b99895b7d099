package io.connectorkit.plugin.operate;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the app's statistics views ({@code PUBLIC.AGGREGATED_CONNECTOR_STATS}, {@code PUBLIC.CONNECTOR_STATS}) into
 * a {@link StatsReport}: the last hours that have runs, with the hours between them shown as zero.
 */
public final class StatsReader {

    private final InstalledApp app;

    public StatsReader(InstalledApp app) {
        this.app = app;
    }

    /** @param window how many hours to show at most, ending with the last hour that has runs */
    public StatsReport read(int window) throws AppException {
        TreeMap<LocalDateTime, Long> perHour = new TreeMap<>();
        for (Map<String, Object> row : app.view("AGGREGATED_CONNECTOR_STATS")) {
            LocalDateTime hour = time(row.get("RUN_DATE"));
            if (hour != null) {
                perHour.merge(hour.truncatedTo(ChronoUnit.HOURS), number(row.get("UPDATED_ROWS")), Long::sum);
            }
        }
        List<StatsReport.Hour> hours = new ArrayList<>();
        if (!perHour.isEmpty()) {
            LocalDateTime last = perHour.lastKey();
            LocalDateTime first = perHour.firstKey().isAfter(last.minusHours(window - 1L)) ? perHour.firstKey()
                    : last.minusHours(window - 1L);
            for (LocalDateTime hour = first; !hour.isAfter(last); hour = hour.plusHours(1)) {
                hours.add(new StatsReport.Hour(hour, perHour.getOrDefault(hour, 0L)));
            }
        }
        return new StatsReport(app.describe(), hours, resources());
    }

    private List<StatsReport.Resource> resources() throws AppException {
        Map<String, long[]> totals = new TreeMap<>();
        Map<String, LocalDateTime> lastCompleted = new TreeMap<>();
        for (Map<String, Object> run : app.view("CONNECTOR_STATS")) {
            String name = String.valueOf(run.get("RESOURCE_INGESTION_DEFINITION_NAME"));
            long[] total = totals.computeIfAbsent(name, key -> new long[3]);
            total[0]++;
            if ("FAILED".equals(String.valueOf(run.get("STATUS")))) {
                total[1]++;
            }
            total[2] += number(run.get("INGESTED_ROWS"));
            LocalDateTime completed = time(run.get("COMPLETED_AT"));
            if (completed != null && "COMPLETED".equals(String.valueOf(run.get("STATUS")))) {
                lastCompleted.merge(name, completed, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        List<StatsReport.Resource> resources = new ArrayList<>();
        totals.forEach((name, total) -> resources.add(new StatsReport.Resource(name, total[0], total[1], total[2],
                lastCompleted.containsKey(name) ? lastCompleted.get(name).truncatedTo(ChronoUnit.SECONDS) + " UTC"
                        : null)));
        return resources;
    }

    /** H2 answers timestamps as objects, Snowflake's JSON results as text. */
    static LocalDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime time) {
            return time;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toLocalDateTime();
        }
        String text = value.toString().strip().replace(' ', 'T');
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toLocalDateTime();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static long number(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return value == null ? 0 : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
