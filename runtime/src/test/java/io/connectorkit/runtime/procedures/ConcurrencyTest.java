package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Eight sessions calling at once leave a valid state and lose no update. */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 40;

    private final List<String> hookOrder = new CopyOnWriteArrayList<>();
    private final AtomicInteger hooksRunning = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final ScriptedConnector connector =
            new ScriptedConnector().pause(context -> exclusively("pause")).resume(context -> exclusively("resume"));
    private final EmbeddedAppFixture app =
            EmbeddedAppFixture.install(connector.definition().build());

    @AfterEach
    void dropApp() {
        app.close();
    }

    @Test
    void pauseResumeAndConfigureAtOnceSerializeIntoAValidHistory() throws Exception {
        app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"WH\"}");
        app.call("SET_CONNECTION_CONFIGURATION", "{\"base_url\": \"https://api.example.com\"}");
        assertThat(app.call("FINALIZE_CONNECTOR_CONFIGURATION", "{}")
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

        runConcurrently((thread, call, connection) -> {
            String procedure = List.of("PAUSE_CONNECTOR", "RESUME_CONNECTOR", "CONFIGURE_CONNECTOR")
                    .get((thread + call) % 3);
            JsonNode response = procedure.equals("CONFIGURE_CONNECTOR")
                    ? EmbeddedAppFixture.call(connection, procedure, "{\"warehouse\": \"W" + thread + "\"}")
                    : EmbeddedAppFixture.call(connection, procedure);
            outcomes.computeIfAbsent(
                            procedure + " " + response.path("response_code").asText(), key -> new AtomicInteger())
                    .incrementAndGet();
        });

        assertThat(overlaps.get())
                .as("two lifecycle hooks never ran at the same time")
                .isZero();
        assertThat(outcomes.keySet())
                .as("only successes and state refusals, never a lost or failed call")
                .isSubsetOf(Set.of(
                        "PAUSE_CONNECTOR OK",
                        "PAUSE_CONNECTOR INVALID_CONNECTOR_STATUS",
                        "RESUME_CONNECTOR OK",
                        "RESUME_CONNECTOR INVALID_CONNECTOR_STATUS",
                        "CONFIGURE_CONNECTOR INVALID_CONNECTOR_STATUS"));
        int pauses = count(outcomes, "PAUSE_CONNECTOR OK");
        int resumes = count(outcomes, "RESUME_CONNECTOR OK");
        assertThat(pauses).as("some pauses succeeded").isPositive();
        assertThat(hookOrder)
                .as("every successful call ran its hook exactly once")
                .hasSize(pauses + resumes);
        for (int i = 0; i < hookOrder.size(); i++) {
            assertThat(hookOrder.get(i))
                    .as("transition %d alternates from STARTED", i)
                    .isEqualTo(i % 2 == 0 ? "pause" : "resume");
        }
        ConnectorStatus expectedFinal = pauses == resumes ? ConnectorStatus.STARTED : ConnectorStatus.PAUSED;
        assertThat(app.state()).isEqualTo(new ConnectorState(expectedFinal, ConfigurationStatus.FINALIZED));
        assertThat(configuration("connector_configuration"))
                .as("configure never got through a finalized connector")
                .isEqualTo(JsonTree.parse("{\"warehouse\": \"WH\", \"batch_size\": 500}"));
    }

    @Test
    void concurrentWizardCallsKeepOneWholeConfiguration() throws Exception {
        app.call("COMPLETE_PREREQUISITES_STEP");
        Set<JsonNode> submitted = ConcurrentHashMap.newKeySet();

        runConcurrently((thread, call, connection) -> {
            if (call % 2 == 0) {
                String config = "{\"warehouse\": \"W" + thread + "_" + call + "\", \"destination_database\": \"D"
                        + thread + "_" + call + "\"}";
                submitted.add(JsonTree.parse(config.replace("}", ", \"batch_size\": 500}")));
                assertThat(EmbeddedAppFixture.call(connection, "CONFIGURE_CONNECTOR", config)
                                .path("response_code")
                                .asText())
                        .isEqualTo("OK");
            } else {
                assertThat(EmbeddedAppFixture.call(
                                        connection,
                                        "SET_CONNECTION_CONFIGURATION",
                                        "{\"base_url\": \"https://t" + thread + ".example.com\"}")
                                .path("response_code")
                                .asText())
                        .isEqualTo("OK");
            }
        });

        assertThat(submitted)
                .as("the stored configuration is one submitted object, never a mix")
                .contains(configuration("connector_configuration"));
        assertThat(app.state())
                .isEqualTo(new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.CONNECTED));
    }

    @FunctionalInterface
    private interface Caller {
        void call(int thread, int call, Connection connection) throws Exception;
    }

    private void runConcurrently(Caller caller) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    try (Connection connection = app.newConnection()) {
                        start.await(30, TimeUnit.SECONDS);
                        for (int call = 0; call < CALLS_PER_THREAD; call++) {
                            caller.call(thread, call, connection);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Records a hook run and notices if another one is running at the same moment. */
    private Response exclusively(String hook) {
        if (hooksRunning.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            hookOrder.add(hook);
            Thread.yield();
            return Response.ok();
        } finally {
            hooksRunning.decrementAndGet();
        }
    }

    private JsonNode configuration(String key) {
        return JsonTree.parse((String) app.query("SELECT \"VALUE\" FROM STATE.APP_CONFIG WHERE \"KEY\" = ?", key)
                .get(0)
                .get("VALUE"));
    }

    private static int count(Map<String, AtomicInteger> outcomes, String key) {
        AtomicInteger count = outcomes.get(key);
        return count == null ? 0 : count.get();
    }
}
