package io.connectorkit.plugin.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.AppRole;
import io.connectorkit.plugin.app.AppState;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.RefusedException;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.descriptor.WizardStandardFields;
import io.connectorkit.plugin.operate.ResourceStatus;
import io.connectorkit.plugin.operate.StatsReader;
import io.connectorkit.plugin.operate.StatsReport;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.resources.IngestionConfiguration;
import io.connectorkit.runtime.resources.IngestionConfigurations;
import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The console's pages, read from the app's procedures and views as the console's role: the wizard (one page per
 * step, opened at the step the app's configuration status has reached) and the daily-use page. VIEWER pages show
 * what ADMIN pages show, without the forms that change anything.
 */
final class ConsolePages {

    /** A page to send, or where to send the browser instead. */
    record Page(int status, String html, String redirect) {
        static Page of(int status, String html) {
            return new Page(status, html, null);
        }

        static Page redirectTo(String location) {
            return new Page(303, null, location);
        }
    }

    /** The wizard's steps, in order, with what each is called on the page. */
    enum Step {
        PREREQUISITES("prerequisites", "Prerequisites"),
        CONNECTOR("connector", "Connector configuration"),
        CONNECTION("connection", "Connection"),
        FINALIZE("finalize", "Finalize");

        final String id;
        final String title;

        Step(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** The step a wizard that has reached this status is at. */
        static Step at(ConfigurationStatus status) {
            return switch (status) {
                case INSTALLED -> PREREQUISITES;
                case PREREQUISITES_DONE -> CONNECTOR;
                case CONFIGURED -> CONNECTION;
                case CONNECTED, FINALIZED -> FINALIZE;
            };
        }

        /** Whether the step may be opened: the first two always, the others once the steps before them are done. */
        boolean openAt(ConfigurationStatus status) {
            return ordinal() <= at(status).ordinal() || ordinal() <= CONNECTOR.ordinal();
        }
    }

    /** The standard connector fields the wizard asks for, as the runtime defines them. */
    private static final List<ConnectorDescription.Field> STANDARD_CONNECTOR_FIELDS = WizardStandardFields.fields()
            .stream().map(field -> new ConnectorDescription.Field(field.name(), field.type(), false, null,
                    field.description())).toList();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RUNS_SHOWN = 10;
    private static final int CHART_HOURS = 24;

    private final Descriptor descriptor;
    private final AppRole role;
    private final Clock clock;
    private final String csrfToken;

    ConsolePages(Descriptor descriptor, AppRole role, Clock clock, String csrfToken) {
        this.descriptor = descriptor;
        this.role = role;
        this.clock = clock;
        this.csrfToken = csrfToken;
    }

    /** The standard connector fields the descriptor does not declare itself, then the descriptor's. */
    static List<ConnectorDescription.Field> connectorFields(Descriptor descriptor) {
        Set<String> declared = descriptor.connectorFields().stream().map(ConnectorDescription.Field::name)
                .collect(Collectors.toSet());
        List<ConnectorDescription.Field> fields = new ArrayList<>();
        STANDARD_CONNECTOR_FIELDS.stream().filter(field -> !declared.contains(field.name())).forEach(fields::add);
        fields.addAll(descriptor.connectorFields());
        return fields;
    }

    Page render(InstalledApp app, String path, FormData query, ConsoleServer.Flash flash) throws AppException {
        AppState state;
        try {
            state = AppState.of(app);
        } catch (RefusedException e) {
            return Page.of(503, error(e.getMessage()));
        }
        return switch (path) {
            case "/" -> Page.redirectTo(state.isFinalized() ? "/daily" : "/wizard");
            case "/wizard" -> state.isFinalized() ? Page.redirectTo("/daily") : wizard(app, state, query, flash);
            case "/daily" -> state.isFinalized() ? daily(app, state, flash) : Page.redirectTo("/wizard");
            default -> Page.of(404, Html.page("Not found", header(app, null), List.of(new Html.Message(false,
                    "The console has no page " + path + "; its pages are /wizard and /daily")), ""));
        };
    }

