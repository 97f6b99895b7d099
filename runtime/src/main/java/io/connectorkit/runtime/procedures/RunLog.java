package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.embedded.RuntimeEvents;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The log messages of ingestion runs, one per run that completed or failed, through a logger named after the
 * resource ({@value #RESOURCE_SCOPE_PREFIX}{@code <resource ingestion definition id>}). On Snowflake the logger's name
 * is the event's SCOPE:name in the event table, so a resource's events can be selected by it; the embedded target
 * and the fake Snowflake record them the same way.
 *
 * <p>Each run is also a trace event ({@value RuntimeEvents#INGESTION_RUN}) of the calling procedure's span, whose
 * attributes carry what a dashboard counts: the resource, the run, its outcome, rows, duration or attempt and error.
 */
public final class RunLog {

    /** The start of the logger name, and so of the event scope, of a resource's runs. */
    public static final String RESOURCE_SCOPE_PREFIX = "io.connectorkit.runtime.resource.";

    private RunLog() {}

    /** The scope of a resource's run events. */
    public static String scopeOf(String definitionId) {
        return RESOURCE_SCOPE_PREFIX + definitionId;
    }

    static void completed(String definitionId, String resource, String runId, long rows, long durationMs) {
        System.getLogger(scopeOf(definitionId))
                .log(
                        System.Logger.Level.INFO,
                        "Ingestion of resource ''{0}'' " + "completed: {1} in {2} ms (run {3})",
                        resource,
                        rows == 1 ? "1 row" : rows + " rows",
                        String.valueOf(durationMs),
                        runId);
        Map<String, String> attributes = attributes(definitionId, runId, "COMPLETED");
        attributes.put("connector.rows", String.valueOf(rows));
        attributes.put("connector.duration_ms", String.valueOf(durationMs));
        RuntimeEvents.addSpanEvent(RuntimeEvents.INGESTION_RUN, attributes);
    }

    static void failed(
            String definitionId, String resource, String runId, int attempt, String error, LocalDateTime retryAt) {
        System.getLogger(scopeOf(definitionId))
                .log(
                        System.Logger.Level.ERROR,
                        "Ingestion of resource ''{0}'' " + "failed (attempt {1}): {2}{3} (run {4})",
                        resource,
                        String.valueOf(attempt),
                        error,
                        retryAt == null ? "" : "; next attempt at " + IngestionStore.timestamp(retryAt) + " UTC",
                        runId);
        Map<String, String> attributes = attributes(definitionId, runId, "FAILED");
        attributes.put("connector.attempt", String.valueOf(attempt));
        attributes.put("connector.error", String.valueOf(error));
        RuntimeEvents.addSpanEvent(RuntimeEvents.INGESTION_RUN, attributes);
    }

    private static Map<String, String> attributes(String definitionId, String runId, String status) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(RuntimeEvents.RESOURCE_ATTRIBUTE, definitionId);
        attributes.put("connector.run_id", runId);
        attributes.put("connector.status", status);
        return attributes;
    }
}
