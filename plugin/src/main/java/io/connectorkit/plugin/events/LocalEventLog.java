package io.connectorkit.plugin.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.runtime.embedded.RuntimeEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded app's event log: what its runtime logged while goals ran its procedures, one JSON object a line in
 * {@value #FILE} of the app's folder (kept with its database, across {@code mvn clean}). It holds what Snowflake's
 * event table holds of the same messages (time, severity, procedure, scope, message), so connector:events shows the
 * same lines on both targets. Written by the goal's JVM only, under the app's lock.
 */
public final class LocalEventLog implements EventSource {

    /** The log's file in the app's folder. */
    public static final String FILE = "events.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public LocalEventLog(Path appFolder) {
        this.file = appFolder.resolve(FILE);
    }

    @Override
    public String describe() {
        return "the embedded app's event log " + file;
    }

    /** Appends one event; a log that cannot be written fails the call, as a lost error would mislead. */
    public synchronized void record(RuntimeEvents.Event event) {
        ObjectNode line = JSON.createObjectNode()
                .put("time", LocalDateTime.ofInstant(event.time(), ZoneOffset.UTC).toString())
                .put("severity", event.severity())
                .put("procedure", event.procedure())
                .put("scope", event.scope())
                .put("message", event.message());
        if (event.exception() != null) {
            line.put("exception", event.exception());
        }
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the embedded app's event log " + file, e);
        }
    }

    @Override
    public synchronized List<AppEvent> read(EventQuery query) throws AppException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<AppEvent> events = new ArrayList<>();
        try {
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                AppEvent event = parse(text);
                if (event != null && query.accepts(event)) {
                    events.add(event);
                }
            }
        } catch (IOException e) {
            throw new AppException("Cannot read the embedded app's event log " + file + ": " + e.getMessage(), e);
        }
        events.sort(java.util.Comparator.comparing(AppEvent::time));
        return List.copyOf(events.subList(Math.max(0, events.size() - query.last()), events.size()));
    }

    /** A line cut short (a JVM killed while writing) is skipped rather than failing the whole log. */
    private static AppEvent parse(String text) {
        try {
            JsonNode line = JSON.readTree(text);
            String exception = line.path("exception").asText("");
            return new AppEvent(LocalDateTime.parse(line.path("time").asText()), line.path("severity").asText(),
                    line.path("procedure").asText(""), line.path("scope").asText(""),
                    line.path("message").asText("") + (exception.isEmpty() ? "" : " (" + exception + ")"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
