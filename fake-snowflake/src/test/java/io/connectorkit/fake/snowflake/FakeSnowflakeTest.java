package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fake, through the real Snowflake JDBC driver. */
class FakeSnowflakeTest {

    private static final byte[] CONTENT = "CREATE SCHEMA IF NOT EXISTS core;\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    private FakeSnowflake snowflake;

    @BeforeEach
    void start() {
        snowflake = FakeSnowflake.start();
    }

    @AfterEach
    void stop() {
        snowflake.close();
    }

    @Test
    void recordsAPasswordLoginWithoutThePassword() throws Exception {
        try (Connection connection = connect()) {
            assertThat(connection.isClosed()).isFalse();
        }

        assertThat(snowflake.logins())
                .containsExactly(new RecordedLogin(
                        FakeSnowflake.USER,
                        FakeSnowflake.ACCOUNT,
                        "SNOWFLAKE",
                        true,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null));
        assertThat(snowflake.logins().toString()).doesNotContain(FakeSnowflake.PASSWORD);
    }

    @Test
    void recordsTheDatabaseRoleAndWarehouseAskedFor() throws Exception {
        Properties properties = snowflake.connectionProperties();
        properties.setProperty("db", "APP_DB");
        properties.setProperty("schema", "CORE");
        properties.setProperty("role", "DEPLOYER");
        properties.setProperty("warehouse", "XS");

        try (Connection connection = DriverManager.getConnection(snowflake.jdbcUrl(), properties)) {
            assertThat((Throwable) connection.getWarnings()).isNull();
        }

        RecordedLogin login = snowflake.logins().get(0);
        assertThat(List.of(login.database(), login.schema(), login.role(), login.warehouse()))
                .containsExactly("APP_DB", "CORE", "DEPLOYER", "XS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PROGRAMMATIC_ACCESS_TOKEN", "OAUTH"})
    void acceptsTokenLogins(String authenticator) throws Exception {
        Properties properties = snowflake.connectionProperties();
        properties.remove("password");
        properties.setProperty("authenticator", authenticator);
        properties.setProperty("token", "secret-token");

        try (Connection connection = DriverManager.getConnection(snowflake.jdbcUrl(), properties)) {
            assertThat(connection.isClosed()).isFalse();
        }

        RecordedLogin login = snowflake.logins().get(0);
        assertThat(login.authenticator()).isEqualTo(authenticator);
        assertThat(login.tokenPresent()).isTrue();
        assertThat(login.passwordPresent()).isFalse();
    }

    @Test
    void acceptsAnOidcWorkloadIdentityLoginAndRecordsWhoItClaims() throws Exception {
        Properties properties = snowflake.connectionProperties();
        properties.remove("password");
        properties.remove("user");
        properties.setProperty("authenticator", "WORKLOAD_IDENTITY");
        properties.setProperty("workloadIdentityProvider", "OIDC");
        properties.setProperty(
                "token",
                FakeSnowflake.oidcToken(
                        "https://token.actions.githubusercontent.com", "repo:acme/connector:ref:refs/heads/main"));

        try (Connection connection = DriverManager.getConnection(snowflake.jdbcUrl(), properties)) {
            assertThat(connection.isClosed()).isFalse();
        }

        RecordedLogin login = snowflake.logins().get(0);
        assertThat(login.authenticator()).isEqualTo("WORKLOAD_IDENTITY");
        assertThat(login.tokenPresent()).isTrue();
        assertThat(login.workloadIdentity())
                .isEqualTo(new RecordedLogin.WorkloadIdentity(
                        "OIDC",
                        "https://token.actions.githubusercontent.com",
                        "repo:acme/connector:ref:refs/heads/main"));
    }