    /** A page that shows one error. */
    String error(String message) {
        return Html.page(descriptor.app().name() + " console", "<header><h1>" + Html.text(title()) + "</h1></header>",
                List.of(new Html.Message(false, message)), "");
    }

    private String title() {
        String label = descriptor.app().label();
        return label == null || label.isBlank() ? descriptor.app().name() : label;
    }

    private String header(InstalledApp app, String current) {
        StringBuilder header = new StringBuilder("<header><h1>").append(Html.text(title())).append("</h1>")
                .append("<span class=\"meta\">").append(Html.text(app.describe())).append(" · acting as ")
                .append(Html.text(role.name())).append(role == AppRole.VIEWER ? " (read-only)" : "").append("</span>")
                .append("<nav>");
        for (String[] link : new String[][] {{"/wizard", "Wizard"}, {"/daily", "Daily use"}}) {
            header.append("<a href=\"").append(link[0]).append("\"").append(link[0].equals(current)
                    ? " class=\"current\"" : "").append(">").append(link[1]).append("</a>");
        }
        return header.append("</nav></header>\n").toString();
    }

    private String form(String action, String id) {
        return "<form method=\"post\" action=\"" + Html.text(action) + "\"" + (id == null ? "" : " id=\"" + id + "\"")
                + " class=\"fields\"><input type=\"hidden\" name=\"" + ConsoleServer.CSRF_FIELD + "\" value=\""
                + csrfToken + "\">";
    }

    private boolean admin() {
        return role == AppRole.ADMIN;
    }

    // ---------------------------------------------------------------- wizard

    private Page wizard(InstalledApp app, AppState state, FormData query, ConsoleServer.Flash flash)
            throws AppException {
        Step current = Step.at(state.configurationStatus());
        Step shown = current;
        String asked = query.text("step");
        for (Step step : Step.values()) {
            if (step.id.equals(asked) && step.openAt(state.configurationStatus())) {
                shown = step;
            }
        }
        StringBuilder body = new StringBuilder();
        body.append("<ol class=\"steps\">");
        for (Step step : Step.values()) {
            String css = step == shown ? "current" : step.ordinal() < current.ordinal() ? "done" : "";
            body.append("<li class=\"").append(css).append("\" id=\"step-").append(step.id).append("\">");
            if (step.openAt(state.configurationStatus()) && step != shown) {
                body.append("<a href=\"/wizard?step=").append(step.id).append("\">").append(step.title).append("</a>");
            } else {
                body.append(step.title);
            }
            body.append("</li>");
        }
        body.append("</ol>\n<section class=\"card\" id=\"wizard\"><p class=\"muted\">Status ")
                .append(badge(state.status().name())).append(" · configuration ")
                .append(badge(state.configurationStatus().name())).append("</p>\n");
        switch (shown) {
            case PREREQUISITES -> prerequisites(app, body);
            case CONNECTOR -> connector(app, body, flash.draft());
            case CONNECTION -> connection(app, body, flash.draft());
            case FINALIZE -> finalizeStep(body, flash.draft());
        }
        body.append("</section>\n");
        if (!admin()) {
            body.append("<p class=\"muted\">The console acts as VIEWER: it shows the wizard but cannot run it. Start "
                    + "it with -Dconnector.role=ADMIN to configure the connector.</p>\n");
        }
        return Page.of(200, Html.page(title() + ": wizard", header(app, "/wizard"), flash.messages(),
                body.toString()));
    }

