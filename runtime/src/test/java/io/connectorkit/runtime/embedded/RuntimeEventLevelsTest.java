package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event table's severities and levels as the runtime applies them: how log levels map to severities, which
 * severities a minimum keeps, that a call records only what its LOG_LEVEL and TRACE_LEVEL ask for, and that nothing is
 * recorded once the call is over.
 */
class RuntimeEventLevelsTest {

    private static final Logger RUNTIME = Logger.getLogger("io.connectorkit.runtime");
    private static final System.Logger LOG = System.getLogger("io.connectorkit.runtime.levels");

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
    private Level levelBefore;

    @BeforeEach
    void startAtInfo() {
        levelBefore = RUNTIME.getLevel();
        RUNTIME.setLevel(Level.INFO);
    }

    @AfterEach
    void restore() {
        RUNTIME.setLevel(levelBefore);
    }

    @Test
    void logLevelsMapToTheEventTablesSeverities() {
        assertThat(RuntimeEvents.severity(Level.OFF)).isEqualTo("ERROR");
        assertThat(RuntimeEvents.severity(Level.SEVERE)).isEqualTo("ERROR");
        assertThat(RuntimeEvents.severity(Level.WARNING)).isEqualTo("WARN");
        assertThat(RuntimeEvents.severity(Level.INFO)).isEqualTo("INFO");
        assertThat(RuntimeEvents.severity(Level.CONFIG)).isEqualTo("DEBUG");
        assertThat(RuntimeEvents.severity(Level.FINE)).isEqualTo("DEBUG");
        assertThat(RuntimeEvents.severity(Level.FINER)).isEqualTo("TRACE");
        assertThat(RuntimeEvents.severity(Level.FINEST)).isEqualTo("TRACE");
        assertThat(RuntimeEvents.severity(Level.ALL)).isEqualTo("TRACE");
    }

    @Test
    void aMinimumKeepsItsSeverityAndTheMoreSevereOnes() {
        List<String> severities = RuntimeEvents.SEVERITIES;
        for (int s = 0; s < severities.size(); s++) {
            for (int m = 0; m < severities.size(); m++) {
                assertThat(RuntimeEvents.atLeast(severities.get(s), severities.get(m)))
                        .as("%s at least %s", severities.get(s), severities.get(m))
                        .isEqualTo(s >= m);
            }
        }
    }

    @Test
    void withBothLevelsOffACallRecordsNothing() {
        String answer = RuntimeEvents.during("PAUSE_CONNECTOR", "OFF", "OFF", recorder, () -> {
            LOG.log(System.Logger.Level.ERROR, "not recorded");
            RuntimeEvents.addSpanEvent("event", Map.of());
            return "done";
        });

        assertThat(answer).isEqualTo("done");
        assertThat(logs).isEmpty();
        assertThat(spans).isEmpty();
    }

    @Test
    void aLogLevelOfOffRecordsTheSpanButNoLogs() {
        RuntimeEvents.during("PAUSE_CONNECTOR", "OFF", "ALWAYS", recorder, () -> {
            LOG.log(System.Logger.Level.ERROR, "not recorded");
            return null;
        });

        assertThat(logs).isEmpty();
        assertThat(spans)
                .singleElement()
                .satisfies(span -> assertThat(span.procedure()).isEqualTo("PAUSE_CONNECTOR"));
    }

    @Test
    void aLogLevelKeepsItsSeverityAndAboveAndATraceLevelOfOffNoSpan() {
        RuntimeEvents.during("PAUSE_CONNECTOR", "WARN", "OFF", recorder, () -> {
            LOG.log(System.Logger.Level.INFO, "info");
            LOG.log(System.Logger.Level.WARNING, "warning");
            LOG.log(System.Logger.Level.ERROR, "error");
            return null;
        });

        assertThat(logs).extracting(RuntimeEvents.Event::message).containsExactly("warning", "error");
        assertThat(logs).extracting(RuntimeEvents.Event::severity).containsExactly("WARN", "ERROR");
        assertThat(logs).extracting(RuntimeEvents.Event::procedure).containsOnly("PAUSE_CONNECTOR");
        assertThat(spans).isEmpty();
    }

    @Test
    void aDebugOrTraceLogLevelLowersTheRuntimesLoggerSoThoseLinesAreRecorded() {
        RuntimeEvents.during("RUN_INGESTION_NOW", "DEBUG", "OFF", recorder, () -> {
            LOG.log(System.Logger.Level.DEBUG, "debug line");
            LOG.log(System.Logger.Level.TRACE, "trace line");
            return null;
        });
        assertThat(logs).extracting(RuntimeEvents.Event::message).containsExactly("debug line");
        assertThat(RUNTIME.getLevel()).isEqualTo(Level.FINE);

        logs.clear();
        RuntimeEvents.during("RUN_INGESTION_NOW", "TRACE", "OFF", recorder, () -> {
            LOG.log(System.Logger.Level.TRACE, "trace line");
            return null;
        });
        assertThat(logs).extracting(RuntimeEvents.Event::severity).containsExactly("TRACE");
        assertThat(RUNTIME.getLevel()).isEqualTo(Level.FINEST);

        // A higher minimum never raises a level that was lowered.
        RuntimeEvents.during("RUN_INGESTION_NOW", "ERROR", "OFF", recorder, () -> null);
        assertThat(RUNTIME.getLevel()).isEqualTo(Level.FINEST);
    }

    @Test
    void onceTheCallIsOverItsRecorderGetsNothingMore() {
        RuntimeEvents.during("PAUSE_CONNECTOR", "INFO", "ALWAYS", recorder, () -> {
            LOG.log(System.Logger.Level.WARNING, "inside");
            return null;
        });

        LOG.log(System.Logger.Level.WARNING, "after the call");
        RuntimeEvents.setSpanAttribute("connector.after", "x");

        assertThat(logs).extracting(RuntimeEvents.Event::message).containsExactly("inside");
        assertThat(spans)
                .singleElement()
                .satisfies(span -> assertThat(span.attributes()).isEmpty());
    }

    @Test
    void onEventWithoutEventsRecordsNoSpanAndWithOneDoes() {
        RuntimeEvents.during("A", "OFF", "ON_EVENT", recorder, () -> {
            RuntimeEvents.setSpanAttribute("connector.k", "v");
            return null;
        });
        assertThat(spans).isEmpty();

        RuntimeEvents.during("B", "OFF", "ON_EVENT", recorder, () -> {
            RuntimeEvents.setSpanAttribute("connector.k", "v");
            RuntimeEvents.addSpanEvent("connector.e", Map.of("a", "1"));
            return null;
        });
        assertThat(spans).singleElement().satisfies(span -> {
            assertThat(span.procedure()).isEqualTo("B");
            assertThat(span.attributes()).containsEntry("connector.k", "v");
            assertThat(span.events()).singleElement().satisfies(event -> {
                assertThat(event.name()).isEqualTo("connector.e");
                assertThat(event.attributes()).containsEntry("a", "1");
            });
            assertThat(span.traceId()).matches("[0-9a-f]{32}");
            assertThat(span.spanId()).matches("[0-9a-f]{16}");
            assertThat(span.failed()).isFalse();
        });
    }
}
