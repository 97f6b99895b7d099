package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.fake.snowflake.FakeAccount;
import io.connectorkit.fake.snowflake.FakeNativeApp;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedStatement;
import io.connectorkit.plugin.fixtures.FakeIssueSource;
import io.connectorkit.plugin.testing.FakeSnowflakeHome;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import io.connectorkit.plugin.testing.TestProjects;
import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

/**
 * connector:query with -Dconnector.target=snowflake: the SELECTs it sends through the real driver to the fake
 * endpoint, whose app's views and destination tables are answered from the connector runtime on H2.
 */
@MojoTest
class SnowflakeQueryMojoTest {

    @TempDir
    Path folder;

    @TempDir
    Path userHome;

    private MavenProject project;
    private FakeSnowflake snowflake;
    private FakeAccount account;
    private Connection appDatabase;
    private ConnectorRegistry.Binding binding;
    private FakeSnowflakeHome fakeHome;
    private final RecordingLog log = new RecordingLog();
    private final ByteArrayOutputStream standardOutput = new ByteArrayOutputStream();

    @Provides
    MavenProject project() throws Exception {
        project = Mockito.spy(MavenProjects.copy("full", folder));
        return project;
    }

    @BeforeEach
    void installedApp() throws Exception {
        snowflake = FakeSnowflake.start();
        fakeHome = FakeSnowflakeHome.pointAt(snowflake, userHome, "operator");

        appDatabase = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ConnectorDefinition connector = TestProjects.descriptor("full")
                .toDescription()
                .toDefinition(getClass().getClassLoader());
        EmbeddedApp.install(appDatabase, connector);
        try (Statement statement = appDatabase.createStatement()) {
            statement.execute(
                    Files.readString(TestProjects.project("full").resolve("src/main/connector/sql/sink.sql")));
        }
        binding = EmbeddedApp.bind(appDatabase, connector);
        FakeNativeApp nativeApp =
                new FakeNativeApp(snowflake, "GITHUB_CONNECTOR", appDatabase, TestProjects.snowflakeCatalog("full"));
        Path generated = Path.of("src/test/resources/golden/full/snowflake");
        nativeApp.install(Map.of(
                "manifest.yml",
                Files.readAllBytes(generated.resolve("manifest.yml")),
                "setup.sql",
                Files.readAllBytes(generated.resolve("setup.sql"))));
        account = new FakeAccount(snowflake);
        account.requestsPrivileges("GITHUB_CONNECTOR", List.of("EXECUTE TASK", "CREATE DATABASE"));
        project.getProperties().setProperty("github.token", SnowflakeConfigureMojoTest.TOKEN);
    }

    @AfterEach
    void close() throws Exception {
        fakeHome.close();
        binding.close();
        appDatabase.close();
        snowflake.close();
    }

    /** Configured, with the resource ingested once by the app's scheduler into GITHUB_DATA.ISSUES.SDK_ISSUES. */
    private void ingested(ConfigureMojo configure, ResourcesMojo resources) throws Exception {
        FakeIssueSource.reset();
        Files.writeString(
                folder.resolve("src/main/connector/configuration.yaml"),
                ConfigureMojoTest.CONFIGURATION + IngestMojoTest.RESOURCES.formatted("\"GLOBAL\""));
        for (InstalledAppMojo goal : List.of(configure, resources)) {
            goal.target = "snowflake";
            goal.connection = "fake";
        }
        configure.execute();
        resources.execute();
        FakeIssueSource.add("first", "second", "third");
        try (Statement statement = appDatabase.createStatement();
                ResultSet answer = statement.executeQuery("CALL PUBLIC.RUN_SCHEDULER_ITERATION()")) {
            answer.next();
            assertThat(answer.getString(1)).contains("\"OK\"");
        }
    }

    private QueryMojo onSnowflake(QueryMojo query) {
        query.target = "snowflake";
        query.connection = "fake";
        query.setLog(log);
        query.standardOutput = () -> new PrintStream(standardOutput, true, StandardCharsets.UTF_8);
        return query;
    }

