package io.connectorkit.plugin.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.BundleMojo;
import io.connectorkit.plugin.DeployMojo;
import io.connectorkit.plugin.GenerateMojo;
import io.connectorkit.plugin.app.AppRole;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.fixtures.FakeIssueSource;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.local.LocalConnection;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import io.connectorkit.plugin.testing.TestProjects;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's pages and forms over a deployed embedded app (the full descriptor's GitHub connector: its tester
 * refuses the token "bad", its resource hooks refuse private repositories), through real HTTP requests.
 */
@MojoTest
class ConsoleServerTest {

    static final String TOKEN = "ghp_console_SECRET_value_7731";

    @TempDir
    Path folder;

    private MavenProject project;
    private final RecordingLog log = new RecordingLog();
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<ConsoleServer> servers = new ArrayList<>();
    private ConsoleServer server;
    private URI address;

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    @BeforeEach
    void deploy(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy)
            throws Exception {
        FakeIssueSource.reset();
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        deploy.execute();
        start(AppRole.ADMIN);
    }

    @AfterEach
    void stop() {
        servers.forEach(ConsoleServer::close);
    }

    private void start(AppRole role) throws Exception {
        Descriptor descriptor = TestProjects.descriptor(folder);
        LocalApp app = localApp();
        server = new ConsoleServer(
                descriptor, role, () -> app.open(role), Clock.systemUTC(), log::info, log::warn, log::debug);
        servers.add(server);
        address = server.start(0);
    }

    @Test
    void theWizardRunsStepByStepResumingAtTheAppsStatusAndEndsOnTheDailyPage() throws Exception {
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location")).hasValue("/wizard");

        String prerequisites = page("/wizard");
        assertThat(prerequisites)
                .contains(
                        "Allow api.github.com",
                        "Create a GitHub token",
                        "<a href=\"https://docs.snowflake.com/en/developer-guide/external-network-access/creating-using-"
                                + "external-network-access\" target=\"_blank\" rel=\"noopener noreferrer\">Documentation</a>",
                        "name=\"done\" value=\"network\"",
                        "<li class=\"current\" id=\"step-prerequisites\">");

        String saved = submit("/wizard/prerequisites", "done", "network", "action", "save");
        assertThat(saved)
                .contains("UPDATE_PREREQUISITE: OK (Prerequisite updated successfully.)")
                .contains("value=\"network\" id=\"prerequisite-network\" checked");
        assertThat(rows("SELECT ID, IS_COMPLETED FROM STATE.PREREQUISITES ORDER BY 1"))
                .isEqualTo("network | TRUE\ntoken | FALSE\n");

        String connector = submit("/wizard/prerequisites", "done", "network", "done", "token", "action", "next");
        assertThat(connector)
                .contains(
                        "UPDATE_PREREQUISITE: OK",
                        "COMPLETE_PREREQUISITES_STEP: OK",
                        "<li class=\"current\" id=\"step-connector\">",
                        "<input type=\"number\" step=\"1\" id=\"field-page_size\" name=\"f.page_size\" value=\"100\">",
                        "<input type=\"checkbox\" id=\"field-include_closed\" name=\"f.include_closed\" value=\"true\">");
        assertThat(connector)
                .as("the standard fields the Streamlit wizard asks for too")
                .contains(
                        "name=\"f.warehouse\"",
                        "name=\"f.destination_database\"",
                        "name=\"f.destination_schema\"",
                        "name=\"f.global_schedule\"");

        String connection = submit(
                "/wizard/connector",
                "f.warehouse",
                "CONNECTOR_WH",
                "f.destination_database",
                "GITHUB_DATA",
                "f.destination_schema",
                "ISSUES",
                "f.page_size",
                "25",
                "present.include_closed",
                "1",
                "f.include_closed",
                "true");
        assertThat(connection)
                .contains(
                        "CONFIGURE_CONNECTOR: OK (Connector successfully configured.)",
                        "<li class=\"current\" id=\"step-connection\">",
                        "<input type=\"password\" id=\"field-api_token\" name=\"f.api_token\" autocomplete=\"new-password\">");
        assertThat(rows("SELECT CAST(\"VALUE\" AS VARCHAR) FROM STATE.APP_CONFIG WHERE \"KEY\" = "
                        + "'connector_configuration'"))
                .contains("\"page_size\":25", "\"include_closed\":true");

        // A fresh console (or a reload) opens the wizard where the app's configuration status has come.
        start(AppRole.ADMIN);
        assertThat(page("/wizard")).contains("<li class=\"current\" id=\"step-connection\">");

        String refused = submit("/wizard/connection", "f.base_url", "https://api.github.com", "f.api_token", "bad");
        assertThat(refused)
                .contains(
                        "SET_CONNECTION_CONFIGURATION: TEST_CONNECTION_FAILED (GitHub refused the token " + "(401).)",
                        "value=\"https://api.github.com\"")
                .doesNotContain("value=\"bad\"");
        assertThat(status()).contains("\"configurationStatus\":\"CONFIGURED\"");
        assertThat(rows("SELECT COUNT(*) FROM STATE.SECRETS")).isEqualTo("0\n");

        String finalize = submit("/wizard/connection", "f.base_url", "https://api.github.com", "f.api_token", TOKEN);
        assertThat(finalize)
                .contains(
                        "SET_CONNECTION_CONFIGURATION: OK (Connected to https://api.github.com)",
                        "<li class=\"current\" id=\"step-finalize\">")
                .doesNotContain(TOKEN);

        String daily = submit("/wizard/finalize", "finalize", "{}");
        assertThat(daily)
                .contains(
                        "FINALIZE_CONNECTOR_CONFIGURATION: OK (Sink ready.)",
                        "<h2>Resources</h2>",
                        "<span class=\"badge STARTED\">STARTED</span>",
                        "api_token",
                        "<code>********</code>")
                .doesNotContain(TOKEN);
        assertThat(status()).contains("\"status\":\"STARTED\"", "\"configurationStatus\":\"FINALIZED\"");
        assertThat(get("/wizard").headers().firstValue("Location")).hasValue("/daily");
        assertThat(log.everything).noneMatch(line -> line.contains(TOKEN));
    }

