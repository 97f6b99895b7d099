package io.connectorkit.plugin.settings;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.runtime.sql.Identifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place that decides the names the goals act on (app, package, secret database and schema) and the Snowflake
 * connection, each with where it came from. It reads only plain maps, so that its precedence is tested without Maven.
 *
 * <p>Maven has already merged two sources into each goal parameter: a value the POM's {@code <configuration>} sets
 * explicitly wins over {@code -D}, and a {@code -D} property fills a parameter the POM leaves unset (as it does a
 * {@code <properties>} entry, which {@code -D} overrides). What is left for the kit, in order: the parameter, then the
 * environment where the setting has a variable, then the kit's default. The connection's own keys (account, user,
 * password, …) come from {@code connections.toml}, {@code SNOWFLAKE_CONNECTIONS_<NAME>_<KEY>} and a settings.xml
 * {@code <server>}, as {@code snowflake.ConnectionResolver} reads them for the connection named here.
 */
public final class SettingsResolver {

    /** The application's name. */
    public static final String APP_NAME = "connector.appName";
    /** The application package's name. */
    public static final String PACKAGE_NAME = "connector.packageName";
    /** The database of the SECRET objects of secret connection fields. */
    public static final String SECRET_DATABASE = "connector.secretDatabase";
    /** The schema of that database. */
    public static final String SECRET_SCHEMA = "connector.secretSchema";
    /** The connection of connections.toml. */
    public static final String CONNECTION = "connector.connection";
    /** The settings.xml server with the user and the password. */
    public static final String SERVER_ID = "connector.serverId";

    /**
     * The variable that names the default connection, as Snowflake's CLI reads it
     * (https://docs.snowflake.com/en/developer-guide/snowflake-cli/connecting/configure-connections).
     */
    public static final String DEFAULT_CONNECTION_VARIABLE = "SNOWFLAKE_DEFAULT_CONNECTION_NAME";

    static final String DEFAULT_CONNECTION = "default";
    static final String DEFAULT_SECRET_SCHEMA = "PUBLIC";

    private final Map<String, String> parameters;
    private final Map<String, String> commandLine;
    private final Map<String, String> environment;
    private final Supplier<Optional<Setting>> cliDefaultConnection;

    /**
     * @param parameters the goal's parameters by their {@code -D} property, as Maven set them ({@code null} or
     *     missing when unset)
     * @param commandLine the build's {@code -D} properties, which tell a value given with {@code -D} from one the
     *     POM gives
     * @param environment the process environment
     * @param cliDefaultConnection the Snowflake CLI's {@code default_connection_name}, read only when the connection
     *     is not named otherwise (so that a broken {@code config.toml} does not stop a goal that does not need it)
     */
    public SettingsResolver(
            Map<String, String> parameters,
            Map<String, String> commandLine,
            Map<String, String> environment,
            Supplier<Optional<Setting>> cliDefaultConnection) {
        this.parameters = parameters;
        this.commandLine = commandLine;
        this.environment = environment;
        this.cliDefaultConnection = cliDefaultConnection;
    }

    /** A resolver for a machine without the Snowflake CLI's {@code config.toml}. */
    public SettingsResolver(
            Map<String, String> parameters, Map<String, String> commandLine, Map<String, String> environment) {
        this(parameters, commandLine, environment, Optional::empty);
    }

    /** {@code connector.appName}, else the descriptor's {@code app.name}. */
    public Setting appName(String descriptorAppName) {
        return parameter(APP_NAME)
                .orElseGet(() ->
                        new Setting(APP_NAME, descriptorAppName, Setting.Origin.DEFAULT, "the descriptor's app.name"));
    }

    /** {@code connector.packageName}, else the app name with {@code _pkg}. */
    public Setting packageName(String descriptorAppName) {
        return parameter(PACKAGE_NAME)
                .orElseGet(() -> new Setting(
                        PACKAGE_NAME,
                        Descriptor.packageOf(appName(descriptorAppName).value()),
                        Setting.Origin.DEFAULT,
                        "the app name with _pkg"));
    }

