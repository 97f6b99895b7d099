package io.connectorkit.plugin.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.QueryRows;
import io.connectorkit.runtime.embedded.RuntimeEvents;
import io.connectorkit.runtime.sql.Identifier;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.sql.Timestamp;

/**
 * A Snowflake app's events, read from the account's active event table as its consumer reads them
 * (https://docs.snowflake.com/en/developer-guide/native-apps/setting-up-logging-and-events): the table is the one the
 * account's EVENT_TABLE parameter names (SNOWFLAKE.TELEMETRY.EVENTS by default,
 * https://docs.snowflake.com/en/developer-guide/logging-tracing/event-table-setting-up), and one SELECT takes the
 * log rows whose RESOURCE_ATTRIBUTES say they come from the app (snow.database.name is the application), with the
 * severity in RECORD:severity_text, the procedure in snow.executable.name, the logger in SCOPE:name, the message in
 * VALUE and the exception in RECORD_ATTRIBUTES (https://docs.snowflake.com/en/developer-guide/logging-tracing/
 * event-table-columns). Every value is bound; the table's name goes through {@link Identifier}.
 *
 * <p>Traces come from a second SELECT of the same table: the spans Snowflake records of the app's procedure calls
 * (RECORD_TYPE SPAN, from START_TIMESTAMP to TIMESTAMP, failed when RECORD:status:code is STATUS_CODE_ERROR) and the
 * trace events the runtime added to them (SPAN_EVENT), at the manifest's trace_level
 * (https://docs.snowflake.com/en/developer-guide/logging-tracing/tracing-how-events-work). A trace event of an
 * ingestion run names its resource in RECORD_ATTRIBUTES, which the resource filter selects on.
 */
public final class SnowflakeEventTable implements EventSource {

    /** The default active event table. */
    static final String DEFAULT_TABLE = "SNOWFLAKE.TELEMETRY.EVENTS";
    private static final String COLUMNS = "TO_VARCHAR(TIMESTAMP, 'YYYY-MM-DD HH24:MI:SS.FF3') AS TIME, "
            + "RECORD:severity_text::STRING AS SEVERITY, RESOURCE_ATTRIBUTES:\"snow.executable.name\"::STRING AS "
            + "EXECUTABLE, SCOPE:name::STRING AS SCOPE, VALUE::STRING AS MESSAGE, "
            + "RECORD_ATTRIBUTES:\"exception.message\"::STRING AS EXCEPTION";
    private static final String TRACE_COLUMNS = "TO_VARCHAR(TIMESTAMP, 'YYYY-MM-DD HH24:MI:SS.FF3') AS TIME, "
            + "TO_VARCHAR(START_TIMESTAMP, 'YYYY-MM-DD HH24:MI:SS.FF3') AS START_TIME, RECORD_TYPE AS TYPE, "
            + "RECORD:name::STRING AS NAME, RECORD:status:code::STRING AS STATUS, RECORD:status:message::STRING AS "
            + "STATUS_MESSAGE, RESOURCE_ATTRIBUTES:\"snow.executable.name\"::STRING AS EXECUTABLE, "
            + "TRACE:trace_id::STRING AS TRACE_ID, TO_JSON(RECORD_ATTRIBUTES) AS ATTRIBUTES";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    private final InstalledApp app;
    private final Identifier appName;
    private String table;

    public SnowflakeEventTable(InstalledApp app, Identifier appName) {
        this.app = app;
        this.appName = appName;
    }

    @Override
    public String describe() {
        return "the event table " + (table == null ? "(not looked up yet)" : table) + " of the account, rows of "
                + "application " + appName.name();
    }

    @Override
    public List<AppEvent> read(EventQuery query) throws AppException {
        String from = tableSql();
        List<Object> values = new ArrayList<>();
        values.add(appName.name());
        values.addAll(query.severities());
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ").append(from)
                .append(" WHERE RECORD_TYPE = 'LOG' AND RESOURCE_ATTRIBUTES:\"snow.database.name\"::STRING = ? AND ")
                .append("RECORD:severity_text::STRING IN (")
                .append(String.join(", ", Collections.nCopies(query.severities().size(), "?"))).append(")");
        if (query.since().isPresent()) {
            sql.append(" AND TIMESTAMP >= TO_TIMESTAMP_NTZ(?)");
            values.add(TIME.format(query.since().get()));
        }
        if (query.resourceScope().isPresent()) {
            sql.append(" AND SCOPE:name::STRING = ?");
            values.add(query.resourceScope().get());
        }
        sql.append(" ORDER BY TIMESTAMP DESC LIMIT ?");
        values.add(query.last());
        QueryRows rows = app.select(sql.toString(), values, query.last());
        List<AppEvent> events = new ArrayList<>();
        for (List<Object> row : rows.rows()) {
            events.add(new AppEvent(time(row.get(0)), text(row.get(1)), procedure(text(row.get(2))),
                    text(row.get(3)), text(row.get(4)) + (row.get(5) == null ? "" : " (" + row.get(5) + ")")));
        }
        if (query.traces() && !query.minimum().equals("FATAL")) {
            events.addAll(traces(from, query));
            events.sort(Comparator.comparing(AppEvent::time).reversed());
            events = new ArrayList<>(events.subList(0, Math.min(events.size(), query.last())));
        }
        Collections.reverse(events);
        return events;
    }

