package io.connectorkit.plugin.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.settings.Setting.Origin;
import io.connectorkit.plugin.snowflake.ConnectionResolver;
import io.connectorkit.plugin.snowflake.ConnectionSettings;
import io.connectorkit.runtime.sql.Identifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The precedence of every setting across the five sources (POM {@code <configuration>}, {@code -D}, environment,
 * connections.toml, settings.xml) and the defaults, as the README's table states it.
 *
 * <p>Maven merges the POM and {@code -D} into the goal's parameter before the kit sees it (an explicit
 * {@code <configuration>} value wins, {@code -D} fills an unset parameter), so a row gives the parameter as Maven
 * set it and the {@code -D} properties of the command line; the resolver decides the rest and says where each value
 * came from.
 */
class SettingsPrecedenceTest {

    private static final String DESCRIPTOR_APP = "github_connector";

    /** One row: what the sources hold, and the value and origin the setting must have. */
    private record Row(
            String setting,
            Map<String, String> parameters,
            Map<String, String> commandLine,
            Map<String, String> environment,
            String value,
            Origin origin,
            String from) {
        @Override
        public String toString() {
            return setting + " with parameters " + parameters + ", -D " + commandLine + ", environment " + environment
                    + " is " + value + " (" + origin + ")";
        }
    }

    private static final Map<String, Function<SettingsResolver, Setting>> SETTINGS = Map.of(
            "appName",
            resolver -> resolver.appName(DESCRIPTOR_APP),
            "packageName",
            resolver -> resolver.packageName(DESCRIPTOR_APP),
            "secretDatabase",
            resolver -> resolver.secretDatabase(DESCRIPTOR_APP),
            "secretSchema",
            SettingsResolver::secretSchema,
            "connection",
            SettingsResolver::connection,
            "serverId",
            SettingsResolver::serverId);

