package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.sql.Dialect;
import io.connectorkit.runtime.sql.SqlPort;
import io.connectorkit.runtime.sql.SqlRow;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The scheduler's statements on {@code STATE.INGESTION_PROCESS}, {@code STATE.INGESTION_RUN} and
 * {@code STATE.RESOURCE_INGESTION_DEFINITION}, the same text on both targets but for the dialect's fragments.
 * Times are the scheduler's clock, bound as text and cast, so that both targets and tests agree on them.
 */
final class IngestionStore {

    static final String PROCESS = "STATE.INGESTION_PROCESS";
    static final String RUN = "STATE.INGESTION_RUN";
    static final String DEFINITION = "STATE.RESOURCE_INGESTION_DEFINITION";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    /** A due process with what its run needs to know. */
    record DueProcess(
            String processId,
            String definitionId,
            String configurationId,
            String cursorJson,
            int attempts,
            String resourceName,
            String resourceIdJson,
            String resourceMetadataJson,
            String configurationsJson) {}

    /** A process IN_PROGRESS for longer than the timeout. */
    record StaleProcess(String processId, String configurationId, int attempts, String configurationsJson) {}

    /** A SCHEDULED process whose resource ingestion definition does not exist (a row deleted outside the procedures). */
    record OrphanedProcess(String processId, String definitionId, String configurationId) {}

    private final SqlPort sql;
    private final Dialect dialect;
    private final String ts;
    /** The processes with what their runs need, joined to their definitions. */
    private final String dueColumns;

    IngestionStore(SqlPort sql) {
        this.sql = sql;
        this.dialect = sql.dialect();
        this.ts = dialect.timestampParameter();
        this.dueColumns = "SELECT p.ID, p.RESOURCE_INGESTION_DEFINITION_ID, p.INGESTION_CONFIGURATION_ID, "
                + dialect.jsonText("p.METADATA") + ", COALESCE(p.ATTEMPTS, 0), d.NAME, "
                + dialect.jsonText("d.RESOURCE_ID") + ", " + dialect.jsonText("d.RESOURCE_METADATA") + ", "
                + dialect.jsonText("d.INGESTION_CONFIGURATION") + " FROM " + PROCESS + " p JOIN " + DEFINITION
                + " d ON d.ID = p.RESOURCE_INGESTION_DEFINITION_ID";
    }

    static String timestamp(LocalDateTime time) {
        return time == null ? null : time.format(TIMESTAMP);
    }

    /** How many processes are SCHEDULED, and how many of them have no definition. */
    record ScheduledCount(int total, int orphaned) {}

    /** Counts the SCHEDULED processes, and among them those whose definition is missing, in one statement. */
    ScheduledCount countScheduled() {
        List<SqlRow> rows = sql.query("SELECT COUNT(*), COALESCE(SUM(CASE WHEN d.ID IS NULL THEN 1 ELSE 0 END), 0)"
                + " FROM " + PROCESS + " p LEFT JOIN " + DEFINITION + " d ON d.ID = p.RESOURCE_INGESTION_DEFINITION_ID"
                + " WHERE p.STATUS = 'SCHEDULED'");
        return rows.isEmpty()
                ? new ScheduledCount(0, 0)
                : new ScheduledCount(
                        rows.get(0).getLong(0).intValue(),
                        rows.get(0).getLong(1).intValue());
    }

    /** SCHEDULED processes due at this time (never run, or their next run is not after it), oldest first. */
    List<DueProcess> due(LocalDateTime now) {
        return sql
                .query(
                        dueColumns + " WHERE p.STATUS = 'SCHEDULED' AND (p.NEXT_RUN_AT IS NULL OR p.NEXT_RUN_AT <= "
                                + ts + ") ORDER BY p.NEXT_RUN_AT NULLS FIRST, p.CREATED_AT, p.ID",
                        timestamp(now))
                .stream()
                .map(IngestionStore::dueProcess)
                .toList();
    }

    private static DueProcess dueProcess(SqlRow row) {
        return new DueProcess(
                row.getString(0),
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getLong(4).intValue(),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getString(8));
    }

    /**
     * SCHEDULED processes whether due or not, of one definition or of all ({@code definitionId} null), in the order
     * the schedule would run them.
     */
    List<DueProcess> scheduled(String definitionId) {
        String order = " ORDER BY p.NEXT_RUN_AT NULLS FIRST, p.CREATED_AT, p.ID";
        List<SqlRow> rows = definitionId == null
                ? sql.query(dueColumns + " WHERE p.STATUS = 'SCHEDULED' AND d.ENABLED" + order)
                : sql.query(
                        dueColumns + " WHERE p.STATUS = 'SCHEDULED' AND p.RESOURCE_INGESTION_DEFINITION_ID = ?" + order,
                        definitionId);
        return rows.stream().map(IngestionStore::dueProcess).toList();
    }

