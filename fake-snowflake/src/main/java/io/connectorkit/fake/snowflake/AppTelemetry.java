package io.connectorkit.fake.snowflake;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The apps' telemetry as the consumer's account holds it: each app's log level and event definitions (from the
 * manifest it was installed or upgraded from), whether the consumer authorized event sharing, and which definitions
 * are shared.
 *
 * <p>Snowflake refuses CREATE APPLICATION from a manifest with a MANDATORY event definition unless it says
 * {@code AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE} (93321), and refuses to switch sharing off again while such a
 * definition exists (93329): the codes the Snowflake CLI handles for them (snowflake-cli, src/snowflake/cli/api/
 * errno.py, APPLICATION_REQUIRES_TELEMETRY_SHARING and CANNOT_DISABLE_MANDATORY_TELEMETRY, in _plugins/nativeapp/
 * sf_sql_facade.py). Mandatory definitions are shared from the install on and optional ones when the consumer
 * chooses them (https://docs.snowflake.com/en/developer-guide/native-apps/event-definition). An upgrade to a version
 * with new mandatory definitions is not refused: the provider checks at upgrade whether they are enabled (same page).
 * The messages are the fake's; Snowflake documents the rules and the CLI the codes, not the wording.
 */
public final class AppTelemetry {

    /** APPLICATION_REQUIRES_TELEMETRY_SHARING in the Snowflake CLI's errno.py. */
    public static final int REQUIRES_TELEMETRY_SHARING = 93321;
    /** CANNOT_DISABLE_MANDATORY_TELEMETRY in the Snowflake CLI's errno.py. */
    public static final int CANNOT_DISABLE_MANDATORY_TELEMETRY = 93329;

    private static final Pattern AUTHORIZE_CLAUSE =
            Pattern.compile("AUTHORIZE_TELEMETRY_EVENT_SHARING = (TRUE|FALSE)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SET_AUTHORIZE = Pattern.compile(
            "ALTER APPLICATION \"([^\"]+)\" SET AUTHORIZE_TELEMETRY_EVENT_SHARING = (TRUE|FALSE)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SET_SHARED = Pattern.compile(
            "ALTER APPLICATION \"([^\"]+)\" SET SHARED TELEMETRY EVENTS \\((.*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHOW_DEFINITIONS =
            Pattern.compile("SHOW TELEMETRY EVENT DEFINITIONS IN APPLICATION \"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

    private static final class State {
        volatile StagedTelemetry manifest;
        volatile boolean authorized;
        final Set<String> sharedOptional = ConcurrentHashMap.newKeySet();

        State(StagedTelemetry manifest, boolean authorized) {
            this.manifest = manifest;
            this.authorized = authorized;
        }
    }

    private final Map<String, State> apps = new ConcurrentHashMap<>();
    private final EventTable events;

    AppTelemetry(FakeSnowflake snowflake) {
        this.events = new EventTable(snowflake);
        snowflake.on(sql -> SET_AUTHORIZE.matcher(sql).matches(), this::setAuthorized);
        snowflake.on(sql -> SET_SHARED.matcher(sql).matches(), this::setShared);
        snowflake.on(sql -> SHOW_DEFINITIONS.matcher(sql).matches(), this::showDefinitions);
    }

    /** The account's event table: what the apps' procedures logged. */
    public EventTable eventTable() {
        return events;
    }

    /** Whether the consumer authorized the app to share events. */
    public boolean sharingAuthorized(String app) {
        return Optional.ofNullable(apps.get(app)).map(state -> state.authorized).orElse(false);
    }

    /** The names of the event definitions the app shares ({@code SNOWFLAKE$ERRORS_AND_WARNINGS}, ...), in order. */
    public List<String> sharedEvents(String app) {
        State state = apps.get(app);
        List<String> shared = new ArrayList<>();
        if (state == null || !state.authorized) {
            return shared;
        }
        state.manifest.definitions().forEach((type, sharing) -> {
            if (sharing.equals("MANDATORY") || state.sharedOptional.contains(type)) {
                shared.add(StagedTelemetry.nameOf(type));
            }
        });
        return shared;
    }

    /** The least severe messages Snowflake records for the app; OFF for an app it does not know. */
    String logLevel(String app) {
        return Optional.ofNullable(apps.get(app))
                .map(state -> state.manifest.logLevel())
                .orElse("OFF");
    }

    /** Which spans Snowflake records for the app; OFF for an app it does not know. */
    String traceLevel(String app) {
        return Optional.ofNullable(apps.get(app))
                .map(state -> state.manifest.traceLevel())
                .orElse("OFF");
    }

    /**
     * Reads the telemetry of the manifest CREATE APPLICATION installs from, refusing the statement (93321) when a
     * definition is mandatory and the statement does not authorize sharing.
     */
    StagedTelemetry checkCreate(String app, Map<String, byte[]> files, String sql) {
        StagedTelemetry telemetry = StagedTelemetry.read(files);
        if (telemetry.hasMandatory() && !authorizes(sql)) {
            List<String> mandatory = telemetry.definitions().entrySet().stream()
                    .filter(entry -> entry.getValue().equals("MANDATORY"))
                    .map(entry -> StagedTelemetry.nameOf(entry.getKey()))
                    .toList();
            throw new SnowflakeRefusal(
                    REQUIRES_TELEMETRY_SHARING,
                    "0A000",
                    "Cannot create application '" + app
                            + "': its application package requires telemetry event sharing for the mandatory event "
                            + "definitions " + String.join(", ", mandatory)
                            + ". Set AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE "
                            + "to authorize it.");
        }
        return telemetry;
    }

    void created(String app, StagedTelemetry telemetry, String sql) {
        apps.put(app, new State(telemetry, authorizes(sql)));
    }

    void upgraded(String app, StagedTelemetry telemetry) {
        State state = apps.computeIfAbsent(app, name -> new State(telemetry, false));
        state.manifest = telemetry;
        state.sharedOptional.retainAll(telemetry.definitions().keySet());
    }

    /** The app's sharing goes with it; its rows stay in the event table, which is the consumer's. */
    void dropped(String app) {
        apps.remove(app);
    }

    private static boolean authorizes(String sql) {
        Matcher matcher = AUTHORIZE_CLAUSE.matcher(sql);
        return matcher.find() && matcher.group(1).equalsIgnoreCase("TRUE");
    }

    private Reply setAuthorized(Query query) {
        Matcher matcher = SET_AUTHORIZE.matcher(query.sql());
        matcher.matches();
        State state = apps.get(matcher.group(1));
        if (state == null) {
            return doesNotExist(matcher.group(1));
        }
        boolean authorize = matcher.group(2).equalsIgnoreCase("TRUE");
        if (!authorize && state.manifest.hasMandatory()) {
            return Reply.error(
                    CANNOT_DISABLE_MANDATORY_TELEMETRY,
                    "0A000",
                    "Cannot disable telemetry event sharing " + "of application '" + matcher.group(1)
                            + "': it has mandatory telemetry event definitions.");
        }
        state.authorized = authorize;
        if (!authorize) {
            state.sharedOptional.clear();
        }
        return Reply.statementExecuted();
    }

    /** SET SHARED TELEMETRY EVENTS: the optional definitions named are shared; mandatory ones always are. */
    private Reply setShared(Query query) {
        Matcher matcher = SET_SHARED.matcher(query.sql());
        matcher.matches();
        State state = apps.get(matcher.group(1));
        if (state == null) {
            return doesNotExist(matcher.group(1));
        }
        if (!state.authorized) {
            return Reply.error(
                    FakeNativeApp.UNDOCUMENTED_REFUSAL,
                    "42601",
                    "Telemetry event sharing is not "
                            + "authorized for application '" + matcher.group(1)
                            + "'; set AUTHORIZE_TELEMETRY_EVENT_SHARING = "
                            + "TRUE first.");
        }
        Set<String> optional = new LinkedHashSet<>();
        for (String literal : matcher.group(2).split(",")) {
            String name = literal.strip().replaceAll("^'|'$", "");
            String type = name.startsWith("SNOWFLAKE$") ? name.substring("SNOWFLAKE$".length()) : name;
            if (!state.manifest.definitions().containsKey(type)) {
                return Reply.error(
                        FakeNativeApp.UNDOCUMENTED_REFUSAL,
                        "42601",
                        "Telemetry event definition '" + name + "' does not exist in application '" + matcher.group(1)
                                + "'.");
            }
            if (state.manifest.definitions().get(type).equals("OPTIONAL")) {
                optional.add(type);
            }
        }
        state.sharedOptional.clear();
        state.sharedOptional.addAll(optional);
        return Reply.statementExecuted();
    }

    private Reply showDefinitions(Query query) {
        Matcher matcher = SHOW_DEFINITIONS.matcher(query.sql());
        matcher.matches();
        State state = apps.get(matcher.group(1));
        if (state == null) {
            return doesNotExist(matcher.group(1));
        }
        List<String> shared = sharedEvents(matcher.group(1));
        Reply.Result result =
                Reply.columns(Column.text("name"), Column.text("type"), Column.text("sharing"), Column.text("status"));
        for (Map.Entry<String, String> definition : state.manifest.definitions().entrySet()) {
            String name = StagedTelemetry.nameOf(definition.getKey());
            result = result.row(
                    name, definition.getKey(), definition.getValue(), shared.contains(name) ? "ENABLED" : "DISABLED");
        }
        return result;
    }

    private static Reply doesNotExist(String app) {
        return Reply.error(
                FakeNativeApp.DOES_NOT_EXIST,
                "02000",
                "Application '" + app + "' does not exist or not " + "authorized.");
    }
}
