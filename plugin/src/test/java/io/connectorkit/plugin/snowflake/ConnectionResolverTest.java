package io.connectorkit.plugin.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.FakeSnowflake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections resolved from every source, the way Snowflake's CLI resolves them. */
class ConnectionResolverTest {

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void connectionsFile() throws Exception {
        Files.createDirectories(home.resolve(".snowflake"));
        Files.writeString(home.resolve(".snowflake/connections.toml"), """
                [default]
                account = "acme-prod"
                user = "deployer"
                password = "s3cr3t"
                role = "CONNECTOR_DEV"
                warehouse = "DEV_WH"

                [ci]
                account = "acme-ci"
                user = "ci_bot"
                authenticator = "snowflake_jwt"
                private_key_file = "/keys/ci.p8"

                [local_fake]
                account = "fake"
                user = "tester"
                password = "pw"
                host = "127.0.0.1"
                port = 8085
                protocol = "http"
                """);
    }

    @Test
    void theDefaultConnectionOfConnectionsToml() {
        ConnectionSettings settings = resolver().resolve(null, Optional.empty());

        assertThat(settings.url()).isEqualTo("jdbc:snowflake://acme-prod.snowflakecomputing.com:443/");
        assertThat(settings.properties())
                .containsEntry("account", "acme-prod")
                .containsEntry("user", "deployer")
                .containsEntry("password", "s3cr3t")
                .containsEntry("role", "CONNECTOR_DEV")
                .containsEntry("warehouse", "DEV_WH")
                .containsEntry("JDBC_QUERY_RESULT_FORMAT", "JSON");
        assertThat(settings.sources()).containsExactly(home.resolve(".snowflake/connections.toml") + " [default]");
        assertThat(settings.toString()).doesNotContain("s3cr3t");
        assertThat(settings.describe())
                .isEqualTo("account acme-prod as deployer with SNOWFLAKE, role CONNECTOR_DEV " + "(from "
                        + home.resolve(".snowflake/connections.toml") + " [default])");
    }

    @Test
    void theDefaultNameComesFromTheEnvironmentAndKeysAreOverriddenOneByOne() {
        environment.put("SNOWFLAKE_DEFAULT_CONNECTION_NAME", "ci");
        environment.put("SNOWFLAKE_CONNECTIONS_CI_ROLE", "RELEASE");
        environment.put("SNOWFLAKE_CONNECTIONS_CI_PRIVATE_KEY_PASSPHRASE", "phrase");

        ConnectionSettings settings = resolver().resolve(null, Optional.empty());

        assertThat(settings.properties())
                .containsEntry("account", "acme-ci")
                .containsEntry("role", "RELEASE")
                .containsEntry("authenticator", "SNOWFLAKE_JWT")
                .containsEntry("private_key_file", "/keys/ci.p8")
                .containsEntry("private_key_file_pwd", "phrase");
        assertThat(settings.sources())
                .containsExactly(
                        home.resolve(".snowflake/connections.toml") + " [ci]",
                        "SNOWFLAKE_CONNECTIONS_CI_* environment variables");
    }

    @Test
    void aConnectionCanLiveInTheEnvironmentAlone() {
        environment.put("SNOWFLAKE_CONNECTIONS_PIPELINE_ACCOUNT", "acme-ci");
        environment.put("SNOWFLAKE_CONNECTIONS_PIPELINE_USER", "ci_bot");
        environment.put("SNOWFLAKE_CONNECTIONS_PIPELINE_AUTHENTICATOR", "PROGRAMMATIC_ACCESS_TOKEN");
        environment.put("SNOWFLAKE_CONNECTIONS_PIPELINE_TOKEN", "pat-123");

        ConnectionSettings settings = resolver().resolve("pipeline", Optional.empty());

        assertThat(settings.properties())
                .containsEntry("token", "pat-123")
                .containsEntry("authenticator", "PROGRAMMATIC_ACCESS_TOKEN");
        assertThat(settings.toString()).doesNotContain("pat-123");
    }

    @Test
    void aMavenServerGivesTheUserAndThePasswordOrTheKeyPassphrase() {
        environment.put("SNOWFLAKE_CONNECTIONS_SERVERLESS_ACCOUNT", "acme");
        ConnectionSettings password = resolver()
                .resolve(
                        "serverless",
                        Optional.of(new ConnectionResolver.Server("snowflake-dev", "maven_user", "from-settings")));
        ConnectionSettings passphrase = resolver()
                .resolve("ci", Optional.of(new ConnectionResolver.Server("snowflake-ci", null, "key-phrase")));

        assertThat(password.properties())
                .containsEntry("user", "maven_user")
                .containsEntry("password", "from-settings");
        assertThat(password.sources()).contains("settings.xml server 'snowflake-dev'");
        assertThat(passphrase.properties())
                .containsEntry("user", "ci_bot")
                .containsEntry("private_key_file_pwd", "key-phrase")
                .doesNotContainKey("password");
    }

