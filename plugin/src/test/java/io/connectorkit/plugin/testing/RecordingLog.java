package io.connectorkit.plugin.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** A mojo log that keeps what it was told. */
public final class RecordingLog extends SystemStreamLog {

    public final List<String> infos = new CopyOnWriteArrayList<>();
    /** Every line at every level, debug included, for checks that something never appears in a log. */
    public final List<String> everything = new CopyOnWriteArrayList<>();

    public final List<String> warnings = new CopyOnWriteArrayList<>();
    /** The throwables logged at debug level, which only {@code mvn -X} shows. */
    public final List<Throwable> debugCauses = new CopyOnWriteArrayList<>();

    @Override
    public void info(CharSequence content) {
        infos.add(content.toString());
        everything.add(content.toString());
        super.info(content);
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public void debug(CharSequence content) {
        everything.add(content.toString());
    }

    @Override
    public void debug(CharSequence content, Throwable error) {
        everything.add(String.valueOf(content));
        if (error != null) {
            debugCauses.add(error);
        }
    }

    @Override
    public void warn(CharSequence content) {
        warnings.add(content.toString());
        everything.add(content.toString());
        super.warn(content);
    }

    @Override
    public void error(CharSequence content) {
        everything.add(content.toString());
        super.error(content);
    }
}
