package io.connectorkit.runtime.resources;

import static io.connectorkit.runtime.resources.ResourceApp.C1;
import static io.connectorkit.runtime.resources.ResourceApp.C2;
import static io.connectorkit.runtime.resources.ResourceApp.array;
import static io.connectorkit.runtime.testing.EmbeddedAppFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resource calls from many sessions at once take the connector's lock, so the uniqueness rules hold. */
class ResourceConcurrencyTest {

    private static final int THREADS = 8;

    private final ResourceApp resources = new ResourceApp();

    @AfterEach
    void close() {
        resources.close();
    }

    @Test
    void onlyOneOfManySimultaneousCreatesOfAResourceWins() throws Exception {
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

        runConcurrently(10, (thread, call, connection) -> {
            String code = EmbeddedAppFixture.call(
                            connection,
                            "CREATE_RESOURCE",
                            "Same",
                            "{\"repo\": \"same\"}",
                            array(C1),
                            "r-" + thread + "-" + call,
                            true,
                            null)
                    .path("response_code")
                    .asText();
            outcomes.computeIfAbsent(code, key -> new AtomicInteger()).incrementAndGet();
        });

        assertThat(outcomes.get("OK").get()).isEqualTo(1);
        assertThat(outcomes.get("INVALID_INPUT").get()).isEqualTo(THREADS * 10 - 1);
        assertThat(resources.app.query("SELECT COUNT(*) AS N FROM STATE.INGESTION_PROCESS"))
                .containsExactly(row("N", 1L));
    }

    @Test
    void enablingDisablingAndUpdatingAtOnceKeepOneUnfinishedProcessPerConfiguration() throws Exception {
        resources.create("r1", true, C1, C2);

        runConcurrently(15, (thread, call, connection) -> {
            String code = switch ((thread + call) % 3) {
                case 0 ->
                    EmbeddedAppFixture.call(connection, "ENABLE_RESOURCE", "r1")
                            .path("response_code")
                            .asText();
                case 1 ->
                    EmbeddedAppFixture.call(connection, "DISABLE_RESOURCE", "r1")
                            .path("response_code")
                            .asText();
                default ->
                    EmbeddedAppFixture.call(
                                    connection, "UPDATE_RESOURCE", "r1", call % 2 == 0 ? array(C1) : array(C1, C2))
                            .path("response_code")
                            .asText();
            };
            assertThat(code).isEqualTo("OK");
        });

        boolean enabled = (Boolean) resources.definitions().get(0).get("IS_ENABLED");
        List<String> configured = resources
                        .definitions()
                        .get(0)
                        .get("INGESTION_CONFIGURATION")
                        .toString()
                        .contains("\"c2\"")
                ? List.of("c1", "c2")
                : List.of("c1");
        assertThat(resources
                        .app
                        .query("SELECT INGESTION_CONFIGURATION_ID AS C FROM STATE.INGESTION_PROCESS WHERE"
                                + " STATUS <> 'FINISHED' ORDER BY 1")
                        .stream()
                        .map(process -> process.get("C"))
                        .toList())
                .isEqualTo(enabled ? configured : List.of());
    }

    @FunctionalInterface
    private interface Work {
        void run(int thread, int call, Connection connection) throws Exception;
    }

    private void runConcurrently(int callsPerThread, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    try (Connection connection = resources.app.newConnection()) {
                        start.await();
                        for (int call = 0; call < callsPerThread; call++) {
                            work.run(thread, call, connection);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
