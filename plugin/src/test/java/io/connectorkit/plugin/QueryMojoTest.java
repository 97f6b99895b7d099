package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.plugin.fixtures.FakeIssueSource;
import io.connectorkit.plugin.app.AppRole;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.local.LocalConnection;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.connectorkit.runtime.embedded.EmbeddedApp;
import java.io.File;
import org.h2.Driver;

/** connector:query on the embedded target, after the full descriptor's issue ingestion wrote three rows. */
@MojoTest
class QueryMojoTest {

    @TempDir
    Path folder;

    private MavenProject project;
    private final RecordingLog log = new RecordingLog();
    private final ByteArrayOutputStream standardOutput = new ByteArrayOutputStream();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    @BeforeEach
    void ingestedApp(@InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle, @InjectMojo(goal = "deploy") DeployMojo deploy,
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources, @InjectMojo(goal = "ingest") IngestMojo ingest)
            throws Exception {
        FakeIssueSource.reset();
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        deploy.execute();
        project.getProperties().setProperty("github.token", ConfigureMojoTest.TOKEN);
        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), ConfigureMojoTest.CONFIGURATION
                + IngestMojoTest.RESOURCES.formatted("\"GLOBAL\""));
        configure.execute();
        resources.execute();
        FakeIssueSource.add("first", "second, with a comma", "third \"quoted\"");
        ingest.execute();
    }

    @Test
    void showsAResourcesDestinationTableAsATableWithTheRowsLeftOutSaid(@InjectMojo(goal = "query") QueryMojo query)
            throws Exception {
        query.resource = "sdk issues";
        query.limit = 2;
        query.setLog(log);

        query.execute();

        assertThat(log.infos.get(0)).isEqualTo("Resource 'sdk issues' (\"ISSUES\".\"SDK_ISSUES\"): 2 row(s) shown");
        // The sink orders the table's columns as the ingestion's first row has them; either order aligns.
        List<String> table = log.infos.subList(1, 5);
        if (table.get(0).startsWith("  NUMBER")) {
            assertThat(table).containsExactly("  NUMBER | TITLE", "  -------+---------------------",
                    "  1      | first", "  2      | second, with a comma");
        } else {
            assertThat(table).containsExactly("  TITLE                | NUMBER", "  ---------------------+-------",
                    "  first                | 1", "  second, with a comma | 2");
        }
        assertThat(log.infos).hasSize(6).last().isEqualTo("… 1 more row not shown; raise -Dconnector.limit to see "
                + "it");
    }

    @Test
    void aQueryCutByTheLimitSaysThatThereIsMore(@InjectMojo(goal = "query") QueryMojo query) throws Exception {
        query.sql = "SELECT TITLE FROM ISSUES.SDK_ISSUES ORDER BY NUMBER DESC";
        query.limit = 1;
        query.setLog(log);

        query.execute();

        assertThat(log.infos).containsExactly("the query: 1 row(s) shown", "  TITLE", "  --------------",
                "  third \"quoted\"", "… more rows not shown: only the first 1 were read; raise -Dconnector.limit to "
                        + "see more");
    }

    @Test
    void writesJsonToStandardOutputAndCsvToAFile(@InjectMojo(goal = "query") QueryMojo json,
            @InjectMojo(goal = "query") QueryMojo csv) throws Exception {
        json.resource = "sdk";
        json.format = "json";
        json.standardOutput = () -> new PrintStream(standardOutput, true, StandardCharsets.UTF_8);
        json.setLog(log);

        json.execute();

        JsonNode rows = new ObjectMapper().readTree(standardOutput.toString(StandardCharsets.UTF_8));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("NUMBER").isIntegralNumber()).isTrue();
        assertThat(rows.get(2).get("TITLE").asText()).isEqualTo("third \"quoted\"");
        assertThat(log.infos).isEmpty();

        csv.sql = "-- the issues, oldest first\nSELECT NUMBER, TITLE FROM ISSUES.SDK_ISSUES ORDER BY NUMBER;";
        csv.format = "CSV";
        csv.outputFile = folder.resolve("target/issues.csv").toFile();
        csv.setLog(log);
        csv.execute();

        String text = Files.readString(folder.resolve("target/issues.csv"));
        assertThat(text).isEqualTo("NUMBER,TITLE\r\n1,first\r\n2,\"second, with a comma\"\r\n"
                + "3,\"third \"\"quoted\"\"\"\r\n");
        assertThat(log.infos).containsExactly("3 row(s) written to " + folder.resolve("target/issues.csv"));
    }

    @Test
    void showsAPublicViewAlsoAsViewer(@InjectMojo(goal = "query") QueryMojo admin,
            @InjectMojo(goal = "query") QueryMojo viewer) throws Exception {
        admin.view = "PUBLIC.CONNECTOR_STATS";
        admin.setLog(log);
        admin.execute();
        assertThat(log.infos.get(0)).isEqualTo("PUBLIC.CONNECTOR_STATS: 1 row(s)");
        assertThat(log.infos.get(1)).contains("RUN_ID").contains("INGESTED_ROWS");

        viewer.view = "sync_status";
        viewer.role = "VIEWER";
        viewer.format = "json";
        viewer.standardOutput = () -> new PrintStream(standardOutput, true, StandardCharsets.UTF_8);
        viewer.execute();
        JsonNode rows = new ObjectMapper().readTree(standardOutput.toString(StandardCharsets.UTF_8));
        assertThat(rows.get(0).get("STATUS").asText()).isEqualTo("LAST_SYNCED");
    }

    @Test
    void aSneakyStatementChangesNothing(@InjectMojo(goal = "query") QueryMojo delete,
            @InjectMojo(goal = "query") QueryMojo pause) throws Exception {
        delete.sql = "WITH gone AS (SELECT 1) DELETE FROM ISSUES.SDK_ISSUES";
        assertThatThrownBy(delete::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("The query failed on embedded app github_connector: Syntax error");

        pause.sql = "SELECT PUBLIC.PAUSE_CONNECTOR() AS PAUSED";
        assertThatThrownBy(pause::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("calls the app's procedure PAUSE_CONNECTOR, which may change the app");

        pause.sql = "SELECT * FROM FINAL TABLE (UPDATE ISSUES.SDK_ISSUES SET TITLE = 'changed')";
        assertThatThrownBy(pause::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("reads FINAL TABLE (…), which runs the INSERT, UPDATE or MERGE inside it");

        // Below the goal's checks: the app runs even a changing query in a transaction it rolls back.
        try (InstalledApp app = new LocalApp(folder.resolve(".connector/local"), "github_connector")
                .open(AppRole.ADMIN)) {
            assertThat(app.select("SELECT TITLE FROM FINAL TABLE (UPDATE ISSUES.SDK_ISSUES SET TITLE = 'changed')",
                    List.of(), 10).rows()).hasSize(3).allSatisfy(row -> assertThat(row).containsExactly("changed"));
            // The procedures commit their own work, so they refuse to run inside the query at all.
            assertThatThrownBy(() -> app.select("SELECT PUBLIC.PAUSE_CONNECTOR()", List.of(), 1))
                    .hasMessageContaining("Procedure PAUSE_CONNECTOR cannot run inside a read-only query");
        }

        assertThat(rows("SELECT COUNT(*) FROM ISSUES.SDK_ISSUES WHERE TITLE <> 'changed'")).isEqualTo("3\n");
        assertThat(rows("SELECT CAST(\"VALUE\" AS VARCHAR) FROM STATE.APP_STATE WHERE \"KEY\" = 'connector_status'"))
                .contains("STARTED");
    }

    @Test
    void refusesAnythingButOneReadOnlyQueryBeforeTheAppIsOpened(@InjectMojo(goal = "query") QueryMojo query)
            throws Exception {
        // Nothing is deployed there: a refusal that opened the app would say so instead.
        query.localHome = folder.resolve("nowhere").toFile();
        assertRefused(query, "UPDATE ISSUES.SDK_ISSUES SET TITLE = 'x'", null, null, "connector.sql 'UPDATE "
                + "ISSUES.SDK_ISSUES SET TITLE = 'x'' is not a query: connector:query runs only a read-only statement "
                + "that starts with SELECT or WITH");
        assertRefused(query, "/* a comment first */ DROP TABLE ISSUES.SDK_ISSUES", null, null, "connector.sql '/* a "
                + "comment first */ DROP TABLE ISSUES.SDK_ISSUES' is not a query");
        assertRefused(query, "SELECT 1; DROP TABLE ISSUES.SDK_ISSUES", null, null, "connector.sql 'SELECT 1; DROP "
                + "TABLE ISSUES.SDK_ISSUES' holds more than one statement");
        assertRefused(query, "SELECT 1", "SYNC_STATUS", null, "Both connector.sql and connector.view are given; give "
                + "exactly one of");
        assertRefused(query, null, null, null, "Nothing to show; give exactly one of -Dconnector.sql=");
        assertRefused(query, "SELECT * FROM STATE.SECRETS", null, null, "connector.sql 'SELECT * FROM STATE.SECRETS' "
                + "reads STATE.SECRETS, which holds the app's secrets; secrets are never shown, on any role");
        assertRefused(query, "SELECT CSVWRITE('/tmp/s.csv', 'SELECT * FROM state.secrets')", null, null,
                "reads STATE.SECRETS");
        assertRefused(query, "SELECT CSVWRITE('/tmp/rows.csv', 'SELECT 1')", null, null, "connector.sql 'SELECT "
                + "CSVWRITE('/tmp/rows.csv', 'SELECT 1')' calls CSVWRITE, which writes outside the query");
        assertRefused(query, "SELECT 'open", null, null, "has an unterminated string");
        assertRefused(query, null, "SYNC STATUS", null, "connector.view 'SYNC STATUS' is not a view name");
        query.limit = 0;
        assertRefused(query, null, "SYNC_STATUS", null, "connector.limit 0 is out of range; give a number of rows "
                + "from 1 to 100000");
        query.limit = 20;
        query.format = "xml";
        assertRefused(query, null, "SYNC_STATUS", null, "connector.format 'xml' is not a format of connector:query");
        query.format = "table";

        query.role = "VIEWER";
        assertRefused(query, "SELECT * FROM \"STATE\".APP_CONFIG", null, null, "connector.sql 'SELECT * FROM "
                + "\"STATE\".APP_CONFIG' reads a STATE table, which application role VIEWER cannot read");
        assertRefused(query, "select \"VALUE\" from state.secrets", null, null, "reads STATE.SECRETS");
        assertRefused(query, null, null, "sdk issues", "connector.resource 'sdk issues' names a destination table, "
                + "which application role VIEWER cannot read");
    }

    @Test
    void refusesAnUnknownResourceNamingTheKnownOnes(@InjectMojo(goal = "query") QueryMojo query) {
        query.resource = "wiki";

        assertThatThrownBy(query::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("connector.resource 'wiki' is not a resource of embedded app github_connector; give one "
                        + "of sdk issues (the name or id of PUBLIC.INGESTION_DEFINITIONS)");
    }

    @Test
    void aJdbcToolWithOnlyH2ReadsTheSqlViewsAndWithTheAppsJarsAllOfThem() throws Exception {
        LocalApp app = new LocalApp(folder.resolve(".connector/local"), "github_connector");
        String h2 = jarOf(Driver.class);
        String sqlViews = "SELECT COUNT(*) AS DEFINITIONS FROM PUBLIC.INGESTION_DEFINITIONS;"
                + "SELECT SUM(INGESTED_ROWS) AS INGESTED FROM PUBLIC.CONNECTOR_STATS;"
                + "SELECT COUNT(*) AS PREREQUISITES FROM PUBLIC.PREREQUISITES";

        String plain = h2Shell(h2, app.jdbcUrl(), sqlViews + ";SELECT STATUS FROM PUBLIC.SYNC_STATUS");

        assertThat(plain).contains("DEFINITIONS\n1\n").contains("INGESTED\n3\n").contains("PREREQUISITES\n")
                .as("without the kit's classes H2 cannot even compile the view").contains("Error: ")
                .contains("SELECT STATUS FROM PUBLIC.SYNC_STATUS");

        String runtime = jarOf(EmbeddedApp.class);
        String withRuntime = h2Shell(h2 + File.pathSeparator + runtime, app.jdbcUrl(),
                "SELECT STATUS FROM PUBLIC.SYNC_STATUS");

        assertThat(withRuntime).contains("STATUS\nLAST_SYNCED\n");

        // What lib/ holds in a real build; here lib/ has stand-ins, and the test classes hold the connector.
        String withJars = h2Shell(String.join(File.pathSeparator, h2, runtime,
                app.libraries().resolve("*").toString(), Path.of("target/test-classes").toAbsolutePath().toString()),
                app.jdbcUrl(), "SELECT CONFIG_KEY, \"VALUE\" FROM PUBLIC.CONNECTOR_CONFIGURATION"
                        + " WHERE CONFIG_GROUP = 'connector_configuration' AND CONFIG_KEY = 'destination_schema'");

        assertThat(withJars).contains("destination_schema | ISSUES");
    }

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** H2's own console tool, as VIEWER, in a JVM whose class path is only the given one. */
    private static String h2Shell(String classPath, String url, String sql) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, "org.h2.tools.Shell", "-url", url, "-user", "VIEWER", "-password", "",
                "-sql", sql));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return output.replace("\r\n", "\n");
    }

    private static void assertRefused(QueryMojo query, String sql, String view, String resource, String message) {
        query.sql = sql;
        query.view = view;
        query.resource = resource;
        assertThatThrownBy(query::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining(message);
    }

    private String rows(String sql) throws Exception {
        StringBuilder text = new StringBuilder();
        try (LocalConnection app = new LocalApp(folder.resolve(".connector/local"), "github_connector").connect();
                Statement statement = app.jdbc().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    text.append(rows.getString(i)).append(i == columns ? "\n" : " ");
                }
            }
        }
        return text.toString();
    }
}
