package io.connectorkit.runtime.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records every line the runtime logs, at every level, between start and stop, so tests can read what it said. */
public final class RuntimeLogRecorder {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger runtimeLog = Logger.getLogger("io.connectorkit.runtime");
    private final Level levelBefore = runtimeLog.getLevel();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    public void start() {
        runtimeLog.setLevel(Level.ALL);
        runtimeLog.setUseParentHandlers(false);
        runtimeLog.addHandler(handler);
    }

    public void stop() {
        runtimeLog.removeHandler(handler);
        runtimeLog.setUseParentHandlers(true);
        runtimeLog.setLevel(levelBefore);
    }

    /** What was logged so far. */
    public List<LogRecord> records() {
        return records;
    }
}
