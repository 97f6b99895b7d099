package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.spi.Prerequisite;
import io.connectorkit.runtime.sql.Account;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several embedded apps in one JVM each answer with their own connector and host: a host's account decides the
 * privileges until its binding is closed, and then the embedded account (every privilege) is back.
 */
class EmbeddedHostsTest {

    private final EmbeddedAppFixture first = EmbeddedAppFixture.install(ConnectorDefinition.builder()
            .prerequisite(Prerequisite.of("only_first", "First", "Only in the first app", 1))
            .build());
    private final EmbeddedAppFixture second = EmbeddedAppFixture.install(ConnectorDefinition.builder()
            .prerequisite(Prerequisite.of("only_second", "Second", "Only in the second app", 1))
            .build());

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    /** An account that holds no privilege. */
    private static final Account NOTHING_GRANTED = new Account() {
        @Override
        public boolean holdsAccountPrivilege(String privilege) {
            return false;
        }

        @Override
        public boolean canUseWarehouse(Identifier warehouse) {
            return false;
        }
    };

    @Test
    void eachAppAnswersWithItsOwnConnector() {
        assertThat(first.call("UPDATE_PREREQUISITE", "only_first", true)
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        assertThat(first.call("UPDATE_PREREQUISITE", "only_second", true)
                        .path("response_code")
                        .asText())
                .isEqualTo("PREREQUISITE_NOT_FOUND");
        assertThat(second.call("UPDATE_PREREQUISITE", "only_second", true)
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        assertThat(EmbeddedApp.key(first.connection()))
                .isNotEqualTo(EmbeddedApp.key(second.connection()))
                .isNotBlank();
    }

    @Test
    void aHostsAccountDecidesThePrivilegesUntilItsBindingIsClosed() {
        ConnectorState started = new ConnectorState(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED);
        first.forceState(started);
        second.forceState(started);

        try (ConnectorRegistry.Binding host =
                EmbeddedApp.host(first.connection(), EmbeddedApp.Host.ofAccount(NOTHING_GRANTED))) {
            assertThat(first.call("PAUSE_CONNECTOR").path("response_code").asText())
                    .isEqualTo("REQUIRED_PRIVILEGES_MISSING");
            assertThat(first.state()).isEqualTo(started);
            // The other app keeps the embedded account.
            assertThat(second.call("PAUSE_CONNECTOR").path("response_code").asText())
                    .isEqualTo("OK");
        }

        assertThat(first.call("PAUSE_CONNECTOR").path("response_code").asText()).isEqualTo("OK");
    }
}
