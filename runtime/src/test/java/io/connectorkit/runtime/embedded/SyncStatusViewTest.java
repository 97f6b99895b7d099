package io.connectorkit.runtime.embedded;

import static io.connectorkit.runtime.testing.EmbeddedAppFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code PUBLIC.SYNC_STATUS}: one row, PAUSED for a paused or still starting connector; else LAST_SYNCED with the
 * latest completion when a run completed, SYNCING_DATA when a run is in progress or a resource enabled, NOT_SYNCING.
 */
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

    @AfterEach
    void removeData() {
        app.execute("DELETE FROM STATE.INGESTION_RUN");
        app.execute("DELETE FROM STATE.RESOURCE_INGESTION_DEFINITION");
    }

    private static void run(String id, String status, String completedAt) {
        app.execute(
                "INSERT INTO STATE.INGESTION_RUN (ID, STARTED_AT, UPDATED_AT, COMPLETED_AT, STATUS) VALUES (?,"
                        + " TIMESTAMP '2026-03-01 00:00:00', TIMESTAMP '2026-03-01 00:00:00', CAST(? AS TIMESTAMP), ?)",
                id,
                completedAt,
                status);
    }

    private static void definition(String id, boolean enabled) {
        app.execute(
                "INSERT INTO STATE.RESOURCE_INGESTION_DEFINITION (ID, NAME, ENABLED, UPDATED_AT) VALUES (?, ?, ?,"
                        + " TIMESTAMP '2026-03-01 00:00:00')",
                id,
                id,
                enabled);
    }

    private static List<Map<String, Object>> view() {
        return app.query("SELECT STATUS, LAST_SYNCED_AT FROM PUBLIC.SYNC_STATUS");
    }

    @Test
    void anEnabledResourceOrARunInProgressIsSyncingData() {
        app.forceState(new ConnectorState(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED));
        definition("disabled", false);
        assertThat(view()).containsExactly(row("STATUS", "NOT_SYNCING", "LAST_SYNCED_AT", null));

        definition("enabled", true);
        assertThat(view()).containsExactly(row("STATUS", "SYNCING_DATA", "LAST_SYNCED_AT", null));

        app.execute("DELETE FROM STATE.RESOURCE_INGESTION_DEFINITION");
        run("r1", "IN_PROGRESS", null);
        run("r0", "FAILED", "2026-03-01 00:01:00");
        assertThat(view()).containsExactly(row("STATUS", "SYNCING_DATA", "LAST_SYNCED_AT", null));
    }

    @Test
    void aCompletedRunIsLastSyncedAtTheLatestCompletion() {
        app.forceState(new ConnectorState(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED));
        definition("enabled", true);
        run("r1", "COMPLETED", "2026-03-01 10:00:00");
        run("r2", "COMPLETED", "2026-03-01 11:30:00");
        run("r3", "FAILED", "2026-03-01 12:00:00");
        run("r4", "IN_PROGRESS", null);

        assertThat(view())
                .containsExactly(
                        row("STATUS", "LAST_SYNCED", "LAST_SYNCED_AT", Timestamp.valueOf("2026-03-01 11:30:00")));

        app.forceState(new ConnectorState(ConnectorStatus.STARTING, ConfigurationStatus.FINALIZED));
        assertThat(view()).as("paused first").containsExactly(row("STATUS", "PAUSED", "LAST_SYNCED_AT", null));
        app.forceState(new ConnectorState(ConnectorStatus.PAUSING, ConfigurationStatus.FINALIZED));
        assertThat(view())
                .as("PAUSING still syncs, as in the SDK")
                .containsExactly(
                        row("STATUS", "LAST_SYNCED", "LAST_SYNCED_AT", Timestamp.valueOf("2026-03-01 11:30:00")));
    }

    @ParameterizedTest
    @EnumSource(ConnectorStatus.class)
    void showsPausedOnlyForTheRawPausedAndStartingStatuses(ConnectorStatus status) {
        app.forceState(new ConnectorState(status, ConfigurationStatus.FINALIZED));
        String expected =
                status == ConnectorStatus.PAUSED || status == ConnectorStatus.STARTING ? "PAUSED" : "NOT_SYNCING";

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
            app.execute(
                    "INSERT INTO STATE.APP_STATE (\"KEY\", \"VALUE\", UPDATED_AT) VALUES ('connector_status', ?"
                            + " FORMAT JSON, TIMESTAMP '2026-01-01 00:00:00')",
                    ConnectorState.INSTALLED.toJsonText());
        }
    }
}
