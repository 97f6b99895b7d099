package io.connectorkit.it.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.snowflake.SnowflakeCliFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowAccountTest {

    private static final Map<String, String> ACCOUNT_OBJECTS = Map.of("SNOWFLAKE_WAREHOUSE", "FLOW_WH");

    @TempDir
    Path home;

    @Test
    void theFakeAccountNeedsNoSettings() {
        FlowAccount account = FlowAccount.choose(FlowAccount.FAKE, new Properties(), Map.of(), home);

        assertThat(account.live()).isFalse();
        assertThat(account.skipLine()).isEmpty();
        assertThat(account.userProperties())
                .containsEntry("connector.connection", "fake")
                .containsEntry("connector.warehouse", "BIGGER_WH");
    }

    @Test
    void liveWithoutAnyConnectionSkipsWithOneLineNamingTheSettings() {
        FlowAccount account = FlowAccount.choose(FlowAccount.LIVE, new Properties(), ACCOUNT_OBJECTS, home);

        assertThat(account.live()).isTrue();
        assertThat(account.skipLine())
                .hasValueSatisfying(line -> assertThat(line)
                        .startsWith(
                                "[live] skipped: no Snowflake connection configured (set SNOWFLAKE_CONNECTIONS_<NAME>_"
                                        + "ACCOUNT… or the Snowflake CLI's connections.toml or config.toml, and "
                                        + "choose it with -Dlive.connection=NAME)")
                        .contains(
                                "'default'",
                                // Without ~/.snowflake, the CLI's folder is the platform's config folder.
                                SnowflakeCliFiles.find(ACCOUNT_OBJECTS, home, System.getProperty("os.name"))
                                        .connectionsFile()
                                        .toString())
                        .doesNotContain("\n"));
    }

    @Test
    void liveRequiredFailsInsteadOfSkipping() {
        Properties properties = new Properties();
        properties.setProperty("live.required", "true");

        assertThatThrownBy(() -> FlowAccount.choose(FlowAccount.LIVE, properties, ACCOUNT_OBJECTS, home))
                .hasMessageStartingWith("[live] cannot run, and -Dlive.required=true requires it: no Snowflake "
                        + "connection configured");
    }

    @Test
    void liveRunsOnTheConnectionTheEnvironmentNamesWithThePublicApi() {
        Map<String, String> environment = new HashMap<>(ACCOUNT_OBJECTS);
        environment.putAll(Map.of(
                "SNOWFLAKE_CONNECTIONS_CI_ACCOUNT",
                "myorg-ci",
                "SNOWFLAKE_CONNECTIONS_CI_USER",
                "deployer",
                "SNOWFLAKE_CONNECTIONS_CI_PASSWORD",
                "not-a-real-password"));
        Properties properties = new Properties();
        properties.setProperty("live.connection", "ci");

        FlowAccount account = FlowAccount.choose(FlowAccount.LIVE, properties, environment, home);

        assertThat(account.skipLine()).isEmpty();
        assertThat(account.userProperties())
                .containsEntry("connector.connection", "ci")
                .containsEntry("api.url", "https://httpbin.org/anything")
                .containsEntry("apiHost", "httpbin.org")
                .containsEntry("connector.warehouse", "FLOW_WH")
                .doesNotContainValue("not-a-real-password");
    }

    @Test
    void liveFindsTheDefaultConnectionInConnectionsTomlAndTakesAnotherApi() throws Exception {
        Files.createDirectories(home.resolve(".snowflake"));
        Files.writeString(home.resolve(".snowflake/connections.toml"), """
                [default]
                account = "myorg-dev"
                user = "deployer"
                password = "not-a-real-password"
                """);
        Properties properties = new Properties();
        properties.setProperty("live.apiUrl", "https://records.example.com/v1");

        FlowAccount account = FlowAccount.choose(FlowAccount.LIVE, properties, ACCOUNT_OBJECTS, home);

        assertThat(account.skipLine()).isEmpty();
        assertThat(account.userProperties())
                .doesNotContainKey("connector.connection")
                .containsEntry("api.url", "https://records.example.com/v1")
                .containsEntry("apiHost", "records.example.com");
    }

    @Test
    void aLiveConnectionWithoutTheAccountObjectsFailsNamingThem() {
        Map<String, String> environment = Map.of(
                "SNOWFLAKE_CONNECTIONS_DEFAULT_ACCOUNT",
                "myorg-ci",
                "SNOWFLAKE_CONNECTIONS_DEFAULT_USER",
                "deployer",
                "SNOWFLAKE_CONNECTIONS_DEFAULT_PASSWORD",
                "x",
                "SNOWFLAKE_API_INTEGRATION",
                "FLOW_API_ACCESS");

        assertThatThrownBy(() -> FlowAccount.choose(FlowAccount.LIVE, new Properties(), environment, home))
                .hasMessageStartingWith(
                        "[live] cannot run: the Snowflake connection is configured, but " + "SNOWFLAKE_WAREHOUSE not;");
    }

    @Test
    void anUnknownAccountKindIsRefused() {
        assertThatThrownBy(() -> FlowAccount.choose("prod", new Properties(), Map.of(), home))
                .hasMessageContaining("snowflakeAccount = 'prod'");
    }
}