    /** {@code connector.secretDatabase}, else the app name (as Snowflake stores it) with {@code _SECRETS}. */
    public Setting secretDatabase(String descriptorAppName) {
        return parameter(SECRET_DATABASE)
                .orElseGet(() -> new Setting(
                        SECRET_DATABASE,
                        secretDatabaseOf(appName(descriptorAppName).value()),
                        Setting.Origin.DEFAULT,
                        "the app name with _SECRETS"));
    }

    /** {@code connector.secretSchema}, else {@code PUBLIC}. */
    public Setting secretSchema() {
        return parameter(SECRET_SCHEMA)
                .orElseGet(() -> new Setting(SECRET_SCHEMA, DEFAULT_SECRET_SCHEMA, Setting.Origin.DEFAULT, "default"));
    }

    /**
     * {@code connector.connection}, else {@code $SNOWFLAKE_DEFAULT_CONNECTION_NAME}, else the CLI's
     * {@code default_connection_name}, else {@code default}.
     */
    public Setting connection() {
        return parameter(CONNECTION).orElseGet(() -> defaultConnection(environment, cliDefaultConnection));
    }

    /** {@code connector.serverId}; none by default. */
    public Setting serverId() {
        return parameter(SERVER_ID).orElseGet(() -> new Setting(SERVER_ID, null, Setting.Origin.NONE, "no source"));
    }

    /** Every name this resolver decides, for the debug log. */
    public List<Setting> names(String descriptorAppName) {
        return List.of(
                appName(descriptorAppName),
                packageName(descriptorAppName),
                secretDatabase(descriptorAppName),
                secretSchema(),
                connection(),
                serverId());
    }

    /**
     * The connection used when none is named, in the CLI's order: {@code $SNOWFLAKE_DEFAULT_CONNECTION_NAME}, else
     * {@code default_connection_name} of its {@code config.toml}, else {@code default}.
     */
    public static Setting defaultConnection(
            Map<String, String> environment, Supplier<Optional<Setting>> cliDefaultConnection) {
        String variable = environment.get(DEFAULT_CONNECTION_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return new Setting(
                    CONNECTION, variable.strip(), Setting.Origin.ENVIRONMENT, "$" + DEFAULT_CONNECTION_VARIABLE);
        }
        return cliDefaultConnection
                .get()
                .orElseGet(() -> new Setting(CONNECTION, DEFAULT_CONNECTION, Setting.Origin.DEFAULT, "default"));
    }

    /**
     * The database that holds an app's secrets unless {@code connector.secretDatabase} names another, written as a
     * user would type it, so that {@link Identifier#parse} reads it back: {@code github} gives
     * {@code GITHUB_SECRETS}, {@code "My App"} gives {@code "My App_SECRETS"}.
     *
     * @param appName the app's name as typed (quoted or not)
     */
    public static String secretDatabaseOf(String appName) {
        String stored = (Identifier.isValid(appName) ? Identifier.parse(appName).name() : appName) + "_SECRETS";
        boolean typedAsStored =
                Identifier.isValid(stored) && Identifier.parse(stored).name().equals(stored);
        return typedAsStored ? stored : Identifier.ofName(stored).text();
    }

    /** The parameter's value when it has one, with whether the POM or {@code -D} gave it. */
    private Optional<Setting> parameter(String property) {
        String value = parameters.get(property);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String given = commandLine.get(property);
        String option = "-D" + property;
        if (given != null && given.strip().equals(value.strip())) {
            return Optional.of(new Setting(property, value.strip(), Setting.Origin.COMMAND_LINE, option));
        }
        return Optional.of(new Setting(
                property,
                value.strip(),
                Setting.Origin.POM,
                given == null ? "the POM" : "the POM's <configuration>, which Maven lets win over " + option));
    }
}
