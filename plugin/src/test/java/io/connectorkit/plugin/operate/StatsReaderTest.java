package io.connectorkit.plugin.operate;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.runtime.procedures.PublicProcedure;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsReaderTest {

    /** An app that only has views, as the stats goal sees it. */
    record ViewsOnly(Map<String, List<Map<String, Object>>> views) implements InstalledApp {
        @Override
        public String describe() {
            return "embedded app <demo>";
        }

        @Override
        public ProcedureResponse call(PublicProcedure procedure, Object... arguments) {
            throw new AssertionError("stats calls no procedure");
        }

        @Override
        public void bindSecret(String field, String value) {
            throw new AssertionError("stats binds no secret");
        }

        @Override
        public boolean bindReference(io.connectorkit.plugin.app.ReferenceBinding binding) {
            throw new AssertionError("stats binds no reference");
        }

        @Override
        public List<Map<String, Object>> view(String name) {
            return views.getOrDefault(name, List.of());
        }

        @Override
        public void close() {
        }
    }

    private static final ViewsOnly APP = new ViewsOnly(Map.of(
            "AGGREGATED_CONNECTOR_STATS", List.of(
                    Map.of("RUN_DATE", Timestamp.valueOf("2026-11-27 09:00:00"), "UPDATED_ROWS", 120L),
                    Map.of("RUN_DATE", "2026-11-27 12:00:00.000", "UPDATED_ROWS", "480"),
                    Map.of("RUN_DATE", LocalDateTime.parse("2026-11-27T13:00"), "UPDATED_ROWS", 3)),
            "CONNECTOR_STATS", List.of(
                    Map.of("RESOURCE_INGESTION_DEFINITION_NAME", "issues", "STATUS", "COMPLETED", "INGESTED_ROWS", 600L,
                            "COMPLETED_AT", "2026-11-27 12:10:03.123"),
                    Map.of("RESOURCE_INGESTION_DEFINITION_NAME", "issues", "STATUS", "FAILED", "INGESTED_ROWS", 0L),
                    Map.of("RESOURCE_INGESTION_DEFINITION_NAME", "pulls", "STATUS", "COMPLETED", "INGESTED_ROWS", 3L,
                            "COMPLETED_AT", "2026-11-27 13:01:00"))));

    @Test
    void everyHourBetweenTheFirstAndTheLastIsShownWithItsBar() throws Exception {
        StatsReport report = new StatsReader(APP).read(24);

        assertThat(report.hours()).extracting(StatsReport.Hour::rows).containsExactly(120L, 0L, 0L, 480L, 3L);
        assertThat(report.totalRows()).isEqualTo(603);
        assertThat(report.lines()).containsExactly(
                "Ingested rows per hour (UTC) for embedded app <demo>:",
                "  hour              rows",
                "  2026-11-27 09:00   120  ██████████",
                "  2026-11-27 10:00     0  ",
                "  2026-11-27 11:00     0  ",
                "  2026-11-27 12:00   480  ████████████████████████████████████████",
                "  2026-11-27 13:00     3  ▎",
                "  total              603",
                "Resources:",
                "  issues: 600 rows in 2 runs, 1 failed, last completed 2026-11-27T12:10:03 UTC",
                "  pulls: 3 rows in 1 run, last completed 2026-11-27T13:01 UTC");
    }

    @Test
    void theWindowKeepsTheLastHours() throws Exception {
        assertThat(new StatsReader(APP).read(2).hours()).extracting(StatsReport.Hour::start)
                .containsExactly(LocalDateTime.parse("2026-11-27T12:00"), LocalDateTime.parse("2026-11-27T13:00"));
    }

    @Test
    void thePageIsSelfContainedAndEscaped() throws Exception {
        String html = new StatsReader(APP).read(24).html();

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "<title>2026-11-27 12:00 UTC: 480 rows</title>",
                "embedded app &lt;demo&gt;", "603 rows in total").doesNotContain("<script", "src=", "href=", "http://", "https://")
                .doesNotContain("<demo>");
    }

    @Test
    void noRunsYetSaysWhatToDo() throws Exception {
        StatsReport report = new StatsReader(new ViewsOnly(Map.of())).read(24);

        assertThat(report.lines()).containsExactly("No ingestion runs yet for embedded app <demo>: enable a resource "
                + "(connector:resources); its runs follow its schedule (on the embedded target, connector:ingest "
                + "runs the due ones now)");
    }
}