    @Test
    void anHttpHostAndAnOAuthTokenFileAndAnInlineKey() throws Exception {
        Path tokenFile = home.resolve("token");
        Files.writeString(tokenFile, "oauth-token\n");
        environment.put("SNOWFLAKE_CONNECTIONS_SPCS_ACCOUNT", "acme");
        environment.put("SNOWFLAKE_CONNECTIONS_SPCS_AUTHENTICATOR", "oauth");
        environment.put("SNOWFLAKE_CONNECTIONS_SPCS_TOKEN_FILE_PATH", tokenFile.toString());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        environment.put("SNOWFLAKE_CONNECTIONS_INLINE_ACCOUNT", "acme");
        environment.put("SNOWFLAKE_CONNECTIONS_INLINE_USER", "svc");
        environment.put("SNOWFLAKE_CONNECTIONS_INLINE_PRIVATE_KEY_RAW", pem);

        assertThat(resolver().resolve("local_fake", Optional.empty()).url())
                .isEqualTo("jdbc:snowflake://127.0.0.1:8085/?ssl=off");
        assertThat(resolver().resolve("spcs", Optional.empty()).properties())
                .containsEntry("token", "oauth-token")
                .containsEntry("authenticator", "OAUTH");
        ConnectionSettings inline = resolver().resolve("inline", Optional.empty());
        assertThat(inline.properties().get("privateKey")).isInstanceOf(PrivateKey.class);
        assertThat(inline.properties()).containsEntry("authenticator", "SNOWFLAKE_JWT");
        assertThat(inline.toString()).doesNotContain("BEGIN PRIVATE KEY");
    }

    @Test
    void aMissingConnectionListsEverySourceTried() throws Exception {
        Files.createDirectories(home.resolve("elsewhere"));
        environment.put("SNOWFLAKE_HOME", home.resolve("elsewhere").toString());

        assertThatThrownBy(() -> resolver().resolve("dev", Optional.empty()))
                .hasMessage("No usable Snowflake connection 'dev': missing account, user, password (or a Maven server "
                        + "with -Dconnector.serverId); tried " + home.resolve("elsewhere/connections.toml")
                        + " (no such file; nor " + home.resolve("elsewhere/config.toml") + "), "
                        + "SNOWFLAKE_CONNECTIONS_DEV_* environment variables (none set). Define it in "
                        + home.resolve("elsewhere/connections.toml") + " as [dev] (account, user, and password or "
                        + "private_key_file or token; or authenticator = \"WORKLOAD_IDENTITY\" with "
                        + "workload_identity_provider), or set SNOWFLAKE_CONNECTIONS_DEV_ACCOUNT and the others, or name "
                        + "a Maven server with -Dconnector.serverId for the user and password; pick another connection "
                        + "with -Dconnector.connection=<name>");
    }

    @Test
    void anIncompleteConnectionSaysWhatIsMissing() {
        environment.put("SNOWFLAKE_CONNECTIONS_HALF_ACCOUNT", "acme");
        environment.put("SNOWFLAKE_CONNECTIONS_HALF_USER", "svc");
        environment.put("SNOWFLAKE_CONNECTIONS_HALF_AUTHENTICATOR", "SNOWFLAKE_JWT");

        assertThatThrownBy(() -> resolver().resolve("half", Optional.empty()))
                .hasMessageStartingWith("No usable Snowflake connection 'half': missing private_key_file (the key "
                        + "pair's private key); tried SNOWFLAKE_CONNECTIONS_HALF_* environment variables, ");
    }