    @Test
    void refusesAWorkloadIdentityLoginWhoseTokenIsNoJwt() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String body = "{\"data\":{\"ACCOUNT_NAME\":\"" + FakeSnowflake.ACCOUNT + "\",\"AUTHENTICATOR\":"
                + "\"WORKLOAD_IDENTITY\",\"PROVIDER\":\"OIDC\",\"TOKEN\":\"not-a-jwt\"}}";
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://"
                                + URI.create(snowflake.jdbcUrl().substring("jdbc:".length()))
                                        .getAuthority() + "/session/v1/login-request"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.body())
                .contains("\"success\":false")
                .contains("\"code\":\"390100\"")
                .contains("Invalid OIDC token: it must be a JWT with iss and sub claims.");
        assertThat(snowflake.logins()).isEmpty();
    }

    @Test
    void acceptsAKeyPairLogin() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Properties properties = snowflake.connectionProperties();
        properties.remove("password");
        properties.setProperty("authenticator", "SNOWFLAKE_JWT");
        properties.put("privateKey", generator.generateKeyPair().getPrivate());

        try (Connection connection = DriverManager.getConnection(snowflake.jdbcUrl(), properties)) {
            assertThat(connection.isClosed()).isFalse();
        }

        assertThat(snowflake.logins().get(0).authenticator()).isEqualTo("SNOWFLAKE_JWT");
        assertThat(snowflake.logins().get(0).tokenPresent()).isTrue();
    }

    @Test
    void aRejectedLoginFailsTheConnection() throws Exception {
        snowflake.rejectLogins("Incorrect username or password was specified.");

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(390100))
                .hasMessageContaining("Incorrect username or password was specified.");
        assertThat(snowflake.logins()).hasSize(1);

        snowflake.acceptLogins();
        try (Connection connection = connect()) {
            assertThat(connection.isClosed()).isFalse();
        }
    }

    @Test
    void answersASelectWithACannedResult() throws Exception {
        snowflake.on(
                sql -> sql.startsWith("SELECT name"),
                Reply.columns(
                                Column.text("NAME"),
                                Column.number("VERSION"),
                                Column.bool("ENABLED"),
                                Column.text("COMMENT"))
                        .row("CONNECTOR", 42, true, null)
                        .row("OTHER", 7, false, "second"));

        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name, version, enabled, comment FROM packages")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("NAME")).isEqualTo("CONNECTOR");
            assertThat(rows.getInt("VERSION")).isEqualTo(42);
            assertThat(rows.getBoolean("ENABLED")).isTrue();
            assertThat(rows.getString("COMMENT")).isNull();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBoolean(3)).isFalse();
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void answersOtherStatementsLikeSnowflakeAnswersDdl() throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            assertThat(statement.execute("CREATE APPLICATION PACKAGE IF NOT EXISTS pkg"))
                    .isFalse();
            assertThat(statement.getUpdateCount()).isZero();
            assertThat(statement.executeUpdate("DELETE FROM state")).isZero();
            try (ResultSet rows = statement.executeQuery("ALTER APPLICATION PACKAGE pkg SET DISTRIBUTION = INTERNAL")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("status")).isEqualTo(Reply.STATEMENT_EXECUTED);
            }
        }

        assertThat(snowflake.statements())
                .extracting(RecordedStatement::sql)
                .containsExactly(
                        "CREATE APPLICATION PACKAGE IF NOT EXISTS pkg",
                        "DELETE FROM state",
                        "ALTER APPLICATION PACKAGE pkg SET DISTRIBUTION = INTERNAL");
    }

    @Test
    void recordsTheValuesBoundToAPreparedStatement() throws Exception {
        snowflake.on(
                sql -> sql.startsWith("INSERT"),
                query -> Reply.rowsAffected(query.bindings().size()));

        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO state VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, "key");
            insert.setInt(2, 7);
            insert.setBoolean(3, true);
            insert.setNull(4, Types.VARCHAR);
            insert.setDouble(5, 1.5);
            assertThat(insert.executeUpdate()).isEqualTo(5);
        }

        assertThat(snowflake.statements())
                .containsExactly(new RecordedStatement(
                        "INSERT INTO state VALUES (?, ?, ?, ?, ?)", Arrays.asList("key", 7L, true, null, 1.5)));
    }

    @Test
    void anErrorReplySurfacesAsSqlExceptionWithItsVendorCode() throws Exception {
        snowflake.on(
                sql -> sql.startsWith("CREATE APPLICATION"),
                Reply.error(93030, "P0000", "Application package version is invalid."));

        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("CREATE APPLICATION app FROM APPLICATION PACKAGE pkg"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(93030);
                        assertThat(e.getSQLState()).isEqualTo("P0000");
                    })
                    .hasMessageContaining("Application package version is invalid.");
        }
    }

    @Test
    void describesAPreparedStatementWithoutRecordingIt() throws Exception {
        snowflake.on(sql -> sql.startsWith("SELECT"), Reply.columns(Column.text("NAME"), Column.number("VERSION")));

        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement("SELECT name, version FROM pkgs WHERE id = ?")) {
            assertThat(select.getMetaData().getColumnName(2)).isEqualTo("VERSION");
        }

        assertThat(snowflake.statements()).isEmpty();
    }

    @Test
    void aFailingCannedReplySurfacesAsSqlException() throws Exception {
        snowflake.on(sql -> true, query -> {
            throw new IllegalStateException("not ready for " + query.sql());
        });

        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SELECT 1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("not ready for SELECT 1");
        }
    }

    @Test
    void putCopiesTheFileIntoTheStageByteForByte() throws Exception {
        Path file = Files.write(temp.resolve("setup.sql"), CONTENT);

        String put = "PUT file://" + file + " @PKG_DB.STAGE_SCHEMA.APP_STAGE/scripts"
                + " AUTO_COMPRESS=FALSE OVERWRITE=TRUE";
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(put)) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString("status")).isEqualTo("UPLOADED");
        }

        assertThat(snowflake.stageFiles("pkg_db.stage_schema.app_stage"))
                .containsOnlyKeys("scripts/setup.sql")
                .hasEntrySatisfying(
                        "scripts/setup.sql", content -> assertThat(content).isEqualTo(CONTENT));
        assertThat(snowflake.uploadedBytes()).isEqualTo(CONTENT.length);
        assertThat(snowflake.statements()).extracting(RecordedStatement::sql).containsExactly(put);
    }

    @Test
    void putCompressesUnlessToldNotTo() throws Exception {
        Path file = Files.write(temp.resolve("setup.sql"), CONTENT);

        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("PUT file://" + file + " @APP_SRC.STAGE");
        }

        byte[] compressed = snowflake.stageFiles("APP_SRC.STAGE").get("setup.sql.gz");
        try (GZIPInputStream content = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertThat(content.readAllBytes()).isEqualTo(CONTENT);
        }
        assertThat(snowflake.uploadedBytes()).isEqualTo(compressed.length);
    }

    @Test
    void putKeepsQuotedStageNamesAsWritten() throws Exception {
        Path file = Files.write(temp.resolve("my file.sql"), CONTENT);

        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("PUT 'file://" + file + "' '@\"Pkg\".\"Stage schema\".\"Stage\"/a/b/' PARALLEL=1 "
                    + "AUTO_COMPRESS=FALSE");
        }

        assertThat(snowflake.stageFiles("@\"Pkg\".\"Stage schema\".\"Stage\"")).containsOnlyKeys("a/b/my file.sql");
        assertThat(snowflake.stageFiles("PKG.\"Stage schema\".STAGE")).isEmpty();
    }

    @Test
    void listShowsTheStagedFilesWithSizeAndMd5() throws Exception {
        Path file = Files.write(temp.resolve("setup.sql"), CONTENT);

        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("PUT file://" + file + " @app_src.stage/v1 AUTO_COMPRESS=FALSE OVERWRITE=TRUE");
            try (ResultSet rows = statement.executeQuery("LIST @app_src.stage/v1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("name")).isEqualTo("stage/v1/setup.sql");
                assertThat(rows.getLong("size")).isEqualTo(CONTENT.length);
                assertThat(rows.getString("md5")).isEqualTo(md5(CONTENT));
                assertThat(rows.getString("last_modified")).endsWith(" GMT");
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void listShowsAnOverriddenMd5AndFiltersByPrefixAndPattern() throws Exception {
        snowflake.addStageFile("APP_SRC.STAGE", "v1/manifest.yml", CONTENT);
        snowflake.addStageFile("APP_SRC.STAGE", "v1/big.jar", CONTENT);
        snowflake.addStageFile("APP_SRC.STAGE", "v2/manifest.yml", CONTENT);
        snowflake.overrideMd5("APP_SRC.STAGE", "v1/big.jar", md5(CONTENT) + "-2");

        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            assertThat(names(statement.executeQuery("LIST @APP_SRC.STAGE/v1")))
                    .containsExactly("stage/v1/big.jar", "stage/v1/manifest.yml");
            assertThat(names(statement.executeQuery("LIST @app_src.stage PATTERN = '.*manifest[.]yml'")))
                    .containsExactly("stage/v1/manifest.yml", "stage/v2/manifest.yml");
            try (ResultSet rows = statement.executeQuery("LIST @app_src.stage/v1/big.jar")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("md5")).isEqualTo(md5(CONTENT) + "-2");
            }
        }
        assertThat(snowflake.uploadedBytes()).isZero();
    }

    @Test
    void removeDeletesTheFileAndNamesIt() throws Exception {
        Path file = Files.write(temp.resolve("setup.sql"), CONTENT);

        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("PUT file://" + file + " @APP_SRC.STAGE/v1 AUTO_COMPRESS=FALSE OVERWRITE=TRUE");
            try (ResultSet rows = statement.executeQuery("REMOVE @APP_SRC.STAGE/v1/setup.sql")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("name")).isEqualTo("stage/v1/setup.sql");
                assertThat(rows.getString("result")).isEqualTo("removed");
                assertThat(rows.next()).isFalse();
            }
        }

        assertThat(snowflake.stageFiles("APP_SRC.STAGE")).isEmpty();
        assertThat(snowflake.statements())
                .extracting(RecordedStatement::sql)
                .last()
                .isEqualTo("REMOVE @APP_SRC.STAGE/v1/setup.sql");
    }

    @Test
    void putWithoutOverwriteKeepsAnExistingFile() throws Exception {
        snowflake.addStageFile("APP_SRC.STAGE", "setup.sql", "old".getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(temp.resolve("setup.sql"), CONTENT);

        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("PUT file://" + file + " @APP_SRC.STAGE AUTO_COMPRESS=FALSE OVERWRITE=FALSE");
        }

        assertThat(snowflake.stageFiles("APP_SRC.STAGE").get("setup.sql"))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("old");
        assertThat(snowflake.uploadedBytes()).isZero();
    }

    @Test
    void tellsTheDriversHousekeepingApart() throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("CREATE STAGE IF NOT EXISTS APP_SRC.STAGE");
        }

        assertThat(snowflake.statements()).hasSize(2);
        assertThat(snowflake.statements().get(0).isDriverHousekeeping()).isTrue();
        assertThat(snowflake.applicationStatements())
                .extracting(RecordedStatement::sql)
                .containsExactly("CREATE STAGE IF NOT EXISTS APP_SRC.STAGE");
    }

    @Test
    void servesConnectionsOneAfterTheOther() throws Exception {
        for (String sql : List.of("SELECT 1", "SELECT 2")) {
            try (Connection connection = connect();
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        assertThat(snowflake.logins()).hasSize(2);
        assertThat(snowflake.statements()).extracting(RecordedStatement::sql).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void servesStatementsFromTwoThreadsAtOnce() throws Exception {
        // Each statement is held until the other one has arrived too, which a server answering one request at a
        // time would never see.
        CountDownLatch bothArrived = new CountDownLatch(2);
        snowflake.on(sql -> sql.startsWith("SELECT"), query -> {
            bothArrived.countDown();
            try {
                return bothArrived.await(30, TimeUnit.SECONDS)
                        ? Reply.columns(Column.text("sql")).row(query.sql())
                        : Reply.error(1, "57014", "The other statement never arrived");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Reply.error(1, "57014", "Interrupted");
            }
        });

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (String sql : List.of("SELECT 'left'", "SELECT 'right'")) {
                answers.add(threads.submit(() -> {
                    try (Connection connection = connect();
                            Statement statement = connection.createStatement();
                            ResultSet rows = statement.executeQuery(sql)) {
                        rows.next();
                        return rows.getString(1);
                    }
                }));
            }
            assertThat(answers.get(0).get(60, TimeUnit.SECONDS)).isEqualTo("SELECT 'left'");
            assertThat(answers.get(1).get(60, TimeUnit.SECONDS)).isEqualTo("SELECT 'right'");
        } finally {
            threads.shutdownNow();
        }
        assertThat(snowflake.statements())
                .extracting(RecordedStatement::sql)
                .containsExactlyInAnyOrder("SELECT 'left'", "SELECT 'right'");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties());
    }

    private static List<String> names(ResultSet rows) throws SQLException {
        try (rows) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString("name"));
            }
            return names;
        }
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }
}
