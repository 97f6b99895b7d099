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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded app's event log: what its runtime logged while goals ran its procedures, and the calls' spans with
 * their trace events, one JSON object a line in {@value #FILE} of the app's folder (kept with its database, across
 * {@code mvn clean}). It holds what Snowflake's event table holds of the same events (time, severity, procedure,
 * scope, message; a span's start, end, trace and span id, failure and attributes; a trace event's name and
 * attributes), so connector:events shows the same lines on both targets. Written by the goal's JVM only, under the
 * app's lock.
 */
public final class LocalEventLog implements EventSource, RuntimeEvents.Recorder {

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

    @Override
    public void log(RuntimeEvents.Event event) {
        record(event);
    }

    /** Appends a call's span, then each of its trace events, in the trace and span of the call. */
    @Override
    public synchronized void span(RuntimeEvents.Span span) {
        StringBuilder lines = new StringBuilder();
        ObjectNode line = JSON.createObjectNode()
                .put("type", AppEvent.SPAN)
                .put("time", utc(span.end()))
                .put("start", utc(span.start()))
                .put("procedure", span.procedure())
                .put("trace_id", span.traceId())
                .put("span_id", span.spanId());
        if (span.failed()) {
            line.put("failure", span.failure());
        }
        span.attributes().forEach(line.putObject("attributes")::put);
        lines.append(line).append('\n');
        for (RuntimeEvents.SpanEvent event : span.events()) {
            ObjectNode eventLine = JSON.createObjectNode()
                    .put("type", AppEvent.SPAN_EVENT)
                    .put("time", utc(event.time()))
                    .put("procedure", span.procedure())
                    .put("name", event.name())
                    .put("trace_id", span.traceId())
                    .put("span_id", span.spanId());
            event.attributes().forEach(eventLine.putObject("attributes")::put);
            lines.append(eventLine).append('\n');
        }
        append(lines.toString());
    }

    /** Appends one log message; a log that cannot be written fails the call, as a lost error would mislead. */
    public synchronized void record(RuntimeEvents.Event event) {
        ObjectNode line = JSON.createObjectNode()
                .put(
                        "time",
                        LocalDateTime.ofInstant(event.time(), ZoneOffset.UTC).toString())
                .put("severity", event.severity())
                .put("procedure", event.procedure())
                .put("scope", event.scope())
                .put("message", event.message());
        if (event.exception() != null) {
            line.put("exception", event.exception());
        }
        append(line + "\n");
    }

    private void append(String lines) {
        try {
            Files.writeString(
                    file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the embedded app's event log " + file, e);
        }
    }

    private static String utc(Instant time) {
        return LocalDateTime.ofInstant(time, ZoneOffset.UTC).toString();
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
        events.sort(Comparator.comparing(AppEvent::time));
        return List.copyOf(events.subList(Math.max(0, events.size() - query.last()), events.size()));
    }

    /**
     * A line cut short (a JVM killed while writing) is skipped rather than failing the whole log; a line without a
     * type is a log message (as every line was before traces were kept).
     */
    private static AppEvent parse(String text) {
        try {
            JsonNode line = JSON.readTree(text);
            String type = line.path("type").asText(AppEvent.LOG);
            if (type.equals(AppEvent.SPAN)) {
                return AppEvent.span(
                        LocalDateTime.parse(line.path("start").asText()),
                        LocalDateTime.parse(line.path("time").asText()),
                        line.path("procedure").asText(""),
                        line.hasNonNull("failure") ? line.path("failure").asText() : null,
                        line.path("trace_id").asText(""),
                        attributes(line));
            }
            if (type.equals(AppEvent.SPAN_EVENT)) {
                return AppEvent.spanEvent(
                        LocalDateTime.parse(line.path("time").asText()),
                        line.path("procedure").asText(""),
                        line.path("name").asText(""),
                        attributes(line));
            }
            String exception = line.path("exception").asText("");
            return new AppEvent(
                    LocalDateTime.parse(line.path("time").asText()),
                    line.path("severity").asText(),
                    line.path("procedure").asText(""),
                    line.path("scope").asText(""),
                    line.path("message").asText("") + (exception.isEmpty() ? "" : " (" + exception + ")"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> attributes(JsonNode line) {
        Map<String, String> attributes = new LinkedHashMap<>();
        line.path("attributes")
                .fields()
                .forEachRemaining(
                        field -> attributes.put(field.getKey(), field.getValue().asText()));
        return Collections.unmodifiableMap(attributes);
    }
}