    @Test
    void aGitHubActionsOidcWorkloadIdentityNeedsNoUserAndNeverShowsTheToken() {
        String token = FakeSnowflake.oidcToken("https://token.actions.githubusercontent.com", "repo:acme/c:ref:main");
        environment.put("SNOWFLAKE_CONNECTIONS_GHA_ACCOUNT", "acme-ci");
        environment.put("SNOWFLAKE_CONNECTIONS_GHA_AUTHENTICATOR", "workload_identity");
        environment.put("SNOWFLAKE_CONNECTIONS_GHA_WORKLOAD_IDENTITY_PROVIDER", "oidc");
        environment.put("SNOWFLAKE_CONNECTIONS_GHA_TOKEN", token);

        ConnectionSettings settings = resolver().resolve("gha", Optional.empty());

        assertThat(settings.properties())
                .containsEntry("authenticator", "WORKLOAD_IDENTITY")
                .containsEntry("workloadIdentityProvider", "OIDC")
                .containsEntry("token", token)
                .doesNotContainKey("user");
        assertThat(settings.describe())
                .isEqualTo("account acme-ci as (no user) with WORKLOAD_IDENTITY (OIDC) (from "
                        + "SNOWFLAKE_CONNECTIONS_GHA_* environment variables)");
        assertThat(settings.toString()).doesNotContain(token);
    }

    @Test
    void aWorkloadIdentityTokenFileOfConnectionsTomlOrTheMavenServersPassword() throws Exception {
        String token = FakeSnowflake.oidcToken("https://gitlab.example.com", "project_path:acme/c:ref_type:branch");
        Path tokenFile = home.resolve("id-token");
        Files.writeString(tokenFile, token + "\n");
        Files.writeString(home.resolve(".snowflake/connections.toml"), """
                [file]
                account = "acme"
                authenticator = "WORKLOAD_IDENTITY"
                workload_identity_provider = "OIDC"
                token_file_path = "%s"

                [server]
                account = "acme"
                authenticator = "WORKLOAD_IDENTITY"
                workload_identity_provider = "AZURE"
                workload_identity_entra_resource = "api://snowflake"
                """.formatted(tokenFile));

        assertThat(resolver().resolve("file", Optional.empty()).properties())
                .containsEntry("token", token)
                .doesNotContainKey("token_file_path");
        assertThat(resolver()
                        .resolve("server", Optional.of(new ConnectionResolver.Server("ci", "svc", token)))
                        .properties())
                .containsEntry("token", token)
                .doesNotContainKey("password")
                .containsEntry("workloadIdentityProvider", "AZURE")
                .containsEntry("workloadIdentityEntraResource", "api://snowflake");
    }

    @Test
    void aWorkloadIdentityWithoutOrWithAnUnknownProviderNamesTheKeyAndWhereItCameFrom() {
        environment.put("SNOWFLAKE_CONNECTIONS_GHA_ACCOUNT", "acme-ci");
        environment.put("SNOWFLAKE_CONNECTIONS_GHA_AUTHENTICATOR", "WORKLOAD_IDENTITY");

        assertThatThrownBy(() -> resolver().resolve("gha", Optional.empty()))
                .hasMessage("Snowflake connection 'gha' has authenticator = WORKLOAD_IDENTITY (from "
                        + "SNOWFLAKE_CONNECTIONS_GHA_AUTHENTICATOR) but no workload_identity_provider; set it to AWS, "
                        + "AZURE, GCP, OIDC (OIDC for a CI provider's ID token, as in GitHub Actions) in the same place "
                        + "or as SNOWFLAKE_CONNECTIONS_GHA_WORKLOAD_IDENTITY_PROVIDER");

        environment.put("SNOWFLAKE_CONNECTIONS_GHA_WORKLOAD_IDENTITY_PROVIDER", "GITHUB");
        assertThatThrownBy(() -> resolver().resolve("gha", Optional.empty()))
                .hasMessage("Snowflake connection 'gha': workload_identity_provider = 'GITHUB' (from "
                        + "SNOWFLAKE_CONNECTIONS_GHA_WORKLOAD_IDENTITY_PROVIDER) is not a provider the driver knows; "
                        + "use one of AWS, AZURE, GCP, OIDC");
    }

    @Test
    void anOidcWorkloadIdentityWithoutATokenOrWithOneThatIsNoJwtSaysSoWithoutShowingIt() {
        environment.put("SNOWFLAKE_CONNECTIONS_GHA_ACCOUNT", "acme-ci");
        environment.put("SNOWFLAKE_CONNECTIONS_GHA_AUTHENTICATOR", "WORKLOAD_IDENTITY");
        environment.put("SNOWFLAKE_CONNECTIONS_GHA_WORKLOAD_IDENTITY_PROVIDER", "OIDC");

        assertThatThrownBy(() -> resolver().resolve("gha", Optional.empty()))
                .hasMessage("Snowflake connection 'gha' logs in with an OIDC workload identity but has no token; set "
                        + "token_file_path to a file holding the CI provider's ID token, or pass the token as "
                        + "SNOWFLAKE_CONNECTIONS_GHA_TOKEN (never in connections.toml)");

        environment.put("SNOWFLAKE_CONNECTIONS_GHA_TOKEN", "ghs_an_access_token_not_an_id_token");
        assertThatThrownBy(() -> resolver().resolve("gha", Optional.empty()))
                .hasMessage("Snowflake connection 'gha': the token (from SNOWFLAKE_CONNECTIONS_GHA_TOKEN) is not an "
                        + "OIDC ID token (a JWT of three dot-separated parts whose claims name iss and sub); pass the "
                        + "ID token your CI provider issues for the audience snowflakecomputing.com, not an access "
                        + "token or a password")
                .message()
                .doesNotContain("ghs_an_access_token_not_an_id_token");
    }

