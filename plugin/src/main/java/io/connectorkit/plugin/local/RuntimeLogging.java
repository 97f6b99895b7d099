package io.connectorkit.plugin.local;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import io.connectorkit.runtime.procedures.RunLog;

/**
 * The embedded app's runtime runs inside the Maven JVM and logs through {@code java.util.logging}, whose console
 * handler would print its stack traces raw between the goal's lines. While a goal runs the app, the runtime's records
 * on that thread go to the goal's log instead: SEVERE as a one-line warning, everything with its stack trace at debug
 * level ({@code mvn -X}). The goals print each run and each answer themselves, so nothing is lost. Records of other
 * threads go where they would have gone.
 */
public final class RuntimeLogging {

    /** The logger the runtime's {@code System.getLogger("io.connectorkit.runtime")} resolves to. */
    private static final Logger RUNTIME = Logger.getLogger("io.connectorkit.runtime");
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();

    private static final Handler TO_THE_GOAL = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Scope scope = CURRENT.get();
            if (scope == null) {
                asBefore(record);
            } else {
                scope.publish(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    static {
        RUNTIME.setUseParentHandlers(false);
        RUNTIME.addHandler(TO_THE_GOAL);
    }

    private RuntimeLogging() {
    }

    /** The runtime's records on this thread go to the goal's log until the scope is closed. */
    public static Scope toGoalLog(Consumer<String> warn, BiConsumer<String, Throwable> debug) {
        Scope scope = new Scope(warn, debug, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** Where a record of a thread without a goal goes: the handlers of the runtime logger's parents. */
    private static void asBefore(LogRecord record) {
        for (Logger logger = RUNTIME.getParent(); logger != null; logger = logger.getParent()) {
            for (Handler handler : logger.getHandlers()) {
                handler.publish(record);
            }
            if (!logger.getUseParentHandlers()) {
                return;
            }
        }
    }

    /** One goal's capture of the runtime's records. */
    public static final class Scope implements AutoCloseable {
        private final Consumer<String> warn;
        private final BiConsumer<String, Throwable> debug;
        private final Scope outer;

        private Scope(Consumer<String> warn, BiConsumer<String, Throwable> debug, Scope outer) {
            this.warn = warn;
            this.debug = debug;
            this.outer = outer;
        }

        private void publish(LogRecord record) {
            String message = MESSAGES.formatMessage(record);
            // A run's own record (a failed run) is what the goal prints as the run's result already.
            boolean runRecord = record.getLoggerName() != null
                    && record.getLoggerName().startsWith(RunLog.RESOURCE_SCOPE_PREFIX);
            if (record.getLevel().intValue() >= Level.SEVERE.intValue() && !runRecord) {
                warn.accept("The app's runtime: " + message + (record.getThrown() == null ? ""
                        : " (" + record.getThrown() + "; mvn -X shows the stack trace)"));
            }
            debug.accept("[runtime " + record.getLevel() + "] " + message, record.getThrown());
        }

        @Override
        public void close() {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