    private void prerequisites(InstalledApp app, StringBuilder body) throws AppException {
        body.append("<h2>Prerequisites</h2><p>Do these before you configure the connector, and tick each one done."
                + "</p>");
        body.append(form("/wizard/prerequisites", "prerequisites-form"));
        List<Map<String, Object>> rows = app.view("PREREQUISITES");
        if (rows.isEmpty()) {
            body.append("<p class=\"muted\">This connector has no prerequisites.</p>");
        }
        for (Map<String, Object> row : rows) {
            String id = String.valueOf(row.get("ID"));
            body.append("<div class=\"prerequisite\"><label class=\"check\"><input type=\"checkbox\" name=\"done\" "
                    + "value=\"").append(Html.text(id)).append("\" id=\"prerequisite-").append(Html.text(id))
                    .append("\"").append(bool(row.get("IS_COMPLETED")) ? " checked" : "")
                    .append(admin() ? "" : " disabled").append("> ").append(Html.text(row.get("TITLE")))
                    .append("</label><p>").append(Html.text(row.get("DESCRIPTION")));
            List<String> links = new ArrayList<>();
            for (String[] link : new String[][] {{"DOCUMENTATION_URL", "Documentation"}, {"LEARNMORE_URL",
                    "Learn more"}, {"GUIDE_URL", "Guide"}}) {
                Object url = row.get(link[0]);
                if (url != null && !url.toString().isBlank()) {
                    links.add(Html.link(url.toString(), link[1]));
                }
            }
            if (!links.isEmpty()) {
                body.append("<br>").append(String.join(" · ", links));
            }
            body.append("</p></div>\n");
        }
        if (admin()) {
            body.append("<button type=\"submit\" name=\"action\" value=\"next\" id=\"prerequisites-next\">Save and "
                    + "continue</button><button type=\"submit\" name=\"action\" value=\"save\" class=\"secondary\">"
                    + "Save</button><button type=\"submit\" name=\"action\" value=\"all\" class=\"secondary\" "
                    + "id=\"prerequisites-all\">Mark all as done</button>");
        }
        body.append("</form>\n");
    }

    private void connector(InstalledApp app, StringBuilder body, Map<String, String> draft) throws AppException {
        body.append("<h2>Connector configuration</h2><p>Calls CONFIGURE_CONNECTOR with these values; empty optional "
                + "fields take their defaults.</p>");
        body.append(form("/wizard/connector", "connector-form"))
                .append(FieldForms.inputs(connectorFields(descriptor), jsonValues(configuration(app)
                        .get("connector_configuration")), draft, !admin()));
        if (admin()) {
            body.append("<button type=\"submit\" id=\"connector-submit\">Configure connector</button>");
        }
        body.append("</form>\n");
    }

    private void connection(InstalledApp app, StringBuilder body, Map<String, String> draft) throws AppException {
        body.append("<h2>Connection</h2><p>Calls SET_CONNECTION_CONFIGURATION: the app tests the connection with "
                + "these values and keeps them only if the test passes. Secrets are bound to the app's secret "
                + "references first and never shown again.</p>");
        body.append(form("/wizard/connection", "connection-form"))
                .append(FieldForms.inputs(descriptor.connectionFields(), jsonValues(configuration(app)
                        .get("connection_configuration")), draft, !admin()));
        if (admin()) {
            body.append("<button type=\"submit\" id=\"connection-submit\">Test and save connection</button>");
        }
        body.append("</form>\n");
    }

    private void finalizeStep(StringBuilder body, Map<String, String> draft) {
        body.append("<h2>Finalize</h2><p>Calls FINALIZE_CONNECTOR_CONFIGURATION: the connector checks the source and "
                + "prepares its destination, then starts.</p>");
        body.append(form("/wizard/finalize", "finalize-form"))
                .append("<label for=\"finalize\">Finalize configuration (a JSON object)</label>")
                .append("<textarea id=\"finalize\" name=\"finalize\"").append(admin() ? "" : " disabled").append(">")
                .append(Html.text(draft.getOrDefault("finalize", "{}"))).append("</textarea>");
        if (admin()) {
            body.append("<button type=\"submit\" id=\"finalize-submit\">Finalize</button>");
        }
        body.append("</form>\n");
    }

    // ---------------------------------------------------------------- daily use