    /** Whether the definition is enabled; empty when there is no such definition. */
    Optional<Boolean> enabled(String definitionId) {
        List<SqlRow> rows = sql.query("SELECT ENABLED FROM " + DEFINITION + " WHERE ID = ?", definitionId);
        return rows.isEmpty()
                ? Optional.empty()
                : Optional.of(Boolean.TRUE.equals(rows.get(0).getBoolean(0)));
    }

    List<StaleProcess> staleProcesses(LocalDateTime cutoff) {
        return sql
                .query(
                        "SELECT p.ID, p.INGESTION_CONFIGURATION_ID, COALESCE(p.ATTEMPTS, 0), "
                                + dialect.jsonText("d.INGESTION_CONFIGURATION") + " FROM " + PROCESS + " p LEFT JOIN "
                                + DEFINITION
                                + " d ON d.ID = p.RESOURCE_INGESTION_DEFINITION_ID WHERE p.STATUS = 'IN_PROGRESS' AND p.UPDATED_AT < "
                                + ts,
                        timestamp(cutoff))
                .stream()
                .map(row -> new StaleProcess(
                        row.getString(0), row.getString(1), row.getLong(2).intValue(), row.getString(3)))
                .toList();
    }

    /** The SCHEDULED processes whose definition is missing, oldest first. */
    List<OrphanedProcess> orphanedProcesses() {
        return sql
                .query("SELECT p.ID, p.RESOURCE_INGESTION_DEFINITION_ID, p.INGESTION_CONFIGURATION_ID FROM " + PROCESS
                        + " p LEFT JOIN " + DEFINITION
                        + " d ON d.ID = p.RESOURCE_INGESTION_DEFINITION_ID WHERE p.STATUS ="
                        + " 'SCHEDULED' AND d.ID IS NULL ORDER BY p.CREATED_AT, p.ID")
                .stream()
                .map(row -> new OrphanedProcess(row.getString(0), row.getString(1), row.getString(2)))
                .toList();
    }

    /**
     * Ends a SCHEDULED process that cannot run, with the reason in LAST_ERROR, and records the run it would have had
     * as FAILED with the reason, so that the process's history says why it stopped; false when it is no longer
     * SCHEDULED.
     */
    boolean endUnrunnable(OrphanedProcess process, String runId, String error, String metadataJson, LocalDateTime now) {
        if (sql.update(
                        "UPDATE " + PROCESS + " SET STATUS = 'FINISHED', FINISHED_AT = " + ts + ", UPDATED_AT = " + ts
                                + ", LAST_ERROR = ? WHERE ID = ? AND STATUS = 'SCHEDULED'",
                        timestamp(now),
                        timestamp(now),
                        error,
                        process.processId())
                != 1) {
            return false;
        }
        sql.update(
                "INSERT INTO " + RUN + " (ID, RESOURCE_INGESTION_DEFINITION_ID, INGESTION_CONFIGURATION_ID,"
                        + " INGESTION_PROCESS_ID, STARTED_AT, UPDATED_AT, COMPLETED_AT, STATUS, INGESTED_ROWS, METADATA) SELECT"
                        + " ?, ?, ?, ?, " + ts + ", " + ts + ", " + ts + ", 'FAILED', 0, " + dialect.jsonParameter(),
                runId,
                process.definitionId(),
                process.configurationId(),
                process.processId(),
                timestamp(now),
                timestamp(now),
                timestamp(now),
                metadataJson);
        return true;
    }

    /** Records every run IN_PROGRESS since before the cutoff as FAILED with the metadata; answers how many. */
    int failStaleRuns(LocalDateTime cutoff, LocalDateTime now, String metadataJson) {
        return sql.update(
                "UPDATE " + RUN + " SET STATUS = 'FAILED', COMPLETED_AT = " + ts + ", UPDATED_AT = " + ts
                        + ", METADATA = " + dialect.jsonParameter() + " WHERE STATUS = 'IN_PROGRESS' AND UPDATED_AT < "
                        + ts,
                timestamp(now),
                timestamp(now),
                metadataJson,
                timestamp(cutoff));
    }

