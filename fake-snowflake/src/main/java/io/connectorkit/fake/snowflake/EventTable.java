package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.embedded.RuntimeEvents;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Instant;

/**
 * The account's event tables, holding the log messages the apps' procedures emitted: what the runtime logged while
 * the fake ran a procedure of an app whose manifest sets a log level, at that level or above. Snowflake writes them
 * to the active event table, SNOWFLAKE.TELEMETRY.EVENTS unless the account's EVENT_TABLE parameter names another
 * (https://docs.snowflake.com/en/developer-guide/logging-tracing/event-table-setting-up,
 * https://docs.snowflake.com/en/developer-guide/native-apps/setting-up-logging-and-events), with the columns
 * https://docs.snowflake.com/en/developer-guide/logging-tracing/event-table-columns describes: TIMESTAMP,
 * RECORD_TYPE = 'LOG', RECORD:severity_text, RESOURCE_ATTRIBUTES (snow.database.name = the app,
 * snow.executable.name = the procedure), SCOPE:name (the logger), VALUE (the message), RECORD_ATTRIBUTES
 * (exception.message).
 *
 * <p>Traces, at the app's TRACE_LEVEL: a procedure call's span is a row of RECORD_TYPE 'SPAN' (START_TIMESTAMP and
 * TIMESTAMP its start and end, TRACE:trace_id and span_id, RECORD:name snow.auto_instrumented with kind and
 * status:code, STATUS_CODE_ERROR and status:message when it failed, RECORD_ATTRIBUTES its attributes), each trace
 * event a row of RECORD_TYPE 'SPAN_EVENT' in the same trace and span (RECORD:name, RECORD_ATTRIBUTES)
 * (https://docs.snowflake.com/en/developer-guide/logging-tracing/tracing-how-events-work,
 * https://docs.snowflake.com/en/developer-guide/logging-tracing/event-table-columns).
 *
 * <p>The fake answers {@code SHOW PARAMETERS LIKE 'EVENT_TABLE' IN ACCOUNT}, {@code ALTER ACCOUNT SET EVENT_TABLE}
 * and the two SELECT shapes connector:events sends (logs: the app, severities, optional time and scope; traces: the
 * app, optionally only failed spans, optional time and resource; newest first, a limit, all bound); another shape
 * over an event table is refused rather than answered wrongly.
 */
public final class EventTable {

    /** The event table every account has, active until another is set. */
    public static final String DEFAULT = "SNOWFLAKE.TELEMETRY.EVENTS";

