package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * {@code POST /session?delete=true}, which {@code Connection.close()} sends, and {@code POST /session/heartbeat},
 * which keeps a session alive.
 */
final class SessionEndpoint {

    private final Sessions sessions;

    SessionEndpoint(Sessions sessions) {
        this.sessions = sessions;
    }

    ObjectNode answer(HttpExchange exchange, JsonNode body) {
        String query = exchange.getRequestURI().getQuery();
        if (query != null && query.contains("delete=true")) {
            JsonEndpoint.sessionToken(exchange).ifPresent(sessions::close);
        }
        return JsonEndpoint.success(null);
    }
}
