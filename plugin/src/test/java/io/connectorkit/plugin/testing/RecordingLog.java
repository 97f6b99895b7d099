package io.connectorkit.plugin.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** A mojo log that keeps what it was told. */
public final class RecordingLog extends SystemStreamLog {

    public final List<String> infos = new CopyOnWriteArrayList<>();

    @Override
    public void info(CharSequence content) {
        infos.add(content.toString());
        super.info(content);
    }
}
