package io.connectorkit.plugin.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedLogin;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.attribute.PosixFilePermissions;

/** Every connection source and authenticator, resolved and then used by the real driver against the fake. */
class ConnectionSourcesTest {

    @TempDir
    Path home;

    private FakeSnowflake snowflake;
    private final Map<String, String> environment = new HashMap<>();
    private String host;
    private int port;

    @BeforeEach
    void start() throws Exception {
        snowflake = FakeSnowflake.start();
        URI url = URI.create(snowflake.jdbcUrl().substring("jdbc:".length()));
        host = url.getHost();
        port = url.getPort();
        Files.createDirectories(home.resolve(".snowflake"));
    }

    @AfterEach
    void stop() {
        snowflake.close();
    }

    @Test
    void aPasswordConnectionOfConnectionsToml() throws Exception {
        connectionsToml("[dev]\nuser = \"deployer\"\npassword = \"pw\"\nrole = \"CONNECTOR_DEV\"\nwarehouse = \"DEV_WH\"\n");

        connect("dev", Optional.empty());

        RecordedLogin login = snowflake.logins().get(0);
        assertThat(login.user()).isEqualTo("deployer");
        assertThat(login.authenticator()).isEqualTo("SNOWFLAKE");
        assertThat(login.passwordPresent()).isTrue();
        assertThat(login.role()).isEqualTo("CONNECTOR_DEV");
        assertThat(login.warehouse()).isEqualTo("DEV_WH");
    }

    @Test
    void theEnvironmentAloneWithAProgrammaticAccessToken() throws Exception {
        environment.put("SNOWFLAKE_DEFAULT_CONNECTION_NAME", "ci");
        fakeLocation("SNOWFLAKE_CONNECTIONS_CI_");
        environment.put("SNOWFLAKE_CONNECTIONS_CI_USER", "ci_bot");
        environment.put("SNOWFLAKE_CONNECTIONS_CI_AUTHENTICATOR", "PROGRAMMATIC_ACCESS_TOKEN");
        environment.put("SNOWFLAKE_CONNECTIONS_CI_TOKEN", "pat-secret");

        connect(null, Optional.empty());

        assertThat(snowflake.logins().get(0)).satisfies(login -> {
            assertThat(login.user()).isEqualTo("ci_bot");
            assertThat(login.authenticator()).isEqualTo("PROGRAMMATIC_ACCESS_TOKEN");
            assertThat(login.tokenPresent()).isTrue();
        });
    }

    @Test
    void aKeyPairWithItsPassphraseFromAMavenServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path key = home.resolve(".snowflake/deployer.p8");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        connectionsToml("[jwt]\nuser = \"deployer\"\nprivate_key_file = \"" + key + "\"\n");

        connect("jwt", Optional.of(new ConnectionResolver.Server("snowflake-ci", null, null)));

        assertThat(snowflake.logins().get(0).authenticator()).isEqualTo("SNOWFLAKE_JWT");
        assertThat(snowflake.logins().get(0).tokenPresent()).isTrue();
    }

    @Test
    void aMavenServerGivesUserAndPasswordToAConnectionThatHasNeither() throws Exception {
        connectionsToml("[bare]\nrole = \"R\"\n");

        connect("bare", Optional.of(new ConnectionResolver.Server("snowflake-dev", "maven_user", "maven_pw")));

        assertThat(snowflake.logins().get(0).user()).isEqualTo("maven_user");
        assertThat(snowflake.logins().get(0).passwordPresent()).isTrue();
    }

    @Test
    void anOAuthTokenFile() throws Exception {
        Path token = home.resolve("token");
        Files.writeString(token, "oauth-access-token");
        connectionsToml("[oauth]\nauthenticator = \"oauth\"\ntoken_file_path = \"" + token + "\"\nuser = \"svc\"\n");

        connect("oauth", Optional.empty());

        assertThat(snowflake.logins().get(0).authenticator()).isEqualTo("OAUTH");
    }

    @Test
    void aGitHubActionsOidcWorkloadIdentityFromTheEnvironmentAlone() throws Exception {
        fakeLocation("SNOWFLAKE_CONNECTIONS_CI_");
        environment.put("SNOWFLAKE_CONNECTIONS_CI_AUTHENTICATOR", "WORKLOAD_IDENTITY");
        environment.put("SNOWFLAKE_CONNECTIONS_CI_WORKLOAD_IDENTITY_PROVIDER", "OIDC");
        environment.put("SNOWFLAKE_CONNECTIONS_CI_TOKEN", FakeSnowflake.oidcToken(
                "https://token.actions.githubusercontent.com", "repo:acme/connector:environment:prod"));

        connect("ci", Optional.empty());

        assertThat(snowflake.logins().get(0)).satisfies(login -> {
            assertThat(login.authenticator()).isEqualTo("WORKLOAD_IDENTITY");
            assertThat(login.user()).isNull();
            assertThat(login.workloadIdentity()).isEqualTo(new RecordedLogin.WorkloadIdentity("OIDC",
                    "https://token.actions.githubusercontent.com", "repo:acme/connector:environment:prod"));
        });
    }

    @Test
    void aRefusedLoginIsAnSqlErrorWithSnowflakesMessage() throws Exception {
        connectionsToml("[dev]\nuser = \"deployer\"\npassword = \"wrong\"\n");
        snowflake.rejectLogins("Incorrect username or password was specified.");

        assertThatThrownBy(() -> connect("dev", Optional.empty())).isInstanceOf(SQLException.class)
                .hasMessageContaining("Incorrect username or password was specified.");
    }

    private void connect(String name, Optional<ConnectionResolver.Server> server) throws SQLException {
        ConnectionSettings settings = new ConnectionResolver(environment, home).resolve(name, server);
        settings.properties().setProperty("disablePlatformDetection", "true");
        try (SnowflakeSession session = SnowflakeSession.open(settings)) {
            assertThat(session.query("SELECT 1 AS ONE")).isNotNull();
        }
    }

    private void connectionsToml(String connection) throws Exception {
        String table = connection.substring(0, connection.indexOf('\n') + 1);
        String keys = connection.substring(table.length());
        Files.writeString(home.resolve(".snowflake/connections.toml"), table + "account = \"" + FakeSnowflake.ACCOUNT
                + "\"\nhost = \"" + host + "\"\nport = " + port + "\nprotocol = \"http\"\n" + keys);
    }

    private void fakeLocation(String prefix) {
        environment.put(prefix + "ACCOUNT", FakeSnowflake.ACCOUNT);
        environment.put(prefix + "HOST", host);
        environment.put(prefix + "PORT", String.valueOf(port));
        environment.put(prefix + "PROTOCOL", "http");
    }
}