    private Page daily(InstalledApp app, AppState state, ConsoleServer.Flash flash) throws AppException {
        StringBuilder body = new StringBuilder();
        Map<String, Map<String, String>> configuration = configuration(app);
        List<Map<String, Object>> sync = app.view("SYNC_STATUS");
        String syncStatus = sync.isEmpty() ? "UNKNOWN" : String.valueOf(sync.get(0).get("STATUS"));
        Object lastSynced = sync.isEmpty() ? null : sync.get(0).get("LAST_SYNCED_AT");

        body.append("<div class=\"grid\"><section class=\"card\" id=\"status\"><h2>Status</h2><dl class=\"facts\">")
                .append("<dt>Connector</dt><dd id=\"connector-status\">").append(badge(state.status().name()))
                .append("</dd><dt>Configuration</dt><dd>").append(badge(state.configurationStatus().name()))
                .append("</dd><dt>Sync</dt><dd id=\"sync-status\">").append(badge(syncStatus))
                .append(lastSynced == null ? "" : " <span class=\"muted\">last synced " + Html.text(time(lastSynced))
                        + " UTC</span>").append("</dd></dl>");
        if (admin()) {
            boolean paused = state.status() == ConnectorStatus.PAUSED;
            body.append(form(paused ? "/resume" : "/pause", paused ? "resume-form" : "pause-form"))
                    .append("<button type=\"submit\" id=\"").append(paused ? "resume" : "pause").append("\">")
                    .append(paused ? "Resume" : "Pause").append("</button></form>");
        }
        body.append("</section>\n<section class=\"card\" id=\"configuration\"><h2>Configuration</h2>");
        configurationTable(configuration, body);
        body.append("</section></div>\n");

        StatsReport stats = new StatsReader(app, clock).read(CHART_HOURS);
        body.append("<section class=\"card\" id=\"chart\"><h2>Ingested rows per hour (UTC), the last ")
                .append(CHART_HOURS).append(" hours</h2><p class=\"muted\">").append(stats.totalRows())
                .append(" rows, ").append(stats.failureCount()).append(stats.failureCount() == 1 ? " failed run"
                        : " failed runs").append(", from PUBLIC.AGGREGATED_CONNECTOR_STATS</p><div class=\"chart\">")
                .append(stats.chart()).append("</div></section>\n");

        resources(app, body, flash.draft());
        runs(app, body);
        if (admin()) {
            updates(configuration, state, body, flash.draft());
        }
        return Page.of(200, Html.page(title() + ": daily use", header(app, "/daily"), flash.messages(),
                body.toString()));
    }

    private void configurationTable(Map<String, Map<String, String>> configuration, StringBuilder body) {
        Set<String> secrets = descriptor.connectionFields().stream().filter(field -> field.type() == FieldType.SECRET)
                .map(ConnectorDescription.Field::name).collect(Collectors.toSet());
        body.append("<table><tr><th>group</th><th>key</th><th>value</th></tr>");
        configuration.forEach((group, values) -> values.forEach((key, value) -> {
            // The app masks secrets in its view; the console masks them again, whatever the view shows.
            boolean secret = group.equals("connection_configuration") && secrets.contains(key);
            body.append("<tr><td>").append(Html.text(group.replace("_configuration", ""))).append("</td><td>")
                    .append(Html.text(key)).append("</td><td><code>").append(Html.text(secret ? FieldType.MASK : value))
                    .append("</code></td></tr>");
        }));
        body.append("</table>");
    }

