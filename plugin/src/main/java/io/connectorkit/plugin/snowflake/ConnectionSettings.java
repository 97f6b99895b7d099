package io.connectorkit.plugin.snowflake;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * How to open a JDBC connection to an account, and where each part came from. {@link #toString()} never shows a
 * secret.
 *
 * @param url the JDBC URL, without credentials
 * @param properties the driver properties, credentials included
 * @param sources the sources that contributed, for messages ("connections.toml [dev]", "SNOWFLAKE_CONNECTIONS_DEV_*")
 * @param origins where each key of the connection came from, by its connections.toml name ({@code user}:
 *     {@code SNOWFLAKE_CONNECTIONS_DEV_USER}); names of sources only, never a value
 */
public record ConnectionSettings(String url, Properties properties, List<String> sources,
        Map<String, String> origins) {

    /** Driver properties that hold secrets. */
    static final Set<String> SECRET_PROPERTIES = Set.of("password", "token", "private_key_file_pwd",
            "private_key_pwd", "privateKey", "private_key_base64", "passcode");

    public ConnectionSettings {
        sources = List.copyOf(sources);
        origins = Map.copyOf(origins);
    }

    /** Settings that do not say where each key came from. */
    public ConnectionSettings(String url, Properties properties, List<String> sources) {
        this(url, properties, sources, Map.of());
    }

    /** Where the key ({@code account}, {@code user}, {@code password}, …) came from, if the connection has it. */
    public Optional<String> origin(String key) {
        return Optional.ofNullable(origins.get(key));
    }

    /**
     * The connection described for a log line: account, user, authenticator (with its workload identity provider),
     * role, and where they came from.
     */
    public String describe() {
        return "account " + properties.getProperty("account", "?") + " as "
                + properties.getProperty("user", "(no user)") + " with "
                + properties.getProperty("authenticator", "SNOWFLAKE")
                + (properties.containsKey("workloadIdentityProvider")
                        ? " (" + properties.getProperty("workloadIdentityProvider") + ")" : "")
                + (properties.containsKey("role") ? ", role " + properties.getProperty("role") : "")
                + " (from " + String.join(", ", sources) + ")";
    }

    @Override
    public String toString() {
        Properties shown = new Properties();
        properties.forEach((key, value) -> shown.put(key, SECRET_PROPERTIES.contains(key.toString()) ? "****" : value));
        return "ConnectionSettings[url=" + url + ", properties=" + shown + ", sources=" + sources + ", origins="
                + origins + "]";
    }
}