    static Stream<Row> names() {
        String app = SettingsResolver.APP_NAME;
        String pkg = SettingsResolver.PACKAGE_NAME;
        String database = SettingsResolver.SECRET_DATABASE;
        String schema = SettingsResolver.SECRET_SCHEMA;
        String connection = SettingsResolver.CONNECTION;
        String server = SettingsResolver.SERVER_ID;
        String variable = SettingsResolver.DEFAULT_CONNECTION_VARIABLE;
        Map<String, String> none = Map.of();
        return Stream.of(
                // The defaults, when no source gives a value.
                new Row("appName", none, none, none, DESCRIPTOR_APP, Origin.DEFAULT, "the descriptor's app.name"),
                new Row(
                        "packageName",
                        none,
                        none,
                        none,
                        "github_connector_pkg",
                        Origin.DEFAULT,
                        "the app name with _pkg"),
                new Row(
                        "secretDatabase",
                        none,
                        none,
                        none,
                        "GITHUB_CONNECTOR_SECRETS",
                        Origin.DEFAULT,
                        "the app name with _SECRETS"),
                new Row("secretSchema", none, none, none, "PUBLIC", Origin.DEFAULT, "default"),
                new Row("connection", none, none, none, "default", Origin.DEFAULT, "default"),
                new Row("serverId", none, none, none, null, Origin.NONE, "no source"),
                // The POM alone (<configuration>, or a <properties> entry that no -D overrides).
                new Row("appName", Map.of(app, "pom_app"), none, none, "pom_app", Origin.POM, "the POM"),
                new Row("packageName", Map.of(pkg, "pom_pkg"), none, none, "pom_pkg", Origin.POM, "the POM"),
                new Row("secretDatabase", Map.of(database, "POM_DB"), none, none, "POM_DB", Origin.POM, "the POM"),
                new Row("secretSchema", Map.of(schema, "POM_SCHEMA"), none, none, "POM_SCHEMA", Origin.POM, "the POM"),
                new Row("connection", Map.of(connection, "pom"), none, none, "pom", Origin.POM, "the POM"),
                new Row("serverId", Map.of(server, "pom-server"), none, none, "pom-server", Origin.POM, "the POM"),
                // -D alone: Maven puts it into the parameter the POM leaves unset.
                new Row(
                        "appName",
                        Map.of(app, "cli_app"),
                        Map.of(app, "cli_app"),
                        none,
                        "cli_app",
                        Origin.COMMAND_LINE,
                        "-Dconnector.appName"),
                new Row(
                        "packageName",
                        Map.of(pkg, "cli_pkg"),
                        Map.of(pkg, "cli_pkg"),
                        none,
                        "cli_pkg",
                        Origin.COMMAND_LINE,
                        "-Dconnector.packageName"),
                new Row(
                        "secretDatabase",
                        Map.of(database, "CLI_DB"),
                        Map.of(database, "CLI_DB"),
                        none,
                        "CLI_DB",
                        Origin.COMMAND_LINE,
                        "-Dconnector.secretDatabase"),
                new Row(
                        "secretSchema",
                        Map.of(schema, "CLI_SCHEMA"),
                        Map.of(schema, "CLI_SCHEMA"),
                        none,
                        "CLI_SCHEMA",
                        Origin.COMMAND_LINE,
                        "-Dconnector.secretSchema"),
                new Row(
                        "connection",
                        Map.of(connection, "cli"),
                        Map.of(connection, "cli"),
                        none,
                        "cli",
                        Origin.COMMAND_LINE,
                        "-Dconnector.connection"),
                new Row(
                        "serverId",
                        Map.of(server, "cli-server"),
                        Map.of(server, "cli-server"),
                        none,
                        "cli-server",
                        Origin.COMMAND_LINE,
                        "-Dconnector.serverId"),
                // An explicit <configuration> value and a different -D: Maven keeps the POM's, and the log says so.
                new Row(
                        "appName",
                        Map.of(app, "pom_app"),
                        Map.of(app, "cli_app"),
                        none,
                        "pom_app",
                        Origin.POM,
                        "the POM's <configuration>, which Maven lets win over -Dconnector.appName"),
                new Row(
                        "connection",
                        Map.of(connection, "pom"),
                        Map.of(connection, "cli"),
                        Map.of(variable, "env"),
                        "pom",
                        Origin.POM,
                        "the POM's <configuration>, which Maven lets win over " + "-Dconnector.connection"),
                // The environment names the default connection only; a parameter wins over it.
                new Row(
                        "connection",
                        none,
                        none,
                        Map.of(variable, "env"),
                        "env",
                        Origin.ENVIRONMENT,
                        "$SNOWFLAKE_DEFAULT_CONNECTION_NAME"),
                new Row(
                        "connection",
                        Map.of(connection, "cli"),
                        Map.of(connection, "cli"),
                        Map.of(variable, "env"),
                        "cli",
                        Origin.COMMAND_LINE,
                        "-Dconnector.connection"),
                new Row(
                        "connection",
                        Map.of(connection, "pom"),
                        none,
                        Map.of(variable, "env"),
                        "pom",
                        Origin.POM,
                        "the POM"),
                new Row("connection", none, none, Map.of(variable, "  "), "default", Origin.DEFAULT, "default"),
                new Row(
                        "appName",
                        none,
                        none,
                        Map.of(variable, "env", "CONNECTOR_APPNAME", "env_app"),
                        DESCRIPTOR_APP,
                        Origin.DEFAULT,
                        "the descriptor's app.name"),
                // The names that default from the app name follow the app name wherever it came from.
                new Row(
                        "packageName",
                        Map.of(app, "cli_app"),
                        Map.of(app, "cli_app"),
                        none,
                        "cli_app_pkg",
                        Origin.DEFAULT,
                        "the app name with _pkg"),
                new Row(
                        "secretDatabase",
                        Map.of(app, "cli_app"),
                        Map.of(app, "cli_app"),
                        none,
                        "CLI_APP_SECRETS",
                        Origin.DEFAULT,
                        "the app name with _SECRETS"),
                new Row(
                        "secretDatabase",
                        Map.of(app, "\"My App\""),
                        none,
                        none,
                        "\"My App_SECRETS\"",
                        Origin.DEFAULT,
                        "the app name with _SECRETS"),
                // A blank parameter is no value; spaces around a value are not part of it.
                new Row(
                        "appName",
                        Map.of(app, "  "),
                        Map.of(app, "  "),
                        none,
                        DESCRIPTOR_APP,
                        Origin.DEFAULT,
                        "the descriptor's app.name"),
                new Row(
                        "appName",
                        Map.of(app, " cli_app "),
                        Map.of(app, " cli_app "),
                        none,
                        "cli_app",
                        Origin.COMMAND_LINE,
                        "-Dconnector.appName"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void eachNameComesFromTheSourceThatWins(Row row) {
        SettingsResolver resolver = new SettingsResolver(row.parameters(), row.commandLine(), row.environment());

        Setting setting = SETTINGS.get(row.setting()).apply(resolver);

        assertThat(setting.value()).isEqualTo(row.value());
        assertThat(setting.origin()).isEqualTo(row.origin());
        assertThat(setting.from()).isEqualTo(row.from());
    }

    @Test
    void theCliDefaultConnectionComesAfterTheEnvironmentAndBeforeTheKitsDefault() {
        Setting fromConfig = new Setting(
                SettingsResolver.CONNECTION, "from_config", Origin.CLI_CONFIG, "config.toml default_connection_name");
        String variable = SettingsResolver.DEFAULT_CONNECTION_VARIABLE;
        Map<String, String> none = Map.of();

        assertThat(new SettingsResolver(none, none, none, () -> Optional.of(fromConfig)).connection())
                .isEqualTo(fromConfig);
        assertThat(new SettingsResolver(none, none, Map.of(variable, "env"), () -> Optional.of(fromConfig))
                        .connection()
                        .value())
                .isEqualTo("env");
        Map<String, String> dashD = Map.of(SettingsResolver.CONNECTION, "cli");
        assertThat(new SettingsResolver(dashD, dashD, none, () -> Optional.of(fromConfig))
                        .connection()
                        .origin())
                .isEqualTo(Origin.COMMAND_LINE);
        assertThat(new SettingsResolver(none, none, none, Optional::empty)
                        .connection()
                        .value())
                .isEqualTo("default");
    }

    @Test
    void theCliConfigIsNotReadWhenAnotherSourceNamesTheConnection() {
        Map<String, String> dashD = Map.of(SettingsResolver.CONNECTION, "cli");
        Map<String, String> none = Map.of();
        Supplier<Optional<Setting>> unreadable = () -> {
            throw new IllegalStateException("config.toml was read");
        };

        assertThat(new SettingsResolver(dashD, dashD, none, unreadable)
                        .connection()
                        .value())
                .isEqualTo("cli");
        assertThat(new SettingsResolver(
                                none, none, Map.of(SettingsResolver.DEFAULT_CONNECTION_VARIABLE, "env"), unreadable)
                        .connection()
                        .value())
                .isEqualTo("env");
    }

    /** The goals parse the default as a typed name, so it must read back as the app's stored name with _SECRETS. */
    @ParameterizedTest(name = "{0} keeps its secrets in {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "github_connector|GITHUB_CONNECTOR_SECRETS",
                "\"GITHUB\"|GITHUB_SECRETS",
                "\"My App\"|My App_SECRETS",
                "\"my_app\"|my_app_SECRETS",
                "\"a\"\"b\"|a\"b_SECRETS"
            })
    void theDefaultSecretDatabaseParsesBackToTheAppsStoredName(String appName, String storedDatabase) {
        String typed = SettingsResolver.secretDatabaseOf(appName);

        assertThat(Identifier.parse(typed).name()).isEqualTo(storedDatabase);
    }

    @Test
    void aSettingIsDescribedWithItsSourceForTheLog() {
        SettingsResolver resolver = new SettingsResolver(
                Map.of(SettingsResolver.APP_NAME, "demo"), Map.of(SettingsResolver.APP_NAME, "demo"), Map.of());

        assertThat(resolver.names(DESCRIPTOR_APP))
                .extracting(Setting::describe)
                .containsExactly(
                        "connector.appName = demo (from -Dconnector.appName)",
                        "connector.packageName = demo_pkg (from the app name with _pkg)",
                        "connector.secretDatabase = DEMO_SECRETS (from the app name with _SECRETS)",
                        "connector.secretSchema = PUBLIC (from default)",
                        "connector.connection = default (from default)",
                        "connector.serverId = (none) (from no source)");
    }

    /** One row of the connection's keys: what connections.toml, the environment and settings.xml hold. */
    private record ConnectionRow(
            String key,
            String toml,
            Map<String, String> environment,
            ConnectionResolver.Server server,
            String property,
            String value,
            String origin) {
        @Override
        public String toString() {
            return key + " with toml [" + toml.replace("\n", "; ") + "], environment " + environment.keySet()
                    + (server == null ? "" : ", server " + server.id()) + " comes from " + origin;
        }
    }

    static Stream<ConnectionRow> connectionKeys() {
        String toml = "connections.toml [dev]";
        String base = "account = \"acme-toml\"\n";
        ConnectionResolver.Server server =
                new ConnectionResolver.Server("snowflake-dev", "server-user", "server-secret");
        ConnectionResolver.Server passwordOnly = new ConnectionResolver.Server("snowflake-dev", null, "server-secret");
        Map<String, String> none = Map.of();
        return Stream.of(
                new ConnectionRow(
                        "account", base + "user = \"u\"\npassword = \"p\"\n", none, null, "account", "acme-toml", toml),
                new ConnectionRow(
                        "account",
                        base + "user = \"u\"\npassword = \"p\"\n",
                        Map.of("SNOWFLAKE_CONNECTIONS_DEV_ACCOUNT", "acme-env"),
                        null,
                        "account",
                        "acme-env",
                        "SNOWFLAKE_CONNECTIONS_DEV_ACCOUNT"),
                new ConnectionRow(
                        "role",
                        base + "user = \"u\"\npassword = \"p\"\nrole = \"TOML_ROLE\"\n",
                        Map.of("SNOWFLAKE_CONNECTIONS_DEV_ROLE", "ENV_ROLE"),
                        server,
                        "role",
                        "ENV_ROLE",
                        "SNOWFLAKE_CONNECTIONS_DEV_ROLE"),
                new ConnectionRow(
                        "warehouse",
                        base + "user = \"u\"\npassword = \"p\"\nwarehouse = \"TOML_WH\"\n",
                        none,
                        server,
                        "warehouse",
                        "TOML_WH",
                        toml),
                // The user: the environment over connections.toml; the server's only when neither gives one.
                new ConnectionRow(
                        "user",
                        base + "user = \"toml-user\"\npassword = \"p\"\n",
                        none,
                        server,
                        "user",
                        "toml-user",
                        toml),
                new ConnectionRow(
                        "user",
                        base + "user = \"toml-user\"\npassword = \"p\"\n",
                        Map.of("SNOWFLAKE_CONNECTIONS_DEV_USER", "env-user"),
                        server,
                        "user",
                        "env-user",
                        "SNOWFLAKE_CONNECTIONS_DEV_USER"),
                new ConnectionRow(
                        "user",
                        base,
                        none,
                        server,
                        "user",
                        "server-user",
                        "settings.xml server 'snowflake-dev' <username>"),
                // The password: the server's over the environment's over connections.toml's.
                new ConnectionRow(
                        "password",
                        base + "user = \"u\"\npassword = \"toml-secret\"\n",
                        none,
                        null,
                        "password",
                        "toml-secret",
                        toml),
                new ConnectionRow(
                        "password",
                        base + "user = \"u\"\npassword = \"toml-secret\"\n",
                        Map.of("SNOWFLAKE_CONNECTIONS_DEV_PASSWORD", "env-secret"),
                        null,
                        "password",
                        "env-secret",
                        "SNOWFLAKE_CONNECTIONS_DEV_PASSWORD"),
                new ConnectionRow(
                        "password",
                        base + "user = \"u\"\npassword = \"toml-secret\"\n",
                        Map.of("SNOWFLAKE_CONNECTIONS_DEV_PASSWORD", "env-secret"),
                        passwordOnly,
                        "password",
                        "server-secret",
                        "settings.xml server 'snowflake-dev' <password>"),
                // With a private key, the server's password is the key's passphrase.
                new ConnectionRow(
                        "private_key_passphrase",
                        base + "user = \"u\"\nprivate_key_file = \"k.p8\"\n",
                        none,
                        passwordOnly,
                        "private_key_file_pwd",
                        "server-secret",
                        "settings.xml server 'snowflake-dev' <password>"),
                new ConnectionRow(
                        "authenticator",
                        base + "user = \"u\"\nprivate_key_file = \"k.p8\"\n",
                        none,
                        null,
                        "authenticator",
                        "SNOWFLAKE_JWT",
                        "the private key (key pair authentication)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectionKeys")
    void eachConnectionKeyComesFromTheSourceThatWins(ConnectionRow row, @TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve(".snowflake"));
        Path file = Files.writeString(home.resolve(".snowflake/connections.toml"), "[dev]\n" + row.toml());
        Map<String, String> environment = new HashMap<>(row.environment());
        SettingsResolver resolver = new SettingsResolver(
                Map.of(SettingsResolver.CONNECTION, "dev"), Map.of(SettingsResolver.CONNECTION, "dev"), environment);

        ConnectionSettings settings = new ConnectionResolver(environment, home)
                .resolve(resolver.connection().value(), Optional.ofNullable(row.server()));

        assertThat(settings.properties().getProperty(row.property())).isEqualTo(row.value());
        assertThat(settings.origin(row.key())).contains(row.origin().replace("connections.toml", file.toString()));
        assertThat(settings.toString()).doesNotContain("secret");
    }
}
