package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.spi.ConnectionTester;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/** Applications built from staged jars, through the real driver: what CREATE and UPGRADE install is what runs. */
class FakeAccountTest {

    private static final String STAGE = "\"PROBE_PKG\".APP_SRC.STAGE";
    private static final String USING_STAGE = " USING '@" + STAGE + "'";
    private static final String CREATE = "CREATE APPLICATION \"PROBE\" FROM APPLICATION PACKAGE \"PROBE_PKG\"";
    private static final String APP = "CALL \"PROBE\".PUBLIC.";
    private static final String PACKAGE = "ALTER APPLICATION PACKAGE \"PROBE_PKG\"";

    private FakeSnowflake snowflake;
    private FakeAccount account;
    private Connection connection;

    @BeforeEach
    void start() throws SQLException {
        snowflake = FakeSnowflake.start();
        account = new FakeAccount(snowflake);
        connection = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties());
        snowflake.addStageFile(STAGE, "manifest.yml", "manifest_version: 1\n".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        snowflake.close();
    }

    @Test
    void createApplicationInstallsTheConnectorThatTheStagedJarDescribes() throws Exception {
        snowflake.addStageFile(STAGE, "lib/probe.jar", connectorJar(StagedTesters.FirstBuild.class));
        snowflake.addStageFile(STAGE, "setup.sql", "CREATE APPLICATION ROLE ADMIN;".getBytes(StandardCharsets.UTF_8));

        execute(CREATE + USING_STAGE + " COMMENT = 'GENERATED_BY_CONNECTOR_KIT'");

        assertThat(configureUpToTheConnection()).contains("first build");
        assertThat(account.app("PROBE")).isPresent();
        assertThat(account.applications).containsEntry("PROBE", "GENERATED_BY_CONNECTOR_KIT");
    }

    @Test
    void anUpgradeInstallsTheNewlyStagedConnectorAndKeepsTheAppsState() throws Exception {
        snowflake.addStageFile(STAGE, "lib/probe.jar", connectorJar(StagedTesters.FirstBuild.class));
        execute(CREATE + USING_STAGE);
        configureUpToTheConnection();
        String configured = call("GET_CONNECTOR_STATUS()");
        snowflake.addStageFile(STAGE, "lib/probe.jar", connectorJar(StagedTesters.SecondBuild.class));

        assertThat(call("TEST_CONNECTION()")).as("staging alone changes nothing").contains("first build");
        execute("ALTER APPLICATION \"PROBE\" UPGRADE" + USING_STAGE);

        assertThat(call("TEST_CONNECTION()")).as("the connection configured before").contains("second build");
        assertThat(call("GET_CONNECTOR_STATUS()")).isEqualTo(configured);
    }

    @Test
    void aVersionKeepsTheFilesItWasAddedWith() throws Exception {
        snowflake.addStageFile(STAGE, "lib/probe.jar", connectorJar(StagedTesters.FirstBuild.class));
        execute("ALTER APPLICATION PACKAGE \"PROBE_PKG\" ADD VERSION \"V1\"" + USING_STAGE + " LABEL = 'one'");
        snowflake.addStageFile(STAGE, "lib/probe.jar", connectorJar(StagedTesters.SecondBuild.class));

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
        snowflake.addStageFile(STAGE, "lib/probe.jar", connectorJar("com.example.Missing"));

        assertThatThrownBy(() -> execute(CREATE + USING_STAGE))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93082))
                .hasMessageContaining("com.example.Missing");
        assertThat(account.applications).isEmpty();
        assertThatThrownBy(() -> call("GET_CONNECTOR_STATUS()"))
                .hasMessageContaining("Application 'PROBE' does not exist");
    }

    @Test
    void aDroppedAppAnswersNoMoreAndCanBeCreatedAgain() throws Exception {
        snowflake.addStageFile(STAGE, "lib/probe.jar", connectorJar(StagedTesters.FirstBuild.class));
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
        snowflake.addStageFile(STAGE, "lib/probe.jar", connectorJar(StagedTesters.FirstBuild.class));

        assertThat(column("SHOW RELEASE CHANNELS IN APPLICATION PACKAGE \"PROBE_PKG\"", "name"))
                .containsExactly("QA", "ALPHA", "DEFAULT");
        assertThatThrownBy(() -> execute(PACKAGE + " ADD VERSION \"V1\"" + USING_STAGE + " LABEL = 'one'"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1003))
                .hasMessageContaining("use REGISTER VERSION");
        execute(PACKAGE + " REGISTER VERSION \"V1\"" + USING_STAGE + " LABEL = 'one'");
        snowflake.addStageFile(STAGE, "lib/probe.jar", connectorJar(StagedTesters.SecondBuild.class));
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
        for (String version : List.of("V1", "V2", "V3")) {
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

    /** https://docs.snowflake.com/en/sql-reference/sql/drop-application */
    @Test
    void anAppThatOwnsADatabaseIsDroppedOnlyWithCascade() throws Exception {
        snowflake.addStageFile(STAGE, "lib/probe.jar", connectorJar(StagedTesters.FirstBuild.class));
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

    private static byte[] connectorJar(Class<? extends ConnectionTester> tester) throws IOException {
        return connectorJar(tester.getName());
    }

    /** A connector jar as connector:generate makes it; its classes come from the test's class path. */
    private static byte[] connectorJar(String testerClass) throws IOException {
        return StagedJars.connectorJar(testerClass, List.of());
    }
}
