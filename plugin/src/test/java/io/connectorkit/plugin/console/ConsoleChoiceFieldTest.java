package io.connectorkit.plugin.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.BundleMojo;
import io.connectorkit.plugin.DeployMojo;
import io.connectorkit.plugin.GenerateMojo;
import io.connectorkit.plugin.app.AppRole;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.local.LocalConnection;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import io.connectorkit.plugin.testing.TestProjects;
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
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The choice fields of the "choice" test project through the console over its deployed embedded app: drop-down
 * lists of the choices, a value not among them named before any call, and the deployed app refusing one too.
 */
@MojoTest
class ConsoleChoiceFieldTest {

    @TempDir
    Path folder;

    private MavenProject project;
    private final RecordingLog log = new RecordingLog();
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private ConsoleServer server;
    private URI address;

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("choice", folder);
        return project;
    }

    @BeforeEach
    void deploy(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        deploy.execute();
        LocalApp app = localApp();
        server = new ConsoleServer(
                TestProjects.descriptor(folder),
                AppRole.ADMIN,
                () -> app.open(AppRole.ADMIN),
                Clock.systemUTC(),
                log::info,
                log::warn,
                log::debug);
        address = server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theWizardOffersTheChoicesAndRefusesAnyOtherValueBeforeCallingTheApp() throws Exception {
        String connector = submit("/wizard/prerequisites", "action", "next");
        assertThat(connector)
                .contains("<select id=\"field-sync_mode\" name=\"f.sync_mode\"><option value=\"\">"
                        + "</option><option value=\"incremental\" selected>incremental</option><option value=\"full\">full"
                        + "</option><option value=\"&lt;both&gt;\">&lt;both&gt;</option></select>");
        String before = rows("SELECT \"KEY\", CAST(\"VALUE\" AS VARCHAR) FROM STATE.APP_CONFIG ORDER BY 1");

        String refused = submit("/wizard/connector", "f.warehouse", "XS", "f.sync_mode", "delta");

        assertThat(refused)
                .contains(
                        "connector configuration: sync_mode &#39;delta&#39; is not valid: it is not one "
                                + "of the choices; enter one of incremental, full, &lt;both&gt;",
                        "Nothing was changed.")
                .doesNotContain("CONFIGURE_CONNECTOR:");
        assertThat(rows("SELECT \"KEY\", CAST(\"VALUE\" AS VARCHAR) FROM STATE.APP_CONFIG ORDER BY 1"))
                .isEqualTo(before);

        String connection = submit("/wizard/connector", "f.warehouse", "XS", "f.sync_mode", "<both>");
        assertThat(connection)
                .contains(
                        "CONFIGURE_CONNECTOR: OK",
                        "<select id=\"field-region\" name=\"f.region\">"
                                + "<option value=\"\" selected></option><option value=\"eu\">eu</option><option value=\"us\">us"
                                + "</option></select>");
        assertThat(rows("SELECT CAST(\"VALUE\" AS VARCHAR) FROM STATE.APP_CONFIG WHERE \"KEY\" = "
                        + "'connector_configuration'"))
                .contains("\"sync_mode\":\"<both>\"");

        String noRegion = submit("/wizard/connection", "f.region", "asia");
        assertThat(noRegion)
                .contains(
                        "connection configuration: region &#39;asia&#39; is not valid: it is not one "
                                + "of the choices; enter one of eu, us",
                        "Nothing was changed.");

        String connected = submit("/wizard/connection", "f.region", "us", "f.level", "2");
        assertThat(connected).contains("SET_CONNECTION_CONFIGURATION: OK (Connected to region us)");
        assertThat(rows("SELECT CAST(\"VALUE\" AS VARCHAR) FROM STATE.APP_CONFIG WHERE \"KEY\" = "
                        + "'connection_configuration'"))
                .contains("\"region\":\"us\"", "\"level\":\"2\"");
    }

    @Test
    void theDeployedAppRefusesAValueThatIsNoChoiceItself() throws Exception {
        try (LocalConnection app = localApp().connect()) {
            assertThat(app.call("COMPLETE_PREREQUISITES_STEP()")).contains("\"OK\"");
            String refused = app.call("CONFIGURE_CONNECTOR('{\"warehouse\": \"XS\", \"sync_mode\": \"delta\"}')");

            assertThat(refused)
                    .contains(
                            "INVALID_CONFIGURATION_VALUE",
                            "Field 'sync_mode' of connector_configuration"
                                    + " has the value \\\"delta\\\", which is not valid: it must be one of incremental, full, <both>.");
        }
    }

    private LocalApp localApp() {
        return new LocalApp(folder.resolve(".connector/local"), "choice_connector");
    }

    private String submit(String path, String... fields) throws Exception {
        StringBuilder body = new StringBuilder("csrf=").append(server.csrfToken());
        for (int i = 0; i < fields.length; i += 2) {
            body.append('&')
                    .append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(address.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        HttpResponse<String> next =
                get(response.headers().firstValue("Location").orElseThrow());
        while (next.statusCode() == 303) {
            next = get(next.headers().firstValue("Location").orElseThrow());
        }
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        return next.body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(address.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
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
