package io.connectorkit.runtime.resources;

import static io.connectorkit.runtime.resources.ResourceApp.C1;
import static io.connectorkit.runtime.resources.ResourceApp.C2;
import static io.connectorkit.runtime.resources.ResourceApp.C3;
import static io.connectorkit.runtime.resources.ResourceApp.array;
import static io.connectorkit.runtime.resources.ResourceApp.configuration;
import static io.connectorkit.runtime.resources.ResourceApp.process;
import static io.connectorkit.runtime.testing.EmbeddedAppFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ENABLE_RESOURCE, DISABLE_RESOURCE, UPDATE_RESOURCE (spec §3.11) and the processes they create and end (§2.5). */
class ResourceLifecycleTest {

    private static final JsonNode OK = JsonTree.parse("{\"response_code\": \"OK\"}");

    private final ResourceApp resources = new ResourceApp();

    @AfterEach
    void close() {
        resources.close();
    }

    @Test
    void enablingSchedulesOneProcessPerConfiguration() {
        resources.create("r1", false, C1, C2);
        resources.hooks.calls.clear();

        assertThat(resources.call("ENABLE_RESOURCE", "r1")).isEqualTo(OK);

        assertThat(resources.definitions().get(0).get("IS_ENABLED")).isEqualTo(true);
        assertThat(resources.processes("r1"))
                .containsExactly(process("c1", "SCHEDULED", false, null), process("c2", "SCHEDULED", false, null));
        assertThat(resources.hooks.calls).containsExactly("validateEnable(r1)", "preEnable(r1)", "postEnable(r1)");
    }

    @Test
    void enablingAnEnabledResourceAnswersOkAndDoesNothing() {
        resources.create("r1", true, C1);
        resources.hooks.calls.clear();
        String before = resources.app.snapshot();

        assertThat(resources.call("ENABLE_RESOURCE", "r1")).isEqualTo(OK);

        assertThat(resources.app.snapshot()).isEqualTo(before);
        assertThat(resources.hooks.calls).isEmpty();
    }

    @Test
    void disablingFinishesEveryScheduledAndRunningProcess() {
        resources.create("r1", true, C1, C2, C3);
        resources.app.execute("UPDATE STATE.INGESTION_PROCESS SET STATUS = 'IN_PROGRESS', METADATA = "
                + "'{\"cursor\": 7}' FORMAT JSON WHERE INGESTION_CONFIGURATION_ID = 'c2'");
        insertFinished("r1", "c1", "DEFAULT", "2020-01-01 00:00:00", "{\"cursor\": 0}");
        resources.hooks.calls.clear();

        assertThat(resources.call("DISABLE_RESOURCE", "r1")).isEqualTo(OK);

        assertThat(resources.definitions().get(0).get("IS_ENABLED")).isEqualTo(false);
        assertThat(resources.processes("r1"))
                .containsExactly(
                        process("c1", "FINISHED", true, "{\"cursor\":0}"),
                        process("c1", "FINISHED", true, null),
                        process("c2", "FINISHED", true, "{\"cursor\":7}"),
                        process("c3", "FINISHED", true, null));
        assertThat(resources.app.query("SELECT FINISHED_AT = UPDATED_AT AS SAME FROM STATE.INGESTION_PROCESS WHERE"
                        + " CREATED_AT > TIMESTAMP '2021-01-01 00:00:00'"))
                .containsOnly(row("SAME", true));
        assertThat(resources.app.query("SELECT CAST(FINISHED_AT AS VARCHAR) AS FINISHED_AT FROM"
                        + " STATE.INGESTION_PROCESS WHERE CREATED_AT < TIMESTAMP '2021-01-01 00:00:00'"))
                .containsExactly(row("FINISHED_AT", "2020-01-01 00:00:00"));
        assertThat(resources.hooks.calls).containsExactly("validateDisable(r1)", "preDisable(r1)", "postDisable(r1)");
    }

