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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CREATE_RESOURCE (spec §3.11, §2.4): the phases, their exact messages, and what is written. */
class CreateResourceTest {

    private static final String ROLLED_BACK = "Error while creating resource. Changes were rolled back. Error: ";
    private static final String STRUCTURE =
            "Provided ingestion configuration has invalid structure and cannot be " + "processed. ";

    private final ResourceApp resources = new ResourceApp();

    @AfterEach
    void close() {
        resources.close();
    }

    @Test
    void aDisabledResourceIsStoredWithoutProcesses() {
        JsonNode response = resources.create(
                "Issues of acme/api",
                "{\"owner\": \"acme\", \"repo\": \"api\"}",
                array(C1, C2),
                "acme-api",
                false,
                "{\"language\": \"java\"}");

        assertThat(response)
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"OK\", \"message\": \"Resource created\", \"id\": \"acme-api\"}"));
        assertThat(resources.definitions())
                .containsExactly(row(
                        "ID",
                        "acme-api",
                        "RESOURCE_ID",
                        "{\"owner\":\"acme\",\"repo\":\"api\"}",
                        "NAME",
                        "Issues of acme/api",
                        "IS_ENABLED",
                        false,
                        "RESOURCE_METADATA",
                        "{\"language\":\"java\"}",
                        "INGESTION_CONFIGURATION",
                        "[{\"id\":\"c1\",\"ingestionStrategy\":\"INCREMENTAL\",\"scheduleType\":"
                                + "\"INTERVAL\",\"scheduleDefinition\":\"60m\"},{\"id\":\"c2\",\"ingestionStrategy\":"
                                + "\"SNAPSHOT\",\"scheduleType\":\"CRON\",\"scheduleDefinition\":\"0 * * * *\"}]"));
        assertThat(resources.app.query("SELECT PARENT_ID, UPDATED_AT IS NOT NULL AS STAMPED FROM "
                        + "STATE.RESOURCE_INGESTION_DEFINITION"))
                .containsExactly(row("PARENT_ID", null, "STAMPED", true));
        assertThat(resources.processes("acme-api")).isEmpty();
    }

    @Test
    void anEnabledResourceGetsOneScheduledProcessPerConfiguration() {
        assertThat(resources
                        .create("r1", true, C1, C2, C3)
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");

        assertThat(resources.processes("r1"))
                .containsExactly(
                        process("c1", "SCHEDULED", false, null),
                        process("c2", "SCHEDULED", false, null),
                        process("c3", "SCHEDULED", false, null));
        assertThat(resources.app.query("SELECT COUNT(*) AS N FROM STATE.INGESTION_PROCESS WHERE CREATED_AT IS NULL"
                        + " OR UPDATED_AT IS NULL OR ID IS NULL"))
                .containsExactly(row("N", 0L));
    }

    @Test
    void withoutAnIdTheDefinitionGetsAUuidAndWithoutEnabledItIsDisabled() {
        JsonNode response = resources.create("Unnamed", "\"repo-1\"", array(C1), null, null, null);

        String id = response.path("id").asText();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(resources.definitions())
                .extracting(
                        definition -> definition.get("ID"),
                        definition -> definition.get("IS_ENABLED"),
                        definition -> definition.get("RESOURCE_ID"))
                .containsExactly(Tuple.tuple(id, false, "\"repo-1\""));
    }

    /**
     * The SDK's callers leave out the defaulted trailing arguments (its template's Streamlit passes five, its tests
     * three): each form the Snowflake declaration {@code ID VARCHAR DEFAULT NULL, ENABLED BOOLEAN DEFAULT FALSE,
     * RESOURCE_METADATA VARIANT DEFAULT NULL} accepts works on H2 too, with the same defaults; fewer than three is
     * refused before anything runs, as Snowflake refuses it.
     */
    @Test
    void theDefaultedFormsOfTheSdkCallersAreAccepted() {
        JsonNode three = call("CALL PUBLIC.CREATE_RESOURCE('three', PARSE_JSON('{\"repo\": \"a\"}')," + " PARSE_JSON('"
                + array(C1) + "'))");
        JsonNode four = call("CALL PUBLIC.CREATE_RESOURCE('four', PARSE_JSON('{\"repo\": \"b\"}')," + " PARSE_JSON('"
                + array(C1) + "'), 'r4')");
        JsonNode five = call("CALL PUBLIC.CREATE_RESOURCE('five', PARSE_JSON('{\"repo\": \"c\"}')," + " PARSE_JSON('"
                + array(C1) + "'), 'r5', TRUE)");

        assertThat(three.path("response_code").asText()).isEqualTo("OK");
        assertThat(three.path("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(four)
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"OK\", \"message\": \"Resource created\", \"id\": \"r4\"}"));
        assertThat(five.path("id").asText()).isEqualTo("r5");
        assertThat(resources.app.query("SELECT NAME, IS_ENABLED, RESOURCE_METADATA FROM PUBLIC.INGESTION_DEFINITIONS"
                        + " ORDER BY NAME"))
                .containsExactly(
                        row("NAME", "five", "IS_ENABLED", true, "RESOURCE_METADATA", null),
                        row("NAME", "four", "IS_ENABLED", false, "RESOURCE_METADATA", null),
                        row("NAME", "three", "IS_ENABLED", false, "RESOURCE_METADATA", null));
        assertThat(resources.processes("r5")).containsExactly(process("c1", "SCHEDULED", false, null));
        assertThat(resources.processes("r4")).isEmpty();

        String before = resources.app.snapshot();
        Assertions.assertThatThrownBy(() -> call("CALL PUBLIC.CREATE_RESOURCE('two', PARSE_JSON('{\"repo\": \"d\"}'))"))
                .hasMessageContaining("CREATE_RESOURCE");
        assertThat(resources.app.snapshot()).isEqualTo(before);
    }

    private JsonNode call(String sql) {
        return JsonTree.parse(resources.app.sqlText(sql));
    }

    @Test
    void customConfigurationAndDestinationAreKeptAsGiven() {
        String configuration =
                "{\"destination\": {\"table\": \"ISSUES\"}, \"id\": \"c1\", \"scheduleType\": \"GLOBAL\","
                        + " \"customIngestionConfiguration\": {\"labels\": [\"bug\"], \"since\": null},"
                        + " \"ingestionStrategy\": \"SNAPSHOT\"}";

        resources.create("r1", false, configuration);

        assertThat(JsonTree.parse((String) resources.definitions().get(0).get("INGESTION_CONFIGURATION")))
                .isEqualTo(JsonTree.parse(
                        "[{\"id\": \"c1\", \"ingestionStrategy\": \"SNAPSHOT\", \"customIngestionConfiguration\":"
                                + " {\"labels\": [\"bug\"], \"since\": null}, \"scheduleType\": \"GLOBAL\","
                                + " \"destination\": {\"table\": \"ISSUES\"}}]"));
    }

    @Test
    void anIdInUseIsRefusedAndNothingChanges() {
        resources.create("r1", true, C1);
        String before = resources.app.snapshot();

        JsonNode response = resources.create("Other", "{\"repository\": \"other\"}", array(C2), "r1", true, null);

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"INVALID_INPUT\", \"message\":"
                        + " \"Resource with id 'r1' already exists.\"}"));
        assertThat(resources.app.snapshot()).isEqualTo(before);
        assertThat(resources.hooks.calls).containsExactly("validateCreate(r1)", "preCreate(r1)", "postCreate(r1)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"repo\": \"api\", \"owner\": \"acme\", \"n\": 1}",
                "{\"owner\":\"acme\",\"repo\":\"api\"," + "\"n\":1.0}",
                "{ \"n\" : 1e0, \"owner\" : \"acme\", \"repo\" : \"api\" }"
            })
    void aResourceIdEqualAsJsonIsRefused(String sameResourceId) {
        resources.create("Acme", "{\"owner\": \"acme\", \"repo\": \"api\", \"n\": 1}", array(C1), "r1", false, null);

        JsonNode response = resources.create("Again", sameResourceId, array(C1), "r2", false, null);

        assertThat(response.path("response_code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(response.path("message").asText())
                .isEqualTo("Resource with resourceId '" + JsonTree.write(JsonTree.parse(sameResourceId))
                        + "' already exists.");
        assertThat(resources.definitions()).hasSize(1);
    }

    @Test
    void aDifferentResourceIdIsAnotherResource() {
        resources.create("Acme", "{\"owner\": \"acme\", \"repo\": \"api\"}", array(C1), "r1", false, null);

        assertThat(resources
                        .create("Acme web", "{\"owner\": \"acme\", \"repo\": \"web\"}", array(C1), "r2", false, null)
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        assertThat(resources
                        .create("Number", "1", array(C1), "r3", false, null)
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        assertThat(resources
                        .create("Text", "\"1\"", array(C1), "r4", false, null)
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
    }

    static Stream<String[]> invalidStructures() {
        return Stream.of(
                new String[] {
                    "{\"id\": \"c1\"}",
                    "The ingestion configurations must be a JSON array of objects, not " + "an object."
                },
                new String[] {"\"c1\"", "The ingestion configurations must be a JSON array of objects, not a string."},
                new String[] {"[\"c1\"]", "ingestionConfigurations[0] is a string, not an object."},
                new String[] {array(C1, "null"), "ingestionConfigurations[1] is null, not an object."},
                new String[] {
                    "[{\"id\": \"c1\", \"schedule\": \"60m\"}]",
                    "ingestionConfigurations[0] has the unknown "
                            + "property 'schedule'; the properties are id, ingestionStrategy, customIngestionConfiguration,"
                            + " scheduleType, scheduleDefinition, destination."
                },
                new String[] {
                    "[{\"id\": \"c1\", \"ingestionStrategy\": \"FULL\"}]",
                    "ingestionConfigurations[0]"
                            + ".ingestionStrategy is 'FULL'; it must be one of SNAPSHOT, INCREMENTAL."
                },
                new String[] {
                    "[{\"id\": \"c1\", \"scheduleType\": \"interval\"}]",
                    "ingestionConfigurations[0]"
                            + ".scheduleType is 'interval'; it must be one of INTERVAL, CRON, GLOBAL."
                },
                new String[] {
                    "[{\"id\": \"c1\", \"scheduleType\": 3}]",
                    "ingestionConfigurations[0].scheduleType is "
                            + "a number; it must be one of INTERVAL, CRON, GLOBAL."
                },
                new String[] {"[{\"id\": 7}]", "ingestionConfigurations[0].id must be a string, not a number."},
                new String[] {
                    "[{\"id\": \"c1\", \"scheduleDefinition\": 60}]",
                    "ingestionConfigurations[0]" + ".scheduleDefinition must be a string, not a number."
                });
    }

    @ParameterizedTest
    @MethodSource("invalidStructures")
    void configurationsOfAnInvalidStructureAreRefusedBeforeAnyHook(String configurations, String problem) {
        JsonNode response = resources.create("Resource", "{\"repository\": \"r1\"}", configurations, "r1", true, null);

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"INVALID_INPUT\"}")
                        .deepCopy()
                        .<ObjectNode>require()
                        .put("message", STRUCTURE + problem));
        assertThat(resources.hooks.calls).isEmpty();
        assertThat(resources.definitions()).isEmpty();
    }

    @Test
    void argumentsThatAreNotJsonAreRefused() {
        JsonNode configurations = resources.create("Resource", "{\"repository\": \"r1\"}", "[{", "r1", true, null);
        JsonNode resourceId = resources.create("Resource", "{repository}", array(C1), "r1", true, null);
        JsonNode metadata = resources.create("Resource", "{\"repository\": \"r1\"}", array(C1), "r1", true, "x");

        assertThat(configurations.path("response_code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(configurations.path("message").asText())
                .startsWith(STRUCTURE + "The argument "
                        + "INGESTION_CONFIGURATIONS must be a JSON array, but it is not valid JSON (");
        assertThat(resourceId.path("message").asText())
                .startsWith(
                        "The argument RESOURCE_ID of CREATE_RESOURCE must" + " be JSON, but it is not valid JSON (");
        assertThat(metadata.path("message").asText())
                .startsWith("The argument RESOURCE_METADATA of CREATE_RESOURCE "
                        + "must be JSON, but it is not valid JSON (");
        assertThat(resources.definitions()).isEmpty();
    }

    /** name, resource id, configurations, id → the errors after "Resource validation failed with n errors: ". */
    static Stream<String[]> fieldRules() {
        String missingAll = "Field 'ingestionConfiguration.id' cannot be empty. Field 'ingestionConfiguration"
                + ".ingestionStrategy' cannot be empty. Field 'ingestionConfiguration.scheduleType' cannot be empty. "
                + "Field 'ingestionConfiguration.scheduleDefinition' cannot be empty.";
        return Stream.of(
                new String[] {"", "\"r\"", array(C1), "r1", "1 errors: Field 'name' cannot be empty."},
                new String[] {null, "\"r\"", array(C1), "r1", "1 errors: Field 'name' cannot be empty."},
                new String[] {"n", "\"r\"", array(C1), "", "1 errors: Field 'id' cannot be empty."},
                new String[] {"n", null, array(C1), "r1", "1 errors: Field 'resourceId' cannot be empty."},
                new String[] {"n", "null", array(C1), "r1", "1 errors: Field 'resourceId' cannot be empty."},
                new String[] {"n", "{}", array(C1), "r1", "1 errors: Field 'resourceId' cannot be empty."},
                new String[] {"n", "\" \"", array(C1), "r1", "1 errors: Field 'resourceId' cannot be empty."},
                new String[] {
                    "n",
                    "\"r\"",
                    null,
                    "r1",
                    "1 errors: Field 'ingestionConfiguration' cannot be empty when " + "parentId is not set.'"
                },
                new String[] {
                    "n",
                    "\"r\"",
                    "[]",
                    "r1",
                    "1 errors: Field 'ingestionConfiguration' cannot be empty when " + "parentId is not set.'"
                },
                new String[] {"n", "\"r\"", "[{}]", "r1", "4 errors: " + missingAll},
                new String[] {
                    "n",
                    "\"r\"",
                    array(configuration("", "SNAPSHOT", "GLOBAL", null)),
                    "r1",
                    "1 errors: Field 'ingestionConfiguration.id' cannot be empty."
                },
                new String[] {
                    "n",
                    "\"r\"",
                    "[{\"id\": \"c1\", \"scheduleType\": \"INTERVAL\", \"scheduleDefinition\":" + " \"5m\"}]",
                    "r1",
                    "1 errors: Field 'ingestionConfiguration.ingestionStrategy' cannot be " + "empty."
                },
                new String[] {
                    "n",
                    "\"r\"",
                    array(configuration("c1", "SNAPSHOT", "INTERVAL", null)),
                    "r1",
                    "1 errors: Field 'ingestionConfiguration.scheduleDefinition' cannot be empty."
                },
                new String[] {
                    "n",
                    "\"r\"",
                    array(configuration("c1", "SNAPSHOT", "INTERVAL", "90s")),
                    "r1",
                    "1 errors: Invalid schedule definition '90s'. Interval schedule definition should consist of a "
                            + "number and one of the letters: d, h, m."
                },
                new String[] {
                    "n",
                    "\"r\"",
                    array(configuration("c1", "SNAPSHOT", "CRON", "every hour")),
                    "r1",
                    "1 errors: Invalid schedule definition 'every hour'. Cron schedule definition should be a "
                            + "5-field cron expression: it has 2 fields, but a cron expression has 5: minute hour "
                            + "day-of-month month day-of-week (for example '0 * * * *' for every hour)."
                },
                new String[] {
                    "n",
                    "\"r\"",
                    array(C1, C2, configuration("c1", "SNAPSHOT", "GLOBAL", null), C2),
                    "r1",
                    "2 errors: Field 'ingestionConfiguration.id' must be unique within the resource: 'c1' is "
                            + "used 2 times. Field 'ingestionConfiguration.id' must be unique within the "
                            + "resource: 'c2' is used 2 times."
                },
                new String[] {
                    "",
                    null,
                    array("{}", configuration("c1", "SNAPSHOT", "INTERVAL", "0m")),
                    "",
                    "8 errors: Field 'id' cannot be empty. Field 'name' cannot be empty. Field 'resourceId' "
                            + "cannot be empty. " + missingAll + " Invalid schedule definition '0m'. Interval "
                            + "schedule definition should consist of a number and one of the letters: d, h, m."
                });
    }

    @ParameterizedTest
    @MethodSource("fieldRules")
    void theFieldRulesAnswerTheSdksMessagesAndNothingIsKept(
            String name, String resourceId, String configurations, String id, String errors) {
        JsonNode response = resources.create(name, resourceId, configurations, id, true, null);

        assertThat(response.path("response_code").asText()).isEqualTo("CREATE_RESOURCE_ERROR");
        assertThat(response.path("message").asText())
                .isEqualTo(ROLLED_BACK + "Resource validation failed with " + errors);
        assertThat(response.has("id")).isFalse();
        assertThat(resources.definitions()).isEmpty();
        assertThat(resources.app.query("SELECT * FROM STATE.INGESTION_PROCESS")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"60m", "60M", "1h", "24H", "1d", "7D", "15m"})
    void intervalsAreANumberAndALetter(String interval) {
        assertThat(resources
                        .create("r1", true, configuration("c1", "SNAPSHOT", "INTERVAL", interval))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0m", "05m", "60", "m", "1.5h", "60 m", "1w", "-5m", "99999999999999999999m"})
    void otherIntervalsAreRefused(String interval) {
        JsonNode response = resources.create("r1", true, configuration("c1", "SNAPSHOT", "INTERVAL", interval));

        assertThat(response.path("message").asText())
                .isEqualTo(ROLLED_BACK + "Resource validation failed with 1 "
                        + "errors: Invalid schedule definition '" + interval + "'. Interval schedule definition should "
                        + "consist of a number and one of the letters: d, h, m.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 * * * *", "*/15 * * * *", "0 6 * * MON-FRI", "30 2 L * *"})
    void cronSchedulesMustParse(String cron) {
        assertThat(resources
                        .create("r1", true, configuration("c1", "SNAPSHOT", "CRON", cron))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
    }

    @Test
    void aBadCronScheduleIsRefusedWithTheReason() {
        JsonNode response = resources.create("r1", true, configuration("c1", "SNAPSHOT", "CRON", "61 * * * *"));

        assertThat(response.path("message").asText())
                .startsWith(ROLLED_BACK + "Resource validation failed with 1 "
                        + "errors: Invalid schedule definition '61 * * * *'. Cron schedule definition should be a 5-field cron"
                        + " expression: the minute field '61' is not valid");
    }

    @Test
    void aGlobalScheduleNeedsNoDefinition() {
        assertThat(resources.create("r1", true, C3).path("response_code").asText())
                .isEqualTo("OK");
    }
}
