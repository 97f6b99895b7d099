package io.connectorkit.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.resources.IngestionStrategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConnectorDefinitionTest {

    @Test
    void aSecretBelongsToTheConnectionConfiguration() {
        assertThatThrownBy(() -> ConnectorDefinition.builder()
                        .connectorField(ConfigurationField.secret("api_token"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The connector field 'api_token' is a secret, but secret fields are only allowed in "
                        + "connection_configuration, where each gets its secret reference (API_TOKEN_SECRET); declare "
                        + "it with connectionField(...) instead of connectorField(...)");

        assertThat(ConnectorDefinition.builder()
                        .connectionField(ConfigurationField.secret("api_token"))
                        .build()
                        .connectionConfigurationSchema()
                        .secretFieldNames())
                .containsExactly("api_token");
    }

    @Test
    void anIngestionIsRegisteredWithItsTimeoutAndClock() {
        Ingestion ingestion = (task, sink, context) -> IngestionResult.written();
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

        ConnectorDefinition definition = ConnectorDefinition.builder()
                .ingestion(ingestion)
                .ingestionTimeout(Duration.ofMinutes(90))
                .clock(clock)
                .build();

        assertThat(definition.ingestion()).containsSame(ingestion);
        assertThat(definition.ingestionTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(definition.clock()).isSameAs(clock);
        ConnectorDefinition standard = ConnectorDefinition.standard();
        assertThat(standard.ingestion()).isEmpty();
        assertThat(standard.ingestionTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(standard.clock().getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void withClockChangesTheClockAndKeepsEverythingElse() {
        Ingestion ingestion = (task, sink, context) -> IngestionResult.written();
        ConnectionTester tester = ConnectionTester.none();
        ResourceHooks hooks = new ResourceHooks() {};
        ConnectorDefinition original = ConnectorDefinition.builder()
                .ingestion(ingestion)
                .connectionTester(tester)
                .resourceHooks(hooks)
                .prerequisite(Prerequisite.of("network", "Network", "Allow the host", 1))
                .connectionField(ConfigurationField.secret("api_token"))
                .ingestionTimeout(Duration.ofMinutes(5))
                .build();
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

        ConnectorDefinition moved = original.withClock(clock);

        assertThat(moved.clock()).isSameAs(clock);
        assertThat(original.clock()).isNotSameAs(clock);
        assertThat(moved.ingestion()).containsSame(ingestion);
        assertThat(moved.connectionTester()).containsSame(tester);
        assertThat(moved.resourceHooks()).isSameAs(hooks);
        assertThat(moved.prerequisites()).isEqualTo(original.prerequisites());
        assertThat(moved.connectionConfigurationSchema()).isSameAs(original.connectionConfigurationSchema());
        assertThat(moved.ingestionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> original.withClock(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("clock");
    }

    @Test
    void anIngestionTimeoutUnderAMinuteIsRefused() {
        assertThatThrownBy(() -> ConnectorDefinition.builder().ingestionTimeout(Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The ingestion timeout must be at least one minute, not PT30S: a shorter one would take"
                        + " running ingestions for dead");
    }

    @Test
    void aTaskReadsItsJsonValues() {
        IngestionTask task = new IngestionTask(
                "run",
                "process",
                "definition",
                "Orders",
                "{\"org\": \"acme\", \"repo\": \"api\"}",
                "{\"owner\": \"ops\"}",
                "cfg",
                IngestionStrategy.INCREMENTAL,
                null,
                null,
                "{\"after\": 42}",
                3);

        assertThat(task.resourceIdObject().string("repo")).hasValue("api");
        assertThat(task.resourceIdText()).isEmpty();
        assertThat(task.resourceMetadata().string("owner")).hasValue("ops");
        assertThat(task.cursor()).hasValue("{\"after\": 42}");
        assertThat(task.cursorObject().integer("after")).hasValue(42L);
        assertThat(task.isRetry()).isTrue();
        assertThat(task.customIngestionConfiguration().has("x")).isFalse();
        IngestionTask first = new IngestionTask(
                "run",
                "process",
                "definition",
                "Orders",
                "17",
                null,
                "cfg",
                IngestionStrategy.SNAPSHOT,
                null,
                null,
                "null",
                1);
        assertThat(first.resourceIdText()).hasValue("17");
        assertThat(first.cursor()).isEmpty();
        assertThat(first.cursorObject().has("after")).isFalse();
        assertThat(first.resourceMetadata().has("owner")).isFalse();
    }

    @Test
    void aResultReportsRowsOrLeavesThemToTheSink() {
        assertThat(IngestionResult.written().reportedRows()).isEmpty();
        assertThat(IngestionResult.rows(5).withMessage("page 2").reportedRows()).hasValue(5L);
        assertThat(IngestionResult.rows(5).withMessage("page 2").message()).hasValue("page 2");
        assertThatThrownBy(() -> IngestionResult.rows(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
