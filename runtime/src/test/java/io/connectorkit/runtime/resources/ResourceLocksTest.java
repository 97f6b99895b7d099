package io.connectorkit.runtime.resources;

import static io.connectorkit.runtime.resources.ResourceApp.C1;
import static io.connectorkit.runtime.resources.ResourceApp.C2;
import static io.connectorkit.runtime.resources.ResourceApp.array;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every resource procedure takes the connector's lock (its state row) before it reads anything: while another
 * session holds that row, the call waits, answers CONNECTOR_BUSY when the wait is over, and changes nothing; once the
 * row is free the same call goes through.
 */
class ResourceLocksTest {

    private final ResourceApp resources = new ResourceApp();
    private Connection holder;
    private Connection caller;

    @BeforeEach
    void openSessions() throws SQLException {
        holder = resources.app.newConnection();
        caller = resources.app.newConnection();
        try (Statement statement = caller.createStatement()) {
            // Short, so that a call waiting for the lock gives up quickly.
            statement.execute("SET LOCK_TIMEOUT 200");
        }
    }

    @AfterEach
    void close() throws SQLException {
        holder.close();
        caller.close();
        resources.close();
    }

    /** What another procedure holds while it changes the connector's state: the state row, in an open transaction. */
    private void holdTheConnectorsState() throws SQLException {
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            assertThat(statement.executeUpdate(
                            "UPDATE STATE.APP_STATE SET \"KEY\" = \"KEY\" WHERE \"KEY\" =" + " 'connector_status'"))
                    .isEqualTo(1);
        }
    }

    private void release() throws SQLException {
        holder.rollback();
        holder.setAutoCommit(true);
    }

    private JsonNode call(String procedure, Object... arguments) {
        return EmbeddedAppFixture.call(caller, procedure, arguments);
    }

    private void assertBusy(JsonNode response) {
        assertThat(response.path("response_code").asText()).isEqualTo("CONNECTOR_BUSY");
        assertThat(response.path("message").asText())
                .isEqualTo(
                        "Another call is changing the connector's state right" + " now; retry when it has finished.");
    }

    private List<Map<String, Object>> unfinishedProcesses() {
        return resources.app.query("SELECT INGESTION_CONFIGURATION_ID AS C, STATUS FROM STATE.INGESTION_PROCESS WHERE"
                + " STATUS <> 'FINISHED' ORDER BY 1");
    }

    @Test
    void enableWaitsForTheConnectorsLock() throws SQLException {
        resources.create("r1", false, C1);
        String before = resources.app.snapshot();
        List<String> hooksBefore = List.copyOf(resources.hooks.calls);
        holdTheConnectorsState();

        assertBusy(call("ENABLE_RESOURCE", "r1"));
        assertThat(resources.app.snapshot()).isEqualTo(before);
        assertThat(resources.hooks.calls).isEqualTo(hooksBefore);

        release();
        assertThat(call("ENABLE_RESOURCE", "r1").path("response_code").asText()).isEqualTo("OK");
        assertThat(unfinishedProcesses()).containsExactly(EmbeddedAppFixture.row("C", "c1", "STATUS", "SCHEDULED"));
    }

    @Test
    void disableWaitsForTheConnectorsLock() throws SQLException {
        resources.create("r1", true, C1);
        String before = resources.app.snapshot();
        List<String> hooksBefore = List.copyOf(resources.hooks.calls);
        holdTheConnectorsState();

        assertBusy(call("DISABLE_RESOURCE", "r1"));
        assertThat(resources.app.snapshot()).isEqualTo(before);

        release();
        assertThat(call("DISABLE_RESOURCE", "r1").path("response_code").asText())
                .isEqualTo("OK");
        assertThat(unfinishedProcesses()).isEmpty();
    }

    @Test
    void updateWaitsForTheConnectorsLock() throws SQLException {
        resources.create("r1", true, C1);
        String before = resources.app.snapshot();
        List<String> hooksBefore = List.copyOf(resources.hooks.calls);
        holdTheConnectorsState();

        assertBusy(call("UPDATE_RESOURCE", "r1", array(C1, C2)));
        assertThat(resources.app.snapshot()).isEqualTo(before);
        assertThat(resources.hooks.calls).isEqualTo(hooksBefore);

        release();
        assertThat(call("UPDATE_RESOURCE", "r1", array(C1, C2))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        assertThat(unfinishedProcesses())
                .containsExactly(
                        EmbeddedAppFixture.row("C", "c1", "STATUS", "SCHEDULED"),
                        EmbeddedAppFixture.row("C", "c2", "STATUS", "SCHEDULED"));
    }

    @Test
    void createWaitsForTheConnectorsLock() throws SQLException {
        String before = resources.app.snapshot();
        List<String> hooksBefore = List.copyOf(resources.hooks.calls);
        holdTheConnectorsState();

        assertBusy(call("CREATE_RESOURCE", "New", "{\"repo\": \"new\"}", array(C1), "r-new", true, null));
        assertThat(resources.app.snapshot()).isEqualTo(before);
        assertThat(resources.hooks.calls).isEqualTo(hooksBefore);

        release();
        assertThat(call("CREATE_RESOURCE", "New", "{\"repo\": \"new\"}", array(C1), "r-new", true, null)
                        .path("id")
                        .asText())
                .isEqualTo("r-new");
    }
}
