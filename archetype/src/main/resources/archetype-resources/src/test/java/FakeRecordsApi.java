package ${package};

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.connectorkit.runtime.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records API on 127.0.0.1 (a free port), serving exactly the contract {@link RecordsApiClient} documents:
 * {@code /health} and {@code /datasets/{dataset}/records?after=&limit=}, with a bearer token. Tests add records and
 * script failures (a status, optionally with Retry-After) that the next requests get before the normal answers.
 */
final class FakeRecordsApi implements AutoCloseable {

    private static final Pattern RECORDS = Pattern.compile("/datasets/([^/]+)/records");

    private final HttpServer server;
    private final String token;
    private final Map<String, List<Map<String, Object>>> datasets = new ConcurrentHashMap<>();
    private final Deque<int[]> failures = new ArrayDeque<>();
    /** Every request as "GET /path?query", in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** The Authorization header of every request. */
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    FakeRecordsApi(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base_url of this API. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A dataset, empty at first; the API answers 404 for others. */
    FakeRecordsApi dataset(String name) {
        datasets.putIfAbsent(name, new CopyOnWriteArrayList<>());
        return this;
    }

    /** Appends records {@code {"id": n, "name": "<dataset> n", "amount": n * 1.5, "tags": [...]}} with the next ids. */
    FakeRecordsApi add(String dataset, int count) {
        List<Map<String, Object>> records = datasets.computeIfAbsent(dataset, name -> new CopyOnWriteArrayList<>());
        synchronized (records) {
            for (int i = 0; i < count; i++) {
                long id = records.size() + 1;
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("id", id);
                record.put("name", dataset + " " + id);
                record.put("amount", id * 1.5);
                record.put("tags", List.of("fake", dataset));
                records.add(record);
            }
        }
        return this;
    }

    /** The next {@code times} requests answer {@code status} (with {@code Retry-After: retryAfter} when >= 0). */
    FakeRecordsApi failNext(int times, int status, int retryAfter) {
        synchronized (failures) {
            for (int i = 0; i < times; i++) {
                failures.add(new int[] {status, retryAfter});
            }
        }
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + (query == null ? "" : "?" + query));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            int[] failure;
            synchronized (failures) {
                failure = failures.poll();
            }
            if (failure != null) {
                if (failure[1] >= 0) {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(failure[1]));
                }
                send(exchange, failure[0], Map.of("error", "scripted failure"));
                return;
            }
            if (!("Bearer " + token).equals(authorization)) {
                send(exchange, 401, Map.of("error", "invalid token"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Matcher records = RECORDS.matcher(path);
            if (path.equals("/health")) {
                send(exchange, 200, Map.of("status", "ok"));
            } else if (records.matches() && datasets.containsKey(records.group(1))) {
                Map<String, String> parameters = parameters(query);
                long after = Long.parseLong(parameters.getOrDefault("after", "0"));
                int limit = Integer.parseInt(parameters.getOrDefault("limit", "100"));
                List<Map<String, Object>> above = new ArrayList<>();
                for (Map<String, Object> record : datasets.get(records.group(1))) {
                    if (((Number) record.get("id")).longValue() > after) {
                        above.add(record);
                    }
                }
                Map<String, Object> page = new LinkedHashMap<>();
                page.put("records", above.subList(0, Math.min(limit, above.size())));
                page.put("has_more", above.size() > limit);
                send(exchange, 200, page);
            } else {
                send(exchange, 404, Map.of("error", "not found: " + path));
            }
        }
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
