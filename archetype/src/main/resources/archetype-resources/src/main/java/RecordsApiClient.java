package ${package};

import io.connectorkit.runtime.json.InvalidJsonException;
import io.connectorkit.runtime.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client of the records API:
 *
 * <ul>
 *   <li>{@code GET {base_url}/health}: 200 when the bearer token is accepted, 401 otherwise;</li>
 *   <li>{@code GET {base_url}/datasets/{dataset}/records?after={lastId}&limit={n}}: 200
 *       {@code {"records": [{"id": 1, ...}, ...], "has_more": true}}, records in ascending id order and all with an id
 *       above {@code after}; 404 for an unknown dataset, 401 for a refused token.</li>
 * </ul>
 *
 * Every request sends {@code Authorization: Bearer <token>} and has a timeout. Answers 429 and 5xx, timeouts and
 * I/O failures are retried with exponential backoff (or after the answer's {@code Retry-After}), up to the policy's
 * attempts; any other status fails at once.
 */
public final class RecordsApiClient {

    /** How often and how long to retry. */
    public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

        /** Five attempts, waiting 0.5 s, 1 s, 2 s, 4 s (a Retry-After of up to 30 s is honoured). */
        public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));

        public RetryPolicy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
            }
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
        }

        /** The wait before attempt {@code attempt + 1}: doubled per attempt, capped by {@code maxBackoff}. */
        Duration backoff(int attempt) {
            Duration wait = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /** One page of records, and whether the API has more after it. */
    public record Page(List<Map<String, Object>> records, boolean hasMore) {
    }

    /** Waits between attempts; tests record the waits instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final String token;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final HttpClient http;

    public RecordsApiClient(String baseUrl, String token) {
        this(baseUrl, token, RetryPolicy.DEFAULT, duration -> Thread.sleep(duration.toMillis()));
    }

    public RecordsApiClient(String baseUrl, String token, RetryPolicy retry, Sleeper sleeper) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = Objects.requireNonNull(token, "token");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The URL of {@code GET /health}. */
    public String healthUrl() {
        return baseUrl + "/health";
    }

    /**
     * Checks that the API is reachable and accepts the token.
     *
     * @throws RecordsApiException when it does not answer 200 ({@link RecordsApiException#isUnauthorized()} for 401)
     */
    public void health() {
        get(healthUrl());
    }

    /**
     * Reads the records of a dataset with an id above {@code afterId}, at most {@code limit} of them.
     *
     * @throws RecordsApiException when the API fails, refuses the token, does not know the dataset, or answers
     *     something other than the contract's page
     */
    public Page records(String dataset, long afterId, int limit) {
        String url = baseUrl + "/datasets/" + URLEncoder.encode(dataset, StandardCharsets.UTF_8).replace("+", "%20")
                + "/records?after=" + afterId + "&limit=" + limit;
        return page(url, get(url));
    }

    private String get(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new RecordsApiException(url, RecordsApiException.NO_STATUS, url + " is not a valid URL: "
                    + e.getMessage() + "; check base_url", e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= retry.maxAttempts();
            Duration wait = retry.backoff(attempt);
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return response.body();
                }
                if (!retryable(status) || last) {
                    throw new RecordsApiException(url, status, failure(url, status, response.body(), attempt), null);
                }
                wait = retryAfter(response).map(after -> after.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff()
                        : after).orElse(wait);
            } catch (IOException e) {
                if (last) {
                    throw new RecordsApiException(url, RecordsApiException.NO_STATUS, "GET " + url + " failed after "
                            + attempt + " attempt(s): " + e + "; check that base_url is right and the host is "
                            + "reachable", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RecordsApiException(url, RecordsApiException.NO_STATUS, "Interrupted during GET " + url, e);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RecordsApiException(url, RecordsApiException.NO_STATUS, "Interrupted while waiting to "
                        + "retry GET " + url, e);
            }
        }
    }

    private static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    private static String failure(String url, int status, String body, int attempts) {
        String what = switch (status) {
            case 401 -> "the API refused the token; check the api_token secret (RECORDS_API_TOKEN)";
            case 403 -> "the token may not read this; check its permissions";
            case 404 -> "no such dataset or path; check the resource's dataset and base_url";
            default -> retryable(status) ? "gave up after " + attempts + " attempt(s); try again later"
                    : "unexpected answer";
        };
        String excerpt = body == null || body.isBlank() ? "" : " (" + abbreviate(body.strip(), 200) + ")";
        return "GET " + url + " answered HTTP " + status + excerpt + ": " + what;
    }

    /** Seconds or an HTTP date, as RFC 9110 allows; anything else is ignored. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration until = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Page page(String url, String body) {
        Object json;
        try {
            json = Json.parse(body);
        } catch (InvalidJsonException e) {
            throw notAPage(url, "the body is not JSON: " + e.getMessage());
        }
        if (!(json instanceof Map<?, ?> object) || !(object.get("records") instanceof List<?> items)) {
            throw notAPage(url, "it has no \"records\" array");
        }
        List<Map<String, Object>> records = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> record) || !(record.get("id") instanceof Number id)
                    || id.longValue() != id.doubleValue()) {
                throw notAPage(url, "a record without a whole-number \"id\": " + abbreviate(String.valueOf(item), 200));
            }
            records.add(new LinkedHashMap<>((Map<String, Object>) record));
        }
        return new Page(records, Boolean.TRUE.equals(object.get("has_more")));
    }

    private static RecordsApiException notAPage(String url, String problem) {
        return new RecordsApiException(url, 200, "GET " + url + " answered HTTP 200 but not a page of records ("
                + "{\"records\": [{\"id\": ...}], \"has_more\": ...}): " + problem, null);
    }

    private static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "...";
    }
}