    @Test
    void aBadValueIsNamedWithWhatToEnterAndChangesNothing() throws Exception {
        submit("/wizard/prerequisites", "action", "next");
        String before = rows("SELECT \"KEY\", CAST(\"VALUE\" AS VARCHAR) FROM STATE.APP_CONFIG ORDER BY 1");

        String refused = submit("/wizard/connector", "f.page_size", "twenty", "f.warehouse", "BAD NAME!");

        assertThat(refused)
                .contains(
                        "connector configuration: page_size &#39;twenty&#39; is not valid: it must be a "
                                + "whole number; enter a whole number",
                        "connector configuration: warehouse &#39;BAD NAME!&#39; is " + "not valid",
                        "Nothing was changed.",
                        "name=\"f.page_size\" value=\"twenty\"",
                        "<li class=\"current\" id=\"step-connector\">");
        assertThat(rows("SELECT \"KEY\", CAST(\"VALUE\" AS VARCHAR) FROM STATE.APP_CONFIG ORDER BY 1"))
                .isEqualTo(before);
        assertThat(status()).contains("\"configurationStatus\":\"PREREQUISITES_DONE\"");

        String finalizeRefused = submit("/wizard/finalize", "finalize", "[1]");
        assertThat(finalizeRefused).contains("finalize configuration &#39;[1]&#39; is not a JSON object");
    }

