package io.connectorkit.plugin.operate;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.runtime.procedures.PublicProcedure;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.connectorkit.plugin.app.ReferenceBinding;

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
        public SecretDraft bindSecretDraft(String field, String value) {
            throw new AssertionError("stats binds no secret");
        }

        @Override
        public boolean bindReference(ReferenceBinding binding) {
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
                    Map.of("RESOURCE_INGESTION_DEFINITION_ID", "i", "RESOURCE_INGESTION_DEFINITION_NAME", "issues",
                            "STATUS", "COMPLETED", "INGESTED_ROWS", 120L, "STARTED_AT", "2026-11-27 09:10:00",
                            "COMPLETED_AT", "2026-11-27 09:10:02"),
                    Map.of("RESOURCE_INGESTION_DEFINITION_ID", "i", "RESOURCE_INGESTION_DEFINITION_NAME", "issues",
                            "STATUS", "COMPLETED", "INGESTED_ROWS", 480L, "STARTED_AT", "2026-11-27 12:10:00",
                            "COMPLETED_AT", "2026-11-27 12:10:03.123"),
                    Map.of("RESOURCE_INGESTION_DEFINITION_ID", "i", "RESOURCE_INGESTION_DEFINITION_NAME", "issues",
                            "STATUS", "FAILED", "INGESTED_ROWS", 0L, "STARTED_AT", "2026-11-27 12:40:00",
                            "METADATA", "{\"error\": \"IOException: GitHub answered 503\\nretry later\"}"),
                    Map.of("RESOURCE_INGESTION_DEFINITION_ID", "p", "RESOURCE_INGESTION_DEFINITION_NAME", "pulls",
                            "STATUS", "COMPLETED", "INGESTED_ROWS", 1L, "STARTED_AT", "2026-11-27 12:01:00",
                            "COMPLETED_AT", "2026-11-27 12:01:00"),
                    Map.of("RESOURCE_INGESTION_DEFINITION_ID", "p", "RESOURCE_INGESTION_DEFINITION_NAME", "pulls",
                            "STATUS", "COMPLETED", "INGESTED_ROWS", 2L, "STARTED_AT", "2026-11-27 13:01:00",
                            "COMPLETED_AT", "2026-11-27 13:01:00")),
            "INGESTION_DEFINITIONS", List.of(
                    Map.of("ID", "i", "NAME", "issues", "INGESTION_CONFIGURATION",
                            "[{\"id\": \"a\", \"ingestionStrategy\": \"INCREMENTAL\"}]"),
                    Map.of("ID", "p", "NAME", "pulls", "INGESTION_CONFIGURATION",
                            "[{\"id\": \"a\", \"ingestionStrategy\": \"SNAPSHOT\"}]"))));

    private static final Clock AT_13_30 = Clock.fixed(Instant.parse("2026-11-27T13:30:00Z"), ZoneOffset.UTC);

    @Test
    void everyRequestedHourUpToTheCurrentOneIsShownWithItsBarAndItsFailures() throws Exception {
        StatsReport report = new StatsReader(APP, AT_13_30).read(6);

        assertThat(report.hours()).extracting(StatsReport.Hour::rows).containsExactly(0L, 120L, 0L, 0L, 480L, 3L);
        assertThat(report.totalRows()).isEqualTo(603);
        assertThat(report.lines()).containsExactly(
                "Ingested rows per hour (UTC) for embedded app <demo>, the last 6 hours:",
                "  hour              rows",
                "  2026-11-27 08:00     0  ",
                "  2026-11-27 09:00   120  ██████████",
                "  2026-11-27 10:00     0  ",
                "  2026-11-27 11:00     0  ",
                "  2026-11-27 12:00   480  ████████████████████████████████████████ ✗ 1 failed",
                "  2026-11-27 13:00     3  ▎",
                "  total              603  ✗ 1 failed",
                "Resources:",
                "  issues: 600 rows in 3 runs, 1 failed, last completed 2026-11-27T12:10:03 UTC; failing: IOException:"
                        + " GitHub answered 503 …",
                "  pulls: 2 rows kept (a snapshot: its last completed run's) after 2 runs, last completed"
                        + " 2026-11-27T13:01 UTC",
                "Failed runs:",
                "  2026-11-27 12:40:00 UTC  issues: IOException: GitHub answered 503 …");
    }

    @Test
    void theWindowEndsWithTheCurrentHourAndSaysWhenTheLastRunWasIfNoneIsInIt() throws Exception {
        Clock nextDay = Clock.fixed(Instant.parse("2026-11-28T20:05:00Z"), ZoneOffset.UTC);
        StatsReport report = new StatsReader(APP, nextDay).read(2);

        assertThat(report.hours()).extracting(StatsReport.Hour::start)
                .containsExactly(LocalDateTime.parse("2026-11-28T19:00"), LocalDateTime.parse("2026-11-28T20:00"));
        assertThat(report.lines()).contains("  no runs in these hours; the last run started 2026-11-27 13:01:00 UTC"
                + " (-Dconnector.hours shows more)");
        assertThat(new StatsReader(APP, AT_13_30).read(24).hours()).hasSize(24).first()
                .isEqualTo(new StatsReport.Hour(LocalDateTime.parse("2026-11-26T14:00"), 0, 0));
    }

    @Test
    void thePageHasATimeAxisAValueAxisAndTheFailedRunsMarked() throws Exception {
        String html = new StatsReader(APP, AT_13_30).read(6).html();

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg",
                "<title>2026-11-27 12:00 UTC: 480 rows, 1 failed</title>", "embedded app &lt;demo&gt;",
                "603 rows in total, 1 failed run.")
                .doesNotContain("<script", "src=", "href=", "http://", "https://").doesNotContain("<demo>");
        assertThat(count(html, "class=\"x-label\"")).as("an hour label per hour").isEqualTo(6);
        assertThat(html).contains(">08</text>", ">13</text>", ">11-27</text>", ">hour (UTC)</text>", ">rows</text>");
        assertThat(count(html, "class=\"y-label\"")).isEqualTo(5);
        assertThat(html).contains(">500</text>", ">250</text>", ">0</text>");
        assertThat(count(html, "class=\"failed\"")).isEqualTo(1);
        assertThat(html).contains("<td>SNAPSHOT</td>", "<td>2026-11-27 12:40:00</td><td>issues</td>");
    }

    @Test
    void aLongWindowLabelsEveryFewHours() throws Exception {
        String html = new StatsReader(APP, AT_13_30).read(72).html();

        assertThat(count(html, "class=\"x-label\"")).isEqualTo(24);
        assertThat(count(html, "class=\"hour\"")).isEqualTo(72);
    }

    @Test
    void theValueAxisEndsAtARoundNumber() {
        assertThat(List.of(0L, 1L, 3L, 10L, 11L, 480L, 501L, 2000L)).extracting(StatsReport::niceCeiling)
                .containsExactly(1L, 1L, 5L, 10L, 20L, 500L, 1000L, 2000L);
    }

    @Test
    void noRunsYetSaysWhatToDo() throws Exception {
        StatsReport report = new StatsReader(new ViewsOnly(Map.of()), AT_13_30).read(24);

        assertThat(report.lines()).containsExactly("No ingestion runs yet for embedded app <demo>: enable a resource "
                + "(connector:resources); its runs follow its schedule (on the embedded target, connector:ingest "
                + "runs the due ones now)");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