    @Test
    void showsTheDestinationTableInTheDatabaseTheAppOwnsAndAViewOfTheApp(
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources,
            @InjectMojo(goal = "query") QueryMojo table,
            @InjectMojo(goal = "query") QueryMojo json,
            @InjectMojo(goal = "query") QueryMojo view)
            throws Exception {
        ingested(configure, resources);
        account.appOwns("GITHUB_CONNECTOR", "GITHUB_DATA");
        int before = snowflake.applicationStatements().size();

        onSnowflake(table).resource = "sdk issues";
        table.limit = 2;
        table.execute();
        onSnowflake(json).resource = "sdk";
        json.format = "json";
        json.execute();
        onSnowflake(view).view = "SYNC_STATUS";
        view.format = "csv";
        view.execute();

        List<RecordedStatement> statements = snowflake
                .applicationStatements()
                .subList(before, snowflake.applicationStatements().size());
        assertThat(statements)
                .extracting(RecordedStatement::sql)
                .containsExactly(
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"INGESTION_DEFINITIONS\"",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"CONNECTOR_CONFIGURATION\"",
                        "SELECT * FROM \"GITHUB_DATA\".\"ISSUES\".\"SDK_ISSUES\" LIMIT ?",
                        "SELECT COUNT(*) FROM \"GITHUB_DATA\".\"ISSUES\".\"SDK_ISSUES\"",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"INGESTION_DEFINITIONS\"",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"CONNECTOR_CONFIGURATION\"",
                        "SELECT * FROM \"GITHUB_DATA\".\"ISSUES\".\"SDK_ISSUES\" LIMIT ?",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"SYNC_STATUS\" LIMIT ?");
        assertThat(statements.get(2).bindings()).containsExactly(3L);
        assertThat(log.infos)
                .contains("Resource 'sdk issues' (\"GITHUB_DATA\".\"ISSUES\".\"SDK_ISSUES\"): " + "2 row(s) shown");
        assertThat(log.infos).contains("… 1 more row not shown; raise -Dconnector.limit to see it");
        String[] documents = standardOutput.toString(StandardCharsets.UTF_8).split("(?<=\\])\\R", 2);
        JsonNode rows = new ObjectMapper().readTree(documents[0]);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).get("TITLE").asText()).isEqualTo("second");
        assertThat(documents[1]).startsWith("STATUS,LAST_SYNCED_AT\r\nLAST_SYNCED,");
    }

    @Test
    void aQueryIsSentAsGivenAndReadUpToOneRowPastTheLimit(
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources,
            @InjectMojo(goal = "query") QueryMojo query)
            throws Exception {
        ingested(configure, resources);
        account.appOwns("GITHUB_CONNECTOR", "GITHUB_DATA");
        onSnowflake(query).sql = "SELECT * FROM \"GITHUB_DATA\".\"ISSUES\".\"SDK_ISSUES\";";
        query.limit = 1;

        query.execute();

        assertThat(snowflake.applicationStatements()).last().satisfies(statement -> {
            assertThat(statement.sql()).isEqualTo("SELECT * FROM \"GITHUB_DATA\".\"ISSUES\".\"SDK_ISSUES\"");
            assertThat(statement.bindings()).isEmpty();
        });
        assertThat(log.infos)
                .contains(
                        "the query: 1 row(s) shown",
                        "… more rows not shown: only the first 1 were " + "read; raise -Dconnector.limit to see more");
    }

    @Test
    void refusesAsSnowflakeDoesWhatTheAppDoesNotOwnOrHasNotCreated(
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources,
            @InjectMojo(goal = "query") QueryMojo notOwned,
            @InjectMojo(goal = "query") QueryMojo other,
            @InjectMojo(goal = "query") QueryMojo view,
            @InjectMojo(goal = "query") QueryMojo viewer)
            throws Exception {
        ingested(configure, resources);

        onSnowflake(notOwned).resource = "sdk issues";
        assertThatThrownBy(notOwned::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("The destination table \"GITHUB_DATA\".\"ISSUES\".\"SDK_ISSUES\" of resource "
                        + "'sdk issues' cannot be read (The query failed on Snowflake application GITHUB_CONNECTOR: ")
                .hasMessageContaining("Snowflake error 2003")
                .hasMessageContaining("application role DATA_READER");

        account.appOwns("GITHUB_CONNECTOR", "GITHUB_DATA");
        onSnowflake(other).sql = "SELECT * FROM \"GITHUB_DATA\".\"ISSUES\".\"WIKI\"";
        assertThatThrownBy(other::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Snowflake error 2003");

        onSnowflake(view).view = "NO_SUCH_VIEW";
        assertThatThrownBy(view::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Snowflake error 2003");

        onSnowflake(viewer).view = "SYNC_STATUS";
        viewer.role = "VIEWER";
        assertThatThrownBy(viewer::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("On Snowflake the goals act as the role of the connection");
    }
}
