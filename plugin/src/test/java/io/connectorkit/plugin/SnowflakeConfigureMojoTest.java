package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.ExternalAccessIntegrations.AllowedSecrets;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
 * connector:configure and the daily-use goals with -Dconnector.target=snowflake: the statements they send through
 * the real driver to the fake endpoint, whose application is answered by the connector runtime on H2.
 */
@MojoTest
class SnowflakeConfigureMojoTest {

    static final String TOKEN = "ghp_snowflake_SECRET_0815";
    static final String APP = "CALL \"GITHUB_CONNECTOR\".PUBLIC.";
    static final String SHOW_PRIVILEGES = "SHOW PRIVILEGES IN APPLICATION \"GITHUB_CONNECTOR\"";
    static final String SHOW_GRANTS = "SHOW GRANTS TO APPLICATION \"GITHUB_CONNECTOR\"";
    static final String SECRET = "\"GITHUB_CONNECTOR_SECRETS\".\"PUBLIC\".\"GITHUB_CONNECTOR_API_TOKEN\"";
    static final String REFERENCES =
            "references:\n  GITHUB_EAI: github_access\n  WAREHOUSE_REFERENCE: '\"Ingest Wh\"'\n";

    @TempDir
    Path folder;

    @TempDir
    Path userHome;

    private MavenProject project;
    private FakeSnowflake snowflake;
    private FakeNativeApp nativeApp;
    private FakeAccount account;
    private Connection appDatabase;
    private ConnectorRegistry.Binding binding;
    private FakeSnowflakeHome fakeHome;
    private final RecordingLog log = new RecordingLog();

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
        // The procedures and views the app's callers reach: those the rendered setup script creates and grants.
        nativeApp =
                new FakeNativeApp(snowflake, "GITHUB_CONNECTOR", appDatabase, TestProjects.snowflakeCatalog("full"));
        // The app as connector:generate renders it for this project: its REGISTER_REFERENCE and
        // SETUP_EXTERNAL_ACCESS run from this setup script (AppRendererTest keeps the golden files current).
        Path generated = Path.of("src/test/resources/golden/full/snowflake");
        nativeApp.install(Map.of(
                "manifest.yml",
                Files.readAllBytes(generated.resolve("manifest.yml")),
                "setup.sql",
                Files.readAllBytes(generated.resolve("setup.sql"))));
        account = new FakeAccount(snowflake);
        account.requestsPrivileges("GITHUB_CONNECTOR", List.of("EXECUTE TASK", "CREATE DATABASE"));

        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), ConfigureMojoTest.CONFIGURATION);
        project.getProperties().setProperty("github.token", TOKEN);
    }

    @AfterEach
    void close() throws Exception {
        fakeHome.close();
        binding.close();
        appDatabase.close();
        snowflake.close();
    }

    @Test
    void theWizardIsTheSameCallsAndTheSecretTravelsOnlyAsASecretObjectAndAReference(
            @InjectMojo(goal = "configure") ConfigureMojo configure) throws Exception {
        configure.target = "snowflake";
        configure.connection = "fake";
        configure.setLog(log);

        configure.execute();

        List<RecordedStatement> statements = snowflake.applicationStatements();
        assertThat(statements)
                .extracting(RecordedStatement::sql)
                .containsExactly(
                        APP + "GET_CONNECTOR_STATUS()",
                        "SHOW PRIVILEGES IN APPLICATION \"GITHUB_CONNECTOR\"",
                        "SHOW GRANTS TO APPLICATION \"GITHUB_CONNECTOR\"",
                        "GRANT EXECUTE TASK ON ACCOUNT TO APPLICATION \"GITHUB_CONNECTOR\"",
                        "GRANT CREATE DATABASE ON ACCOUNT TO APPLICATION \"GITHUB_CONNECTOR\"",
                        "GRANT USAGE ON WAREHOUSE \"CONNECTOR_WH\" TO APPLICATION \"GITHUB_CONNECTOR\"",
                        APP + "MARK_ALL_PREREQUISITES_AS_DONE()",
                        APP + "COMPLETE_PREREQUISITES_STEP()",
                        APP + "CONFIGURE_CONNECTOR(PARSE_JSON(?))",
                        "CREATE DATABASE IF NOT EXISTS \"GITHUB_CONNECTOR_SECRETS\" COMMENT = 'GENERATED_BY_CONNECTOR_KIT'",
                        "CREATE SCHEMA IF NOT EXISTS \"GITHUB_CONNECTOR_SECRETS\".\"PUBLIC\"",
                        "CREATE OR REPLACE SECRET \"GITHUB_CONNECTOR_SECRETS\".\"PUBLIC\".\"GITHUB_CONNECTOR_API_TOKEN\" TYPE = "
                                + "GENERIC_STRING SECRET_STRING = ? COMMENT = 'GENERATED_BY_CONNECTOR_KIT'",
                        "SELECT SYSTEM$REFERENCE('SECRET', ?, 'PERSISTENT', 'READ')",
                        APP + "REGISTER_REFERENCE(?, 'ADD', ?)",
                        APP + "SET_CONNECTION_CONFIGURATION(PARSE_JSON(?))",
                        APP + "FINALIZE_CONNECTOR_CONFIGURATION(PARSE_JSON(?))",
                        APP + "GET_CONNECTOR_STATUS()");
        assertThat(statements.get(8).bindings())
                .containsExactly(
                        "{\"warehouse\":\"CONNECTOR_WH\","
                                + "\"destination_database\":\"GITHUB_DATA\",\"destination_schema\":\"ISSUES\",\"page_size\":25}");
        assertThat(statements.get(12).bindings())
                .containsExactly("\"GITHUB_CONNECTOR_SECRETS\".\"PUBLIC\".\"GITHUB_CONNECTOR_API_TOKEN\"");
        assertThat(statements.get(13).bindings()).containsExactly("API_TOKEN_SECRET", "ENT_REF_1");
        assertThat(statements.get(14).bindings())
                .containsExactly("{\"base_url\":\"https://api.github.com\",\"api_token\":\"API_TOKEN_SECRET\"}");
        // The token is bound, never in a statement's text (which Snowflake's query history keeps).
        assertThat(statements)
                .filteredOn(statement -> statement.toString().contains(TOKEN))
                .hasSize(1)
                .allSatisfy(statement -> {
                    assertThat(statement.sql())
                            .startsWith("CREATE OR REPLACE SECRET")
                            .doesNotContain(TOKEN);
                    assertThat(statement.bindings()).containsExactly(TOKEN);
                });
        assertThat(nativeApp.boundReferences)
                .containsEntry(
                        "API_TOKEN_SECRET", "\"GITHUB_CONNECTOR_SECRETS\".\"PUBLIC\".\"GITHUB_CONNECTOR_API_TOKEN\"");
        assertThat(String.join("\n", log.everything))
                .doesNotContain(TOKEN)
                .contains("[finalize] FINALIZE_CONNECTOR_CONFIGURATION: OK (Sink ready.)");

        int before = snowflake.applicationStatements().size();
        configure.execute();

        assertThat(snowflake
                        .applicationStatements()
                        .subList(before, snowflake.applicationStatements().size()))
                .extracting(RecordedStatement::sql)
                .containsExactly(
                        APP + "GET_CONNECTOR_STATUS()",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"CONNECTOR_CONFIGURATION\"");
    }

    @Test
    void theReferencesSectionBindsAccountObjectsBeforeTheSteps(@InjectMojo(goal = "configure") ConfigureMojo configure)
            throws Exception {
        configure.target = "snowflake";
        configure.connection = "fake";
        configure.setLog(log);
        Files.writeString(
                folder.resolve("src/main/connector/configuration.yaml"), ConfigureMojoTest.CONFIGURATION + REFERENCES);

        configure.execute();

        List<RecordedStatement> statements = snowflake.applicationStatements();
        assertThat(statements)
                .extracting(RecordedStatement::sql)
                .startsWith(
                        APP + "GET_CONNECTOR_STATUS()",
                        "SELECT SYSTEM$REFERENCE(?, ?, 'PERSISTENT', ?)",
                        APP + "REGISTER_REFERENCE(?, 'ADD', ?)",
                        "SELECT SYSTEM$REFERENCE(?, ?, 'PERSISTENT', ?)",
                        APP + "REGISTER_REFERENCE(?, 'ADD', ?)",
                        "SHOW PRIVILEGES IN APPLICATION \"GITHUB_CONNECTOR\"");
        assertThat(statements.get(1).bindings())
                .containsExactly("EXTERNAL ACCESS INTEGRATION", "\"GITHUB_ACCESS\"", "USAGE");
        assertThat(statements.get(2).bindings()).containsExactly("GITHUB_EAI", "ENT_REF_1");
        assertThat(statements.get(3).bindings()).containsExactly("WAREHOUSE", "\"Ingest Wh\"", "USAGE");
        assertThat(nativeApp.boundReferences)
                .containsEntry("GITHUB_EAI", "\"GITHUB_ACCESS\"")
                .containsEntry("WAREHOUSE_REFERENCE", "\"Ingest Wh\"");
        // Binding the secret completed the references: SETUP_EXTERNAL_ACCESS gave every connector procedure both.
        assertThat(nativeApp.externalAccess)
                .hasSize(18)
                .containsKey("RUN_INGESTION_NOW")
                .containsKey("UPDATE_CONNECTOR_CONFIGURATION")
                .containsEntry(
                        "TEST_CONNECTION",
                        new FakeNativeApp.ExternalAccess(Map.of("api_token", SECRET), List.of("\"GITHUB_ACCESS\"")));
        assertThat(log.infos)
                .contains(
                        "Bound EXTERNAL ACCESS INTEGRATION \"GITHUB_ACCESS\" to the app's reference GITHUB_EAI",
                        "Bound WAREHOUSE \"Ingest Wh\" to the app's reference WAREHOUSE_REFERENCE",
                        "Snowflake application GITHUB_CONNECTOR is now STARTED (configuration FINALIZED)");
    }

    @Test
    void anIntegrationThatDoesNotAllowTheKitsSecretFailsConfigureWithTheAlterToRunAndNothingElseChanges(
            @InjectMojo(goal = "configure") ConfigureMojo configure) throws Exception {
        configure.target = "snowflake";
        configure.connection = "fake";
        configure.setLog(log);
        Files.writeString(
                folder.resolve("src/main/connector/configuration.yaml"), ConfigureMojoTest.CONFIGURATION + REFERENCES);
        snowflake
                .externalAccessIntegrations()
                .create("GITHUB_ACCESS", AllowedSecrets.of("GITHUB_CONNECTOR_SECRETS.PUBLIC.ANOTHER_TOKEN"));

        assertThatThrownBy(configure::execute)
                .hasMessage("Binding the secret " + SECRET + " for 'api_token' to the "
                        + "reference API_TOKEN_SECRET of Snowflake application GITHUB_CONNECTOR failed: REGISTER_REFERENCE "
                        + "answered 'External access could not be set up: SQL compilation error:\nSecret '" + SECRET
                        + "' is "
                        + "not allowed by the ALLOWED_AUTHENTICATION_SECRETS of external access integration "
                        + "'\"GITHUB_ACCESS\"'.'. The external access integration bound to the app's reference GITHUB_EAI must "
                        + "allow the secret the kit created in its ALLOWED_AUTHENTICATION_SECRETS: as the integration's owner, "
                        + "run\n  ALTER EXTERNAL ACCESS INTEGRATION \"GITHUB_ACCESS\" SET ALLOWED_AUTHENTICATION_SECRETS = ("
                        + SECRET
                        + ")\n(keep any secret it allows already in that list), then run mvn connector:configure "
                        + "again");

        List<RecordedStatement> statements = snowflake.applicationStatements();
        assertThat(statements)
                .last()
                .extracting(RecordedStatement::sql)
                .isEqualTo(APP + "REGISTER_REFERENCE(?, 'ADD', ?)");
        assertThat(statements)
                .extracting(RecordedStatement::sql)
                .noneMatch(sql -> sql.contains("SET_CONNECTION_CONFIGURATION") || sql.contains("FINALIZE"));
        assertThat(nativeApp.externalAccess).isEmpty();
        assertThat(String.join("\n", log.everything)).doesNotContain(TOKEN);

        // The statement the message gives, then configure again: it resumes at the connection step and finishes.
        try (Connection account = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties());
                Statement statement = account.createStatement()) {
            statement.execute(
                    "ALTER EXTERNAL ACCESS INTEGRATION \"GITHUB_ACCESS\" SET ALLOWED_AUTHENTICATION_SECRETS = ("
                            + SECRET + ")");
        }
        configure.execute();

        assertThat(nativeApp.externalAccess).containsKey("TEST_CONNECTION");
        assertThat(log.infos)
                .contains("Snowflake application GITHUB_CONNECTOR is now STARTED (configuration " + "FINALIZED)");
    }

    @Test
    void resourcesAndStatsUseTheSameProceduresAndViews(
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources,
            @InjectMojo(goal = "stats") StatsMojo stats,
            @InjectMojo(goal = "ingest") IngestMojo ingest,
            @InjectMojo(goal = "status") StatusMojo status)
            throws Exception {
        for (InstalledAppMojo goal : List.of(configure, resources, stats, ingest, status)) {
            goal.target = "snowflake";
            goal.connection = "fake";
        }
        configure.execute();
        Files.writeString(
                folder.resolve("src/main/connector/configuration.yaml"),
                ConfigureMojoTest.CONFIGURATION + ResourcesMojoTest.RESOURCES);
        int before = snowflake.applicationStatements().size();

        resources.execute();
        resources.execute();
        stats.setLog(log);
        stats.execute();

        List<RecordedStatement> statements = snowflake
                .applicationStatements()
                .subList(before, snowflake.applicationStatements().size());
        assertThat(statements)
                .extracting(RecordedStatement::sql)
                .containsExactly(
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"CONNECTOR_CONFIGURATION\"",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"INGESTION_DEFINITIONS\"",
                        APP + "CREATE_RESOURCE(?, PARSE_JSON(?), PARSE_JSON(?), ?, ?, PARSE_JSON(?))",
                        APP + "CREATE_RESOURCE(?, PARSE_JSON(?), PARSE_JSON(?), ?, ?, PARSE_JSON(?))",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"CONNECTOR_CONFIGURATION\"",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"INGESTION_DEFINITIONS\"",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"AGGREGATED_CONNECTOR_STATS\"",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"CONNECTOR_STATS\"",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"INGESTION_DEFINITIONS\"");
        assertThat(statements.get(3).bindings())
                .containsExactly(
                        "docs",
                        "\"snowflakedb/docs\"",
                        "[{\"id\":\"nightly\",\"ingestionStrategy\":\"SNAPSHOT\",\"scheduleType\":\"CRON\","
                                + "\"scheduleDefinition\":\"0 2 * * *\"}]",
                        "docs",
                        false,
                        null);
        assertThat(log.infos)
                .contains("No ingestion runs yet for Snowflake application GITHUB_CONNECTOR: enable a "
                        + "resource (connector:resources); its runs follow its schedule (on the embedded target, "
                        + "connector:ingest runs the due ones now)");

        // One resource now, on Snowflake too: RUN_INGESTION_NOW through the app's own scheduler path.
        FakeIssueSource.reset();
        FakeIssueSource.add("first");
        int beforeIngest = snowflake.applicationStatements().size();
        ingest.setLog(log);
        ingest.resource = "sdk issues";
        ingest.execute();
        assertThat(snowflake
                        .applicationStatements()
                        .subList(beforeIngest, snowflake.applicationStatements().size()))
                .extracting(RecordedStatement::sql)
                .containsExactly(
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"INGESTION_DEFINITIONS\"",
                        APP + "RUN_INGESTION_NOW(?)");
        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith("  sdk issues: COMPLETED, 1 row in"));
        ingest.resource = "docs";
        assertThatThrownBy(ingest::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("RUN_INGESTION_NOW answered INVALID_INPUT")
                .hasMessageContaining("is disabled");
        status.setLog(log);
        status.execute();
        assertThat(log.infos)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("    sdk issues (")
                        .contains(": enabled; last run ")
                        .contains(" COMPLETED, 1 row; next run "));
        assertThat(log.infos).anySatisfy(line -> assertThat(line).isEqualTo("    docs: disabled; no run yet"));

        FakeIssueSource.failNext(1);
        ingest.resource = "sdk issues";
        ingest.failOnError = false;
        ingest.execute();
        stats.execute();
        assertThat(log.infos)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("  sdk issues: 1 rows in 2 runs, 1 failed,")
                        .endsWith("; failing: IllegalStateException: GitHub answered 503 Service Unavailable"));
        assertThat(log.infos)
                .anySatisfy(line -> assertThat(line)
                        .endsWith(" UTC  sdk issues: IllegalStateException:"
                                + " GitHub answered 503 Service Unavailable"));
    }

    @Test
    void resourcesGoOnAfterARefusalOfTheAppAndNameItsLine(
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "resources") ResourcesMojo resources)
            throws Exception {
        for (InstalledAppMojo goal : List.of(configure, resources)) {
            goal.target = "snowflake";
            goal.connection = "fake";
        }
        configure.execute();
        String configuration = ConfigureMojoTest.CONFIGURATION + """
                resources:
                  - name: secret repo
                    resourceId: {owner: acme, repo: vault, private: true}
                    ingestionConfigurations:
                      - {id: issues, ingestionStrategy: INCREMENTAL, scheduleType: GLOBAL}
                  - id: docs
                    name: docs
                    resourceId: snowflakedb/docs
                    ingestionConfigurations:
                      - {id: nightly, ingestionStrategy: SNAPSHOT, scheduleType: CRON, scheduleDefinition: "0 2 * * *"}
                """;
        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), configuration);
        int line = configuration.lines().toList().indexOf("  - name: secret repo") + 1;
        int before = snowflake.applicationStatements().size();

        assertThatThrownBy(resources::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("The app refused 1 of the 2 listed resources:\n  "
                        + "src/main/connector/configuration.yaml:" + line + ": resource secret repo: CREATE_RESOURCE "
                        + "answered PRIVATE_REPOSITORY: Private repositories are not ingested.\n  Applied: created docs "
                        + "(id docs)\n  What to do:");

        assertThat(snowflake
                        .applicationStatements()
                        .subList(before, snowflake.applicationStatements().size()))
                .extracting(RecordedStatement::sql)
                .containsExactly(
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"CONNECTOR_CONFIGURATION\"",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"INGESTION_DEFINITIONS\"",
                        APP + "CREATE_RESOURCE(?, PARSE_JSON(?), PARSE_JSON(?), ?, ?, PARSE_JSON(?))",
                        APP + "CREATE_RESOURCE(?, PARSE_JSON(?), PARSE_JSON(?), ?, ?, PARSE_JSON(?))");
    }

    @Test
    void dailyUseGoalsCallTheSameProcedures(
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "pause") PauseMojo pause,
            @InjectMojo(goal = "update-warehouse") UpdateWarehouseMojo updateWarehouse,
            @InjectMojo(goal = "resume") ResumeMojo resume,
            @InjectMojo(goal = "status") StatusMojo status)
            throws Exception {
        for (InstalledAppMojo goal : List.of(configure, pause, updateWarehouse, resume, status)) {
            goal.target = "snowflake";
            goal.connection = "fake";
        }
        configure.execute();
        int before = snowflake.applicationStatements().size();
        updateWarehouse.warehouse = "bigger_wh";
        updateWarehouse.setLog(log);
        status.setLog(log);

        pause.execute();
        updateWarehouse.execute();
        resume.execute();
        status.execute();

        assertThat(snowflake
                        .applicationStatements()
                        .subList(before, snowflake.applicationStatements().size()))
                .extracting(RecordedStatement::sql)
                .containsExactly(
                        APP + "GET_CONNECTOR_STATUS()",
                        APP + "PAUSE_CONNECTOR()",
                        APP + "GET_CONNECTOR_STATUS()",
                        SHOW_PRIVILEGES,
                        SHOW_GRANTS,
                        "GRANT USAGE ON WAREHOUSE \"BIGGER_WH\" TO APPLICATION \"GITHUB_CONNECTOR\"",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"CONNECTOR_CONFIGURATION\"",
                        APP + "UPDATE_WAREHOUSE(?)",
                        APP + "GET_CONNECTOR_STATUS()",
                        SHOW_PRIVILEGES,
                        APP + "RESUME_CONNECTOR()",
                        APP + "GET_CONNECTOR_STATUS()",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"SYNC_STATUS\"",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"CONNECTOR_CONFIGURATION\"",
                        SHOW_PRIVILEGES,
                        SHOW_GRANTS,
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"RESOURCE_STATUS\"");
        assertThat(log.infos).contains("UPDATE_WAREHOUSE: OK (from CONNECTOR_WH to BIGGER_WH)");
        assertThat(log.infos)
                .contains(
                        "Snowflake application GITHUB_CONNECTOR on the snowflake target",
                        "  status:               STARTED",
                        "    warehouse = bigger_wh",
                        "    api_token = ********",
                        "  privileges:",
                        "    EXECUTE TASK ON ACCOUNT: held",
                        "    CREATE DATABASE ON ACCOUNT: held",
                        "    USAGE ON WAREHOUSE \"BIGGER_WH\": held",
                        "  resources:            none yet (mvn connector:resources creates them)");
        assertThat(account.warehousesOf("GITHUB_CONNECTOR")).containsExactlyInAnyOrder("CONNECTOR_WH", "BIGGER_WH");
    }

    @Test
    void afterTheWizardConfigureUpdatesTheChangedConnectorFieldsWithoutTheSecret(
            @InjectMojo(goal = "configure") ConfigureMojo configure) throws Exception {
        configure.target = "snowflake";
        configure.connection = "fake";
        configure.execute();
        Files.writeString(
                folder.resolve("src/main/connector/configuration.yaml"),
                ConfigureMojoTest.CONFIGURATION.replace("page_size: 25", "page_size: 50"));
        project.getProperties().remove("github.token");
        int before = snowflake.applicationStatements().size();
        configure.setLog(log);

        configure.execute();

        List<RecordedStatement> statements = snowflake
                .applicationStatements()
                .subList(before, snowflake.applicationStatements().size());
        assertThat(statements)
                .extracting(RecordedStatement::sql)
                .containsExactly(
                        APP + "GET_CONNECTOR_STATUS()",
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"CONNECTOR_CONFIGURATION\"",
                        APP + "PAUSE_CONNECTOR()",
                        APP + "UPDATE_CONNECTOR_CONFIGURATION(PARSE_JSON(?))",
                        APP + "RESUME_CONNECTOR()",
                        APP + "GET_CONNECTOR_STATUS()");
        assertThat(statements.get(3).bindings()).containsExactly("{\"page_size\":50}");
        assertThat(log.infos)
                .contains("[update] UPDATE_CONNECTOR_CONFIGURATION: OK (Connector configuration updated:"
                        + " page_size.)");
    }

    @Test
    void aRefusedConnectionUpdateBindsTheOldSecretObjectAgainAndDropsTheDraft(
            @InjectMojo(goal = "configure") ConfigureMojo configure,
            @InjectMojo(goal = "pause") PauseMojo pause,
            @InjectMojo(goal = "update-connection") UpdateConnectionMojo updateConnection)
            throws Exception {
        for (InstalledAppMojo goal : List.of(configure, pause, updateConnection)) {
            goal.target = "snowflake";
            goal.connection = "fake";
        }
        configure.execute();
        pause.execute();
        String main = "\"GITHUB_CONNECTOR_SECRETS\".\"PUBLIC\".\"GITHUB_CONNECTOR_API_TOKEN\"";
        String draft = "\"GITHUB_CONNECTOR_SECRETS\".\"PUBLIC\".\"GITHUB_CONNECTOR_API_TOKEN_DRAFT\"";
        project.getProperties().setProperty("github.token", "bad");

        assertThatThrownBy(updateConnection::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("TEST_CONNECTION_FAILED")
                .hasMessageEndingWith("nothing was changed");

        assertThat(nativeApp.boundReferences).containsEntry("API_TOKEN_SECRET", main);
        assertThat(nativeApp.secrets).containsEntry(main, TOKEN).doesNotContainKey(draft);
        assertThat(snowflake.applicationStatements())
                .extracting(RecordedStatement::sql)
                .contains("DROP SECRET IF EXISTS " + draft);

        project.getProperties().setProperty("github.token", TOKEN);
        updateConnection.execute();
        assertThat(nativeApp.boundReferences).containsEntry("API_TOKEN_SECRET", main);
        assertThat(nativeApp.secrets).containsEntry(main, TOKEN).doesNotContainKey(draft);
    }

    @Test
    void withoutManageGrantsConfigureStopsBeforeTheWizardWithTheStatementsToHaveRun(
            @InjectMojo(goal = "configure") ConfigureMojo configure, @InjectMojo(goal = "status") StatusMojo status)
            throws Exception {
        for (InstalledAppMojo goal : List.of(configure, status)) {
            goal.target = "snowflake";
            goal.connection = "fake";
        }
        account.roleManagesGrants(false);
        account.grantAccountPrivilege("GITHUB_CONNECTOR", "CREATE DATABASE");

        assertThatThrownBy(configure::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage(
                        "Snowflake application GITHUB_CONNECTOR lacks privileges it needs, and the connection's role may not "
                                + "grant them. Have them granted, then run connector:configure again (the app was not called):\n"
                                + "  GRANT EXECUTE TASK ON ACCOUNT TO APPLICATION \"GITHUB_CONNECTOR\";  -- run by "
                                + "ACCOUNTADMIN, or a role with MANAGE GRANTS\n"
                                + "  GRANT USAGE ON WAREHOUSE \"CONNECTOR_WH\" TO APPLICATION \"GITHUB_CONNECTOR\";  -- run "
                                + "by the warehouse's owner, or a role with MANAGE GRANTS");
        assertThat(snowflake.applicationStatements())
                .extracting(RecordedStatement::sql)
                .noneMatch(sql -> sql.startsWith(APP) && !sql.equals(APP + "GET_CONNECTOR_STATUS()"));

        status.setLog(log);
        status.execute();
        assertThat(log.infos)
                .contains(
                        "  privileges:",
                        "    CREATE DATABASE ON ACCOUNT: held",
                        "    EXECUTE TASK ON ACCOUNT: missing (GRANT EXECUTE TASK ON ACCOUNT TO APPLICATION "
                                + "\"GITHUB_CONNECTOR\"; run by ACCOUNTADMIN, or a role with MANAGE GRANTS)");
    }
}
