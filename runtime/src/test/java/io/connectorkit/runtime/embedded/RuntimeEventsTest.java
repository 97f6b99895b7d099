package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.snowflake.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeEventsTest {

    private final List<RuntimeEvents.Event> logs = new ArrayList<>();
    private final List<RuntimeEvents.Span> spans = new ArrayList<>();
    private final RuntimeEvents.Recorder recorder = new RuntimeEvents.Recorder() {
        @Override
        public void log(RuntimeEvents.Event event) {
            logs.add(event);
        }

        @Override
        public void span(RuntimeEvents.Span span) {
            spans.add(span);
        }
    };

    private static final System.Logger LOG = System.getLogger("io.connectorkit.runtime.test");

    @Test
    void alwaysRecordsTheSpanOfEveryCallWithItsEventsAndAttributes() {
        String answer = RuntimeEvents.during("PAUSE_CONNECTOR", "INFO", "ALWAYS", recorder, () -> "done");
        RuntimeEvents.during("RUN_INGESTION_NOW", "INFO", "ALWAYS", recorder, () -> {
            RuntimeEvents.setSpanAttribute("connector.resource", "issues");
            RuntimeEvents.addSpanEvent(RuntimeEvents.INGESTION_RUN, Map.of("connector.rows", "12"));
            LOG.log(System.Logger.Level.INFO, "ran");
            return null;
        });

        assertThat(answer).isEqualTo("done");
        assertThat(spans)
                .extracting(RuntimeEvents.Span::procedure)
                .containsExactly("PAUSE_CONNECTOR", "RUN_INGESTION_NOW");
        RuntimeEvents.Span run = spans.get(1);
        assertThat(run.traceId()).matches("[0-9a-f]{32}");
        assertThat(run.spanId()).matches("[0-9a-f]{16}");
        assertThat(run.traceId()).isNotEqualTo(spans.get(0).traceId());
        assertThat(run.end()).isAfterOrEqualTo(run.start());
        assertThat(run.failed()).isFalse();
        assertThat(run.attributes()).containsExactly(Map.entry("connector.resource", "issues"));
        assertThat(run.events()).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("connector.ingestion_run");
            assertThat(event.attributes()).containsExactly(Map.entry("connector.rows", "12"));
        });
        assertThat(logs).extracting(RuntimeEvents.Event::message).containsExactly("ran");
    }

    @Test
    void onEventRecordsOnlyTheSpansThatHoldAnEventAndOffNone() {
        RuntimeEvents.during("PAUSE_CONNECTOR", "INFO", "ON_EVENT", recorder, () -> null);
        RuntimeEvents.during("RUN_INGESTION_NOW", "INFO", "ON_EVENT", recorder, () -> {
            RuntimeEvents.addSpanEvent(RuntimeEvents.INGESTION_RUN, Map.of());
            return null;
        });
        RuntimeEvents.during("RUN_INGESTION_NOW", "INFO", "OFF", recorder, () -> {
            RuntimeEvents.addSpanEvent(RuntimeEvents.INGESTION_RUN, Map.of());
            return null;
        });

        assertThat(spans).extracting(RuntimeEvents.Span::procedure).containsExactly("RUN_INGESTION_NOW");
    }

    @Test
    void aFailedCallsSpanSaysWhyAndTheFailureStillReachesTheCaller() {
        assertThatThrownBy(() ->
                        RuntimeEvents.during("FINALIZE_CONNECTOR_CONFIGURATION", "OFF", "ALWAYS", recorder, () -> {
                            throw new IllegalStateException("no warehouse");
                        }))
                .hasMessage("no warehouse");

        assertThat(spans).singleElement().satisfies(span -> {
            assertThat(span.failed()).isTrue();
            assertThat(span.failure()).isEqualTo("java.lang.IllegalStateException: no warehouse");
        });
        assertThat(logs).isEmpty();
    }

    @Test
    void aSpanKeepsAtMostTheEventsSnowflakeKeeps() {
        RuntimeEvents.during("RUN_INGESTION_NOW", "OFF", "ON_EVENT", recorder, () -> {
            for (int i = 0; i < RuntimeEvents.MAX_EVENTS_PER_SPAN + 5; i++) {
                RuntimeEvents.addSpanEvent("e" + i, Map.of());
            }
            return null;
        });

        assertThat(spans.get(0).events())
                .hasSize(RuntimeEvents.MAX_EVENTS_PER_SPAN)
                .last()
                .extracting(RuntimeEvents.SpanEvent::name)
                .isEqualTo("e127");
    }

    @Test
    void aNestedCallHasItsOwnSpanAndTheOuterSpanGoesOn() {
        RuntimeEvents.during("OUTER", "OFF", "ALWAYS", recorder, () -> {
            RuntimeEvents.during("INNER", "OFF", "ALWAYS", recorder, () -> {
                RuntimeEvents.addSpanEvent("inner", Map.of());
                return null;
            });
            RuntimeEvents.addSpanEvent("outer", Map.of());
            return null;
        });

        assertThat(spans).extracting(RuntimeEvents.Span::procedure).containsExactly("INNER", "OUTER");
        assertThat(spans.get(0).events())
                .extracting(RuntimeEvents.SpanEvent::name)
                .containsExactly("inner");
        assertThat(spans.get(1).events())
                .extracting(RuntimeEvents.SpanEvent::name)
                .containsExactly("outer");
    }

    @Test
    void outsideARecordedCallTraceEventsGoToSnowflakesTelemetryLibrary() {
        assertThat(SnowflakeTelemetry.available()).isTrue();
        int before = Telemetry.EVENTS.size();

        RuntimeEvents.addSpanEvent(RuntimeEvents.INGESTION_RUN, Map.of("connector.rows", "3"));
        RuntimeEvents.setSpanAttribute("connector.resource", "sdk");

        assertThat(Telemetry.EVENTS.subList(before, Telemetry.EVENTS.size()))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.getKey()).isEqualTo("connector.ingestion_run");
                    assertThat(event.getValue()).containsExactly(Map.entry("connector.rows", "3"));
                });
        assertThat(Telemetry.SPAN_ATTRIBUTES).containsEntry("connector.resource", "sdk");
        assertThat(spans).isEmpty();
    }

    @Test
    void withoutTheTelemetryLibraryTraceEventsAreDropped() {
        ClassLoader withoutIt = new ClassLoader(null) {};
        SnowflakeTelemetry.Bridge bridge = SnowflakeTelemetry.Bridge.find(withoutIt);
        int before = Telemetry.EVENTS.size();

        bridge.addEvent("dropped", Map.of("a", "b"));
        bridge.setSpanAttribute("a", "b");

        assertThat(Telemetry.EVENTS).hasSize(before);
    }
}