    @Test
    void disablingADisabledResourceAnswersOkAndDoesNothing() {
        resources.create("r1", false, C1);
        resources.hooks.calls.clear();
        String before = resources.app.snapshot();

        assertThat(resources.call("DISABLE_RESOURCE", "r1")).isEqualTo(OK);

        assertThat(resources.app.snapshot()).isEqualTo(before);
        assertThat(resources.hooks.calls).isEmpty();
    }

    @Test
    void anUnknownDefinitionIsInvalidInput() {
        for (String procedure : List.of("ENABLE_RESOURCE", "DISABLE_RESOURCE")) {
            assertThat(resources.call(procedure, "nope"))
                    .isEqualTo(JsonTree.parse("{\"response_code\": "
                            + "\"INVALID_INPUT\", \"message\": \"Resource with resourceId 'nope' does not exist\"}"));
            assertThat(resources.call(procedure, (Object) null).path("message").asText())
                    .isEqualTo("Resource with resourceId 'null' does not exist");
        }
        assertThat(resources.call("UPDATE_RESOURCE", "nope", array(C1)))
                .isEqualTo(JsonTree.parse("{\"response_code\": "
                        + "\"INVALID_INPUT\", \"message\": \"Resource with resourceId 'nope' does not exist\"}"));
        // As in the SDK, the update hooks run before the definition is looked up.
        assertThat(resources.hooks.calls).containsExactly("validateUpdate(nope:c1)", "preUpdate(nope:c1)");
    }

    @Test
    void aProcessThatCannotBeEndedFailsTheDisableAndNothingChanges() {
        resources.create("r1", true, C1, C2);
        resources.app.execute("UPDATE STATE.INGESTION_PROCESS SET FINISHED_AT = TIMESTAMP '2020-01-01 00:00:00'"
                + " WHERE INGESTION_CONFIGURATION_ID = 'c2'");
        String before = resources.app.snapshot();

        JsonNode response = resources.call("DISABLE_RESOURCE", "r1");

        assertThat(response.path("response_code").asText()).isEqualTo("DISABLE_RESOURCE_ERROR");
        assertThat(response.path("message").asText())
                .startsWith("Error while disabling resource. Changes were "
                        + "rolled back. Error: Only 1 of the 2 ingestion processes to end (")
                .endsWith(") could be ended: a "
                        + "process that is not FINISHED but has a FINISHED_AT cannot be ended; correct its row in "
                        + "STATE.INGESTION_PROCESS");
        assertThat(resources.app.snapshot()).isEqualTo(before);
    }

    @Test
    void enablingAgainInheritsTheMetadataOfTheLastFinishedProcess() {
        resources.create("r1", true, C1, C2, C3);
        resources.app.execute("UPDATE STATE.INGESTION_PROCESS SET METADATA = '{\"cursor\": 42}' FORMAT JSON"
                + " WHERE INGESTION_CONFIGURATION_ID = 'c1'");
        resources.call("DISABLE_RESOURCE", "r1");
        // Older finished processes, another process type, another definition: none of them is inherited.
        insertFinished("r1", "c1", "DEFAULT", "2020-01-01 00:00:00", "{\"cursor\": 1}");
        insertFinished("r1", "c2", "DEFAULT", "2020-01-01 00:00:00", "{\"cursor\": 2}");
        insertFinished("r1", "c3", "OTHER", "2099-01-01 00:00:00", "{\"cursor\": 3}");
        insertFinished("r9", "c3", "DEFAULT", "2099-01-01 00:00:00", "{\"cursor\": 9}");

        assertThat(resources.call("ENABLE_RESOURCE", "r1")).isEqualTo(OK);

        assertThat(active("r1"))
                .containsExactly(
                        process("c1", "SCHEDULED", false, "{\"cursor\":42}"),
                        process("c2", "SCHEDULED", false, null),
                        process("c3", "SCHEDULED", false, null));
    }

