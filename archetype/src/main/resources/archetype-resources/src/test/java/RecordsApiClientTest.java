package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against {@link FakeRecordsApi}; waits between attempts are recorded, not slept. */
class RecordsApiClientTest {

    static final String TOKEN = "test-token-1b2c";

    private FakeRecordsApi api;
    private final List<Duration> waits = new ArrayList<>();
    private RecordsApiClient client;

    @BeforeEach
    void start() throws Exception {
        api = new FakeRecordsApi(TOKEN).dataset("orders");
        client = client(api.url() + "/", TOKEN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private RecordsApiClient client(String baseUrl, String token) {
        return new RecordsApiClient(baseUrl, token, new RecordsApiClient.RetryPolicy(3, Duration.ofMillis(100),
                Duration.ofSeconds(5)), waits::add);
    }

    @Test
    void readsPagesAfterTheCursorWithTheBearerToken() {
        api.add("orders", 5);

        RecordsApiClient.Page first = client.records("orders", 0, 2);
        RecordsApiClient.Page last = client.records("orders", 4, 2);

        assertThat(first.records()).extracting(record -> record.get("id")).containsExactly(1, 2);
        assertThat(first.records().get(0)).containsEntry("name", "orders 1").containsKey("tags");
        assertThat(first.hasMore()).isTrue();
        assertThat(last.records()).extracting(record -> record.get("id")).containsExactly(5);
        assertThat(last.hasMore()).isFalse();
        assertThat(api.requests).containsExactly("GET /datasets/orders/records?after=0&limit=2",
                "GET /datasets/orders/records?after=4&limit=2");
        assertThat(api.authorizations).containsOnly("Bearer " + TOKEN);
        assertThat(waits).isEmpty();
    }

    @Test
    void retriesA503WithExponentialBackoffThenSucceeds() {
        api.add("orders", 1).failNext(2, 503, -1);

        RecordsApiClient.Page page = client.records("orders", 0, 10);

        assertThat(page.records()).hasSize(1);
        assertThat(api.requests).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void honoursRetryAfterOnA429() {
        api.add("orders", 1).failNext(1, 429, 2);

        assertThat(client.records("orders", 0, 10).records()).hasSize(1);

        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void givesUpAfterTheLastAttemptNamingTheUrlAndStatus() {
        api.failNext(3, 503, -1);

        assertThatThrownBy(() -> client.records("orders", 7, 10))
                .isInstanceOf(RecordsApiException.class)
                .hasMessage("GET " + api.url() + "/datasets/orders/records?after=7&limit=10 answered HTTP 503"
                        + " ({\"error\":\"scripted failure\"}): gave up after 3 attempt(s); try again later")
                .extracting(e -> ((RecordsApiException) e).status()).isEqualTo(503);
        assertThat(api.requests).hasSize(3);
    }

    @Test
    void aRefusedTokenFailsAtOnceWithoutTheToken() {
        RecordsApiClient wrong = client(api.url(), "not-the-token");

        assertThatThrownBy(wrong::health)
                .isInstanceOf(RecordsApiException.class)
                .hasMessageContaining("GET " + api.url() + "/health answered HTTP 401")
                .hasMessageEndingWith("the API refused the token; check the api_token secret (RECORDS_API_TOKEN)")
                .hasMessageNotContaining("not-the-token")
                .matches(e -> ((RecordsApiException) e).isUnauthorized());
        assertThat(api.requests).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void anUnknownDatasetIs404() {
        assertThatThrownBy(() -> client.records("invoices", 0, 10))
                .isInstanceOf(RecordsApiException.class)
                .hasMessageEndingWith("no such dataset or path; check the resource's dataset and base_url");
    }

    @Test
    void anUnreachableHostIsRetriedThenReported() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RecordsApiClient unreachable = client("http://127.0.0.1:" + closedPort, TOKEN);

        assertThatThrownBy(unreachable::health)
                .isInstanceOf(RecordsApiException.class)
                .hasMessageStartingWith("GET http://127.0.0.1:" + closedPort + "/health failed after 3 attempt(s): ")
                .hasMessageEndingWith("; check that base_url is right and the host is reachable");
        assertThat(waits).hasSize(2);
    }
}
