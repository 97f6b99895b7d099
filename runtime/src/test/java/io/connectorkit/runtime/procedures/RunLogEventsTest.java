package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.embedded.RuntimeEvents;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each completed or failed run is a trace event of the calling procedure's span, with what a dashboard counts. */
class RunLogEventsTest {

    private final List<RuntimeEvents.Span> spans = new ArrayList<>();
    private final RuntimeEvents.Recorder recorder = new RuntimeEvents.Recorder() {
        @Override
        public void log(RuntimeEvents.Event event) {}

        @Override
        public void span(RuntimeEvents.Span span) {
            spans.add(span);
        }
    };

    @Test
    void completedAndFailedRunsAreSpanEventsWithTheirAttributes() {
        RuntimeEvents.during("RUN_SCHEDULER_ITERATION", "OFF", "ON_EVENT", recorder, () -> {
            RunLog.completed("def-orders", "orders", "run-1", 3, 1500);
            RunLog.failed(
                    "def-orders",
                    "orders",
                    "run-2",
                    2,
                    "IllegalStateException: down",
                    LocalDateTime.of(2026, 3, 2, 10, 5));
            return null;
        });

        assertThat(spans).singleElement().satisfies(span -> {
            assertThat(span.events())
                    .extracting(RuntimeEvents.SpanEvent::name)
                    .containsExactly(RuntimeEvents.INGESTION_RUN, RuntimeEvents.INGESTION_RUN);
            assertThat(span.events().get(0).attributes())
                    .containsEntry(RuntimeEvents.RESOURCE_ATTRIBUTE, "def-orders")
                    .containsEntry("connector.run_id", "run-1")
                    .containsEntry("connector.status", "COMPLETED")
                    .containsEntry("connector.rows", "3")
                    .containsEntry("connector.duration_ms", "1500");
            assertThat(span.events().get(1).attributes())
                    .containsEntry("connector.run_id", "run-2")
                    .containsEntry("connector.status", "FAILED")
                    .containsEntry("connector.attempt", "2")
                    .containsEntry("connector.error", "IllegalStateException: down");
        });
        assertThat(RunLog.scopeOf("def-orders")).isEqualTo("io.connectorkit.runtime.resource.def-orders");
    }
}
