package io.connectorkit.plugin.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.plugin.settings.SettingsResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds the connection to a Snowflake account the way Snowflake's CLI does, so that the CLI's files serve both: the
 * connection named by {@code connector.connection}, else {@code SNOWFLAKE_DEFAULT_CONNECTION_NAME}, else the CLI's
 * {@code default_connection_name}, else {@code default}; its table in {@code connections.toml}, or in
 * {@code config.toml}'s {@code [connections]} when there is no {@code connections.toml} (see {@link SnowflakeCliFiles});
 * overridden key by key by {@code SNOWFLAKE_CONNECTIONS_<NAME>_<KEY>}; then a Maven {@code <server>} for the user
 * and the password or key passphrase. Nothing is written anywhere; secrets stay in memory.
 */
public final class ConnectionResolver {

    /** The CLI's keys, by the driver property each one becomes. */
    private static final Map<String, String> DRIVER_PROPERTY = new LinkedHashMap<>();

    static {
        DRIVER_PROPERTY.put("account", "account");
        DRIVER_PROPERTY.put("user", "user");
        DRIVER_PROPERTY.put("password", "password");
        DRIVER_PROPERTY.put("role", "role");
        DRIVER_PROPERTY.put("warehouse", "warehouse");
        DRIVER_PROPERTY.put("database", "db");
        DRIVER_PROPERTY.put("schema", "schema");
        DRIVER_PROPERTY.put("authenticator", "authenticator");
        DRIVER_PROPERTY.put("token", "token");
        DRIVER_PROPERTY.put("private_key_file", "private_key_file");
        DRIVER_PROPERTY.put("private_key_path", "private_key_file");
        DRIVER_PROPERTY.put("private_key_passphrase", "private_key_file_pwd");
        DRIVER_PROPERTY.put("private_key_file_pwd", "private_key_file_pwd");
        // snowflake-jdbc's SFSessionProperty names for workload identity federation; the toml keys are the CLI's
        // (https://docs.snowflake.com/en/developer-guide/snowflake-cli/connecting/configure-connections).
        DRIVER_PROPERTY.put("workload_identity_provider", "workloadIdentityProvider");
        DRIVER_PROPERTY.put("workload_identity_entra_resource", "workloadIdentityEntraResource");
        DRIVER_PROPERTY.put("workload_identity_impersonation_path", "workloadIdentityImpersonationPath");
    }

    /** The values of {@code workload_identity_provider} that snowflake-jdbc's WorkloadIdentityProviderType knows. */
    private static final List<String> WORKLOAD_IDENTITY_PROVIDERS = List.of("AWS", "AZURE", "GCP", "OIDC");

    /** Keys that say where to connect rather than who connects. */
    private static final List<String> LOCATION_KEYS = List.of("host", "port", "protocol", "region");

    /** A Maven {@code <server>} after decryption. */
    public record Server(String id, String username, String password) {}

    private final Map<String, String> environment;
    private final SnowflakeCliFiles files;

    /**
     * @param environment the process environment ({@code System.getenv()}), passed in so tests control it
     * @param files the Snowflake CLI's files
     */
    public ConnectionResolver(Map<String, String> environment, SnowflakeCliFiles files) {
        this.environment = environment;
        this.files = files;
    }

    /**
     * @param environment the process environment
     * @param userHome the user's home folder, under which the CLI's files are found as on this machine's platform
     */
    public ConnectionResolver(Map<String, String> environment, Path userHome) {
        this(environment, SnowflakeCliFiles.find(environment, userHome, System.getProperty("os.name")));
    }

    /**
     * The settings of the named connection (or the default one), with the optional Maven server's credentials.
     * Fails listing every source that was tried and what was missing.
     */
    public ConnectionSettings resolve(String connectionName, Optional<Server> server) {
        String name = Optional.ofNullable(blankToNull(connectionName))
                .orElseGet(() -> SettingsResolver.defaultConnection(environment, files::defaultConnection)
                        .value());
        List<String> tried = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();

        Optional<SnowflakeCliFiles.Connection> defined = files.connection(name);
        if (defined.isEmpty()) {
            tried.add(files.triedFor(name));
        } else {
            String source = defined.get().source();
            defined.get().table().properties().forEach(entry -> {
                String key = entry.getKey().toLowerCase(Locale.ROOT);
                values.put(key, entry.getValue().asText());
                origins.put(key, source);
            });
            sources.add(source);
        }

        String prefix = "SNOWFLAKE_CONNECTIONS_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
        boolean fromEnvironment = false;
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            if (variable.getKey().startsWith(prefix) && !variable.getValue().isEmpty()) {
                String key = variable.getKey().substring(prefix.length()).toLowerCase(Locale.ROOT);
                values.put(key, variable.getValue());
                origins.put(key, variable.getKey());
                fromEnvironment = true;
            }
        }
        (fromEnvironment ? sources : tried)
                .add(prefix + "* environment variables" + (fromEnvironment ? "" : " (none set)"));

