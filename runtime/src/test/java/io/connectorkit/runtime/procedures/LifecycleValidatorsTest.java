package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorContext;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.LifecycleHooks;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PAUSE_CONNECTOR's and RESUME_CONNECTOR's validators (the SDK's *_VALIDATE hooks): a refusal is the answer, the
 * status stays as it was and the hook itself does not run. And the ingestion timeout's lower bound.
 */
class LifecycleValidatorsTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final EmbeddedAppFixture app = EmbeddedAppFixture.install(ConnectorDefinition.builder()
            .lifecycleHooks(new LifecycleHooks() {
                @Override
                public Response validatePause(ConnectorContext context) {
                    calls.add("validatePause");
                    return Response.error("SYNC_RUNNING", "A sync is running; pause after it.");
                }

                @Override
                public Response pause(ConnectorContext context) {
                    calls.add("pause");
                    return Response.ok();
                }

                @Override
                public Response validateResume(ConnectorContext context) {
                    calls.add("validateResume");
                    return Response.error("TOKEN_EXPIRED", "Renew the token first.");
                }

                @Override
                public Response resume(ConnectorContext context) {
                    calls.add("resume");
                    return Response.ok();
                }
            })
            .build());

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void aPauseValidatorsRefusalKeepsTheConnectorStarted() {
        ConnectorState started = new ConnectorState(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED);
        app.forceState(started);

        assertThat(app.call("PAUSE_CONNECTOR"))
                .isEqualTo(JsonTree.parse("{\"response_code\": \"SYNC_RUNNING\","
                        + " \"message\": \"A sync is running; pause after it.\"}"));
        assertThat(app.state()).isEqualTo(started);
        assertThat(calls).containsExactly("validatePause");
    }

    @Test
    void aResumeValidatorsRefusalKeepsTheConnectorPaused() {
        ConnectorState paused = new ConnectorState(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED);
        app.forceState(paused);

        assertThat(app.call("RESUME_CONNECTOR"))
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"TOKEN_EXPIRED\"," + " \"message\": \"Renew the token first.\"}"));
        assertThat(app.state()).isEqualTo(paused);
        assertThat(calls).containsExactly("validateResume");
    }

    @Test
    void theIngestionTimeoutIsAtLeastOneMinute() {
        assertThat(ConnectorDefinition.builder()
                        .ingestionTimeout(Duration.ofMinutes(1))
                        .build()
                        .ingestionTimeout())
                .isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> ConnectorDefinition.builder().ingestionTimeout(Duration.ofSeconds(59)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The ingestion timeout must be at least one minute, not PT59S: a shorter one would take"
                        + " running ingestions for dead");
    }
}
