package io.connectorkit.plugin.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.connectorkit.plugin.settings.Setting;
import io.connectorkit.plugin.settings.SettingsResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Snowflake CLI's two files, {@code config.toml} and {@code connections.toml}, found and read as the CLI and the
 * Python connector find them, so that a connection made with {@code snow connection add} or
 * {@code snow connection set-default} works here unchanged.
 *
 * <p>The folder is {@code $SNOWFLAKE_HOME} (else {@code ~/.snowflake}) when it exists, else the platform's user
 * config folder for {@code snowflake} (snowflake-connector-python sf_dirs.py; the CLI's "Location of the .toml
 * configuration file", https://docs.snowflake.com/en/developer-guide/snowflake-cli/connecting/configure-cli).
 * Connections are the top-level tables of {@code connections.toml} when that file exists, which then replaces the
 * {@code [connections]} of {@code config.toml} whole (config_manager.py reads it as that section); the default
 * connection's name is {@code default_connection_name} at the top of {@code config.toml}
 * (https://docs.snowflake.com/en/developer-guide/snowflake-cli/connecting/configure-connections).
 */
public final class SnowflakeCliFiles {

    /** A connection's table and the file (and table) it was read from, as messages name it. */
    public record Connection(JsonNode table, String source) {}

    private final Path folder;

    private SnowflakeCliFiles(Path folder) {
        this.folder = folder;
    }

    /**
     * @param environment the process environment, for {@code SNOWFLAKE_HOME}, {@code XDG_CONFIG_HOME} and
     *     {@code LOCALAPPDATA}
     * @param userHome the user's home folder
     * @param osName the {@code os.name} system property, which picks the platform's config folder
     */
    public static SnowflakeCliFiles find(Map<String, String> environment, Path userHome, String osName) {
        String home = environment.get("SNOWFLAKE_HOME");
        Path snowflakeHome = home == null || home.isBlank() ? userHome.resolve(".snowflake") : Path.of(home.strip());
        if (Files.isDirectory(snowflakeHome)) {
            return new SnowflakeCliFiles(snowflakeHome);
        }
        return new SnowflakeCliFiles(platformConfigFolder(environment, userHome, osName.toLowerCase(Locale.ROOT)));
    }

    /** The folder for the current machine ({@code System.getenv()}, {@code user.home}, {@code os.name}). */
    public static SnowflakeCliFiles ofThisMachine() {
        return find(System.getenv(), Path.of(System.getProperty("user.home")), System.getProperty("os.name"));
    }

    /** platformdirs' user_config_path for the app {@code snowflake} without an app author, per platform. */
    private static Path platformConfigFolder(Map<String, String> environment, Path userHome, String os) {
        if (os.startsWith("windows")) {
            String local = environment.get("LOCALAPPDATA");
            Path base = local == null || local.isBlank()
                    ? userHome.resolve("AppData").resolve("Local")
                    : Path.of(local);
            return base.resolve("snowflake");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("snowflake");
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg == null || xdg.isBlank() ? userHome.resolve(".config") : Path.of(xdg.strip());
        return base.resolve("snowflake");
    }

    /** The folder both files are in. */
    public Path folder() {
        return folder;
    }

    /** {@code connections.toml} in the folder, whether or not it exists. */
    public Path connectionsFile() {
        return folder.resolve("connections.toml");
    }

    /** {@code config.toml} in the folder, whether or not it exists. */
    public Path configFile() {
        return folder.resolve("config.toml");
    }

    /** {@code default_connection_name} of {@code config.toml}, when the file sets it, as a connection setting. */
    public Optional<Setting> defaultConnection() {
        return read(configFile())
                .map(config -> config.get("default_connection_name"))
                .filter(JsonNode::isTextual)
                .map(name -> name.asText().strip())
                .filter(name -> !name.isEmpty())
                .map(name -> new Setting(
                        SettingsResolver.CONNECTION,
                        name,
                        Setting.Origin.CLI_CONFIG,
                        configFile() + " default_connection_name"));
    }

    /**
     * The named connection's table: from {@code connections.toml} when that file exists, else from the
     * {@code [connections]} of {@code config.toml}.
     *
     * @throws IllegalStateException when the file to read is not valid TOML
     */
    public Optional<Connection> connection(String name) {
        Optional<JsonNode> connections = read(connectionsFile());
        if (connections.isPresent()) {
            return table(connections.get().get(name), connectionsFile() + " [" + name + "]");
        }
        return read(configFile())
                .flatMap(config ->
                        table(config.path("connections").get(name), configFile() + " [connections." + name + "]"));
    }

    /** Where a user should define the connection, for the message that says none was found. */
    public String whereToDefine(String name) {
        return Files.isRegularFile(connectionsFile()) || !Files.isRegularFile(configFile())
                ? connectionsFile() + " as [" + name + "]"
                : configFile() + " as [connections." + name + "]";
    }

    /** What was looked at, for the message that says the connection was not found. */
    public String triedFor(String name) {
        if (Files.isRegularFile(connectionsFile())) {
            return connectionsFile() + " (no [" + name + "] table)";
        }
        if (Files.isRegularFile(configFile())) {
            return configFile() + " (no [connections." + name + "] table; no connections.toml beside it)";
        }
        return connectionsFile() + " (no such file; nor " + configFile() + ")";
    }

    private static Optional<Connection> table(JsonNode table, String source) {
        return table != null && table.isObject() ? Optional.of(new Connection(table, source)) : Optional.empty();
    }

    private static Optional<JsonNode> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new TomlMapper().readTree(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The " + (file.endsWith("connections.toml") ? "connections file " : "Snowflake CLI config file ")
                            + file + " is not valid TOML: "
                            + e.getMessage().lines().findFirst().orElse("")
                            + "; fix it or point SNOWFLAKE_HOME elsewhere",
                    e);
        }
    }
}
