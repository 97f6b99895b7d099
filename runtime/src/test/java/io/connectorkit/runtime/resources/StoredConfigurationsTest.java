package io.connectorkit.runtime.resources;

import static io.connectorkit.runtime.resources.ResourceApp.C1;
import static io.connectorkit.runtime.resources.ResourceApp.C2;
import static io.connectorkit.runtime.resources.ResourceApp.array;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Enabling or updating a resource reads its stored INGESTION_CONFIGURATION: none (SQL NULL or JSON null) schedules
 * nothing, and a stored value that is no array of configurations fails the call with the procedure's error code and
 * leaves everything as it was.
 */
class StoredConfigurationsTest {

    private final ResourceApp resources = new ResourceApp();

    @AfterEach
    void close() {
        resources.close();
    }

    private void store(String json) {
        resources.app.execute(
                "UPDATE STATE.RESOURCE_INGESTION_DEFINITION SET INGESTION_CONFIGURATION = "
                        + (json == null ? "NULL" : "? FORMAT JSON") + " WHERE ID = 'r1'",
                json == null ? new Object[0] : new Object[] {json});
    }

    private List<Map<String, Object>> processes() {
        return resources.app.query(
                "SELECT INGESTION_CONFIGURATION_ID AS C, STATUS FROM STATE.INGESTION_PROCESS" + " ORDER BY 1");
    }

    @Test
    void aResourceWithoutStoredConfigurationsIsEnabledWithoutProcesses() {
        resources.create("r1", false, C1);

        for (String none : new String[] {null, "null"}) {
            store(none);
            assertThat(resources
                            .call("ENABLE_RESOURCE", "r1")
                            .path("response_code")
                            .asText())
                    .isEqualTo("OK");
            assertThat(processes()).isEmpty();
            assertThat(resources
                            .call("DISABLE_RESOURCE", "r1")
                            .path("response_code")
                            .asText())
                    .isEqualTo("OK");
        }
    }

    @Test
    void aStoredValueThatIsNoArrayFailsTheEnableAndChangesNothing() {
        resources.create("r1", false, C1);
        store("{\"id\": \"c1\"}");
        String before = resources.app.snapshot();

        JsonNode response = resources.call("ENABLE_RESOURCE", "r1");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"ENABLE_RESOURCE_ERROR\", \"message\":"
                        + " \"Error while enabling resource. Changes were rolled back. Error: The stored INGESTION_CONFIGURATION"
                        + " of resource 'r1' cannot be read: The ingestion configurations must be a JSON array of objects, not"
                        + " an object.\"}"));
        assertThat(resources.app.snapshot()).isEqualTo(before);
    }

    @Test
    void aStoredValueThatIsNoArrayFailsTheUpdateAndChangesNothing() {
        resources.create("r1", true, C1);
        store("\"c1\"");
        String before = resources.app.snapshot();

        JsonNode response = resources.call("UPDATE_RESOURCE", "r1", array(C1, C2));

        assertThat(response.path("response_code").asText()).isEqualTo("UPDATE_RESOURCE_ERROR");
        assertThat(response.path("message").asText())
                .isEqualTo("Error occurred while updating resource. Changes were"
                        + " rolled back. Error: The stored INGESTION_CONFIGURATION of resource 'r1' cannot be read: The"
                        + " ingestion configurations must be a JSON array of objects, not a string.");
        assertThat(resources.app.snapshot()).isEqualTo(before);
    }

    @Test
    void anUpdateFinishesOnlyTheProcessesOfRemovedConfigurations() {
        resources.create("r1", true, C1, C2);

        assertThat(resources
                        .call("UPDATE_RESOURCE", "r1", array(C2))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");

        assertThat(processes())
                .containsExactly(
                        EmbeddedAppFixture.row("C", "c1", "STATUS", "FINISHED"),
                        EmbeddedAppFixture.row("C", "c2", "STATUS", "SCHEDULED"));
    }
}
