package io.connectorkit.runtime.procedures;

import static io.connectorkit.runtime.testing.SchedulerFixture.configuration;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.SchedulerFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A process another iteration takes between this iteration's plan and its claim is skipped, never run twice: by the
 * scheduler's iteration and by RUN_INGESTION_NOW ("due or not"). A column whose first batch has only nulls is text.
 */
class ClaimRaceTest {

    private final SchedulerFixture f = new SchedulerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private void twoProcesses() {
        f.source.items("orders", 2);
        f.resource(
                "def-orders",
                "orders",
                "\"orders\"",
                "[" + configuration("c1", "INCREMENTAL", "GLOBAL", null, null) + ", "
                        + configuration("c2", "INCREMENTAL", "GLOBAL", null, null) + "]");
        f.process("p1", "def-orders", "c1");
        f.process("p2", "def-orders", "c2");
        // While the first run goes on, another host's iteration claims the other process.
        f.source.duringRun((task, sink) -> {
            try (Connection other = f.app.newConnection();
                    Statement statement = other.createStatement()) {
                assertThat(statement.executeUpdate("UPDATE STATE.INGESTION_PROCESS SET STATUS = 'IN_PROGRESS'"
                                + " WHERE STATUS = 'SCHEDULED'"))
                        .isEqualTo(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<Map<String, Object>> runs() {
        return f.app.query("SELECT INGESTION_PROCESS_ID AS P FROM STATE.INGESTION_RUN");
    }

    @Test
    void theIterationSkipsAProcessTakenMeanwhile() {
        twoProcesses();

        JsonNode response = f.iterate();

        assertThat(response.path("completed").asInt()).isEqualTo(1);
        assertThat(response.path("message").asText())
                .isEqualTo("Ran 1 of 2 scheduled ingestions: 1 completed, 0"
                        + " failed. 1 was taken by another iteration or no longer due.");
        assertThat(runs()).hasSize(1);
    }

    @Test
    void runIngestionNowSkipsAProcessTakenMeanwhile() {
        twoProcesses();

        JsonNode response = f.app.call("RUN_INGESTION_NOW", "def-orders");

        assertThat(response.path("completed").asInt()).isEqualTo(1);
        assertThat(response.path("message").asText()).endsWith("1 was taken by another iteration or no longer due.");
        assertThat(runs()).hasSize(1);
    }

    @Test
    void aColumnWithOnlyNullsInTheFirstBatchIsText() {
        f.ingests("events", "INCREMENTAL", "GLOBAL", null);
        SchedulerFixture g = f;
        g.source.items("events", 0);
        g.source.duringRun((task, sink) -> {
            sink.write(Map.of("id", 1L));
            Map<String, Object> onlyNull = new LinkedHashMap<>();
            onlyNull.put("id", 2L);
            onlyNull.put("note", null);
            sink.write(onlyNull);
        });

        assertThat(g.iterate().path("completed").asInt()).isEqualTo(1);

        assertThat(g.app.query("SELECT COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA ="
                        + " 'DEST' AND TABLE_NAME = 'EVENTS' ORDER BY ORDINAL_POSITION"))
                .containsExactly(
                        EmbeddedAppFixture.row("COLUMN_NAME", "ID", "DATA_TYPE", "BIGINT"),
                        EmbeddedAppFixture.row("COLUMN_NAME", "NOTE", "DATA_TYPE", "CHARACTER VARYING"));
    }
}
