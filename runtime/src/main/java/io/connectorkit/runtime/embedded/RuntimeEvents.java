package io.connectorkit.runtime.embedded;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
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
 */
public final class RuntimeEvents {

    /** The severities Snowflake records, least severe first (LOG_LEVEL's values after OFF). */
    public static final List<String> SEVERITIES = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    /** The runtime's root logger; a strong reference keeps its level and handler. */
    private static final Logger RUNTIME = Logger.getLogger("io.connectorkit.runtime");
    private static final ThreadLocal<Recording> CURRENT = new ThreadLocal<>();
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();

    /** One event the runtime logged. */
    public record Event(Instant time, String severity, String procedure, String scope, String message,
            String exception) {
    }

    private record Recording(String procedure, String minimum, Consumer<Event> sink, Recording outer) {
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
                if (!atLeast(severity, recording.minimum())) {
                    return;
                }
                Throwable thrown = record.getThrown();
                recording.sink().accept(new Event(record.getInstant(), severity, recording.procedure(),
                        record.getLoggerName(), MESSAGES.formatMessage(record),
                        thrown == null ? null : thrown.getClass().getName() + ": " + thrown.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private RuntimeEvents() {
    }

    /**
     * Runs one procedure call, handing the sink what the runtime logs on this thread meanwhile at the minimum
     * severity or above ({@code OFF} records nothing).
     */
    public static <T> T during(String procedure, String minimum, Consumer<Event> sink, Supplier<T> call) {
        if ("OFF".equals(minimum)) {
            return call.get();
        }
        lowerLevelTo(minimum);
        Recording recording = new Recording(procedure, minimum, sink, CURRENT.get());
        CURRENT.set(recording);
        try {
            return call.get();
        } finally {
            if (recording.outer() == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(recording.outer());
            }
        }
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
