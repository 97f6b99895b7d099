package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;

/** Applications built from staged jars, through the real driver: what CREATE and UPGRADE install is what runs. */
class FakeAccountTest {

    private static final String STAGE = "\"PROBE_PKG\".APP_SRC.STAGE";
    private static final String USING_STAGE = " USING '@" + STAGE + "'";
    private static final String CREATE = "CREATE APPLICATION \"PROBE\" FROM APPLICATION PACKAGE \"PROBE_PKG\"";
    private static final String APP = "CALL \"PROBE\".PUBLIC.";
    private static final String PACKAGE = "ALTER APPLICATION PACKAGE \"PROBE_PKG\"";

    private static final byte[] PRIVILEGES_MANIFEST = (StagedAppFiles.MANIFEST + "privileges:\n"
            + "  - EXECUTE TASK:\n      description: \"Run the ingestion tasks\"\n"
            + "  - CREATE DATABASE:\n      description: \"Create the destination database\"\n")
            .getBytes(StandardCharsets.UTF_8);
    /** The procedures the privilege tests call besides those of the wizard's first steps. */
    private static final String LIFECYCLE_SCRIPT = StagedAppFiles.SETUP_SCRIPT
            + StagedAppFiles.procedure("FINALIZE_CONNECTOR_CONFIGURATION", "CUSTOM_CONFIGURATION VARIANT", "VARIANT")
            + StagedAppFiles.procedure("PAUSE_CONNECTOR", "", "");

    private FakeSnowflake snowflake;
    private FakeAccount account;
    private Connection connection;