    private void resources(InstalledApp app, StringBuilder body, Map<String, String> draft) throws AppException {
        Map<String, String> schedules = new LinkedHashMap<>();
        for (Map<String, Object> row : app.view("INGESTION_DEFINITIONS")) {
            List<String> parts = new ArrayList<>();
            for (IngestionConfiguration configuration : configurations(row).configurations()) {
                parts.add((configuration.scheduleType() == null ? "" : configuration.scheduleType().name()) + " "
                        + Objects.requireNonNullElse(configuration.scheduleDefinition(), ""));
            }
            schedules.put(String.valueOf(row.get("ID")), String.join(", ", parts).strip());
        }
        List<ResourceStatus> resources = ResourceStatus.read(app);
        body.append("<section class=\"card\" id=\"resources\"><h2>Resources</h2>");
        if (resources.isEmpty()) {
            body.append("<p class=\"muted\">No resources yet.</p>");
        } else {
            body.append("<table id=\"resource-table\"><tr><th>resource</th><th>enabled</th><th>schedule</th>"
                    + "<th>last run</th><th>next run</th>").append(admin() ? "<th>actions</th>" : "")
                    .append("</tr>");
            for (ResourceStatus resource : resources) {
                String id = Html.text(resource.id());
                body.append("<tr data-resource=\"").append(id).append("\"><td>").append(Html.text(resource.name()))
                        .append(resource.name().equals(resource.id()) ? "" : "<br><span class=\"muted\">" + id
                                + "</span>").append("</td><td class=\"enabled\">")
                        .append(resource.enabled() ? "yes" : "no").append("</td><td>")
                        .append(Html.text(schedules.getOrDefault(resource.id(), ""))).append("</td><td>");
                if (resource.lastRunAt() == null) {
                    body.append("<span class=\"muted\">no run yet</span>");
                } else {
                    body.append(Html.text(time(resource.lastRunAt()))).append(" ")
                            .append(badge(resource.lastRunStatus())).append(" ").append(resource.lastRunRows())
                            .append(" rows");
                }
                if (resource.lastError() != null) {
                    body.append("<br><span class=\"error-text\">").append(resource.attempts())
                            .append(resource.attempts() == 1 ? " failure: " : " failures in a row: ")
                            .append(Html.text(resource.lastError())).append("</span>");
                }
                body.append("</td><td>").append(resource.enabled() ? resource.nextRunAt() == null ? "next iteration"
                        : Html.text(time(resource.nextRunAt())) : "").append("</td>");
                if (admin()) {
                    body.append("<td>").append(form(resource.enabled() ? "/resources/disable" : "/resources/enable",
                            null)).append("<input type=\"hidden\" name=\"id\" value=\"").append(id)
                            .append("\"><button type=\"submit\" class=\"small secondary\">")
                            .append(resource.enabled() ? "Disable" : "Enable").append("</button></form>")
                            .append(form("/resources/run", null)).append("<input type=\"hidden\" name=\"id\" value=\"")
                            .append(id).append("\"><button type=\"submit\" class=\"small run-now\">Run now</button>")
                            .append("</form><br>").append(form("/resources/schedule", null))
                            .append("<input type=\"hidden\" name=\"id\" value=\"").append(id).append("\">")
                            .append(select("scheduleType", ConsoleActions.SCHEDULE_TYPES, "INTERVAL"))
                            .append(" <input type=\"text\" name=\"scheduleDefinition\" placeholder=\"15m\" "
                                    + "aria-label=\"schedule definition\"> <button type=\"submit\" "
                                    + "class=\"small secondary\">Schedule</button></form></td>");
                }
                body.append("</tr>\n");
            }
            body.append("</table>");
        }
        if (admin()) {
            addResourceForm(body, draft);
        }
        body.append("</section>\n");
    }

    private void addResourceForm(StringBuilder body, Map<String, String> draft) {
        body.append("<h3>Add a resource</h3><p class=\"muted\">Calls CREATE_RESOURCE with one ingestion "
                + "configuration.</p>").append(form("/resources/add", "add-resource"));
        textInput(body, "name", "Name", draft.getOrDefault("resource.name", ""), "orders", "");
        textInput(body, "id", "Id", draft.getOrDefault("resource.id", ""), "generated when empty", "");
        textInput(body, "resourceId", "Resource id (JSON object)", draft.getOrDefault("resource.resourceId", ""),
                "{\"dataset\": \"orders\"}", "What identifies the resource in the source");
        textInput(body, "configurationId", "Ingestion configuration id", draft.getOrDefault(
                "resource.configurationId", "default"), "default", "");
        body.append("<label for=\"ingestionStrategy\">Ingestion strategy</label>")
                .append(select("ingestionStrategy", ConsoleActions.STRATEGIES, draft.getOrDefault(
                        "resource.ingestionStrategy", "INCREMENTAL")))
                .append("<label for=\"scheduleType\">Schedule type</label>")
                .append(select("scheduleType", ConsoleActions.SCHEDULE_TYPES, draft.getOrDefault(
                        "resource.scheduleType", "INTERVAL")));
        textInput(body, "scheduleDefinition", "Schedule definition", draft.getOrDefault("resource.scheduleDefinition",
                ""), "15m", "INTERVAL: a number and d, h or m (15m); CRON: 5 fields (0 * * * *); GLOBAL: none");
        textInput(body, "destination", "Destination (JSON object, optional)", draft.getOrDefault(
                "resource.destination", ""), "{\"table\": \"ORDERS\"}", "");
        textInput(body, "customIngestionConfiguration", "Custom ingestion configuration (JSON object, optional)",
                draft.getOrDefault("resource.customIngestionConfiguration", ""), "", "");
        body.append("<label class=\"check\"><input type=\"checkbox\" name=\"enabled\" value=\"true\" id=\"enabled\"")
                .append("false".equals(draft.get("resource.enabled")) ? "" : " checked").append("> Enabled</label>")
                .append("<button type=\"submit\" id=\"add-resource-submit\">Add resource</button></form>\n");
    }

