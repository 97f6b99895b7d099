package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Release channels, versions per channel and release directives of a package, and Snowflake's refusals, through the
 * real driver. Rules: https://docs.snowflake.com/en/developer-guide/native-apps/release-channels and
 * https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-channel; codes as Snowflake's CLI
 * knows them (snowflake-cli, src/snowflake/cli/api/errno.py).
 */
class PackageReleasesTest {

    private static final String STAGE = "\"PROBE_PKG\".APP_SRC.STAGE";
    private static final String USING_STAGE = " USING '@" + STAGE + "'";
    private static final String PACKAGE = "ALTER APPLICATION PACKAGE \"PROBE_PKG\"";
    private static final String QA = PACKAGE + " MODIFY RELEASE CHANNEL \"QA\" ";
    private static final String DEFAULT = PACKAGE + " MODIFY RELEASE CHANNEL \"DEFAULT\" ";

    private FakeSnowflake snowflake;
    private FakeAccount account;
    private Connection connection;

    @BeforeEach
    void start() throws SQLException {
        snowflake = FakeSnowflake.start();
        account = new FakeAccount(snowflake);
        connection = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties());
        snowflake.addStageFile(STAGE, "setup.sql", "-- one".getBytes(StandardCharsets.UTF_8));
        execute("CREATE APPLICATION PACKAGE IF NOT EXISTS \"PROBE_PKG\" COMMENT = 'GENERATED_BY_CONNECTOR_KIT'");
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        snowflake.close();
    }

    @Test
    void registeringMoreVersionsThanMayBeInNoChannelIsRefusedUntilOneIsAddedToAChannel() throws Exception {
        register("V1");
        register("V2");

        refused(() -> register("V3"), 512023).hasMessageContaining("not added to any release channel");
        execute(QA + "ADD VERSION \"V1\"");
        register("V3");
        assertThat(column("SHOW VERSIONS IN APPLICATION PACKAGE \"PROBE_PKG\"", "version"))
                .containsExactly("V1", "V2", "V3");
    }

    @Test
    void aChannelHoldsTwoVersionsAndAVersionLeavesItOnlyWhenNoDirectiveNamesIt() throws Exception {
        register("V1");
        register("V2");
        execute(QA + "ADD VERSION \"V1\"");
        execute(QA + "ADD VERSION \"V2\"");
        register("V3");

        refused(() -> execute(QA + "ADD VERSION \"V3\""), 512004).hasMessageContaining("maximum number of versions");
        execute(QA + "SET DEFAULT RELEASE DIRECTIVE VERSION = \"V1\" PATCH = 0");
        refused(() -> execute(QA + "DROP VERSION \"V1\""), 93088);
        refused(() -> execute(QA + "DROP VERSION \"V3\""), 512010);
        execute(QA + "DROP VERSION \"V2\"");
        execute(QA + "ADD VERSION \"V3\"");

        assertThat(column("SHOW RELEASE CHANNELS IN APPLICATION PACKAGE \"PROBE_PKG\"", "versions"))
                .containsExactly("[\"V1\",\"V3\"]", "[]", "[]");
    }

    @Test
    void aVersionInAChannelCannotBeDeregisteredAndOneInNoneCan() throws Exception {
        register("V1");
        register("V2");
        execute(DEFAULT + "ADD VERSION \"V1\"");

        refused(() -> execute(PACKAGE + " DEREGISTER VERSION \"V1\""), 512021).hasMessageContaining("DEFAULT");
        refused(() -> execute(PACKAGE + " DEREGISTER VERSION \"V9\""), 93031);
        refused(() -> execute(PACKAGE + " DROP VERSION \"V2\""), 1003).as("a package with channels deregisters");
        execute(PACKAGE + " DEREGISTER VERSION \"V2\"");

        assertThat(column("SHOW VERSIONS IN APPLICATION PACKAGE \"PROBE_PKG\"", "version"))
                .containsExactly("V1");
    }

    @Test
    void aCustomDirectiveServesItsAccountsAndNoOtherDirectiveOfTheChannelMayServeThem() throws Exception {
        account.knowAccount("FAKE_ORG.QA_ONE");
        account.knowAccount("partner_org.consumer");
        register("V1");
        execute(QA + "ADD VERSION \"V1\"");

        execute(QA + "SET RELEASE DIRECTIVE \"TESTERS\" ACCOUNTS = (FAKE_ORG.QA_ONE, PARTNER_ORG.CONSUMER) "
                + "VERSION = \"V1\" PATCH = 0");
        refused(
                        () -> execute(
                                QA + "SET RELEASE DIRECTIVE \"OTHERS\" ACCOUNTS = (FAKE_ORG.QA_ONE) VERSION = \"V1\" "
                                        + "PATCH = 0"),
                        93091)
                .hasMessageContaining("FAKE_ORG.QA_ONE");
        refused(
                () -> execute(QA + "SET RELEASE DIRECTIVE \"OTHERS\" ACCOUNTS = (NOBODY.NOWHERE) VERSION = \"V1\" "
                        + "PATCH = 0"),
                1999);
        refused(
                () -> execute(QA + "SET RELEASE DIRECTIVE \"OTHERS\" ACCOUNTS = (JUST_AN_ACCOUNT) VERSION = \"V1\" "
                        + "PATCH = 0"),
                1003);
        refused(() -> execute(QA + "SET RELEASE DIRECTIVE \"OTHERS\" VERSION = \"V1\" PATCH = 0"), 1003)
                .as("a custom directive without accounts")
                .hasMessageContaining("syntax error");
        refused(() -> execute(QA + "MODIFY RELEASE DIRECTIVE \"OTHERS\" VERSION = \"V1\" PATCH = 0"), 93090);

        assertThat(rows(
                        "SHOW RELEASE DIRECTIVES IN APPLICATION PACKAGE \"PROBE_PKG\" FOR RELEASE CHANNEL \"QA\"",
                        "name",
                        "target_type",
                        "target_name",
                        "version",
                        "patch",
                        "release_channel_name"))
                .containsExactly(
                        List.of("TESTERS", "ACCOUNT", "FAKE_ORG.QA_ONE,PARTNER_ORG.CONSUMER", "V1", "0", "QA"));
        execute(QA + "UNSET RELEASE DIRECTIVE \"TESTERS\"");
        assertThat(column("SHOW RELEASE DIRECTIVES IN APPLICATION PACKAGE \"PROBE_PKG\"", "name"))
                .isEmpty();
    }

    @Test
    void aDirectiveNamesAVersionOfItsChannelAndAPatchTheVersionHas() throws Exception {
        register("V1");

        refused(() -> execute(QA + "SET DEFAULT RELEASE DIRECTIVE VERSION = \"V1\" PATCH = 0"), 512008);
        execute(QA + "ADD VERSION \"V1\"");
        refused(() -> execute(QA + "SET DEFAULT RELEASE DIRECTIVE VERSION = \"V1\" PATCH = 1"), 93036);
        refused(() -> execute(QA + "SET DEFAULT RELEASE DIRECTIVE VERSION = \"V7\" PATCH = 0"), 93031);
        assertThat(column(PACKAGE + " ADD PATCH FOR VERSION \"V1\"" + USING_STAGE, "patch"))
                .containsExactly("1");
        execute(QA + "SET DEFAULT RELEASE DIRECTIVE VERSION = \"V1\" PATCH = 1");

        assertThat(rows(
                        "SHOW RELEASE DIRECTIVES IN APPLICATION PACKAGE \"PROBE_PKG\"",
                        "name",
                        "target_type",
                        "version",
                        "patch",
                        "release_channel_name"))
                .containsExactly(Arrays.of("DEFAULT", null, "V1", "1", "QA"));
    }

    @Test
    void statementsThePackageOrChannelCannotTakeAreRefused() throws Exception {
        refused(() -> execute(PACKAGE.replace("PROBE_PKG", "NO_PKG") + " REGISTER VERSION \"V1\"" + USING_STAGE), 2003)
                .hasMessageContaining("NO_PKG");
        refused(() -> execute(PACKAGE + " MODIFY RELEASE CHANNEL \"BETA\" ADD VERSION \"V1\""), 2003)
                .hasMessageContaining("BETA");
        refused(() -> execute(PACKAGE + " SET DISTRIBUTION = EXTERNAL_SOON"), 1003)
                .hasMessageContaining("SET");
        refused(() -> execute(QA + "RENAME VERSION \"V1\""), 1003);
        refused(() -> execute(PACKAGE + " ADD VERSION \"V1\"" + USING_STAGE), 1003)
                .hasMessageContaining("use REGISTER VERSION");
    }

    private void register(String version) throws SQLException {
        execute(PACKAGE + " REGISTER VERSION \"" + version + "\"" + USING_STAGE + " LABEL = 'probe'");
    }

    private interface Execution {
        void run() throws Exception;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Execution execution, int code) {
        return assertThatThrownBy(execution::run)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(code));
    }

    /** Lists with nulls, which List.of refuses. */
    private static final class Arrays {
        static List<String> of(String... values) {
            return java.util.Arrays.asList(values);
        }
    }

    private List<String> column(String sql, String name) throws SQLException {
        return rows(sql, name).stream().map(row -> row.get(0)).toList();
    }

    private List<List<String>> rows(String sql, String... names) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (String name : names) {
                    row.add(result.getString(name));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
