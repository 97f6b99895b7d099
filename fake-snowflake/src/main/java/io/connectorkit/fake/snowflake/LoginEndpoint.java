package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code POST /session/v1/login-request}: the driver's login. The request body's {@code data} holds LOGIN_NAME,
 * ACCOUNT_NAME, AUTHENTICATOR (absent for a password), PASSWORD or TOKEN, and for {@code WORKLOAD_IDENTITY} the
 * PROVIDER whose attestation TOKEN is; the query string holds the database, schema, role and warehouse asked for.
 */
final class LoginEndpoint {

    /** Snowflake's answer to a wrong user name or password. */
    static final int INCORRECT_USERNAME_OR_PASSWORD = 390100;

    /** The providers a workload identity attestation can come from (snowflake-jdbc's WorkloadIdentityProviderType). */
    private static final Set<String> WORKLOAD_IDENTITY_PROVIDERS = Set.of("AWS", "AZURE", "GCP", "OIDC");

    private record Rejection(int code, String message) {}

    private final Sessions sessions;
    private final List<RecordedLogin> logins = new CopyOnWriteArrayList<>();
    private volatile Rejection rejection;

    LoginEndpoint(Sessions sessions) {
        this.sessions = sessions;
    }

    void reject(int code, String message) {
        rejection = new Rejection(code, message);
    }

    void accept() {
        rejection = null;
    }

    List<RecordedLogin> logins() {
        return List.copyOf(logins);
    }

    ObjectNode answer(HttpExchange exchange, JsonNode body) {
        JsonNode data = body.path("data");
        Map<String, String> query = queryParameters(exchange.getRequestURI().getRawQuery());
        String authenticator = data.path("AUTHENTICATOR").asText("SNOWFLAKE");
        RecordedLogin.WorkloadIdentity workloadIdentity = null;
        if (authenticator.equals("WORKLOAD_IDENTITY")) {
            try {
                workloadIdentity = workloadIdentity(data);
            } catch (IllegalArgumentException refused) {
                return JsonEndpoint.failure(INCORRECT_USERNAME_OR_PASSWORD, refused.getMessage());
            }
        }
        RecordedLogin login = new RecordedLogin(
                data.path("LOGIN_NAME").asText(null),
                data.path("ACCOUNT_NAME").asText(null),
                authenticator,
                !data.path("PASSWORD").asText("").isEmpty(),
                !data.path("TOKEN").asText("").isEmpty(),
                query.get("databaseName"),
                query.get("schemaName"),
                query.get("roleName"),
                query.get("warehouse"),
                workloadIdentity);
        logins.add(login);
        Rejection current = rejection;
        if (current != null) {
            return JsonEndpoint.failure(current.code(), current.message());
        }
        return JsonEndpoint.success(sessionData(sessions.open(login)));
    }

    /**
     * What a workload identity login asserts. The driver sends the provider and its attestation as TOKEN; for OIDC the
     * attestation is the CI provider's ID token (a JWT), whose issuer and subject Snowflake matches against the service
     * user's workload identity (snowflake-jdbc SessionUtil.newSession and OidcIdentityAttestationCreator;
     * https://docs.snowflake.com/en/developer-guide/snowflake-cli/command-reference/auth-commands/overview). Snowflake
     * does not document a distinct error for a refused attestation, so the fake answers like any failed login.
     */
    private static RecordedLogin.WorkloadIdentity workloadIdentity(JsonNode data) {
        String provider = data.path("PROVIDER").asText("");
        if (!WORKLOAD_IDENTITY_PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("Invalid workload identity provider '" + provider + "'.");
        }
        String token = data.path("TOKEN").asText("");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("Missing workload identity attestation.");
        }
        if (!provider.equals("OIDC")) {
            return new RecordedLogin.WorkloadIdentity(provider, null, null);
        }
        String[] parts = token.split("\\.");
        JsonNode claims;
        try {
            claims = parts.length < 2
                    ? null
                    : JsonEndpoint.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException notAJwt) {
            claims = null;
        }
        if (claims == null
                || !claims.path("iss").isTextual()
                || !claims.path("sub").isTextual()) {
            throw new IllegalArgumentException("Invalid OIDC token: it must be a JWT with iss and sub claims.");
        }
        return new RecordedLogin.WorkloadIdentity(
                provider, claims.path("iss").asText(), claims.path("sub").asText());
    }

    private static ObjectNode sessionData(Sessions.Session session) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode data = json.objectNode();
        data.put("token", session.token());
        data.put("masterToken", "master-" + session.token());
        data.put("validityInSeconds", 3600);
        data.put("masterValidityInSeconds", 14400);
        data.put("sessionId", session.id());
        data.put("serverVersion", "9.0.0");
        ArrayNode parameters = data.putArray("parameters");
        parameter(parameters, "AUTOCOMMIT", true);
        // No telemetry batches or keep-alive heartbeats in the background of a test.
        parameter(parameters, "CLIENT_TELEMETRY_ENABLED", false);
        parameter(parameters, "CLIENT_SESSION_KEEP_ALIVE", false);
        // The driver compares these with what it asked for and warns when they differ.
        ObjectNode sessionInfo = data.putObject("sessionInfo");
        RecordedLogin login = session.login();
        sessionInfo.put("databaseName", login.database());
        sessionInfo.put("schemaName", login.schema());
        sessionInfo.put("roleName", login.role());
        sessionInfo.put("warehouseName", login.warehouse());
        return data;
    }

    private static void parameter(ArrayNode parameters, String name, boolean value) {
        parameters.addObject().put("name", name).put("value", value);
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
