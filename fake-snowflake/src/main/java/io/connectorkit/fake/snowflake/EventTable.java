package io.connectorkit.fake.snowflake;

import io.connectorkit.runtime.embedded.RuntimeEvents;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * <p>The fake answers {@code SHOW PARAMETERS LIKE 'EVENT_TABLE' IN ACCOUNT}, {@code ALTER ACCOUNT SET EVENT_TABLE}
 * and the one SELECT shape connector:events sends (the app, severities, optional time and scope, newest first, a
 * limit, all bound); another shape over an event table is refused rather than answered wrongly.
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
    private static final Pattern ANY_SELECT = Pattern.compile("SELECT .* FROM (\\S+)( .*)?", Pattern.DOTALL);
    private static final Pattern SET_EVENT_TABLE = Pattern.compile("ALTER ACCOUNT SET EVENT_TABLE = (\\S+)",
            Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    /** One row of an event table. */
    public record Row(String table, LocalDateTime timestamp, String app, String executable, String scope,
            String severity, String value, String exception) {
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
        rows.add(new Row(active, LocalDateTime.ofInstant(event.time(), ZoneOffset.UTC), app, event.procedure(),
                event.scope(), event.severity(), event.message(), event.exception()));
    }

    private boolean isEventTable(Matcher select) {
        return select.matches() && tables.contains(unquoted(select.group(1)));
    }

    private Reply select(Query query) {
        Matcher matcher = SELECT.matcher(query.sql());
        if (!matcher.matches()) {
            return Reply.error(FakeNativeApp.CANNOT_INTERPRET, "0A000", "The fake answers only connector:events' "
                    + "query over an event table, not: " + query.sql());
        }
        String table = unquoted(matcher.group(1));
        List<Object> values = query.bindings();
        int next = 0;
        String app = String.valueOf(values.get(next++));
        int severities = matcher.group(2).split(",").length;
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < severities; i++) {
            wanted.add(String.valueOf(values.get(next++)));
        }
        LocalDateTime since = null;
        if (matcher.group(3) != null) {
            try {
                since = LocalDateTime.parse(String.valueOf(values.get(next++)), TIME);
            } catch (DateTimeParseException e) {
                return Reply.error(100035, "22007", "Timestamp '" + values.get(next - 1) + "' is not recognized");
            }
        }
        String scope = matcher.group(4) == null ? null : String.valueOf(values.get(next++));
        long limit = ((Number) values.get(next)).longValue();
        LocalDateTime from = since;
        List<Row> found = rows.stream()
                .filter(row -> row.table().equals(table) && row.app().equals(app) && wanted.contains(row.severity()))
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
