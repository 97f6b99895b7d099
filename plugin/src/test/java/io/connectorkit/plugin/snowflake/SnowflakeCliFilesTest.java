package io.connectorkit.plugin.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.settings.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's folder as snowflake-connector-python's sf_dirs.py finds it: {@code $SNOWFLAKE_HOME} (else
 * {@code ~/.snowflake}) when it exists, else platformdirs' user config folder for {@code snowflake}.
 */
class SnowflakeCliFilesTest {

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();

    @Test
    void snowflakeHomeWhenItExists() throws Exception {
        Path custom = Files.createDirectories(home.resolve("custom"));
        Files.createDirectories(home.resolve(".snowflake"));
        environment.put("SNOWFLAKE_HOME", custom.toString());

        assertThat(find("Linux").folder()).isEqualTo(custom);
        assertThat(find("Linux").connectionsFile()).isEqualTo(custom.resolve("connections.toml"));
        assertThat(find("Linux").configFile()).isEqualTo(custom.resolve("config.toml"));
    }

    @Test
    void dotSnowflakeWhenItExistsAndNoSnowflakeHomeIsSet() throws Exception {
        Files.createDirectories(home.resolve(".snowflake"));

        assertThat(find("Linux").folder()).isEqualTo(home.resolve(".snowflake"));
        assertThat(find("Mac OS X").folder()).isEqualTo(home.resolve(".snowflake"));
    }

    @Test
    void aSnowflakeHomeThatDoesNotExistFallsBackToThePlatformFolderNotToDotSnowflake() throws Exception {
        Files.createDirectories(home.resolve(".snowflake"));
        environment.put("SNOWFLAKE_HOME", home.resolve("missing").toString());

        assertThat(find("Linux").folder()).isEqualTo(home.resolve(".config/snowflake"));
    }

    @Test
    void thePlatformConfigFolderOfEachSystem() {
        assertThat(find("Linux").folder()).isEqualTo(home.resolve(".config/snowflake"));
        assertThat(find("Mac OS X").folder()).isEqualTo(home.resolve("Library/Application Support/snowflake"));
        assertThat(find("Windows 11").folder()).isEqualTo(home.resolve("AppData/Local/snowflake"));

        environment.put("XDG_CONFIG_HOME", home.resolve("xdg").toString());
        environment.put("LOCALAPPDATA", home.resolve("local").toString());
        assertThat(find("Linux").folder()).isEqualTo(home.resolve("xdg/snowflake"));
        assertThat(find("Windows 11").folder()).isEqualTo(home.resolve("local/snowflake"));
    }

    @Test
    void theDefaultConnectionNameIsATopLevelTextOfConfigToml() throws Exception {
        Path folder = Files.createDirectories(home.resolve(".snowflake"));
        assertThat(find("Linux").defaultConnection()).isEmpty();

        Files.writeString(folder.resolve("config.toml"), "default_connection_name = \" dev \"\n");
        assertThat(find("Linux").defaultConnection())
                .contains(new Setting(
                        "connector.connection",
                        "dev",
                        Setting.Origin.CLI_CONFIG,
                        folder.resolve("config.toml") + " default_connection_name"));

        // Not a name: blank, not text, or inside a table where the CLI does not look for it.
        for (String config : new String[] {
            "default_connection_name = \"  \"\n",
            "default_connection_name = 3\n",
            "[connections.dev]\ndefault_connection_name = \"dev\"\n",
            ""
        }) {
            Files.writeString(folder.resolve("config.toml"), config);
            assertThat(find("Linux").defaultConnection()).as(config).isEmpty();
        }
    }

    @Test
    void aConnectionThatIsNotATableIsNoConnection() throws Exception {
        Path folder = Files.createDirectories(home.resolve(".snowflake"));
        Files.writeString(folder.resolve("connections.toml"), "dev = \"acme\"\n[prod]\naccount = \"acme\"\n");

        assertThat(find("Linux").connection("dev")).isEmpty();
        assertThat(find("Linux").connection("prod"))
                .hasValueSatisfying(connection ->
                        assertThat(connection.source()).isEqualTo(folder.resolve("connections.toml") + " [prod]"));
    }

    private SnowflakeCliFiles find(String osName) {
        return SnowflakeCliFiles.find(environment, home, osName);
    }
}