    @BeforeEach
    void start() throws SQLException {
        snowflake = FakeSnowflake.start();
        account = new FakeAccount(snowflake);
        connection = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties());
        StagedAppFiles.stageScript(snowflake, STAGE, StagedAppFiles.SETUP_SCRIPT);
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        snowflake.close();
    }

    @Test
    void createApplicationInstallsTheConnectorThatTheStagedJarDescribes() throws Exception {
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));

        execute(CREATE + USING_STAGE + " COMMENT = 'GENERATED_BY_CONNECTOR_KIT'");

        assertThat(configureUpToTheConnection()).contains("first build");
        assertThat(account.app("PROBE")).isPresent();
        assertThat(account.applications).containsEntry("PROBE", "GENERATED_BY_CONNECTOR_KIT");
    }

    @Test
    void anUpgradeInstallsTheNewlyStagedConnectorAndKeepsTheAppsState() throws Exception {
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));
        execute(CREATE + USING_STAGE);
        configureUpToTheConnection();
        String configured = call("GET_CONNECTOR_STATUS()");
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.SecondBuild.class));

        assertThat(call("TEST_CONNECTION()")).as("staging alone changes nothing").contains("first build");
        execute("ALTER APPLICATION \"PROBE\" UPGRADE" + USING_STAGE);

        assertThat(call("TEST_CONNECTION()")).as("the connection configured before").contains("second build");
        assertThat(call("GET_CONNECTOR_STATUS()")).isEqualTo(configured);
    }

    @Test
    void aVersionKeepsTheFilesItWasAddedWith() throws Exception {
        account.createPackageWithoutReleaseChannels("PROBE_PKG", "GENERATED_BY_CONNECTOR_KIT");
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));
        execute("ALTER APPLICATION PACKAGE \"PROBE_PKG\" ADD VERSION \"V1\"" + USING_STAGE + " LABEL = 'one'");
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.SecondBuild.class));

        execute(CREATE + " USING VERSION \"V1\"");
        assertThat(configureUpToTheConnection()).contains("first build");

        execute("ALTER APPLICATION PACKAGE \"PROBE_PKG\" ADD PATCH FOR VERSION \"V1\"" + USING_STAGE);
        execute("ALTER APPLICATION \"PROBE\" UPGRADE USING VERSION \"V1\"");
        assertThat(call("TEST_CONNECTION()")).contains("second build");

        assertThatThrownBy(() -> execute("ALTER APPLICATION \"PROBE\" UPGRADE" + USING_STAGE))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93045));
        assertThatThrownBy(() -> execute(CREATE.replace("\"PROBE\"", "\"OTHER\"") + " USING VERSION \"V9\""))
                .hasMessageContaining("Version 'V9' does not exist");
    }

    @Test
    void aConnectorThatCannotBeLoadedFailsTheCreationAndLeavesNoApp() throws Exception {
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar("com.example.Missing"));

        assertThatThrownBy(() -> execute(CREATE + USING_STAGE))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93082))
                .hasMessageContaining("com.example.Missing");
        assertThat(account.applications).isEmpty();
        assertThatThrownBy(() -> call("GET_CONNECTOR_STATUS()"))
                .hasMessageContaining("Application 'PROBE' does not exist");
    }

    @Test
    void aDroppedAppAnswersNoMoreAndCanBeCreatedAgain() throws Exception {
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));
        execute(CREATE + USING_STAGE);
        configureUpToTheConnection();

        execute("DROP APPLICATION IF EXISTS \"PROBE\"");
        assertThatThrownBy(() -> call("TEST_CONNECTION()")).hasMessageContaining("does not exist");

        execute(CREATE + USING_STAGE);
        assertThat(call("TEST_CONNECTION()")).as("a new app starts over")
                .contains("CONNECTION_CONFIGURATION_NOT_FOUND");
    }

    /** New packages have release channels: https://docs.snowflake.com/en/developer-guide/native-apps/release-channels */
    @Test
    void aNewPackageHasReleaseChannelsAndItsVersionsAreRegisteredAndPatched() throws Exception {
        execute("CREATE APPLICATION PACKAGE IF NOT EXISTS \"PROBE_PKG\" COMMENT = 'GENERATED_BY_CONNECTOR_KIT'");
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));

        assertThat(column("SHOW RELEASE CHANNELS IN APPLICATION PACKAGE \"PROBE_PKG\"", "name"))
                .containsExactly("QA", "ALPHA", "DEFAULT");
        assertThatThrownBy(() -> execute(PACKAGE + " ADD VERSION \"V1\"" + USING_STAGE + " LABEL = 'one'"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1003))
                .hasMessageContaining("use REGISTER VERSION");
        execute(PACKAGE + " REGISTER VERSION \"V1\"" + USING_STAGE + " LABEL = 'one'");
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.SecondBuild.class));
        assertThat(column(PACKAGE + " ADD PATCH FOR VERSION \"V1\"" + USING_STAGE, "patch")).containsExactly("1");
        assertThat(column("SHOW VERSIONS IN APPLICATION PACKAGE \"PROBE_PKG\"", "patch")).containsExactly("0", "1");

        execute(CREATE + " USING VERSION \"V1\" PATCH 0");
        assertThat(configureUpToTheConnection()).as("patch 0 has the first build").contains("first build");
        execute("ALTER APPLICATION \"PROBE\" UPGRADE USING VERSION \"V1\" PATCH 1");
        assertThat(call("TEST_CONNECTION()")).contains("second build");
        assertThatThrownBy(() -> execute("ALTER APPLICATION \"PROBE\" UPGRADE USING VERSION \"V1\" PATCH 7"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93036));
    }

    /** https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-channel */
    @Test
    void aVersionIsPublishedToAChannelThenItsDefaultReleaseDirectiveSet() throws Exception {
        execute("CREATE APPLICATION PACKAGE IF NOT EXISTS \"PROBE_PKG\"");
        for (String version : List.of("V1", "V2")) {
            execute(PACKAGE + " REGISTER VERSION \"" + version + "\"" + USING_STAGE + " LABEL = 'probe'");
        }
        String channel = PACKAGE + " MODIFY RELEASE CHANNEL \"QA\" ";

        assertThatThrownBy(() -> execute(channel + "SET DEFAULT RELEASE DIRECTIVE VERSION = \"V1\" PATCH = 0"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(512008));
        execute(channel + "ADD VERSION \"V1\"");
        assertThatThrownBy(() -> execute(channel + "ADD VERSION \"V1\""))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(512005));
        assertThatThrownBy(() -> execute(channel + "SET DEFAULT RELEASE DIRECTIVE VERSION = \"V1\" PATCH = 3"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93036));
        execute(channel + "SET DEFAULT RELEASE DIRECTIVE VERSION = \"V1\" PATCH = 0");
        execute(channel + "ADD VERSION \"V2\"");
        execute(PACKAGE + " REGISTER VERSION \"V3\"" + USING_STAGE + " LABEL = 'probe'");
        assertThatThrownBy(() -> execute(channel + "ADD VERSION \"V3\"")).as("two versions a channel")
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(512004));

        assertThat(column("SHOW RELEASE CHANNELS IN APPLICATION PACKAGE \"PROBE_PKG\"", "versions"))
                .containsExactly("[\"V1\",\"V2\"]", "[]", "[]");
        assertThat(column("SHOW RELEASE DIRECTIVES IN APPLICATION PACKAGE \"PROBE_PKG\"", "release_channel_name"))
                .containsExactly("QA");
        assertThat(column("SHOW RELEASE DIRECTIVES IN APPLICATION PACKAGE \"PROBE_PKG\"", "version"))
                .containsExactly("V1");
    }

    @Test
    void aPackageWithoutReleaseChannelsListsNoneAndTakesAddVersion() throws Exception {
        account.createPackageWithoutReleaseChannels("PROBE_PKG", "GENERATED_BY_CONNECTOR_KIT");

        assertThat(column("SHOW RELEASE CHANNELS IN APPLICATION PACKAGE \"PROBE_PKG\"", "name")).isEmpty();
        assertThatThrownBy(() -> execute(PACKAGE + " REGISTER VERSION \"V1\"" + USING_STAGE))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1003));
        execute(PACKAGE + " ADD VERSION \"V1\"" + USING_STAGE + " LABEL = 'one'");
        assertThat(column("SHOW VERSIONS IN APPLICATION PACKAGE \"PROBE_PKG\"", "version")).containsExactly("V1");
        assertThat(account.packages).containsEntry("PROBE_PKG", "GENERATED_BY_CONNECTOR_KIT");
    }

    /**
     * Only a database the app owns is answered, from the app's own tables outside STATE and PUBLIC (those are the
     * app's inside); everything else is an object that does not exist or is not authorized.
     */
    @Test
    void aTableReadIsAnsweredOnlyInADatabaseAnAppOwns() throws Exception {
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));
        execute(CREATE + USING_STAGE);
        account.appOwns("PROBE", "PROBE_DATA");

        for (String sql : List.of("SELECT * FROM \"OTHER_DB\".\"ISSUES\".\"T\"",
                "SELECT * FROM \"PROBE_DATA\".\"STATE\".\"APP_STATE\"",
                "SELECT COUNT(*) FROM \"PROBE_DATA\".\"ISSUES\".\"MISSING\"")) {
            assertThatThrownBy(() -> execute(sql)).as(sql)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(2003))
                    .hasMessageContaining("' does not exist or not authorized.");
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM \"PROBE_DATA\".\"ISSUES\".\"MISSING\" LIMIT ?")) {
            statement.setInt(1, 3);
            assertThatThrownBy(statement::executeQuery).hasMessageContaining("Object 'PROBE_DATA.ISSUES.MISSING' "
                    + "does not exist or not authorized.");
        }
    }

    /** https://docs.snowflake.com/en/sql-reference/sql/drop-application */
    @Test
    void anAppThatOwnsADatabaseIsDroppedOnlyWithCascade() throws Exception {
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));
        execute(CREATE + USING_STAGE);
        account.appOwns("PROBE", "PROBE_DATA");

        assertThatThrownBy(() -> execute("DROP APPLICATION IF EXISTS \"PROBE\""))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93128))
                .hasMessageContaining("Application 'PROBE' owns external objects (PROBE_DATA)")
                .hasMessageContaining("CASCADE");
        assertThat(account.app("PROBE")).isPresent();

        execute("DROP APPLICATION IF EXISTS \"PROBE\" CASCADE");
        assertThat(account.app("PROBE")).isEmpty();
        assertThat(account.applications).isEmpty();
        assertThat(account.objectsOwnedBy("PROBE")).isEmpty();
    }

    /** The values of one column of a statement's rows, as text. */
    @Test
    void theAppHoldsOnlyWhatWasGrantedAndCreatesItsDestinationDatabaseWithCreateDatabase() throws Exception {
        StagedAppFiles.stageScript(snowflake, STAGE, LIFECYCLE_SCRIPT);
        snowflake.addStageFile(STAGE, "manifest.yml", PRIVILEGES_MANIFEST);
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));
        execute(CREATE + USING_STAGE);
        configureUpToTheConnection();

        assertThat(call("FINALIZE_CONNECTOR_CONFIGURATION(PARSE_JSON(?))", "{}"))
                .contains("REQUIRED_PRIVILEGES_MISSING").contains("CREATE DATABASE");
        assertThat(column("SHOW PRIVILEGES IN APPLICATION \"PROBE\"", "is_granted")).containsExactly("false", "false");
        assertThat(column("SHOW PRIVILEGES IN APPLICATION \"PROBE\"", "is_grantable")).containsExactly("true", "true");
        assertThatThrownBy(() -> execute("GRANT READ SESSION ON ACCOUNT TO APPLICATION \"PROBE\""))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(3001))
                .hasMessageContaining("not requested in the manifest");

        execute("GRANT CREATE DATABASE ON ACCOUNT TO APPLICATION \"PROBE\"");
        execute("GRANT USAGE ON WAREHOUSE \"WH\" TO APPLICATION \"PROBE\"");

        assertThat(call("FINALIZE_CONNECTOR_CONFIGURATION(PARSE_JSON(?))", "{}")).contains("\"OK\"");
        assertThat(account.objectsOwnedBy("PROBE")).containsExactly("DB");
        assertThat(column("SHOW GRANTS TO APPLICATION \"PROBE\"", "privilege")).containsExactly("CREATE DATABASE",
                "USAGE");
        assertThat(column("SHOW PRIVILEGES IN APPLICATION \"PROBE\"", "is_granted")).containsExactly("false", "true");
        assertThat(call("PAUSE_CONNECTOR()")).as("pause needs EXECUTE TASK").contains("REQUIRED_PRIVILEGES_MISSING");
        assertThatThrownBy(() -> execute("DROP APPLICATION \"PROBE\""))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93128));
    }

    @Test
    void underManifestVersion2SnowflakeGrantsTheListedPrivilegesAtInstallAndUpgrade() throws Exception {
        StagedAppFiles.stageScript(snowflake, STAGE, LIFECYCLE_SCRIPT);
        String v2 = new String(PRIVILEGES_MANIFEST, StandardCharsets.UTF_8)
                .replace("manifest_version: 1", "manifest_version: 2");
        assertThat(v2).contains("manifest_version: 2");
        snowflake.addStageFile(STAGE, "manifest.yml", (v2 + "  - READ SESSION:\n      description: \"Read\"\n")
                .getBytes(StandardCharsets.UTF_8));
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));

        execute(CREATE + USING_STAGE);

        assertThat(account.accountPrivilegesOf("PROBE")).as("not READ SESSION: it is not granted automatically")
                .containsExactlyInAnyOrder("EXECUTE TASK", "CREATE DATABASE");
        assertThat(column("SHOW PRIVILEGES IN APPLICATION \"PROBE\"", "is_granted"))
                .containsExactly("true", "true", "false");
    }

    @Test
    void aManifestVersionSnowflakeDoesNotKnowIsRefused() throws Exception {
        StagedAppFiles.stageScript(snowflake, STAGE, LIFECYCLE_SCRIPT);
        snowflake.addStageFile(STAGE, "manifest.yml", new String(PRIVILEGES_MANIFEST,
                StandardCharsets.UTF_8).replace("manifest_version: 1", "manifest_version: 3")
                .getBytes(StandardCharsets.UTF_8));
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));

        assertThatThrownBy(() -> execute(CREATE + USING_STAGE)).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo(93302)).hasMessageContaining("manifest_version");
    }

    @Test
    void aRoleWithoutManageGrantsCannotGrantToTheApp() throws Exception {
        StagedAppFiles.stageScript(snowflake, STAGE, LIFECYCLE_SCRIPT);
        snowflake.addStageFile(STAGE, "manifest.yml", PRIVILEGES_MANIFEST);
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));
        execute(CREATE + USING_STAGE);
        account.roleManagesGrants(false);

        assertThat(column("SHOW PRIVILEGES IN APPLICATION \"PROBE\"", "is_grantable")).containsOnly("false");
        assertThatThrownBy(() -> execute("GRANT EXECUTE TASK ON ACCOUNT TO APPLICATION \"PROBE\""))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(3001))
                .hasMessageContaining("Insufficient privileges to operate on account");
        assertThatThrownBy(() -> execute("GRANT USAGE ON WAREHOUSE \"WH\" TO APPLICATION \"PROBE\""))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(3001))
                .hasMessageContaining("warehouse 'WH'");
        assertThat(account.accountPrivilegesOf("PROBE")).isEmpty();
        assertThat(account.warehousesOf("PROBE")).isEmpty();
    }

    private List<String> column(String sql, String name) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(name));
            }
            return values;
        }
    }

    /** The wizard up to the connection, whose tester's answer this returns. */
    private String configureUpToTheConnection() throws SQLException {
        call("MARK_ALL_PREREQUISITES_AS_DONE()");
        call("COMPLETE_PREREQUISITES_STEP()");
        assertThat(call("CONFIGURE_CONNECTOR(PARSE_JSON(?))", "{\"warehouse\":\"WH\",\"destination_database\":\"DB\","
                + "\"destination_schema\":\"RAW\"}")).contains("\"OK\"");
        return call("SET_CONNECTION_CONFIGURATION(PARSE_JSON(?))", "{}");
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String call(String procedure, String... arguments) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(APP + procedure)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setString(i + 1, arguments[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