    @Test
    void aConfigurationThatStillHasAnUnfinishedProcessGetsNoSecondOne() {
        resources.create("r1", false, C1, C2);
        resources.app.execute(
                "INSERT INTO STATE.INGESTION_PROCESS (ID, RESOURCE_INGESTION_DEFINITION_ID,"
                        + " INGESTION_CONFIGURATION_ID, TYPE, STATUS) VALUES ('left-over', 'r1', 'c1', 'DEFAULT', 'IN_PROGRESS')");

        resources.call("ENABLE_RESOURCE", "r1");

        assertThat(active("r1"))
                .extracting(process -> process.get("CONFIGURATION") + ":" + process.get("STATUS"))
                .containsExactlyInAnyOrder("c1:IN_PROGRESS", "c2:SCHEDULED");
    }

    @Test
    void updatingAnEnabledResourceEndsRemovedConfigurationsAndSchedulesNewOnes() {
        resources.create("r1", true, C1, C2);
        resources.app.execute("UPDATE STATE.INGESTION_PROCESS SET STATUS = 'IN_PROGRESS', METADATA = "
                + "'{\"cursor\": 5}' FORMAT JSON WHERE INGESTION_CONFIGURATION_ID = 'c1'");
        Object c1Process = processId("r1", "c1");
        resources.hooks.calls.clear();
        String c1Faster = configuration("c1", "SNAPSHOT", "INTERVAL", "5m");

        JsonNode response = resources.call("UPDATE_RESOURCE", "r1", array(c1Faster, C3));

        assertThat(response)
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"OK\", \"message\": " + "\"Resource successfully updated.\"}"));
        assertThat(JsonTree.parse((String) resources.definitions().get(0).get("INGESTION_CONFIGURATION")))
                .isEqualTo(JsonTree.parse(array(c1Faster, C3)));
        // c1 is kept: its running process is left alone although its schedule changed.
        assertThat(processId("r1", "c1")).isEqualTo(c1Process);
        assertThat(resources.processes("r1"))
                .containsExactlyInAnyOrder(
                        process("c1", "IN_PROGRESS", false, "{\"cursor\":5}"),
                        process("c2", "FINISHED", true, null),
                        process("c3", "SCHEDULED", false, null));
        assertThat(resources.hooks.calls)
                .containsExactly("validateUpdate(r1:c1,c3)", "preUpdate(r1:c1,c3)", "postUpdate(r1:c1,c3)");
    }

    @Test
    void updatingADisabledResourceOnlyReplacesItsConfigurations() {
        resources.create("r1", true, C1, C2);
        resources.call("DISABLE_RESOURCE", "r1");
        List<Map<String, Object>> before = resources.processes("r1");

        assertThat(resources
                        .call("UPDATE_RESOURCE", "r1", array(C3))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");

        assertThat(resources.processes("r1")).isEqualTo(before);
        assertThat(JsonTree.parse((String) resources.definitions().get(0).get("INGESTION_CONFIGURATION")))
                .isEqualTo(JsonTree.parse(array(C3)));
        assertThat(resources.call("ENABLE_RESOURCE", "r1")).isEqualTo(OK);
        assertThat(active("r1")).containsExactly(process("c3", "SCHEDULED", false, null));
    }

    @Test
    void aConfigurationRemovedAndAddedAgainInheritsItsCursor() {
        resources.create("r1", true, C1, C2);
        resources.app.execute("UPDATE STATE.INGESTION_PROCESS SET METADATA = '{\"page\": \"abc\"}' FORMAT JSON"
                + " WHERE INGESTION_CONFIGURATION_ID = 'c2'");

        resources.call("UPDATE_RESOURCE", "r1", array(C1));
        resources.call("UPDATE_RESOURCE", "r1", array(C1, C2));

        assertThat(active("r1"))
                .containsExactly(
                        process("c1", "SCHEDULED", false, null),
                        process("c2", "SCHEDULED", false, "{\"page\":\"abc\"}"));
    }

    @Test
    void updatingWithTheSameConfigurationsChangesNoProcess() {
        resources.create("r1", true, C1, C2);
        List<Map<String, Object>> before = resources.app.query("SELECT * FROM STATE.INGESTION_PROCESS ORDER BY ID");

        assertThat(resources
                        .call("UPDATE_RESOURCE", "r1", array(C2, C1))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");

        assertThat(resources.app.query("SELECT * FROM STATE.INGESTION_PROCESS ORDER BY ID"))
                .isEqualTo(before);
    }

    @Test
    void anUpdateBreakingTheFieldRulesIsRolledBack() {
        resources.create("r1", true, C1, C2);
        String before = resources.app.snapshot();

        JsonNode empty = resources.call("UPDATE_RESOURCE", "r1", "[]");
        JsonNode duplicate = resources.call("UPDATE_RESOURCE", "r1", array(C3, C3));

        assertThat(empty)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"UPDATE_RESOURCE_ERROR\", \"message\": \"Error "
                        + "occurred while updating resource. Changes were rolled back. Error: Resource validation failed with 1"
                        + " errors: Field 'ingestionConfiguration' cannot be empty when parentId is not set.'\"}"));
        assertThat(duplicate.path("message").asText())
                .endsWith("Field 'ingestionConfiguration.id' must be unique "
                        + "within the resource: 'c3' is used 2 times.");
        assertThat(resources.app.snapshot()).isEqualTo(before);
    }

    @Test
    void anUpdateOfAnInvalidStructureIsRefusedBeforeAnyHook() {
        resources.create("r1", true, C1);
        resources.hooks.calls.clear();

        JsonNode response = resources.call("UPDATE_RESOURCE", "r1", "{\"id\": \"c1\"}");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"INVALID_INPUT\", \"message\": \"Provided "
                        + "ingestion configuration has invalid structure and cannot be processed. The ingestion configurations"
                        + " must be a JSON array of objects, not an object.\"}"));
        assertThat(resources.hooks.calls).isEmpty();
    }

    @Test
    void theProceduresKeepAtMostOneUnfinishedProcessPerConfigurationThroughManyCycles() {
        resources.create("r1", true, C1, C2);
        for (int i = 0; i < 3; i++) {
            resources.call("DISABLE_RESOURCE", "r1");
            resources.call("ENABLE_RESOURCE", "r1");
            resources.call("UPDATE_RESOURCE", "r1", array(C1, C3));
            resources.call("UPDATE_RESOURCE", "r1", array(C1, C2));
        }

        assertThat(active("r1"))
                .extracting(process -> process.get("CONFIGURATION"))
                .containsExactly("c1", "c2");
        assertThat(resources.app.query("SELECT COUNT(*) AS N FROM STATE.INGESTION_PROCESS WHERE STATUS = 'FINISHED'"
                        + " AND FINISHED_AT IS NULL"))
                .containsExactly(row("N", 0L));
    }

    private List<Map<String, Object>> active(String definitionId) {
        return resources.processes(definitionId).stream()
                .filter(process -> !"FINISHED".equals(process.get("STATUS")))
                .toList();
    }

    private Object processId(String definitionId, String configurationId) {
        return resources
                .app
                .query(
                        "SELECT ID FROM STATE.INGESTION_PROCESS WHERE RESOURCE_INGESTION_DEFINITION_ID = ?"
                                + " AND INGESTION_CONFIGURATION_ID = ? AND STATUS <> 'FINISHED'",
                        definitionId,
                        configurationId)
                .get(0)
                .get("ID");
    }

    private void insertFinished(
            String definitionId, String configurationId, String type, String finishedAt, String metadata) {
        resources.app.execute(
                "INSERT INTO STATE.INGESTION_PROCESS (ID, RESOURCE_INGESTION_DEFINITION_ID,"
                        + " INGESTION_CONFIGURATION_ID, TYPE, STATUS, CREATED_AT, UPDATED_AT, FINISHED_AT, METADATA)"
                        + " VALUES (RANDOM_UUID(), ?, ?, ?, 'FINISHED', CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP),"
                        + " CAST(? AS TIMESTAMP), ? FORMAT JSON)",
                definitionId,
                configurationId,
                type,
                finishedAt,
                finishedAt,
                finishedAt,
                metadata);
    }
}
