package io.connectorkit.plugin.events;

import io.connectorkit.runtime.embedded.RuntimeEvents;
import io.connectorkit.runtime.procedures.RunLog;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * One event of the app, as both targets keep it: a log message, a procedure call's span or one of its trace events.
 *
 * @param time when it was logged or, for a span, when the call ended; UTC
 * @param severity a log message's: TRACE, DEBUG, INFO, WARN, ERROR or FATAL; a span's: ERROR when the call failed,
 *     else INFO; a trace event's: INFO
 * @param procedure the procedure that logged it or whose call it traces, such as RUN_INGESTION_NOW; empty when unknown
 * @param scope the logger's name ({@code io.connectorkit.runtime.resource.<id>} for a resource's runs); for a trace
 *     event of a resource's run, the same scope, so the resource filter finds both
 * @param message the message (with the exception's message after it), or what the span or trace event says
 * @param type {@link #LOG}, {@link #SPAN} or {@link #SPAN_EVENT}, as the event table's RECORD_TYPE
 * @param attributes a span's or trace event's attributes; none for a log message
 */
public record AppEvent(
        LocalDateTime time,
        String severity,
        String procedure,
        String scope,
        String message,
        String type,
        Map<String, String> attributes) {

    /** A log message. */
    public static final String LOG = "LOG";
    /** A procedure call's span. */
    public static final String SPAN = "SPAN";
    /** A trace event of a span. */
    public static final String SPAN_EVENT = "SPAN_EVENT";

    private static final String KIT_PREFIX = "connector.";

    /** A log message. */
    public AppEvent(LocalDateTime time, String severity, String procedure, String scope, String message) {
        this(time, severity, procedure, scope, message, LOG, Map.of());
    }

    /**
     * A span: its time is its end, its message the call's duration, outcome and trace id.
     *
     * @param failure the call's failure, or null when it did not fail
     */
    public static AppEvent span(
            LocalDateTime start,
            LocalDateTime end,
            String procedure,
            String failure,
            String traceId,
            Map<String, String> attributes) {
        long millis = Duration.between(start, end).toMillis();
        return new AppEvent(
                end,
                failure == null ? "INFO" : "ERROR",
                procedure,
                "",
                "span " + millis + " ms " + (failure == null ? "ok" : "failed: " + failure) + " trace=" + traceId
                        + text(attributes),
                SPAN,
                attributes);
    }

    /** A trace event; one that names a resource has the scope of that resource's runs. */
    public static AppEvent spanEvent(
            LocalDateTime time, String procedure, String name, Map<String, String> attributes) {
        String resource = attributes.get(RuntimeEvents.RESOURCE_ATTRIBUTE);
        return new AppEvent(
                time,
                "INFO",
                procedure,
                resource == null ? "" : RunLog.scopeOf(resource),
                "event " + (name.startsWith(KIT_PREFIX) ? name.substring(KIT_PREFIX.length()) : name)
                        + text(attributes),
                SPAN_EVENT,
                attributes);
    }

    /** The resource whose run logged it, or empty. */
    public String resource() {
        return scope != null && scope.startsWith(RunLog.RESOURCE_SCOPE_PREFIX)
                ? scope.substring(RunLog.RESOURCE_SCOPE_PREFIX.length())
                : "";
    }

    /** The procedure, then the resource when there is one: {@code RUN_INGESTION_NOW/issues}. */
    public String where() {
        String resource = resource();
        String at = procedure == null || procedure.isEmpty() ? "-" : procedure;
        return resource.isEmpty() ? at : at + "/" + resource;
    }

    /**
     * {@code " rows=12 status=COMPLETED"}: the attributes in the order kept, the kit's without their
     * {@code connector.} prefix, the resource left out as {@link #where} shows it; empty for none.
     */
    private static String text(Map<String, String> attributes) {
        StringBuilder text = new StringBuilder();
        attributes.forEach((key, value) -> {
            if (!key.equals(RuntimeEvents.RESOURCE_ATTRIBUTE)) {
                text.append(' ')
                        .append(key.startsWith(KIT_PREFIX) ? key.substring(KIT_PREFIX.length()) : key)
                        .append('=')
                        .append(value);
            }
        });
        return text.toString();
    }
}
