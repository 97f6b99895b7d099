package io.connectorkit.plugin.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.AppException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Prints an app's events, each once: the first poll shows what the query selects, every later one what was logged
 * since the newest event shown (the events of that same instant not shown twice).
 */
public final class EventFeed {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);

    private final EventSource source;
    private final EventQuery query;
    private final boolean json;
    private final Consumer<String> out;
    private LocalDateTime newest;
    private final Set<AppEvent> shownAtNewest = new HashSet<>();
    private int shown;

    public EventFeed(EventSource source, EventQuery query, boolean json, Consumer<String> out) {
        this.source = source;
        this.query = query;
        this.json = json;
        this.out = out;
    }

    /** Reads and prints the events not shown yet. */
    public void poll() throws AppException {
        List<AppEvent> events = source.read(newest == null ? query : query.from(newest));
        for (AppEvent event : events) {
            if (newest != null && !event.time().isAfter(newest) && shownAtNewest.contains(event)) {
                continue;
            }
            if (newest == null || event.time().isAfter(newest)) {
                newest = event.time();
                shownAtNewest.clear();
            }
            shownAtNewest.add(event);
            out.accept(json ? json(event) : text(event));
            shown++;
        }
    }

    /** How many events were printed. */
    public int shown() {
        return shown;
    }

    /** {@code 2026-12-07 06:30:01.123 ERROR RUN_INGESTION_NOW/sdk Ingestion of resource 'sdk issues' failed …}. */
    static String text(AppEvent event) {
        return TIME.format(event.time()) + " " + String.format(Locale.ROOT, "%-5s", event.severity()) + " "
                + event.where() + " " + event.message();
    }

    static String json(AppEvent event) {
        ObjectNode line = JSON.createObjectNode()
                .put("time", ISO.format(event.time()))
                .put("type", event.type())
                .put("severity", event.severity())
                .put("procedure", event.procedure())
                .put("resource", event.resource())
                .put("scope", event.scope())
                .put("message", event.message());
        if (!event.attributes().isEmpty()) {
            event.attributes().forEach(line.putObject("attributes")::put);
        }
        return line.toString();
    }
}
