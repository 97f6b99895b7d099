package io.connectorkit.runtime.embedded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What the runtime logs while one of its procedures runs, as events: on Snowflake the platform records a handler's
 * log messages into the account's event table (https://docs.snowflake.com/developer-guide/logging-tracing/logging);
 * where the runtime runs embedded (the kit's embedded target, the fake Snowflake), whoever calls the procedure
 * records them through {@link #during}. Each event keeps what Snowflake keeps of a log message: time, severity
 * (RECORD:severity_text), the procedure, the logger's name (SCOPE:name), the message and the exception's message.
 *
 * <p>The runtime logs through {@code System.getLogger("io.connectorkit.runtime…")}, which the JDK backs with
 * {@code java.util.logging}; records of other threads and of threads not in a procedure are left alone.
 *
 * <p>Traces: Snowflake represents each procedure call as one span (RECORD_TYPE SPAN, with its start and end time, a
 * trace and span id, its status) holding the trace events its handler added (RECORD_TYPE SPAN_EVENT, a name and
 * attributes); TRACE_LEVEL ALWAYS records every call's span, ON_EVENT only the spans that hold an event, OFF none
 * (https://docs.snowflake.com/en/developer-guide/logging-tracing/tracing-how-events-work,
 * https://docs.snowflake.com/en/developer-guide/logging-tracing/tracing-trace-level,
 * https://docs.snowflake.com/en/developer-guide/logging-tracing/event-table-columns). The runtime adds its events
 * with {@link #addSpanEvent}; inside a recorded call they go to the recording's span, otherwise (a handler Snowflake
 * runs) to {@link SnowflakeTelemetry}.
 */
public final class RuntimeEvents {

    /** The severities Snowflake records, least severe first (LOG_LEVEL's values after OFF). */
    public static final List<String> SEVERITIES = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    /** The runtime's root logger; a strong reference keeps its level and handler. */
    private static final Logger RUNTIME = Logger.getLogger("io.connectorkit.runtime");

    private static final ThreadLocal<Recording> CURRENT = new ThreadLocal<>();
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();

    /** One event the runtime logged. */
    public record Event(
            Instant time, String severity, String procedure, String scope, String message, String exception) {}

    /**
     * One procedure call's span.
     *
     * @param traceId the trace's id, 32 hex digits (TRACE:trace_id)
     * @param spanId the span's id, 16 hex digits (TRACE:span_id)
     * @param procedure the procedure called, the span's name (RECORD:name)
     * @param start when the call began (START_TIMESTAMP)
     * @param end when it ended (TIMESTAMP)
     * @param failure the exception's message when the call failed (RECORD:status STATUS_CODE_ERROR), else null
     * @param attributes the span's attributes (RECORD_ATTRIBUTES)
     * @param events the trace events added during the call, oldest first
     */
    public record Span(
            String traceId,
            String spanId,
            String procedure,
            Instant start,
            Instant end,
            String failure,
            Map<String, String> attributes,
            List<SpanEvent> events) {

        /** Whether the call failed. */
        public boolean failed() {
            return failure != null;
        }
    }

    /**
     * One trace event of a span.
     *
     * @param time when it was added
     * @param name what happened, such as {@value RuntimeEvents#INGESTION_RUN}
     * @param attributes what it carries (RECORD_ATTRIBUTES)
     */
    public record SpanEvent(Instant time, String name, Map<String, String> attributes) {}

    /** Where a recorded call's logs and its span go. */
    public interface Recorder {

        /** A message the runtime logged. */
        void log(Event event);

        /** The call's span, once it ended, when its trace level records it. */
        void span(Span span);
    }

    /** The name of the trace event of one ingestion run. */
    public static final String INGESTION_RUN = "connector.ingestion_run";
    /** The span attribute and trace event attribute that names a resource (its ingestion definition id). */
    public static final String RESOURCE_ATTRIBUTE = "connector.resource";
    /** Snowflake keeps at most this many trace events of one span (the how-events-work page above). */
    static final int MAX_EVENTS_PER_SPAN = 128;
    /** The trace levels (TRACE_LEVEL's values). */
    public static final List<String> TRACE_LEVELS = List.of("OFF", "ON_EVENT", "ALWAYS");

    private static final class Recording {
        private final String procedure;
        private final String minimum;
        private final Recorder recorder;
        private final Recording outer;
        private final List<SpanEvent> events = new ArrayList<>();
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Recording(String procedure, String minimum, Recorder recorder, Recording outer) {
            this.procedure = procedure;
            this.minimum = minimum;
            this.recorder = recorder;
            this.outer = outer;
        }
    }

    static {
        RUNTIME.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                Recording recording = CURRENT.get();
                if (recording == null) {
                    return;
                }
                String severity = severity(record.getLevel());
                if ("OFF".equals(recording.minimum) || !atLeast(severity, recording.minimum)) {
                    return;
                }
                Throwable thrown = record.getThrown();
                recording.recorder.log(new Event(
                        record.getInstant(),
                        severity,
                        recording.procedure,
                        record.getLoggerName(),
                        MESSAGES.formatMessage(record),
                        thrown == null ? null : thrown.getClass().getName() + ": " + thrown.getMessage()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    private RuntimeEvents() {}

    /**
     * Runs one procedure call as Snowflake runs a handler: what the runtime logs on this thread at the minimum
     * severity or above goes to the recorder as it is logged, and when the call ends, its span (with the trace events
     * the runtime added) when the trace level records it: ALWAYS every span, ON_EVENT a span holding an event.
     */
    public static <T> T during(
            String procedure, String minimum, String traceLevel, Recorder recorder, Supplier<T> call) {
        if ("OFF".equals(minimum) && "OFF".equals(traceLevel)) {
            return call.get();
        }
        if (!"OFF".equals(minimum)) {
            lowerLevelTo(minimum);
        }
        Recording recording = new Recording(procedure, minimum, recorder, CURRENT.get());
        CURRENT.set(recording);
        Instant start = Instant.now();
        String failure = null;
        try {
            return call.get();
        } catch (RuntimeException | Error e) {
            failure = e.getClass().getName() + ": " + e.getMessage();
            throw e;
        } finally {
            if (recording.outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(recording.outer);
            }
            if ("ALWAYS".equals(traceLevel) || "ON_EVENT".equals(traceLevel) && !recording.events.isEmpty()) {
                recorder.span(new Span(
                        hex(16),
                        hex(8),
                        procedure,
                        start,
                        Instant.now(),
                        failure,
                        ordered(recording.attributes),
                        List.copyOf(recording.events)));
            }
        }
    }

    /**
     * Adds a trace event to the span of the procedure running on this thread: the recording's span when a caller
     * records it, Snowflake's span through {@link SnowflakeTelemetry} otherwise. Past {@value #MAX_EVENTS_PER_SPAN}
     * events of one span, Snowflake drops the rest, and so does the recording.
     */
    public static void addSpanEvent(String name, Map<String, String> attributes) {
        Recording recording = CURRENT.get();
        if (recording == null) {
            SnowflakeTelemetry.addEvent(name, attributes);
        } else if (recording.events.size() < MAX_EVENTS_PER_SPAN) {
            recording.events.add(new SpanEvent(Instant.now(), name, ordered(attributes)));
        }
    }

    /** Sets an attribute of the span of the procedure running on this thread (as {@link #addSpanEvent}). */
    public static void setSpanAttribute(String key, String value) {
        Recording recording = CURRENT.get();
        if (recording == null) {
            SnowflakeTelemetry.setSpanAttribute(key, value);
        } else {
            recording.attributes.put(key, value);
        }
    }

    /** A copy that keeps the order the runtime gave, so events read the same every time. */
    private static Map<String, String> ordered(Map<String, String> attributes) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A random id of so many bytes in lower-case hex, as OpenTelemetry writes trace and span ids. */
    private static String hex(int bytes) {
        StringBuilder id = new StringBuilder(bytes * 2);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < bytes; i++) {
            id.append(String.format(Locale.ROOT, "%02x", random.nextInt(256)));
        }
        return id.toString();
    }

    /**
     * The Snowflake severity of a {@code java.util.logging} level, by their order: SEVERE → ERROR, WARNING → WARN,
     * INFO → INFO, CONFIG and FINE (System.Logger's DEBUG) → DEBUG, FINER and FINEST (its TRACE) → TRACE.
     */
    public static String severity(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** Whether a severity is the minimum or more severe. */
    public static boolean atLeast(String severity, String minimum) {
        return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(minimum);
    }

    /** Makes the runtime's loggers produce records down to the minimum; a level already lower stays. */
    private static synchronized void lowerLevelTo(String minimum) {
        Level needed = switch (minimum) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            default -> Level.INFO;
        };
        Level current = RUNTIME.getLevel();
        if (current == null || current.intValue() > needed.intValue()) {
            RUNTIME.setLevel(needed);
        }
    }
}
