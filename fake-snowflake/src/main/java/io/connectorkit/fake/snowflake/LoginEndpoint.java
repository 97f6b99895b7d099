package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code POST /session/v1/login-request}: the driver's login. The request body's {@code data} holds LOGIN_NAME,
 * ACCOUNT_NAME, AUTHENTICATOR (absent for a password), PASSWORD or TOKEN; the query string holds the database,
 * schema, role and warehouse asked for.
 */
final class LoginEndpoint {

    /** Snowflake's answer to a wrong user name or password. */
    static final int INCORRECT_USERNAME_OR_PASSWORD = 390100;

    private record Rejection(int code, String message) {
    }

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
        RecordedLogin login = new RecordedLogin(
                data.path("LOGIN_NAME").asText(null),
                data.path("ACCOUNT_NAME").asText(null),
                data.path("AUTHENTICATOR").asText("SNOWFLAKE"),
                !data.path("PASSWORD").asText("").isEmpty(),
                !data.path("TOKEN").asText("").isEmpty(),
                query.get("databaseName"),
                query.get("schemaName"),
                query.get("roleName"),
                query.get("warehouse"));
        logins.add(login);
        Rejection current = rejection;
        if (current != null) {
            return JsonEndpoint.failure(current.code(), current.message());
        }
        return JsonEndpoint.success(sessionData(sessions.open(login)));
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
