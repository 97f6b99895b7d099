package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * An endpoint of Snowflake's REST API: a JSON request in, a JSON envelope out ({@code data}, {@code code},
 * {@code message}, {@code success}).
 *
 * <p>Failures are answered with HTTP 200 too, as Snowflake does: the driver turns a {@code success: false}
 * envelope into a SQLException at once, while it would retry a dropped request or a server error for minutes.
 */
final class JsonEndpoint implements HttpHandler {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Snowflake's code for an internal error, used when the fake itself fails. */
    private static final int INTERNAL_ERROR = 200001;

    private static final Pattern SESSION_TOKEN = Pattern.compile("Token=\"([^\"]*)\"");

    /** What an endpoint does with a request. */
    @FunctionalInterface
    interface Answer {
        ObjectNode answer(HttpExchange exchange, JsonNode body) throws Exception;
    }

    private final Answer answer;

    JsonEndpoint(Answer answer) {
        this.answer = answer;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ObjectNode response;
        try {
            response = answer.answer(exchange, body(exchange));
        } catch (Exception | AssertionError e) {
            response = failure(INTERNAL_ERROR, "The fake Snowflake failed on " + exchange.getRequestURI() + ": " + e);
        }
        send(exchange, response);
    }

    static ObjectNode success(JsonNode data) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.set("data", data);
        envelope.putNull("code");
        envelope.putNull("message");
        envelope.put("success", true);
        return envelope;
    }

    static ObjectNode failure(int code, String message) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.putNull("data");
        envelope.put("code", errorCode(code));
        envelope.put("message", message);
        envelope.put("success", false);
        return envelope;
    }

    /** Snowflake writes its error codes as six digits. */
    static String errorCode(int code) {
        return String.format("%06d", code);
    }

    /** The session token in a request's {@code Authorization: Snowflake Token="..."} header. */
    static Optional<String> sessionToken(HttpExchange exchange) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
                .map(SESSION_TOKEN::matcher)
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1));
    }

    private static void send(HttpExchange exchange, JsonNode response) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(response);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The request's JSON, which the driver gzips for queries. */
    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return JsonNodeFactory.instance.objectNode();
            }
            boolean gzipped =
                    "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            return gzipped ? JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(bytes))) : JSON.readTree(bytes);
        }
    }
}