    /** The columns connector:events selects. */
    static final String COLUMNS = "TO_VARCHAR(TIMESTAMP, 'YYYY-MM-DD HH24:MI:SS.FF3') AS TIME, "
            + "RECORD:severity_text::STRING AS SEVERITY, RESOURCE_ATTRIBUTES:\"snow.executable.name\"::STRING AS "
            + "EXECUTABLE, SCOPE:name::STRING AS SCOPE, VALUE::STRING AS MESSAGE, "
            + "RECORD_ATTRIBUTES:\"exception.message\"::STRING AS EXCEPTION";
    private static final Pattern SELECT = Pattern.compile("SELECT " + Pattern.quote(COLUMNS) + " FROM (\\S+) WHERE "
            + Pattern.quote("RECORD_TYPE = 'LOG' AND RESOURCE_ATTRIBUTES:\"snow.database.name\"::STRING = ? AND "
                    + "RECORD:severity_text::STRING IN (") + "([?, ]+)\\)"
            + "(" + Pattern.quote(" AND TIMESTAMP >= TO_TIMESTAMP_NTZ(?)") + ")?"
            + "(" + Pattern.quote(" AND SCOPE:name::STRING = ?") + ")?"
            + Pattern.quote(" ORDER BY TIMESTAMP DESC LIMIT ?"));
    /** The columns connector:events selects of trace rows. */
    static final String TRACE_COLUMNS = "TO_VARCHAR(TIMESTAMP, 'YYYY-MM-DD HH24:MI:SS.FF3') AS TIME, "
            + "TO_VARCHAR(START_TIMESTAMP, 'YYYY-MM-DD HH24:MI:SS.FF3') AS START_TIME, RECORD_TYPE AS TYPE, "
            + "RECORD:name::STRING AS NAME, RECORD:status:code::STRING AS STATUS, RECORD:status:message::STRING AS "
            + "STATUS_MESSAGE, RESOURCE_ATTRIBUTES:\"snow.executable.name\"::STRING AS EXECUTABLE, "
            + "TRACE:trace_id::STRING AS TRACE_ID, TO_JSON(RECORD_ATTRIBUTES) AS ATTRIBUTES";
    private static final Pattern TRACE_SELECT = Pattern.compile("SELECT " + Pattern.quote(TRACE_COLUMNS)
            + " FROM (\\S+) WHERE " + Pattern.quote("RECORD_TYPE IN ('SPAN', 'SPAN_EVENT') AND "
                    + "RESOURCE_ATTRIBUTES:\"snow.database.name\"::STRING = ?")
            + "(" + Pattern.quote(" AND RECORD:status:code::STRING = 'STATUS_CODE_ERROR'") + ")?"
            + "(" + Pattern.quote(" AND TIMESTAMP >= TO_TIMESTAMP_NTZ(?)") + ")?"
            + "(" + Pattern.quote(" AND RECORD_ATTRIBUTES:\"connector.resource\"::STRING = ?") + ")?"
            + Pattern.quote(" ORDER BY TIMESTAMP DESC LIMIT ?"));
    /** Snowflake's name of the span it makes of a handler's call. */
    static final String AUTO_SPAN = "snow.auto_instrumented";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANY_SELECT = Pattern.compile("SELECT .* FROM (\\S+)( .*)?", Pattern.DOTALL);
    private static final Pattern SET_EVENT_TABLE = Pattern.compile("ALTER ACCOUNT SET EVENT_TABLE = (\\S+)",
            Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    /**
     * One row of an event table.
     *
     * @param type LOG, SPAN or SPAN_EVENT (RECORD_TYPE)
     * @param start a span's start (START_TIMESTAMP), null for other rows
     * @param severity a log message's severity, null for trace rows
     * @param value a log message's text, null for trace rows
     * @param name a span's or trace event's RECORD:name, null for logs
     * @param traceId TRACE:trace_id of trace rows
     * @param spanId TRACE:span_id of trace rows
     * @param status a span's RECORD:status:code
     * @param statusMessage a failed span's RECORD:status:message
     * @param attributes RECORD_ATTRIBUTES of trace rows
     */
    public record Row(String table, String type, LocalDateTime timestamp, LocalDateTime start, String app,
            String executable, String scope, String severity, String value, String exception, String name,
            String traceId, String spanId, String status, String statusMessage, Map<String, String> attributes) {
    }

    private final List<Row> rows = new CopyOnWriteArrayList<>();
    private final Set<String> tables = ConcurrentHashMap.newKeySet();
    private volatile String active = DEFAULT;

    EventTable(FakeSnowflake snowflake) {
        tables.add(DEFAULT);
        snowflake.on(sql -> sql.equalsIgnoreCase("SHOW PARAMETERS LIKE 'EVENT_TABLE' IN ACCOUNT"), query -> Reply
                .columns(Column.text("key"), Column.text("value"), Column.text("default"), Column.text("level"),
                        Column.text("description"), Column.text("type"))
                .row("EVENT_TABLE", active, DEFAULT, active.equals(DEFAULT) ? "" : "ACCOUNT",
                        "Event table for logs and traces", "STRING"));
        snowflake.on(sql -> SET_EVENT_TABLE.matcher(sql).matches(), query -> {
            Matcher matcher = SET_EVENT_TABLE.matcher(query.sql());
            matcher.matches();
            activate(unquoted(matcher.group(1)));
            return Reply.statementExecuted();
        });
        snowflake.on(sql -> ANY_SELECT.matcher(sql).matches() && isEventTable(ANY_SELECT.matcher(sql)), this::select);
    }

    /** Makes this table the active one: what is logged from now on goes to it. */
    public void activate(String table) {
        tables.add(table.toUpperCase(Locale.ROOT));
        active = table.toUpperCase(Locale.ROOT);
    }

    /** Every row, in the order written. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Records a message the runtime logged while running a procedure of the app. */
    void record(String app, RuntimeEvents.Event event) {
        rows.add(new Row(active, "LOG", utc(event.time()), null, app, event.procedure(), event.scope(),
                event.severity(), event.message(), event.exception(), null, null, null, null, null, Map.of()));
    }

    /** Records a procedure call's span of the app, then each of its trace events. */
    void record(String app, RuntimeEvents.Span span) {
        rows.add(new Row(active, "SPAN", utc(span.end()), utc(span.start()), app, span.procedure(), "", null, null,
                null, AUTO_SPAN, span.traceId(), span.spanId(), span.failed() ? "STATUS_CODE_ERROR"
                        : "STATUS_CODE_UNSET", span.failure(), span.attributes()));
        for (RuntimeEvents.SpanEvent event : span.events()) {
            rows.add(new Row(active, "SPAN_EVENT", utc(event.time()), null, app, span.procedure(), "", null, null,
                    null, event.name(), span.traceId(), span.spanId(), null, null, event.attributes()));
        }
    }

    /** What the fake records of one app's procedure calls. */
    RuntimeEvents.Recorder recorderOf(String app) {
        return new RuntimeEvents.Recorder() {
            @Override
            public void log(RuntimeEvents.Event event) {
                record(app, event);
            }

            @Override
            public void span(RuntimeEvents.Span span) {
                record(app, span);
            }
        };
    }

    private static LocalDateTime utc(Instant time) {
        return LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    }

    private boolean isEventTable(Matcher select) {
        return select.matches() && tables.contains(unquoted(select.group(1)));
    }

    private Reply select(Query query) {
        try {
            return TRACE_SELECT.matcher(query.sql()).matches() ? selectTraces(query) : selectLogs(query);
        } catch (SnowflakeRefusal refusal) {
            return refusal.reply();
        }
    }

    private Reply selectLogs(Query query) {
        Matcher matcher = SELECT.matcher(query.sql());
        if (!matcher.matches()) {
            return Reply.error(FakeNativeApp.CANNOT_INTERPRET, "0A000", "The fake answers only connector:events' "
                    + "query over an event table, not: " + query.sql());
        }
        String table = unquoted(matcher.group(1));
        Iterator<Object> bound = query.bindings().iterator();
        String app = String.valueOf(bound.next());
        int severities = matcher.group(2).split(",").length;
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < severities; i++) {
            wanted.add(String.valueOf(bound.next()));
        }
        LocalDateTime since = matcher.group(3) == null ? null : timestamp(bound.next());
        String scope = matcher.group(4) == null ? null : String.valueOf(bound.next());
        long limit = ((Number) bound.next()).longValue();
        LocalDateTime from = since;
        List<Row> found = rows.stream()
                .filter(row -> row.table().equals(table) && row.type().equals("LOG") && row.app().equals(app)
                        && wanted.contains(row.severity()))
                .filter(row -> from == null || !row.timestamp().isBefore(from))
                .filter(row -> scope == null || scope.equals(row.scope()))
                .sorted(Comparator.comparing(Row::timestamp).reversed())
                .limit(limit).toList();
        Reply.Result result = Reply.columns(Column.text("TIME"), Column.text("SEVERITY"), Column.text("EXECUTABLE"),
                Column.text("SCOPE"), Column.text("MESSAGE"), Column.text("EXCEPTION"));
        for (Row row : found) {
            result = result.row(TIME.format(row.timestamp()), row.severity(), row.executable(), row.scope(),
                    row.value(), row.exception());
        }
        return result;
    }

