package io.connectorkit.runtime.procedures;

import static io.connectorkit.runtime.testing.EmbeddedAppFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.testing.SchedulerFixture;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PUBLIC.GENERIC_CONNECTOR_STATS, CONNECTOR_STATS and AGGREGATED_CONNECTOR_STATS (spec §3.13) over real runs. */
class StatisticsViewsTest {

    private SchedulerFixture f;

    @BeforeEach
    void ingestAtKnownTimes() {
        f = new SchedulerFixture();
        f.source.items("orders", 10).pageSize(3);
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        // 10:05, a run of 2 seconds: 3 rows
        f.clock.set("2026-03-02T10:05:00Z");
        f.source.duringRun((task, sink) -> f.clock.advance(Duration.ofSeconds(2)));
        f.iterate();
        // 10:40, a run within the same second: 3 rows, throughput DIV0 → 0
        f.clock.set("2026-03-02T10:40:00Z");
        f.iterate();
        // 11:10, a failure: 0 rows; 11:20, 3 rows
        f.clock.set("2026-03-02T11:10:00Z");
        f.source.failNext(new IllegalStateException("timeout"));
        f.iterate();
        f.clock.set("2026-03-02T11:20:00Z");
        f.iterate();
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aggregatedStatisticsSumTheRowsOfEachHour() {
        assertThat(f.app.query(
                        "SELECT RUN_DATE, UPDATED_ROWS FROM PUBLIC.AGGREGATED_CONNECTOR_STATS ORDER BY" + " RUN_DATE"))
                .containsExactly(
                        row("RUN_DATE", Timestamp.valueOf("2026-03-02 10:00:00"), "UPDATED_ROWS", 6L),
                        row("RUN_DATE", Timestamp.valueOf("2026-03-02 11:00:00"), "UPDATED_ROWS", 3L));
    }

    @Test
    void connectorStatisticsShowEveryRunWithItsDurationAndThroughput() {
        List<Map<String, Object>> stats = f.app.query("SELECT RESOURCE_INGESTION_DEFINITION_ID,"
                + " INGESTION_CONFIGURATION_ID, INGESTION_PROCESS_ID, RESOURCE_INGESTION_DEFINITION_NAME, STARTED_AT,"
                + " STATUS, INGESTED_ROWS, DURATION_S, THROUGHPUT_RPS FROM PUBLIC.CONNECTOR_STATS ORDER BY STARTED_AT");

        assertThat(stats)
                .containsExactly(
                        stat("2026-03-02 10:05:00", "COMPLETED", 3, 2L, "1.500000"),
                        stat("2026-03-02 10:40:00", "COMPLETED", 3, 0L, "0.000000"),
                        stat("2026-03-02 11:10:00", "FAILED", 0, 0L, "0.000000"),
                        stat("2026-03-02 11:20:00", "COMPLETED", 3, 0L, "0.000000"));
        assertThat(f.app.query("SELECT * FROM PUBLIC.CONNECTOR_STATS ORDER BY STARTED_AT"))
                .isEqualTo(f.app.query("SELECT * FROM PUBLIC.GENERIC_CONNECTOR_STATS ORDER BY STARTED_AT"));
        assertThat(f.app.query("SELECT * FROM PUBLIC.CONNECTOR_STATS").get(0).keySet())
                .containsExactly(
                        "RUN_ID",
                        "RESOURCE_INGESTION_DEFINITION_ID",
                        "INGESTION_CONFIGURATION_ID",
                        "INGESTION_PROCESS_ID",
                        "RESOURCE_INGESTION_DEFINITION_NAME",
                        "STARTED_AT",
                        "UPDATED_AT",
                        "COMPLETED_AT",
                        "STATUS",
                        "INGESTED_ROWS",
                        "DURATION_S",
                        "THROUGHPUT_RPS",
                        "METADATA");
    }

    private static Map<String, Object> stat(
            String startedAt, String status, int rows, long duration, String throughput) {
        return row(
                "RESOURCE_INGESTION_DEFINITION_ID",
                "def-orders",
                "INGESTION_CONFIGURATION_ID",
                "cfg",
                "INGESTION_PROCESS_ID",
                "proc-orders",
                "RESOURCE_INGESTION_DEFINITION_NAME",
                "orders",
                "STARTED_AT",
                Timestamp.valueOf(startedAt),
                "STATUS",
                status,
                "INGESTED_ROWS",
                rows,
                "DURATION_S",
                duration,
                "THROUGHPUT_RPS",
                new BigDecimal(throughput));
    }

    @Test
    void runsAreFoundThroughTheirDefinitionOrTheirProcessOnce() {
        f.app.execute("INSERT INTO STATE.INGESTION_RUN (ID, RESOURCE_INGESTION_DEFINITION_ID, STARTED_AT, UPDATED_AT,"
                + " STATUS, INGESTED_ROWS) VALUES ('by-definition', 'def-orders', TIMESTAMP '2026-03-02 12:00:00',"
                + " TIMESTAMP '2026-03-02 12:00:00', 'IN_PROGRESS', 0)");
        f.app.execute("INSERT INTO STATE.INGESTION_RUN (ID, INGESTION_PROCESS_ID, STARTED_AT, UPDATED_AT, STATUS,"
                + " INGESTED_ROWS) VALUES ('by-process', 'proc-orders', TIMESTAMP '2026-03-02 12:00:00', TIMESTAMP"
                + " '2026-03-02 12:00:00', 'IN_PROGRESS', 0)");
        f.app.execute("INSERT INTO STATE.INGESTION_RUN (ID, STARTED_AT, UPDATED_AT, STATUS, INGESTED_ROWS) VALUES"
                + " ('orphan', TIMESTAMP '2026-03-02 12:00:00', TIMESTAMP '2026-03-02 12:00:00', 'IN_PROGRESS', 0)");

        assertThat(f.app.query("SELECT RUN_ID, RESOURCE_INGESTION_DEFINITION_NAME, DURATION_S, THROUGHPUT_RPS FROM"
                        + " PUBLIC.CONNECTOR_STATS WHERE STARTED_AT = TIMESTAMP '2026-03-02 12:00:00' ORDER BY RUN_ID"))
                .containsExactly(
                        row(
                                "RUN_ID",
                                "by-definition",
                                "RESOURCE_INGESTION_DEFINITION_NAME",
                                "orders",
                                "DURATION_S",
                                null,
                                "THROUGHPUT_RPS",
                                null),
                        row(
                                "RUN_ID",
                                "by-process",
                                "RESOURCE_INGESTION_DEFINITION_NAME",
                                "orders",
                                "DURATION_S",
                                null,
                                "THROUGHPUT_RPS",
                                null));
        assertThat(f.app.query("SELECT COUNT(*) AS N FROM PUBLIC.CONNECTOR_STATS"))
                .containsExactly(Map.of("N", 6L));
    }

    @Test
    void viewerReadsTheStatistics() throws SQLException {
        try (Connection viewer = f.app.viewerConnection()) {
            assertThat(rows(viewer, "SELECT RUN_DATE, UPDATED_ROWS FROM PUBLIC.AGGREGATED_CONNECTOR_STATS ORDER BY 1"))
                    .containsExactly("2026-03-02 10:00:00|6", "2026-03-02 11:00:00|3");
            assertThat(rows(viewer, "SELECT COUNT(*) FROM PUBLIC.CONNECTOR_STATS"))
                    .containsExactly("4");
            assertThat(rows(viewer, "SELECT COUNT(*) FROM PUBLIC.GENERIC_CONNECTOR_STATS"))
                    .containsExactly("4");
            assertThat(rows(viewer, "SELECT STATUS, LAST_SYNCED_AT FROM PUBLIC.SYNC_STATUS"))
                    .containsExactly("LAST_SYNCED|2026-03-02 11:20:00");
        }
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    values.add(String.valueOf(result.getObject(i)).replace(".0", ""));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