    @Test
    void dailyUseAddsRunsSchedulesTogglesPausesAndUpdatesWithThePauseItNeeds() throws Exception {
        configure();
        FakeIssueSource.add("first", "second", "third");

        String added = submit(
                "/resources/add",
                "name",
                "sdk issues",
                "id",
                "sdk",
                "resourceId",
                "{\"owner\": \"snowflakedb\", \"repo\": \"sdk\"}",
                "configurationId",
                "issues",
                "ingestionStrategy",
                "INCREMENTAL",
                "scheduleType",
                "INTERVAL",
                "scheduleDefinition",
                "15m",
                "destination",
                "{\"table\": \"SDK_ISSUES\"}",
                "enabled",
                "true");
        assertThat(added)
                .contains(
                        "CREATE_RESOURCE: OK (Resource created): resource sdk issues has id sdk, enabled",
                        "<tr data-resource=\"sdk\"><td>sdk issues",
                        "INTERVAL 15m",
                        "no run yet");

        String ran = submit("/resources/run", "id", "sdk");
        assertThat(ran)
                .contains(
                        "RUN_INGESTION_NOW: OK",
                        "sdk issues: COMPLETED, 3 rows",
                        "<span class=\"badge COMPLETED\">COMPLETED</span> 3 rows");
        assertThat(chartBars(ran)).anyMatch(height -> height > 0);

        FakeIssueSource.add("fourth");
        FakeIssueSource.failNext(1);
        String failed = submit("/resources/run", "id", "sdk");
        assertThat(failed).contains("GitHub answered 503 Service Unavailable", "1 failure: ");

        String scheduled =
                submit("/resources/schedule", "id", "sdk", "scheduleType", "INTERVAL", "scheduleDefinition", "30m");
        assertThat(scheduled)
                .contains("UPDATE_RESOURCE: OK (Resource successfully updated.) (resource sdk)", "INTERVAL 30m");
        String badSchedule = submit(
                "/resources/schedule", "id", "sdk", "scheduleType", "INTERVAL", "scheduleDefinition", "every hour");
        assertThat(badSchedule)
                .contains(
                        "UPDATE_RESOURCE: UPDATE_RESOURCE_ERROR",
                        "Invalid schedule definition &#39;every hour&#39;",
                        "INTERVAL 30m");

        String disabled = submit("/resources/disable", "id", "sdk");
        assertThat(disabled).contains("DISABLE_RESOURCE: OK (resource sdk)", "<td class=\"enabled\">no</td>");
        assertThat(submit("/resources/enable", "id", "sdk")).contains("<td class=\"enabled\">yes</td>");

        String paused = submit("/pause");
        assertThat(paused)
                .contains("PAUSE_CONNECTOR: OK", "<span class=\"badge PAUSED\">PAUSED</span>", "id=\"resume\"");
        assertThat(submit("/resume")).contains("RESUME_CONNECTOR: OK", "id=\"pause\"");

        String notPaused = submit("/warehouse", "warehouse", "NIGHTLY_WH");
        assertThat(notPaused).contains("pause the connector first");
        assertThat(rows("SELECT CAST(\"VALUE\" AS VARCHAR) FROM STATE.APP_CONFIG WHERE \"KEY\" = "
                        + "'connector_configuration'"))
                .contains("CONNECTOR_WH")
                .doesNotContain("NIGHTLY_WH");

        String moved = submit("/warehouse", "warehouse", "NIGHTLY_WH", "pause", "true");
        assertThat(messages(moved))
                .containsSubsequence("PAUSE_CONNECTOR: OK", "UPDATE_WAREHOUSE: OK", "RESUME_CONNECTOR: OK");
        assertThat(moved).contains("<code>NIGHTLY_WH</code>", "<span class=\"badge STARTED\">STARTED</span>");

        String kept = submit("/connection", "f.base_url", "https://github.example.com", "pause", "true");
        assertThat(messages(kept))
                .containsSubsequence(
                        "PAUSE_CONNECTOR: OK", "UPDATE_CONNECTION_CONFIGURATION: OK", "RESUME_CONNECTOR: OK");
        assertThat(kept).contains("https://github.example.com").doesNotContain(TOKEN);
        String refusedToken =
                submit("/connection", "f.base_url", "https://api.github.com", "f.api_token", "bad", "pause", "true");
        assertThat(refusedToken)
                .contains(
                        "UPDATE_CONNECTION_CONFIGURATION: TEST_CONNECTION_FAILED",
                        "RESUME_CONNECTOR: OK",
                        "https://github.example.com");
        assertThat(rows("SELECT REFERENCE_NAME, PREVIOUS_VALUE FROM STATE.SECRETS"))
                .isEqualTo("API_TOKEN_SECRET | " + "null\n");
    }

