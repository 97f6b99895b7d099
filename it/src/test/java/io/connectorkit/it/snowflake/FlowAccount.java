package io.connectorkit.it.snowflake;

import io.connectorkit.plugin.snowflake.ConnectionResolver;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The Snowflake account that {@code src/it/generated-snowflake-flow} runs against, chosen by its selector hook: the
 * fake account its prebuild hook starts (the default), or under {@code -Plive} the real account that the standard
 * settings name. The real one is looked up by the plugin's own {@link ConnectionResolver}, with the environment the
 * forked builds inherit, so the flow runs exactly when their goals would find the connection, and skips otherwise.
 */
public final class FlowAccount {

    /** The hooks' {@code snowflakeAccount} variable (it/pom.xml): {@value} or {@value #LIVE}. */
    public static final String FAKE = "fake";

    public static final String LIVE = "live";

    /** The -D properties of the outer build that the live flow reads. */
    static final String CONNECTION_PROPERTY = "live.connection";

    static final String API_URL_PROPERTY = "live.apiUrl";
    static final String REQUIRED_PROPERTY = "live.required";

    /**
     * Where the generated connector's tester finds {@code GET {base_url}/health} answering 200 to any bearer token
     * from a real account: httpbin echoes any path under /anything.
     */
    static final String PUBLIC_API_URL = "https://httpbin.org/anything";

    /** The generated project's configuration-snowflake.yaml reads these; on the fake, it/pom.xml sets them. */
    static final List<String> ACCOUNT_OBJECT_VARIABLES = List.of("SNOWFLAKE_WAREHOUSE");

    /** The warehouse the fake flow's update-warehouse moves the connector to. */
    static final String FAKE_OTHER_WAREHOUSE = "BIGGER_WH";

    private final boolean live;
    private final Properties userProperties;
    private final Optional<String> skipLine;

    private FlowAccount(boolean live, Properties userProperties, Optional<String> skipLine) {
        this.live = live;
        this.userProperties = userProperties;
        this.skipLine = skipLine;
    }

    /**
     * Chooses the account for the flow.
     *
     * @param account the hooks' {@code snowflakeAccount} variable: {@value #FAKE} or {@value #LIVE}
     * @param properties the outer build's system properties ({@code -Dlive.connection} and the others)
     * @param environment the environment the forked builds inherit
     * @param userHome where {@code ~/.snowflake} is
     * @throws IllegalStateException when the flow cannot run as asked: an unknown account kind; a live connection
     *     without the account objects the flow binds; {@code -Dlive.required=true} and no usable connection
     */
    public static FlowAccount choose(
            String account, Properties properties, Map<String, String> environment, Path userHome) {
        Properties forBuilds = new Properties();
        if (FAKE.equals(account)) {
            forBuilds.setProperty("connector.connection", "fake");
            forBuilds.setProperty("connector.warehouse", FAKE_OTHER_WAREHOUSE);
            return new FlowAccount(false, forBuilds, Optional.empty());
        }
        if (!LIVE.equals(account)) {
            throw new IllegalStateException("snowflakeAccount = '" + account + "' (it/pom.xml, the invoker's "
                    + "scriptVariables) names no account; use '" + FAKE + "', or '" + LIVE + "' through -Plive");
        }
        String connection = properties.getProperty(CONNECTION_PROPERTY, "").strip();
        try {
            new ConnectionResolver(environment, userHome).resolve(connection, Optional.empty());
        } catch (IllegalStateException unusable) {
            String reason = "no Snowflake connection configured (set SNOWFLAKE_CONNECTIONS_<NAME>_ACCOUNT… or "
                    + "the Snowflake CLI's connections.toml or config.toml, and choose it with -D" + CONNECTION_PROPERTY
                    + "=NAME): "
                    + unusable.getMessage();
            if (Boolean.parseBoolean(properties.getProperty(REQUIRED_PROPERTY, "false"))) {
                throw new IllegalStateException(
                        "[live] cannot run, and -D" + REQUIRED_PROPERTY + "=true requires it: " + reason, unusable);
            }
            return new FlowAccount(true, forBuilds, Optional.of("[live] skipped: " + reason));
        }
        List<String> missing = new ArrayList<>();
        for (String variable : ACCOUNT_OBJECT_VARIABLES) {
            if (environment.getOrDefault(variable, "").isBlank()) {
                missing.add(variable);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("[live] cannot run: the Snowflake connection is configured, but "
                    + String.join(" and ", missing) + " not; set SNOWFLAKE_WAREHOUSE to a warehouse the role may "
                    + "grant USAGE on (README: \"Running the Snowflake flow against a real account\")");
        }
        if (!connection.isEmpty()) {
            forBuilds.setProperty("connector.connection", connection);
        }
        String apiUrl = properties.getProperty(API_URL_PROPERTY, PUBLIC_API_URL);
        forBuilds.setProperty("api.url", apiUrl);
        // The generated app's API_ACCESS specification (and network rule) name the host it may reach.
        URI api = URI.create(apiUrl);
        forBuilds.setProperty("apiHost", api.getHost() + (api.getPort() < 0 ? "" : ":" + api.getPort()));
        // The app may use only the warehouses granted to it, so on a real account update-warehouse names the one
        // it has: UPDATE_WAREHOUSE is called and answers that nothing changes.
        forBuilds.setProperty("connector.warehouse", environment.get("SNOWFLAKE_WAREHOUSE"));
        return new FlowAccount(true, forBuilds, Optional.empty());
    }

    /** Whether the flow runs against a real account (or skips, under -Plive with no connection). */
    public boolean live() {
        return live;
    }

    /** The line saying why the flow does not run; empty when it runs. */
    public Optional<String> skipLine() {
        return skipLine;
    }

    /** The -D properties every build of the flow gets: the connection, and on a real account the API's URL. */
    public Properties userProperties() {
        Properties copy = new Properties();
        copy.putAll(userProperties);
        return copy;
    }
}