    /**
     * The newest spans and trace events the query selects, newest first. Above INFO only failed spans pass, as a
     * span's severity is ERROR when its call failed and INFO otherwise.
     */
    private List<AppEvent> traces(String from, EventQuery query) throws AppException {
        List<Object> values = new ArrayList<>();
        values.add(appName.name());
        StringBuilder sql = new StringBuilder("SELECT ").append(TRACE_COLUMNS).append(" FROM ").append(from)
                .append(" WHERE RECORD_TYPE IN ('SPAN', 'SPAN_EVENT') AND RESOURCE_ATTRIBUTES:\"snow.database.name\"")
                .append("::STRING = ?");
        if (!query.severities().contains("INFO")) {
            sql.append(" AND RECORD:status:code::STRING = 'STATUS_CODE_ERROR'");
        }
        if (query.since().isPresent()) {
            sql.append(" AND TIMESTAMP >= TO_TIMESTAMP_NTZ(?)");
            values.add(TIME.format(query.since().get()));
        }
        if (query.resourceId().isPresent()) {
            sql.append(" AND RECORD_ATTRIBUTES:\"").append(RuntimeEvents.RESOURCE_ATTRIBUTE).append("\"::STRING = ?");
            values.add(query.resourceId().get());
        }
        sql.append(" ORDER BY TIMESTAMP DESC LIMIT ?");
        values.add(query.last());
        List<AppEvent> traces = new ArrayList<>();
        for (List<Object> row : app.select(sql.toString(), values, query.last()).rows()) {
            String procedure = procedure(text(row.get(6)));
            Map<String, String> attributes = attributes(text(row.get(8)));
            if (AppEvent.SPAN.equals(text(row.get(2)))) {
                boolean failed = "STATUS_CODE_ERROR".equals(text(row.get(4)));
                traces.add(AppEvent.span(time(row.get(1)), time(row.get(0)), procedure,
                        failed ? text(row.get(5)) : null, text(row.get(7)), attributes));
            } else {
                traces.add(AppEvent.spanEvent(time(row.get(0)), procedure, text(row.get(3)), attributes));
            }
        }
        return traces;
    }

    /** RECORD_ATTRIBUTES as TO_JSON gives it; values that are not text keep their JSON form. */
    private static Map<String, String> attributes(String json) throws AppException {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (json.isBlank()) {
            return attributes;
        }
        try {
            JSON.readTree(json).fields().forEachRemaining(field -> attributes.put(field.getKey(),
                    field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        } catch (JsonProcessingException e) {
            throw new AppException("The event table answered attributes that are not JSON: " + json, e);
        }
        return attributes;
    }

    /** The active event table, looked up once: SHOW PARAMETERS answers its name in {@code value}. */
    private String tableSql() throws AppException {
        if (table == null) {
            QueryRows parameter = app.select("SHOW PARAMETERS LIKE 'EVENT_TABLE' IN ACCOUNT", List.of(), 1);
            int value = parameter.columns().stream().map(column -> column.toLowerCase(Locale.ROOT)).toList()
                    .indexOf("value");
            String name = parameter.rows().isEmpty() || value < 0 ? "" : text(parameter.rows().get(0).get(value));
            table = name.isBlank() || name.equalsIgnoreCase("NONE") ? DEFAULT_TABLE : name;
        }
        StringBuilder sql = new StringBuilder();
        try {
            for (String part : table.split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                sql.append(sql.isEmpty() ? "" : ".").append(Identifier.parse(part).sql());
            }
        } catch (Identifier.InvalidIdentifierException e) {
            throw new AppException("The account's EVENT_TABLE parameter names '" + table + "', which is not a table "
                    + "name (" + e.reason() + "); set it to the event table (ALTER ACCOUNT SET EVENT_TABLE = "
                    + "<db>.<schema>.<table>)");
        }
        return sql.toString();
    }

    /** snow.executable.name gives the procedure with its signature; the name is enough to show. */
    private static String procedure(String executable) {
        int signature = executable.indexOf('(');
        return signature < 0 ? executable : executable.substring(0, signature);
    }

    private static LocalDateTime time(Object value) throws AppException {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        try {
            return LocalDateTime.parse(text(value), TIME);
        } catch (DateTimeParseException e) {
            throw new AppException("The event table answered a time that cannot be read: " + value, e);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