    private void runs(InstalledApp app, StringBuilder body) throws AppException {
        List<Map<String, Object>> runs = new ArrayList<>(app.view("CONNECTOR_STATS"));
        runs.sort(Comparator.comparing((Map<String, Object> run) -> {
            LocalDateTime started = Times.time(run.get("STARTED_AT"));
            return started == null ? LocalDateTime.MIN : started;
        }).reversed());
        body.append("<section class=\"card\" id=\"runs\"><h2>Runs</h2>");
        if (admin()) {
            body.append(form("/resources/run", "run-all")).append("<input type=\"hidden\" name=\"id\" value=\"\">")
                    .append("<p class=\"muted\">RUN_INGESTION_NOW runs the ingestions of a resource now, due or not "
                            + "<button type=\"submit\" class=\"small\" id=\"run-all-submit\">Run every enabled "
                            + "resource now</button></p></form>");
        }
        if (runs.isEmpty()) {
            body.append("<p class=\"muted\">No runs yet.</p>");
        } else {
            body.append("<table id=\"run-table\"><tr><th>started (UTC)</th><th>resource</th><th>status</th>"
                    + "<th>rows</th><th>error</th></tr>");
            for (Map<String, Object> run : runs.subList(0, Math.min(RUNS_SHOWN, runs.size()))) {
                JsonNode error = json(run.get("METADATA")).path("error");
                body.append("<tr><td>").append(Html.text(time(run.get("STARTED_AT")))).append("</td><td>")
                        .append(Html.text(run.get("RESOURCE_INGESTION_DEFINITION_NAME"))).append("</td><td>")
                        .append(badge(String.valueOf(run.get("STATUS")))).append("</td><td>")
                        .append(Html.text(run.get("INGESTED_ROWS"))).append("</td><td class=\"error-text\">")
                        .append(error.isTextual() ? Html.text(error.asText()) : "").append("</td></tr>\n");
            }
            body.append("</table>");
        }
        body.append("</section>\n");
    }

    private void updates(Map<String, Map<String, String>> configuration, AppState state, StringBuilder body,
            Map<String, String> draft) {
        boolean started = state.status() == ConnectorStatus.STARTED;
        String pauseBox = "<label class=\"check\"><input type=\"checkbox\" name=\"pause\" value=\"true\""
                + (started ? " checked" : "") + "> Pause the connector for the update and resume it after (the "
                + "update needs it paused)</label>";
        Map<String, String> connector = configuration.getOrDefault("connector_configuration", Map.of());
        body.append("<div class=\"grid\"><section class=\"card\" id=\"update-warehouse\"><h2>Update warehouse</h2>")
                .append("<p class=\"muted\">UPDATE_WAREHOUSE; now ").append(Html.text(connector.getOrDefault(
                        "warehouse", "none"))).append("</p>").append(form("/warehouse", "warehouse-form"));
        textInput(body, "warehouse", "New warehouse", draft.getOrDefault("warehouse", ""), "NIGHTLY_WH", "");
        body.append(pauseBox).append("<button type=\"submit\" id=\"warehouse-submit\">Update warehouse</button>")
                .append("</form></section>\n<section class=\"card\" id=\"update-connection\"><h2>Update connection"
                        + "</h2><p class=\"muted\">UPDATE_CONNECTION_CONFIGURATION tests the new connection first; a "
                        + "secret left empty stays as it is.</p>").append(form("/connection", "update-connection-form"))
                .append(FieldForms.inputs(descriptor.connectionFields(), jsonValues(configuration.get(
                        "connection_configuration")), draft, false))
                .append(pauseBox).append("<button type=\"submit\" id=\"update-connection-submit\">Update connection"
                        + "</button></form></section></div>\n");
    }