    @Test
    void aResourceTheAppRefusesShowsItsAnswerAndNothingIsCreated() throws Exception {
        configure();

        String refused = submit(
                "/resources/add",
                "name",
                "hidden",
                "resourceId",
                "{\"private\": true}",
                "ingestionStrategy",
                "INCREMENTAL",
                "scheduleType",
                "INTERVAL",
                "scheduleDefinition",
                "15m",
                "enabled",
                "true");
        assertThat(refused)
                .contains(
                        "CREATE_RESOURCE: PRIVATE_REPOSITORY (Private repositories are not ingested.)",
                        "value=\"hidden\"",
                        "No resources yet.");

        String notJson = submit(
                "/resources/add",
                "name",
                "x",
                "resourceId",
                "owner=me",
                "ingestionStrategy",
                "SOMETIMES",
                "scheduleType",
                "INTERVAL",
                "scheduleDefinition",
                "15m");
        assertThat(notJson)
                .contains(
                        "resource id &#39;owner=me&#39; is not a JSON object",
                        "ingestion strategy &#39;SOMETIMES&#39; is not one of SNAPSHOT, INCREMENTAL",
                        "Nothing was changed.");
        assertThat(rows("SELECT COUNT(*) FROM STATE.RESOURCE_INGESTION_DEFINITION"))
                .isEqualTo("0\n");
    }

    @Test
    void everyValueIsEscapedSoThatAResourceNameCannotAddMarkup() throws Exception {
        configure();

        String page = submit(
                "/resources/add",
                "name",
                "<script>alert('x')</script>",
                "resourceId",
                "{\"repo\": \"\\\"><b>\"}",
                "ingestionStrategy",
                "INCREMENTAL",
                "scheduleType",
                "INTERVAL",
                "scheduleDefinition",
                "15m");

        assertThat(page)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain("<script")
                .doesNotContain("<b>");
    }

    @Test
    void viewerSeesThePagesWithoutFormsAndAForcedFormIsRefusedByTheApp() throws Exception {
        configure();
        String csrf = server.csrfToken();
        start(AppRole.VIEWER);
        assertThat(csrf).isNotEqualTo(server.csrfToken());

        String daily = page("/daily");
        assertThat(daily)
                .contains(
                        "acting as VIEWER (read-only)",
                        "<span class=\"badge STARTED\">STARTED</span>",
                        "<h2>Resources</h2>",
                        "<svg")
                .doesNotContain("method=\"post\"");

        String refused = submit("/pause");
        assertThat(refused).contains("CALL PUBLIC.PAUSE_CONNECTOR", "failed");
        assertThat(status()).contains("\"status\":\"STARTED\"");
        String notCreated = submit(
                "/resources/add",
                "name",
                "x",
                "resourceId",
                "{\"repo\": \"x\"}",
                "ingestionStrategy",
                "INCREMENTAL",
                "scheduleType",
                "INTERVAL",
                "scheduleDefinition",
                "15m");
        assertThat(notCreated).contains("CALL PUBLIC.CREATE_RESOURCE", "failed");
        assertThat(rows("SELECT COUNT(*) FROM STATE.RESOURCE_INGESTION_DEFINITION"))
                .isEqualTo("0\n");
    }

