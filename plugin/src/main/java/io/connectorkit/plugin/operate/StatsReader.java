package io.connectorkit.plugin.operate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.nio.charset.StandardCharsets;

/**
 * Reads the app's statistics views ({@code PUBLIC.AGGREGATED_CONNECTOR_STATS}, {@code PUBLIC.CONNECTOR_STATS},
 * {@code PUBLIC.INGESTION_DEFINITIONS}) into a {@link StatsReport}: the requested hours up to the current one, every
 * hour shown (empty ones as zero), with the rows and failed runs of each; the resources' totals; the failed runs.
 */
public final class StatsReader {

    /** The failed runs listed at most, newest first. */
    static final int FAILURES_SHOWN = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InstalledApp app;
    private final Clock clock;

    public StatsReader(InstalledApp app, Clock clock) {
        this.app = app;
        this.clock = clock;
    }

    /** @param window how many hours to show, ending with the current hour (UTC) */
    public StatsReport read(int window) throws AppException {
        LocalDateTime last = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        LocalDateTime first = last.minusHours(window - 1L);
        TreeMap<LocalDateTime, Long> rowsPerHour = new TreeMap<>();
        for (Map<String, Object> row : app.view("AGGREGATED_CONNECTOR_STATS")) {
            LocalDateTime hour = time(row.get("RUN_DATE"));
            if (hour != null) {
                rowsPerHour.merge(hour.truncatedTo(ChronoUnit.HOURS), number(row.get("UPDATED_ROWS")), Long::sum);
            }
        }
        List<Map<String, Object>> runs = app.view("CONNECTOR_STATS");
        Map<LocalDateTime, Long> failedPerHour = new HashMap<>();
        List<StatsReport.Failure> failures = new ArrayList<>();
        LocalDateTime lastRun = null;
        for (Map<String, Object> run : runs) {
            LocalDateTime started = time(run.get("STARTED_AT"));
            if (started != null && (lastRun == null || started.isAfter(lastRun))) {
                lastRun = started;
            }
            if (started != null && failed(run) && !started.isBefore(first)) {
                failedPerHour.merge(started.truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
                failures.add(new StatsReport.Failure(started.truncatedTo(ChronoUnit.SECONDS),
                        String.valueOf(run.get("RESOURCE_INGESTION_DEFINITION_NAME")), error(run.get("METADATA"))));
            }
        }
        failures.sort(Comparator.comparing(StatsReport.Failure::startedAt).reversed());
        List<StatsReport.Hour> hours = new ArrayList<>();
        for (LocalDateTime hour = first; !hour.isAfter(last); hour = hour.plusHours(1)) {
            hours.add(new StatsReport.Hour(hour, rowsPerHour.getOrDefault(hour, 0L),
                    failedPerHour.getOrDefault(hour, 0L)));
        }
        return new StatsReport(app.describe(), hours, resources(runs),
                failures.subList(0, Math.min(FAILURES_SHOWN, failures.size())), failures.size(),
                lastRun == null ? null : lastRun.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Per resource: runs, failures, and rows — summed over the runs of an INCREMENTAL resource, but for a SNAPSHOT
     * resource the rows of its last completed run, since each snapshot replaces the one before.
     */
    private List<StatsReport.Resource> resources(List<Map<String, Object>> runs) throws AppException {
        Map<String, String> strategies = strategies();
        Map<String, Totals> totals = new TreeMap<>();
        for (Map<String, Object> run : runs) {
            String name = String.valueOf(run.get("RESOURCE_INGESTION_DEFINITION_NAME"));
            Totals total = totals.computeIfAbsent(name, key -> new Totals(strategies.getOrDefault(
                    String.valueOf(run.get("RESOURCE_INGESTION_DEFINITION_ID")), "INCREMENTAL")));
            total.runs++;
            LocalDateTime started = time(run.get("STARTED_AT"));
            if (failed(run)) {
                total.failed++;
                if (started != null && (total.lastFailedAt == null || started.isAfter(total.lastFailedAt))) {
                    total.lastFailedAt = started;
                    total.lastError = error(run.get("METADATA"));
                }
            }
            long rows = number(run.get("INGESTED_ROWS"));
            total.summedRows += rows;
            LocalDateTime completed = time(run.get("COMPLETED_AT"));
            if (completed != null && "COMPLETED".equals(String.valueOf(run.get("STATUS")))
                    && (total.lastCompleted == null || completed.isAfter(total.lastCompleted))) {
                total.lastCompleted = completed;
                total.lastCompletedRows = rows;
            }
        }
        List<StatsReport.Resource> resources = new ArrayList<>();
        totals.forEach((name, total) -> {
            boolean snapshot = "SNAPSHOT".equals(total.strategy);
            boolean failingNow = total.lastFailedAt != null && (total.lastCompleted == null
                    || total.lastFailedAt.isAfter(total.lastCompleted));
            resources.add(new StatsReport.Resource(name, total.strategy, total.runs, total.failed,
                    snapshot ? total.lastCompletedRows : total.summedRows,
                    total.lastCompleted == null ? null : total.lastCompleted.truncatedTo(ChronoUnit.SECONDS) + " UTC",
                    failingNow ? total.lastError : null));
        });
        return resources;
    }

    private static final class Totals {
        final String strategy;
        long runs;
        long failed;
        long summedRows;
        long lastCompletedRows;
        LocalDateTime lastCompleted;
        LocalDateTime lastFailedAt;
        String lastError;

        Totals(String strategy) {
            this.strategy = strategy;
        }
    }

    /** Definition id → SNAPSHOT or INCREMENTAL, from its ingestion configurations (SNAPSHOT only if all are). */
    private Map<String, String> strategies() throws AppException {
        Map<String, String> strategies = new HashMap<>();
        for (Map<String, Object> definition : app.view("INGESTION_DEFINITIONS")) {
            JsonNode configurations = json(definition.get("INGESTION_CONFIGURATION"));
            boolean snapshot = configurations.isArray() && !configurations.isEmpty();
            for (JsonNode configuration : configurations) {
                snapshot &= "SNAPSHOT".equalsIgnoreCase(configuration.path("ingestionStrategy").asText(""));
            }
            strategies.put(String.valueOf(definition.get("ID")), snapshot ? "SNAPSHOT" : "INCREMENTAL");
        }
        return strategies;
    }

    private static boolean failed(Map<String, Object> run) {
        return "FAILED".equals(String.valueOf(run.get("STATUS")));
    }

    /** A failed run's {@code METADATA.error}, one line. */
    private static String error(Object metadata) {
        JsonNode error = json(metadata).path("error");
        return error.isTextual() ? Ingestions.firstLine(error.asText()) : "no error recorded";
    }

    /** H2 answers a JSON column as its UTF-8 bytes, Snowflake's driver as text. */
    private static JsonNode json(Object value) {
        if (value == null) {
            return JSON.missingNode();
        }
        try {
            JsonNode node = JSON.readTree(value instanceof byte[] bytes
                    ? new String(bytes, StandardCharsets.UTF_8) : value.toString());
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
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
