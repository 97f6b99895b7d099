package io.connectorkit.plugin.operate;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Comparator;

/**
 * One resource as {@code connector:status} shows it, from the app's {@code PUBLIC.RESOURCE_STATUS} view: enabled, its
 * last run, the error of its current failures and their count, and when it runs next.
 *
 * @param lastRunAt when the last run started (UTC); {@code null} before the first run
 * @param lastRunStatus COMPLETED, FAILED or IN_PROGRESS; {@code null} before the first run
 * @param lastError the error of the last failed run while the failures go on; {@code null} after a success
 * @param attempts how many runs failed in a row
 * @param nextRunAt when the resource is due again (UTC); {@code null} when it is due at the next iteration or not
 *                  scheduled (disabled)
 */
public record ResourceStatus(String id, String name, boolean enabled, LocalDateTime lastRunAt,
        String lastRunStatus, long lastRunRows, String lastError, int attempts, LocalDateTime nextRunAt) {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'",
            Locale.ROOT);

    /** Reads every resource, by name. */
    public static List<ResourceStatus> read(InstalledApp app) throws AppException {
        List<ResourceStatus> resources = new ArrayList<>();
        for (Map<String, Object> row : app.view("RESOURCE_STATUS")) {
            resources.add(new ResourceStatus(String.valueOf(row.get("RESOURCE_INGESTION_DEFINITION_ID")),
                    String.valueOf(row.get("NAME")), bool(row.get("IS_ENABLED")),
                    StatsReader.time(row.get("LAST_RUN_STARTED_AT")), text(row.get("LAST_RUN_STATUS")),
                    number(row.get("LAST_RUN_ROWS")), text(row.get("LAST_ERROR")), (int) number(row.get("ATTEMPTS")),
                    StatsReader.time(row.get("NEXT_RUN_AT"))));
        }
        resources.sort(Comparator.comparing(ResourceStatus::name).thenComparing(ResourceStatus::id));
        return resources;
    }

    /**
     * {@code sdk issues (sdk): enabled; last run 2026-12-07 02:10:11 UTC COMPLETED, 3 rows; next run 2026-12-07
     * 03:10:11 UTC}.
     */
    public String line() {
        StringBuilder line = new StringBuilder(name);
        if (!name.equals(id)) {
            line.append(" (").append(id).append(')');
        }
        line.append(": ").append(enabled ? "enabled" : "disabled");
        if (lastRunAt == null) {
            line.append("; no run yet");
        } else {
            line.append("; last run ").append(shown(lastRunAt)).append(' ').append(lastRunStatus).append(", ")
                    .append(lastRunRows).append(lastRunRows == 1 ? " row" : " rows");
        }
        if (lastError != null) {
            line.append("; ").append(attempts).append(attempts == 1 ? " failure" : " failures in a row").append(": ")
                    .append(Ingestions.firstLine(lastError));
        }
        if (enabled) {
            line.append(nextRunAt == null ? "; runs at the next iteration" : (lastError == null ? "; next run "
                    : "; retry at ") + shown(nextRunAt));
        }
        return line.toString();
    }

    /** The resource as a JSON object's fields, for {@code -Dconnector.format=json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("name", name);
        map.put("enabled", enabled);
        if (lastRunAt == null) {
            map.put("lastRun", null);
        } else {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("startedAt", iso(lastRunAt));
            run.put("status", lastRunStatus);
            run.put("rows", lastRunRows);
            map.put("lastRun", run);
        }
        map.put("lastError", lastError);
        map.put("attempts", attempts);
        map.put("nextRunAt", iso(nextRunAt));
        return map;
    }

    // LocalDateTime.toString() leaves out zero seconds (12:31, not 12:31:00): a fixed pattern keeps every time alike.
    private static String shown(LocalDateTime time) {
        return SHOWN.format(time) + " UTC";
    }

    private static String iso(LocalDateTime time) {
        return time == null ? null : ISO.format(time);
    }

    private static boolean bool(Object value) {
        return value instanceof Boolean flag ? flag : "true".equalsIgnoreCase(String.valueOf(value));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
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
