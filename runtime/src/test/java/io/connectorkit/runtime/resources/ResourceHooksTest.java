package io.connectorkit.runtime.resources;

import static io.connectorkit.runtime.resources.ResourceApp.C1;
import static io.connectorkit.runtime.resources.ResourceApp.C2;
import static io.connectorkit.runtime.resources.ResourceApp.array;
import static io.connectorkit.runtime.testing.EmbeddedAppFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.sql.SqlRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The connector's {@code ResourceHooks}: called in the spec's order, a non-OK answer returned as it is, and — unlike
 * the SDK — the whole call one transaction, so a refusing hook, a post-hook's included, leaves nothing behind.
 */
class ResourceHooksTest {

    private static final Response REFUSAL =
            Response.error("SOURCE_REFUSED", "The source does not know it.").with("detail", Map.of("status", 404));

    private final ResourceApp resources = new ResourceApp();

    @AfterEach
    void close() {
        resources.close();
    }

    @Test
    void createCallsItsHooksInOrderWithTheResource() {
        resources.create(
                "Issues", "{\"repo\": \"api\", \"owner\": \"acme\"}", array(C1, C2), "r1", true, "{\"stars\": 5}");

        assertThat(resources.hooks.calls).containsExactly("validateCreate(r1)", "preCreate(r1)", "postCreate(r1)");
        assertThat(resources.hooks.created)
                .containsExactly(new ResourceDefinition(
                        "r1",
                        "Issues",
                        true,
                        null,
                        "{\"repo\":\"api\",\"owner\":\"acme\"}",
                        "{\"stars\":5}",
                        List.of(
                                new IngestionConfiguration(
                                        "c1", IngestionStrategy.INCREMENTAL, null, ScheduleType.INTERVAL, "60m", null),
                                new IngestionConfiguration(
                                        "c2",
                                        IngestionStrategy.SNAPSHOT,
                                        null,
                                        ScheduleType.CRON,
                                        "0 * * * *",
                                        null))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"validateCreate", "preCreate"})
    void aRefusalBeforeTheWritesIsTheAnswerAndStopsTheCall(String hook) {
        resources.hooks.answer(hook, context -> REFUSAL);

        JsonNode response = resources.create("r1", true, C1);

        assertThat(response).isEqualTo(JsonTree.parse(REFUSAL.toJsonText()));
        assertThat(resources.hooks.calls).last().isEqualTo(hook + "(r1)");
        assertThat(resources.definitions()).isEmpty();
    }

    @Test
    void aRefusingPostCreateHookCarriesTheIdAndUndoesTheCreation() {
        String before = resources.app.snapshot();
        resources.hooks.answer("postCreate", context -> REFUSAL);

        JsonNode response = resources.create("r1", true, C1);

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"SOURCE_REFUSED\", \"message\": \"The source"
                        + " does not know it.\", \"detail\": {\"status\": 404}, \"id\": \"r1\"}"));
        assertThat(resources.app.snapshot()).isEqualTo(before);
        resources.hooks.answer("postCreate", context -> Response.ok());
        assertThat(resources.create("r1", true, C1).path("response_code").asText())
                .as("a retry works")
                .isEqualTo("OK");
    }

    @Test
    void postHooksSeeTheWritesAndHookWritesShareTheCallsFate() {
        resources.app.execute("CREATE TABLE PUBLIC.SINKS (RESOURCE VARCHAR)");
        resources.hooks.answer("preCreate", context -> {
            context.sql().update("INSERT INTO PUBLIC.SINKS VALUES ('r1')");
            return Response.ok();
        });
        resources.hooks.answer("postCreate", context -> {
            List<SqlRow> rows = context.sql()
                    .query("SELECT D.NAME, COUNT(P.ID) FROM"
                            + " STATE.RESOURCE_INGESTION_DEFINITION D JOIN STATE.INGESTION_PROCESS P"
                            + " ON P.RESOURCE_INGESTION_DEFINITION_ID = D.ID GROUP BY D.NAME");
            return rows.size() == 1 && rows.get(0).getLong(1) == 1L ? REFUSAL : Response.ok();
        });

        assertThat(resources.create("r1", true, C1).path("response_code").asText())
                .isEqualTo("SOURCE_REFUSED");

        assertThat(resources.app.query("SELECT * FROM PUBLIC.SINKS")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"validateEnable", "preEnable", "postEnable"})
    void aRefusingEnableHookIsTheAnswerAndNothingIsEnabled(String hook) {
        resources.create("r1", false, C1);
        String before = resources.app.snapshot();
        resources.hooks.calls.clear();
        resources.hooks.answer(hook, context -> REFUSAL);

        assertThat(resources.call("ENABLE_RESOURCE", "r1")).isEqualTo(JsonTree.parse(REFUSAL.toJsonText()));

        assertThat(resources.app.snapshot()).isEqualTo(before);
        assertThat(resources.hooks.calls).last().isEqualTo(hook + "(r1)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"validateDisable", "preDisable", "postDisable"})
    void aRefusingDisableHookIsTheAnswerAndNothingIsDisabled(String hook) {
        resources.create("r1", true, C1);
        String before = resources.app.snapshot();
        resources.hooks.calls.clear();
        resources.hooks.answer(hook, context -> REFUSAL);

        assertThat(resources.call("DISABLE_RESOURCE", "r1")).isEqualTo(JsonTree.parse(REFUSAL.toJsonText()));

        assertThat(resources.app.snapshot()).isEqualTo(before);
        assertThat(resources.hooks.calls).last().isEqualTo(hook + "(r1)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"validateUpdate", "preUpdate", "postUpdate"})
    void aRefusingUpdateHookIsTheAnswerAndNothingIsUpdated(String hook) {
        resources.create("r1", true, C1);
        String before = resources.app.snapshot();
        resources.hooks.calls.clear();
        resources.hooks.answer(hook, context -> REFUSAL);

        assertThat(resources.call("UPDATE_RESOURCE", "r1", array(C2))).isEqualTo(JsonTree.parse(REFUSAL.toJsonText()));

        assertThat(resources.app.snapshot()).isEqualTo(before);
        assertThat(resources.hooks.calls).last().isEqualTo(hook + "(r1:c2)");
    }

    @Test
    void aHookThatThrowsIsNamedInTheAnswer() {
        resources.create("r1", false, C1);
        resources.hooks.answer("preEnable", context -> {
            throw new IllegalStateException("the source is down");
        });

        assertThat(resources.call("ENABLE_RESOURCE", "r1"))
                .isEqualTo(JsonTree.parse("{\"response_code\": "
                        + "\"UNKNOWN_ERROR\", \"message\": \"The connector's ResourceHooks.preEnable failed: "
                        + "IllegalStateException: the source is down\"}"));
        assertThat(resources.definitions())
                .extracting(definition -> definition.get("IS_ENABLED"))
                .containsExactly(false);
    }

    @Test
    void aHookWithoutAnAnswerIsAnInvalidResponse() {
        resources.hooks.answer("validateCreate", context -> null);

        assertThat(resources.create("r1", true, C1))
                .isEqualTo(JsonTree.parse("{\"response_code\": \"INVALID_RESPONSE\","
                        + " \"message\": \"Invalid connector response, reason: the connector's ResourceHooks.validateCreate "
                        + "returned no response\"}"));
    }

    @Test
    void hooksReadTheConnectorsConfiguration() {
        resources.app.forceConfiguration("connector_configuration", "{\"warehouse\": \"WH\"}");
        resources.hooks.answer(
                "postCreate",
                context -> context.connectorConfiguration()
                        .string("warehouse")
                        .map(warehouse -> Response.ok())
                        .orElse(REFUSAL));

        assertThat(resources.create("r1", false, C1).path("response_code").asText())
                .isEqualTo("OK");
        assertThat(resources.definitions())
                .extracting(definition -> definition.get("ID"))
                .containsExactly("r1");
        assertThat(resources.app.query("SELECT COUNT(*) AS N FROM STATE.RESOURCE_INGESTION_DEFINITION"))
                .containsExactly(row("N", 1L));
    }
}