    private Reply selectTraces(Query query) {
        Matcher matcher = TRACE_SELECT.matcher(query.sql());
        matcher.matches();
        String table = unquoted(matcher.group(1));
        Iterator<Object> bound = query.bindings().iterator();
        String app = String.valueOf(bound.next());
        boolean failedOnly = matcher.group(2) != null;
        LocalDateTime since = matcher.group(3) == null ? null : timestamp(bound.next());
        String resource = matcher.group(4) == null ? null : String.valueOf(bound.next());
        long limit = ((Number) bound.next()).longValue();
        LocalDateTime from = since;
        List<Row> found = rows.stream()
                .filter(row -> row.table().equals(table) && !row.type().equals("LOG") && row.app().equals(app))
                .filter(row -> !failedOnly || "STATUS_CODE_ERROR".equals(row.status()))
                .filter(row -> from == null || !row.timestamp().isBefore(from))
                .filter(row -> resource == null || resource.equals(row.attributes().get("connector.resource")))
                .sorted(Comparator.comparing(Row::timestamp).reversed())
                .limit(limit).toList();
        Reply.Result result = Reply.columns(Column.text("TIME"), Column.text("START_TIME"), Column.text("TYPE"),
                Column.text("NAME"), Column.text("STATUS"), Column.text("STATUS_MESSAGE"), Column.text("EXECUTABLE"),
                Column.text("TRACE_ID"), Column.text("ATTRIBUTES"));
        for (Row row : found) {
            ObjectNode attributes = JSON.createObjectNode();
            row.attributes().forEach(attributes::put);
            result = result.row(TIME.format(row.timestamp()), row.start() == null ? null : TIME.format(row.start()),
                    row.type(), row.name(), row.status(), row.statusMessage(), row.executable(), row.traceId(),
                    attributes.toString());
        }
        return result;
    }

    /** A bound TO_TIMESTAMP_NTZ value, refused as Snowflake refuses one it does not recognize. */
    private static LocalDateTime timestamp(Object text) {
        try {
            return LocalDateTime.parse(String.valueOf(text), TIME);
        } catch (DateTimeParseException e) {
            throw new SnowflakeRefusal(100035, "22007", "Timestamp '" + text + "' is not recognized");
        }
    }

    /** {@code "SNOWFLAKE"."TELEMETRY"."EVENTS"} or {@code snowflake.telemetry.events} as SNOWFLAKE.TELEMETRY.EVENTS. */
    private static String unquoted(String name) {
        StringBuilder plain = new StringBuilder();
        for (String part : name.split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            if (!plain.isEmpty()) {
                plain.append('.');
            }
            plain.append(part.startsWith("\"") && part.endsWith("\"") && part.length() >= 2
                    ? part.substring(1, part.length() - 1).replace("\"\"", "\"") : part.toUpperCase(Locale.ROOT));
        }
        return plain.toString();
    }
}