        if (server.isPresent()) {
            Server credentials = server.get();
            String source = "settings.xml server '" + credentials.id() + "'";
            if (credentials.username() != null && !values.containsKey("user")) {
                values.put("user", credentials.username());
                origins.put("user", source + " <username>");
            }
            if (credentials.password() != null) {
                String key = passwordKey(values);
                values.put(key, credentials.password());
                origins.put(key, source + " <password>");
            }
            sources.add(source);
        }

        if (!values.containsKey("authenticator")
                && (values.containsKey("private_key_file")
                        || values.containsKey("private_key_path")
                        || values.containsKey("private_key_raw"))) {
            values.put("authenticator", "SNOWFLAKE_JWT");
            origins.put("authenticator", "the private key (key pair authentication)");
        }
        checkWorkloadIdentity(name, values, origins);
        List<String> missing = missing(values);
        if (sources.isEmpty() || !missing.isEmpty()) {
            throw new IllegalStateException("No usable Snowflake connection '" + name + "': "
                    + (missing.isEmpty() ? "" : "missing " + String.join(", ", missing) + "; ")
                    + "tried " + String.join(", ", tried.isEmpty() ? sources : concat(sources, tried))
                    + ". Define it in " + files.whereToDefine(name)
                    + " (account, user, and password or private_key_file"
                    + " or token; or authenticator = \"WORKLOAD_IDENTITY\" with workload_identity_provider), or set "
                    + prefix + "ACCOUNT and the others, or name a Maven server with "
                    + "-Dconnector.serverId for the user and password; pick another connection with "
                    + "-Dconnector.connection=<name>");
        }
        return new ConnectionSettings(url(values), properties(values), sources, origins);
    }

    /** Where a Maven server's password goes: the key passphrase, the workload identity's OIDC token, or the password. */
    private static String passwordKey(Map<String, String> values) {
        if (values.containsKey("private_key_file")
                || values.containsKey("private_key_path")
                || values.containsKey("private_key_raw")) {
            return "private_key_passphrase";
        }
        return values.getOrDefault("authenticator", "").equalsIgnoreCase("WORKLOAD_IDENTITY") ? "token" : "password";
    }

    /**
     * A workload identity login needs a provider the driver knows and, for OIDC, the CI provider's ID token (a JWT); the
     * driver's own errors for these do not say which file or variable to fix, so they are caught here. The user is
     * optional: Snowflake finds the service user by the identity (snowflake-jdbc SessionUtil.isUsernameRequired).
     */
    private static void checkWorkloadIdentity(String name, Map<String, String> values, Map<String, String> origins) {
        if (!values.getOrDefault("authenticator", "").equalsIgnoreCase("WORKLOAD_IDENTITY")) {
            return;
        }
        String provider = values.get("workload_identity_provider");
        if (provider == null) {
            throw new IllegalStateException("Snowflake connection '" + name + "' has authenticator = WORKLOAD_IDENTITY"
                    + " (from " + origins.get("authenticator") + ") but no workload_identity_provider; set it to "
                    + String.join(", ", WORKLOAD_IDENTITY_PROVIDERS) + " (OIDC for a CI provider's ID token, as in "
                    + "GitHub Actions) in the same place or as SNOWFLAKE_CONNECTIONS_"
                    + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_WORKLOAD_IDENTITY_PROVIDER");
        }
        if (!WORKLOAD_IDENTITY_PROVIDERS.contains(provider.toUpperCase(Locale.ROOT))) {
            throw new IllegalStateException("Snowflake connection '" + name + "': workload_identity_provider = '"
                    + provider + "' (from " + origins.get("workload_identity_provider") + ") is not a provider the "
                    + "driver knows; use one of " + String.join(", ", WORKLOAD_IDENTITY_PROVIDERS));
        }
        values.put("workload_identity_provider", provider.toUpperCase(Locale.ROOT));
        if (!provider.equalsIgnoreCase("OIDC")) {
            return;
        }
        if (!values.containsKey("token") && !values.containsKey("token_file_path")) {
            throw new IllegalStateException("Snowflake connection '" + name + "' logs in with an OIDC workload "
                    + "identity but has no token; set token_file_path to a file holding the CI provider's ID token, or "
                    + "pass the token as SNOWFLAKE_CONNECTIONS_"
                    + name.toUpperCase(Locale.ROOT).replace('-', '_')
                    + "_TOKEN (never in connections.toml)");
        }
        if (values.containsKey("token") && !looksLikeJwt(values.get("token"))) {
            throw new IllegalStateException("Snowflake connection '" + name + "': the token (from "
                    + origins.get("token") + ") is not an OIDC ID token (a JWT of three dot-separated parts whose "
                    + "claims name iss and sub); pass the ID token your CI provider issues for the audience "
                    + "snowflakecomputing.com, not an access token or a password");
        }
    }

    private static boolean looksLikeJwt(String token) {
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        try {
            JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims != null
                    && claims.path("iss").isTextual()
                    && claims.path("sub").isTextual();
        } catch (IOException | IllegalArgumentException notAJwt) {
            return false;
        }
    }

    private static List<String> missing(Map<String, String> values) {
        List<String> missing = new ArrayList<>();
        if (!values.containsKey("account") && !values.containsKey("host")) {
            missing.add("account");
        }
        String authenticator = values.getOrDefault("authenticator", "SNOWFLAKE").toUpperCase(Locale.ROOT);
        if (!values.containsKey("user")
                && !authenticator.equals("OAUTH")
                && !authenticator.equals("WORKLOAD_IDENTITY")) {
            missing.add("user");
        }
        switch (authenticator) {
            case "SNOWFLAKE", "USERNAME_PASSWORD_MFA" -> {
                if (!values.containsKey("password")) {
                    missing.add("password (or a Maven server with -Dconnector.serverId)");
                }
            }
            case "SNOWFLAKE_JWT" -> {
                if (!values.containsKey("private_key_file")
                        && !values.containsKey("private_key_path")
                        && !values.containsKey("private_key_raw")) {
                    missing.add("private_key_file (the key pair's private key)");
                }
            }
            case "PROGRAMMATIC_ACCESS_TOKEN" -> {
                if (!values.containsKey("token")) {
                    missing.add("token (the programmatic access token)");
                }
            }
            case "OAUTH" -> {
                if (!values.containsKey("token") && !values.containsKey("token_file_path")) {
                    missing.add("token or token_file_path");
                }
            }
            default -> {
                // EXTERNALBROWSER and the other interactive authenticators need nothing more here.
            }
        }
        return missing;
    }

    private String url(Map<String, String> values) {
        String host = values.getOrDefault("host", values.get("account") + ".snowflakecomputing.com");
        String protocol = values.getOrDefault("protocol", "https");
        String port = values.getOrDefault("port", protocol.equals("http") ? "80" : "443");
        return "jdbc:snowflake://" + host + ":" + port + "/" + (protocol.equals("http") ? "?ssl=off" : "");
    }

    private static Properties properties(Map<String, String> values) {
        Properties properties = new Properties();
        values.forEach((key, value) -> {
            String property = DRIVER_PROPERTY.get(key);
            if (property != null) {
                properties.setProperty(property, value);
            } else if (!LOCATION_KEYS.contains(key)
                    && !key.equals("private_key_raw")
                    && !key.equals("token_file_path")) {
                properties.setProperty(key, value);
            }
        });
        if (properties.containsKey("authenticator")) {
            properties.setProperty(
                    "authenticator", properties.getProperty("authenticator").toUpperCase(Locale.ROOT));
        }
        if (values.containsKey("token_file_path") && !values.containsKey("token")) {
            properties.setProperty("token", readToken(Path.of(values.get("token_file_path"))));
        }
        if (values.containsKey("private_key_raw")) {
            properties.put("privateKey", privateKey(values.get("private_key_raw")));
            properties.setProperty("authenticator", "SNOWFLAKE_JWT");
        }
        // Arrow results need JVM flags that a Maven plugin cannot add to the running JVM; JSON needs none.
        properties.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        return properties;
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The token file " + file + " (token_file_path) cannot be read: " + e.getMessage()
                            + "; check the path, or pass the token itself as token",
                    e);
        }
    }

    /** An unencrypted PKCS#8 PEM key given inline; it is handed to the driver as an object, never written down. */
    private static PrivateKey privateKey(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (Exception e) {
            throw new IllegalStateException(
                    "private_key_raw is not an unencrypted PKCS#8 RSA key (-----BEGIN PRIVATE "
                            + "KEY-----); use private_key_file with private_key_passphrase for an encrypted key",
                    e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