    @Test
    void aFormWithoutTheConsolesTokenOrFromAnotherOriginIsRefusedAndChangesNothing() throws Exception {
        configure();

        HttpResponse<String> noToken = post("/pause", "");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("no valid token of this console", "Nothing was changed");
        HttpResponse<String> wrongToken = post("/pause", "csrf=" + "0".repeat(48));
        assertThat(wrongToken.statusCode()).isEqualTo(403);

        HttpResponse<String> otherOrigin = http.send(
                HttpRequest.newBuilder(address.resolve("/pause"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", "http://evil.example")
                        .POST(HttpRequest.BodyPublishers.ofString("csrf=" + server.csrfToken()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(status()).contains("\"status\":\"STARTED\"");
    }

    @Test
    void aRequestForAnotherHostIsRefusedAsADnsRebindingAttackWouldSendIt() throws Exception {
        try (Socket socket = new Socket(address.getHost(), address.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /wizard HTTP/1.1\r\nHost: attacker.example:" + address.getPort()
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 403");
        }
        HttpResponse<String> page = get("/wizard");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'none'", "form-action 'self'"));
        assertThat(address.getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void anUnknownPageOrActionIsNamed() throws Exception {
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        HttpResponse<String> action = post("/explode", "csrf=" + server.csrfToken());
        assertThat(action.statusCode()).isEqualTo(404);
        assertThat(action.body()).contains("The console has no action /explode; nothing was changed");
    }

    // ---------------------------------------------------------------- helpers

    /** The wizard through the console, so that the daily page is reached. */
    private void configure() throws Exception {
        submit("/wizard/prerequisites", "action", "all");
        submit("/wizard/prerequisites", "done", "network", "done", "token", "action", "next");
        submit(
                "/wizard/connector",
                "f.warehouse",
                "CONNECTOR_WH",
                "f.destination_database",
                "GITHUB_DATA",
                "f.destination_schema",
                "ISSUES");
        submit("/wizard/connection", "f.base_url", "https://api.github.com", "f.api_token", TOKEN);
        assertThat(submit("/wizard/finalize", "finalize", "{}")).contains("FINALIZE_CONNECTOR_CONFIGURATION: OK");
    }

    @Test
    void anAppWhoseStateCannotBeReadGetsAnErrorPageNamingTheRepairOnEveryPage() throws Exception {
        try (LocalConnection app = localApp().connect();
                Statement statement = app.jdbc().createStatement()) {
            statement.executeUpdate("DELETE FROM STATE.APP_STATE WHERE \"KEY\" = 'connector_status'");
        }

        for (String path : List.of("/", "/wizard", "/daily")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(503);
            assertThat(page.body())
                    .as(path)
                    .contains("the app&#39;s state cannot be read", "mvn connector:recover -Dconnector.status=PAUSED");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(address.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String page(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(address.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Submits a form with the console's token, as its page would, and answers the page it redirects to. */
    private String submit(String path, String... fields) throws Exception {
        StringBuilder body = new StringBuilder("csrf=").append(server.csrfToken());
        for (int i = 0; i < fields.length; i += 2) {
            body.append('&')
                    .append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = post(path, body.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        String location = response.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> next = get(location);
        while (next.statusCode() == 303) {
            next = get(next.headers().firstValue("Location").orElseThrow());
        }
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        return next.body();
    }

    private static List<String> messages(String page) {
        List<String> messages = new ArrayList<>();
        Matcher matcher =
                Pattern.compile("<p class=\"message (?:ok|error)\">([^<]*)</p>").matcher(page);
        while (matcher.find()) {
            messages.add(matcher.group(1));
        }
        return messages.stream().map(text -> text.replaceAll(" \\(.*", "")).toList();
    }

    private static List<Integer> chartBars(String page) {
        List<Integer> heights = new ArrayList<>();
        Matcher matcher = Pattern.compile("<g class=\"hour\"><title>[^<]*</title><rect [^>]*height=\"(\\d+)\"")
                .matcher(page);
        while (matcher.find()) {
            heights.add(Integer.parseInt(matcher.group(1)));
        }
        assertThat(heights).hasSize(24);
        return heights;
    }

    private LocalApp localApp() {
        return new LocalApp(folder.resolve(".connector/local"), "github_connector");
    }

    private String status() throws Exception {
        try (LocalConnection app = localApp().connect()) {
            return app.call("GET_CONNECTOR_STATUS()");
        }
    }

    private String rows(String sql) throws Exception {
        StringBuilder text = new StringBuilder();
        try (LocalConnection app = localApp().connect();
                Statement statement = app.jdbc().createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    text.append(rows.getString(i)).append(i == columns ? "\n" : " | ");
                }
            }
        }
        return text.toString();
    }
}
