package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake as a build's hook starts it: reachable through the connection it writes, gone once stopped. */
class FakeSnowflakeServerTest {

    private static final String KEY = "connectorkit.embedded.secretKey";

    @TempDir
    Path home;

    @Test
    void writesAConnectionThatReachesItUntilItStops() throws Exception {
        String keyOfTheBuild = System.clearProperty(KEY);
        try {
            reachableUntilStopped();
        } finally {
            if (keyOfTheBuild != null) {
                System.setProperty(KEY, keyOfTheBuild);
            }
        }
    }

    @Test
    void keepsASecretKeyTheJvmNamesAlready() {
        String keyOfTheBuild =
                System.setProperty(KEY, home.resolve("chosen.key").toString());
        try {
            FakeSnowflakeServer.start(home).stop();
            assertThat(System.getProperty(KEY))
                    .isEqualTo(home.resolve("chosen.key").toString());
        } finally {
            if (keyOfTheBuild != null) {
                System.setProperty(KEY, keyOfTheBuild);
            } else {
                System.clearProperty(KEY);
            }
        }
    }

    private void reachableUntilStopped() throws Exception {
        FakeSnowflakeServer server = FakeSnowflakeServer.start(home);
        String url;
        try {
            assertThat(server.connectionsFile()).isEqualTo(home.resolve(".snowflake/connections.toml"));
            String toml = Files.readString(server.connectionsFile());
            assertThat(toml).startsWith("[fake]\n").contains("host = \"127.0.0.1\"", "protocol = \"http\"");
            Matcher port = Pattern.compile("port = (\\d+)").matcher(toml);
            assertThat(port.find()).isTrue();
            url = "jdbc:snowflake://127.0.0.1:" + port.group(1) + "/?ssl=off&account=" + FakeSnowflake.ACCOUNT;

            try (Connection connection = DriverManager.getConnection(url, properties())) {
                connection.createStatement().execute("SHOW APPLICATIONS");
            }
            assertThat(server.snowflake().applicationStatements())
                    .extracting(RecordedStatement::sql)
                    .containsExactly("SHOW APPLICATIONS");
            assertThat(System.getProperty(KEY))
                    .as("apps' secrets are encrypted with a key under the home given")
                    .isEqualTo(
                            home.resolve(".connectorkit/embedded-secrets.key").toString());
        } finally {
            server.stop();
        }

        assertThat(System.getProperty(KEY)).isNull();
        Properties quick = properties();
        quick.setProperty("loginTimeout", "2");
        quick.setProperty("networkTimeout", "2000");
        assertThatThrownBy(() -> DriverManager.getConnection(url, quick).close())
                .isInstanceOf(Exception.class);
    }

    private static Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("user", FakeSnowflake.USER);
        properties.setProperty("password", FakeSnowflake.PASSWORD);
        properties.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        properties.setProperty("disablePlatformDetection", "true");
        return properties;
    }
}
