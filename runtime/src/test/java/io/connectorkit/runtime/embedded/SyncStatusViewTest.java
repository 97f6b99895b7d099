package io.connectorkit.runtime.embedded;

import static io.connectorkit.runtime.testing.EmbeddedAppFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code PUBLIC.SYNC_STATUS}: one row, PAUSED for a paused or still starting connector, else NOT_SYNCING. */
class SyncStatusViewTest {

    private static EmbeddedAppFixture app;

    @BeforeAll
    static void installApp() {
        app = EmbeddedAppFixture.install(ConnectorDefinition.standard());
    }

    @AfterAll
    static void dropApp() {
        app.close();
    }

    @ParameterizedTest
    @EnumSource(ConnectorStatus.class)
    void showsPausedOnlyForTheRawPausedAndStartingStatuses(ConnectorStatus status) {
        app.forceState(new ConnectorState(status, ConfigurationStatus.FINALIZED));
        String expected = status == ConnectorStatus.PAUSED || status == ConnectorStatus.STARTING ? "PAUSED"
                : "NOT_SYNCING";

        assertThat(app.query("SELECT STATUS, LAST_SYNCED_AT FROM PUBLIC.SYNC_STATUS"))
                .containsExactly(row("STATUS", expected, "LAST_SYNCED_AT", null));
    }

    @Test
    void withoutAStatusRowNothingIsSyncing() {
        app.execute("DELETE FROM STATE.APP_STATE");
        try {
            assertThat(app.query("SELECT STATUS, LAST_SYNCED_AT FROM PUBLIC.SYNC_STATUS"))
                    .containsExactly(row("STATUS", "NOT_SYNCING", "LAST_SYNCED_AT", null));
        } finally {
            app.execute("INSERT INTO STATE.APP_STATE (\"KEY\", \"VALUE\", UPDATED_AT) VALUES ('connector_status', ?"
                    + " FORMAT JSON, TIMESTAMP '2026-01-01 00:00:00')", ConnectorState.INSTALLED.toJsonText());
        }
    }
}
