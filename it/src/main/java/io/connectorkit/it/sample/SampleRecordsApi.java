package io.connectorkit.it.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source the integration tests and the quickstart ingest from: the records API the archetype's example connector
 * reads, served on 127.0.0.1. {@code GET /health} and {@code GET /datasets/{dataset}/records?after=&limit=} answer
 * with a bearer token only (any of the tokens it was started with, as an API does while a token is rotated); datasets {@code orders} and {@code customers} hold fixed records. The first page of
 * {@code customers} answers 503 once, so that every run shows the connector retrying.
 */
public final class SampleRecordsApi implements AutoCloseable {

    public static final int ORDERS = 120;
    public static final int CUSTOMERS = 35;
    private static final int MAX_LIMIT = 100;
    private static final Pattern RECORDS = Pattern.compile("/datasets/([a-z_]+)/records");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Set<String> tokens;
    private final Map<String, List<Map<String, Object>>> datasets =
            Map.of("orders", orders(), "customers", customers());
    private final AtomicInteger unavailableToCome = new AtomicInteger(1);
    private final AtomicInteger requests = new AtomicInteger();

    private SampleRecordsApi(Set<String> tokens) throws IOException {
        this.tokens = tokens;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "sample-records-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::answer);
        server.start();
    }

    /** Serves the API on a free port of 127.0.0.1, accepting {@code Authorization: Bearer <token>} for each token. */
    public static SampleRecordsApi start(String... tokens) throws IOException {
        if (tokens.length == 0 || Arrays.stream(tokens).anyMatch(token -> token == null || token.isBlank())) {
            throw new IllegalArgumentException("The sample API needs the tokens it accepts, none of them blank");
        }
        return new SampleRecordsApi(Set.copyOf(Arrays.asList(tokens)));
    }

    /** The API's root, the connector's {@code base_url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** How many requests were answered, whatever the answer. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, Map.of("error", "only GET is served"));
            } else if (!isAccepted(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, Map.of("error", "missing or unknown bearer token"));
            } else if (path.equals("/v1/health")) {
                send(exchange, 200, Map.of("status", "ok"));
            } else {
                Matcher records = RECORDS.matcher(path.startsWith("/v1") ? path.substring(3) : "");
                if (!records.matches() || !datasets.containsKey(records.group(1))) {
                    send(exchange, 404, Map.of("error", "no such dataset: " + path));
                } else {
                    records(
                            exchange,
                            records.group(1),
                            query(exchange.getRequestURI().getRawQuery()));
                }
            }
        }
    }

    private boolean isAccepted(String authorization) {
        return authorization != null
                && authorization.startsWith("Bearer ")
                && tokens.contains(authorization.substring("Bearer ".length()));
    }

    private void records(HttpExchange exchange, String dataset, Map<String, String> query) throws IOException {
        long after;
        int limit;
        try {
            after = Long.parseLong(query.getOrDefault("after", "0"));
            limit = Math.min(MAX_LIMIT, Integer.parseInt(query.getOrDefault("limit", "50")));
        } catch (NumberFormatException e) {
            send(exchange, 400, Map.of("error", "after and limit are whole numbers"));
            return;
        }
        if (dataset.equals("customers") && after == 0 && unavailableToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().set("Retry-After", "0");
            send(exchange, 503, Map.of("error", "busy, try again"));
            return;
        }
        List<Map<String, Object>> page = datasets.get(dataset).stream()
                .filter(record -> ((Number) record.get("id")).longValue() > after)
                .limit(Math.max(1, limit))
                .toList();
        long last = page.isEmpty() ? after : ((Number) page.get(page.size() - 1).get("id")).longValue();
        boolean hasMore =
                datasets.get(dataset).stream().anyMatch(record -> ((Number) record.get("id")).longValue() > last);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", page);
        body.put("has_more", hasMore);
        send(exchange, 200, body);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return parameters;
    }

    private static void send(HttpExchange exchange, int status, Object body) {
        try {
            byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> orders() {
        String[] statuses = {"placed", "paid", "shipped", "delivered"};
        Instant start = Instant.parse("2026-01-01T08:00:00Z");
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int id = 1; id <= ORDERS; id++) {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("id", id);
            order.put("customer_id", 1 + (id * 7) % CUSTOMERS);
            order.put("amount", BigDecimal.valueOf(1000 + id * 137L % 9000, 2));
            order.put("status", statuses[id % statuses.length]);
            order.put("created_at", start.plusSeconds(id * 3_600L).toString());
            orders.add(order);
        }
        return List.copyOf(orders);
    }

    private static List<Map<String, Object>> customers() {
        String[] countries = {"NL", "PL", "US", "DE", "JP"};
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int id = 1; id <= CUSTOMERS; id++) {
            Map<String, Object> customer = new LinkedHashMap<>();
            customer.put("id", id);
            customer.put("name", "Customer " + id);
            customer.put("country", countries[id % countries.length]);
            customers.add(customer);
        }
        return List.copyOf(customers);
    }
}