    /**
     * Takes a scheduled process for a run; false when another iteration took it, or (unless {@code dueOrNot}) it is
     * no longer due.
     */
    boolean claim(String processId, LocalDateTime now, boolean dueOrNot) {
        if (dueOrNot) {
            return sql.update(
                            "UPDATE " + PROCESS + " SET STATUS = 'IN_PROGRESS', UPDATED_AT = " + ts + " WHERE ID = ?"
                                    + " AND STATUS = 'SCHEDULED'",
                            timestamp(now),
                            processId)
                    == 1;
        }
        return sql.update(
                        "UPDATE " + PROCESS + " SET STATUS = 'IN_PROGRESS', UPDATED_AT = " + ts + " WHERE ID = ?"
                                + " AND STATUS = 'SCHEDULED' AND (NEXT_RUN_AT IS NULL OR NEXT_RUN_AT <= " + ts + ")",
                        timestamp(now),
                        processId,
                        timestamp(now))
                == 1;
    }

    void startRun(String runId, DueProcess process, LocalDateTime now) {
        sql.update(
                "INSERT INTO " + RUN + " (ID, RESOURCE_INGESTION_DEFINITION_ID, INGESTION_CONFIGURATION_ID,"
                        + " INGESTION_PROCESS_ID, STARTED_AT, UPDATED_AT, STATUS, INGESTED_ROWS) SELECT ?, ?, ?, ?, "
                        + ts
                        + ", " + ts + ", 'IN_PROGRESS', 0",
                runId,
                process.definitionId(),
                process.configurationId(),
                process.processId(),
                timestamp(now),
                timestamp(now));
    }

    /** Completes a run still IN_PROGRESS; false when it is not (reaped meanwhile). */
    boolean completeRun(String runId, LocalDateTime now, long rows, String metadataJson) {
        return sql.update(
                        "UPDATE " + RUN + " SET STATUS = 'COMPLETED', COMPLETED_AT = " + ts + ", UPDATED_AT = " + ts
                                + ", INGESTED_ROWS = ?, METADATA = " + dialect.jsonParameter()
                                + " WHERE ID = ? AND STATUS ="
                                + " 'IN_PROGRESS'",
                        timestamp(now),
                        timestamp(now),
                        rows,
                        metadataJson,
                        runId)
                == 1;
    }

    /** Records a run still IN_PROGRESS as FAILED; false when it is not (reaped meanwhile). */
    boolean failRun(String runId, LocalDateTime now, String metadataJson) {
        return sql.update(
                        "UPDATE " + RUN + " SET STATUS = 'FAILED', COMPLETED_AT = " + ts + ", UPDATED_AT = " + ts
                                + ", METADATA = " + dialect.jsonParameter()
                                + " WHERE ID = ? AND STATUS = 'IN_PROGRESS'",
                        timestamp(now),
                        timestamp(now),
                        metadataJson,
                        runId)
                == 1;
    }

    /**
     * After a completed run: back to SCHEDULED (unless a disable FINISHED it meanwhile), the new cursor when the run
     * set one, due again at the next run time, no failures counted.
     */
    void rescheduleAfterSuccess(
            String processId, boolean cursorSet, String cursorJson, LocalDateTime nextRunAt, LocalDateTime now) {
        if (cursorSet) {
            sql.update(
                    "UPDATE " + PROCESS + " SET STATUS = " + backToScheduled() + ", METADATA = "
                            + dialect.jsonParameter() + ", NEXT_RUN_AT = " + ts + ", ATTEMPTS = 0, LAST_ERROR = NULL,"
                            + " UPDATED_AT = " + ts + " WHERE ID = ?",
                    cursorJson,
                    timestamp(nextRunAt),
                    timestamp(now),
                    processId);
        } else {
            sql.update(
                    "UPDATE " + PROCESS + " SET STATUS = " + backToScheduled() + ", NEXT_RUN_AT = " + ts
                            + ", ATTEMPTS = 0, LAST_ERROR = NULL, UPDATED_AT = " + ts + " WHERE ID = ?",
                    timestamp(nextRunAt),
                    timestamp(now),
                    processId);
        }
    }

    /** After a failed or reaped run: back to SCHEDULED, one more failure counted, due again at the retry time. */
    void rescheduleAfterFailure(
            String processId, int attempts, String error, LocalDateTime retryAt, LocalDateTime now) {
        sql.update(
                "UPDATE " + PROCESS + " SET STATUS = " + backToScheduled() + ", ATTEMPTS = ?, LAST_ERROR = ?,"
                        + " NEXT_RUN_AT = " + ts + ", UPDATED_AT = " + ts + " WHERE ID = ?",
                attempts,
                error,
                timestamp(retryAt),
                timestamp(now),
                processId);
    }

    /** A FINISHED process (disabled while it ran) stays FINISHED. */
    private static String backToScheduled() {
        return "CASE WHEN STATUS = 'IN_PROGRESS' THEN 'SCHEDULED' ELSE STATUS END";
    }
}