    // ---------------------------------------------------------------- helpers

    private static void textInput(StringBuilder body, String name, String label, String value, String placeholder,
            String help) {
        body.append("<label for=\"").append(name).append("\">").append(Html.text(label)).append("</label>")
                .append("<input type=\"text\" id=\"").append(name).append("\" name=\"").append(name)
                .append("\" value=\"").append(Html.text(value)).append("\" placeholder=\"")
                .append(Html.text(placeholder)).append("\">")
                .append(help.isEmpty() ? "" : "<p class=\"help\">" + Html.text(help) + "</p>");
    }

    private static String select(String name, List<String> options, String chosen) {
        StringBuilder select = new StringBuilder("<select name=\"").append(name).append("\" id=\"").append(name)
                .append("\">");
        for (String option : options) {
            select.append("<option").append(option.equals(chosen) ? " selected" : "").append(">")
                    .append(Html.text(option)).append("</option>");
        }
        return select.append("</select>").toString();
    }

    private static String badge(String value) {
        String css = value == null ? "" : value.replaceAll("[^A-Z_]", "");
        return "<span class=\"badge " + css + "\">" + Html.text(value) + "</span>";
    }

    /** {@code PUBLIC.CONNECTOR_CONFIGURATION} as group → key → value (text). */
    private static Map<String, Map<String, String>> configuration(InstalledApp app) throws AppException {
        Map<String, Map<String, String>> configuration = new LinkedHashMap<>();
        for (Map<String, Object> row : app.view("CONNECTOR_CONFIGURATION")) {
            Object value = row.get("VALUE");
            configuration.computeIfAbsent(String.valueOf(row.get("CONFIG_GROUP")), group -> new LinkedHashMap<>())
                    .put(String.valueOf(row.get("CONFIG_KEY")), value == null ? null : value.toString());
        }
        return configuration;
    }

    /** The view's text values as the JSON text the inputs read: a value that is not JSON is a string. */
    private static Map<String, String> jsonValues(Map<String, String> values) {
        Map<String, String> json = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((key, value) -> {
                if (value != null) {
                    try {
                        JSON.readTree(value);
                        json.put(key, value);
                    } catch (IOException e) {
                        json.put(key, JSON.getNodeFactory().textNode(value).toString());
                    }
                }
            });
        }
        return json;
    }

    static boolean bool(Object value) {
        return value instanceof Boolean flag ? flag : "true".equalsIgnoreCase(String.valueOf(value));
    }

    /** H2 answers a JSON column as its UTF-8 bytes, Snowflake's driver as text. */
    /** The ingestion configurations of an INGESTION_DEFINITIONS row. */
    static IngestionConfigurations.Parsed configurations(Map<String, Object> definition) {
        Object value = definition.get("INGESTION_CONFIGURATION");
        return IngestionConfigurations.read(value == null ? null : value instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8) : value.toString());
    }

    static JsonNode json(Object value) {
        if (value == null) {
            return JSON.missingNode();
        }
        try {
            JsonNode node = JSON.readTree(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : value.toString());
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String time(Object value) {
        LocalDateTime time = Times.time(value);
        return time == null ? String.valueOf(value) : time.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
    }

    /** Timestamps as the views answer them: H2 objects, or text. */
    private static final class Times {
        static LocalDateTime time(Object value) {
            return value instanceof LocalDateTime time ? time : parse(value);
        }

        private static LocalDateTime parse(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof Timestamp timestamp) {
                return timestamp.toLocalDateTime();
            }
            if (value instanceof OffsetDateTime time) {
                return time.toLocalDateTime();
            }
            try {
                return LocalDateTime.parse(value.toString().strip().replace(' ', 'T'));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