    @Test
    void theCliDefaultConnectionNameOfConfigTomlIsTheDefaultUnlessTheEnvironmentNamesOne() throws Exception {
        Files.writeString(home.resolve(".snowflake/config.toml"), "default_connection_name = \"ci\"\n");
        environment.put("SNOWFLAKE_CONNECTIONS_CI_PRIVATE_KEY_PASSPHRASE", "phrase");

        assertThat(resolver().resolve(null, Optional.empty()).properties()).containsEntry("account", "acme-ci");
        assertThat(resolver().resolve("", Optional.empty()).properties()).containsEntry("account", "acme-ci");

        environment.put("SNOWFLAKE_DEFAULT_CONNECTION_NAME", "default");
        assertThat(resolver().resolve(null, Optional.empty()).properties()).containsEntry("account", "acme-prod");
    }

    @Test
    void withoutConnectionsTomlTheConnectionsOfConfigTomlServe() throws Exception {
        Files.delete(home.resolve(".snowflake/connections.toml"));
        Files.writeString(home.resolve(".snowflake/config.toml"), """
                default_connection_name = "myconnection"

                [connections.myconnection]
                account = "acme-config"
                user = "jdoe"
                password = "hunter2"

                [cli.logs]
                save_logs = true
                """);

        ConnectionSettings settings = resolver().resolve(null, Optional.empty());

        assertThat(settings.properties())
                .containsEntry("account", "acme-config")
                .containsEntry("user", "jdoe");
        assertThat(settings.sources())
                .containsExactly(home.resolve(".snowflake/config.toml") + " [connections.myconnection]");
        assertThatThrownBy(() -> resolver().resolve("other", Optional.empty()))
                .hasMessageContaining("tried " + home.resolve(".snowflake/config.toml")
                        + " (no [connections.other] table; no connections.toml beside it)")
                .hasMessageContaining(
                        "Define it in " + home.resolve(".snowflake/config.toml") + " as [connections.other] (");
    }

    @Test
    void connectionsTomlReplacesTheConnectionsOfConfigTomlWhole() throws Exception {
        Files.writeString(home.resolve(".snowflake/config.toml"), """
                [connections.only_in_config]
                account = "acme-config"
                user = "jdoe"
                password = "hunter2"
                """);

        assertThatThrownBy(() -> resolver().resolve("only_in_config", Optional.empty()))
                .hasMessageContaining(
                        "tried " + home.resolve(".snowflake/connections.toml") + " (no [only_in_config] table)")
                .hasMessageContaining(
                        "Define it in " + home.resolve(".snowflake/connections.toml") + " as [only_in_config] (");
    }

    @Test
    void brokenTomlIsNamed() throws Exception {
        Files.writeString(home.resolve(".snowflake/connections.toml"), "[default\naccount = 1\n");

        assertThatThrownBy(() -> resolver().resolve(null, Optional.empty()))
                .hasMessageStartingWith(
                        "The connections file " + home.resolve(".snowflake/connections.toml") + " is not valid TOML");
    }

    private ConnectionResolver resolver() {
        return new ConnectionResolver(environment, home);
    }

    @Test
    void aBrokenConfigTomlIsNamedOnlyWhenItIsRead() throws Exception {
        Files.writeString(home.resolve(".snowflake/config.toml"), "default_connection_name = \n");

        assertThat(resolver()
                        .resolve("ci", Optional.of(new ConnectionResolver.Server("s", null, "phrase")))
                        .properties())
                .containsEntry("account", "acme-ci");
        assertThatThrownBy(() -> resolver().resolve(null, Optional.empty()))
                .hasMessageStartingWith("The Snowflake CLI config file " + home.resolve(".snowflake/config.toml")
                        + " is not valid TOML");
    }
}
