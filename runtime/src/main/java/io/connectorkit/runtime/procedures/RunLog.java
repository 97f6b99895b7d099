package io.connectorkit.runtime.procedures;

import java.time.LocalDateTime;

/**
 * The log messages of ingestion runs, one per run that completed or failed, through a logger named after the
 * resource ({@value #RESOURCE_SCOPE_PREFIX}{@code <resource ingestion definition id>}). On Snowflake the logger's name
 * is the event's SCOPE:name in the event table, so a resource's events can be selected by it; the embedded target
 * and the fake Snowflake record them the same way.
 */
public final class RunLog {

    /** The start of the logger name, and so of the event scope, of a resource's runs. */
    public static final String RESOURCE_SCOPE_PREFIX = "io.connectorkit.runtime.resource.";

    private RunLog() {
    }

    /** The scope of a resource's run events. */
    public static String scopeOf(String definitionId) {
        return RESOURCE_SCOPE_PREFIX + definitionId;
    }

    static void completed(String definitionId, String resource, String runId, long rows, long durationMs) {
        System.getLogger(scopeOf(definitionId)).log(System.Logger.Level.INFO, "Ingestion of resource ''{0}'' "
                + "completed: {1} in {2} ms (run {3})", resource, rows == 1 ? "1 row" : rows + " rows",
                String.valueOf(durationMs), runId);
    }

    static void failed(String definitionId, String resource, String runId, int attempt, String error,
            LocalDateTime retryAt) {
        System.getLogger(scopeOf(definitionId)).log(System.Logger.Level.ERROR, "Ingestion of resource ''{0}'' "
                + "failed (attempt {1}): {2}{3} (run {4})", resource, String.valueOf(attempt), error,
                retryAt == null ? "" : "; next attempt at " + IngestionStore.timestamp(retryAt) + " UTC", runId);
    }
}
