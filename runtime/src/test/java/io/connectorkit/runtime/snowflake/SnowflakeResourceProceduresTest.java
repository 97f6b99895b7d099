package io.connectorkit.runtime.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.snowflake.snowpark_java.Session;
import com.snowflake.snowpark_java.types.Variant;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.FakeSnowparkSession;
import io.connectorkit.runtime.testing.RecordingResourceHooks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The resource procedures' Snowpark handlers, through a fake Session whose SQL runs on the app's tables. */
class SnowflakeResourceProceduresTest {

    private static final String CONFIGURATIONS = "[{\"id\": \"c1\", \"ingestionStrategy\": \"INCREMENTAL\","
            + " \"scheduleType\": \"INTERVAL\", \"scheduleDefinition\": \"60m\"}, {\"id\": \"c2\","
            + " \"ingestionStrategy\": \"SNAPSHOT\", \"scheduleType\": \"CRON\", \"scheduleDefinition\": \"0 * * * *\"}]";

    private final RecordingResourceHooks hooks = new RecordingResourceHooks();
    private final ConnectorDefinition connector =
            ConnectorDefinition.builder().resourceHooks(hooks).build();
    private final EmbeddedAppFixture tables = EmbeddedAppFixture.install(connector);
    private final ConnectorRegistry.Binding binding = ConnectorRegistry.bind(SnowflakeProcedures.TARGET, connector);
    private final FakeSnowparkSession fake = new FakeSnowparkSession(tables.newConnection());
    private final Session session = fake.session();

    @AfterEach
    void close() {
        binding.close();
        tables.close();
    }

    @Test
    void theResourceProceduresRunThroughTheSnowparkHandlers() {
        JsonNode created = json(SnowflakeProcedures.createResource(
                session,
                "Issues",
                new Variant("{\"repo\": \"api\"}"),
                new Variant(CONFIGURATIONS),
                "r1",
                false,
                new Variant("{\"stars\": 3}")));
        assertThat(created)
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"OK\", \"message\": \"Resource created\"," + " \"id\": \"r1\"}"));
        assertThat(json(SnowflakeProcedures.enableResource(session, "r1"))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        assertThat(processes()).containsExactly("c1:SCHEDULED", "c2:SCHEDULED");

        assertThat(json(SnowflakeProcedures.updateResource(
                        session,
                        "r1",
                        new Variant("[{\"id\": \"c2\","
                                + " \"ingestionStrategy\": \"SNAPSHOT\", \"scheduleType\": \"GLOBAL\"}]"))))
                .isEqualTo(
                        JsonTree.parse("{\"response_code\": \"OK\", \"message\": \"Resource successfully updated.\"}"));
        assertThat(processes()).containsExactly("c1:FINISHED", "c2:SCHEDULED");

        assertThat(json(SnowflakeProcedures.disableResource(session, "r1"))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
        assertThat(processes()).containsExactly("c1:FINISHED", "c2:FINISHED");
        assertThat(tables.query("SELECT ID, NAME, IS_ENABLED, CAST(RESOURCE_METADATA AS VARCHAR) AS M FROM"
                        + " PUBLIC.INGESTION_DEFINITIONS"))
                .containsExactly(EmbeddedAppFixture.row(
                        "ID", "r1", "NAME", "Issues", "IS_ENABLED", false, "M", "{\"stars\":3}"));
        assertThat(hooks.calls)
                .containsExactly(
                        "validateCreate(r1)",
                        "preCreate(r1)",
                        "postCreate(r1)",
                        "validateEnable(r1)",
                        "preEnable(r1)",
                        "postEnable(r1)",
                        "validateUpdate(r1:c2)",
                        "preUpdate(r1:c2)",
                        "postUpdate(r1:c2)",
                        "validateDisable(r1)",
                        "preDisable(r1)",
                        "postDisable(r1)");
    }

    @Test
    void aCreateIsOneTransactionWithEveryValueBound() {
        fake.statements.clear();

        JsonNode created = json(SnowflakeProcedures.createResource(
                session,
                "O'Brien's issues",
                new Variant("{\"repo\": \"o'brien\"}"),
                new Variant(CONFIGURATIONS),
                null,
                true,
                null));

        assertThat(created.path("response_code").asText()).isEqualTo("OK");
        List<String> sql = fake.sqlTexts();
        assertThat(sql.get(0)).isEqualTo("BEGIN TRANSACTION");
        assertThat(sql.get(1)).isEqualTo("UPDATE STATE.APP_STATE SET \"KEY\" = \"KEY\" WHERE \"KEY\" = ?");
        assertThat(sql).last().isEqualTo("COMMIT");
        assertThat(sql)
                .contains("INSERT INTO STATE.RESOURCE_INGESTION_DEFINITION (ID, NAME, ENABLED, PARENT_ID,"
                        + " RESOURCE_ID, RESOURCE_METADATA, INGESTION_CONFIGURATION, UPDATED_AT) SELECT ?, ?, ?, NULL,"
                        + " PARSE_JSON(?), NULL, PARSE_JSON(?), SYSDATE()");
        assertThat(fake.statements)
                .as("no NULL is bound")
                .allMatch(statement -> !statement.parameters().contains(null));
        assertThat(sql)
                .contains("SELECT ID, TO_JSON(RESOURCE_ID) FROM STATE.RESOURCE_INGESTION_DEFINITION WHERE"
                        + " RESOURCE_ID IS NOT NULL");
        assertThat(sql).noneMatch(statement -> statement.contains("brien") || statement.contains("c1"));
        assertThat(tables.query(
                        "SELECT NAME, ENABLED FROM STATE.RESOURCE_INGESTION_DEFINITION WHERE ID = ?",
                        created.path("id").asText()))
                .containsExactly(Map.of("NAME", "O'Brien's issues", "ENABLED", true));
    }

    @Test
    void aRefusedCallRollsBack() {
        fake.statements.clear();

        JsonNode response = json(SnowflakeProcedures.createResource(
                session, "", new Variant("{\"repo\": \"api\"}"), new Variant(CONFIGURATIONS), "r1", true, null));

        assertThat(response.path("response_code").asText()).isEqualTo("CREATE_RESOURCE_ERROR");
        assertThat(response.path("message").asText())
                .isEqualTo("Error while creating resource. Changes were rolled "
                        + "back. Error: Resource validation failed with 1 errors: Field 'name' cannot be empty.");
        assertThat(fake.sqlTexts()).first().isEqualTo("BEGIN TRANSACTION");
        assertThat(fake.sqlTexts()).last().isEqualTo("ROLLBACK");
        assertThat(tables.query("SELECT * FROM STATE.RESOURCE_INGESTION_DEFINITION"))
                .isEmpty();
    }

    @Test
    void aFailingStatementIsTheProceduresErrorAndRollsBack() {
        json(SnowflakeProcedures.createResource(
                session, "Issues", new Variant("{\"repo\": \"api\"}"), new Variant(CONFIGURATIONS), "r1", false, null));
        fake.failing(sql -> sql.startsWith("INSERT INTO STATE.INGESTION_PROCESS"), "Warehouse 'XS' cannot be resumed");

        JsonNode response = json(SnowflakeProcedures.enableResource(session, "r1"));

        assertThat(response.path("response_code").asText()).isEqualTo("ENABLE_RESOURCE_ERROR");
        assertThat(response.path("message").asText())
                .startsWith(
                        "Error while enabling resource. Changes were rolled"
                                + " back. Error: Warehouse 'XS' cannot be resumed [statement: INSERT INTO STATE.INGESTION_PROCESS");
        assertThat(fake.sqlTexts()).last().isEqualTo("ROLLBACK");
        assertThat(tables.query("SELECT ENABLED FROM STATE.RESOURCE_INGESTION_DEFINITION"))
                .containsExactly(Map.of("ENABLED", false));
    }

    /** As in the SDK, a process with a FINISHED_AT that is not FINISHED cannot be ended: the disable is undone. */
    @Test
    void aDisableThatCannotEndAProcessIsRolledBack() {
        SnowflakeProcedures.createResource(
                session, "Issues", new Variant("{\"repo\": \"api\"}"), new Variant(CONFIGURATIONS), "r1", true, null);
        tables.execute("UPDATE STATE.INGESTION_PROCESS SET FINISHED_AT = TIMESTAMP '2020-01-01 00:00:00'"
                + " WHERE INGESTION_CONFIGURATION_ID = 'c2'");
        fake.statements.clear();

        JsonNode refused = json(SnowflakeProcedures.disableResource(session, "r1"));

        assertThat(refused.path("response_code").asText()).isEqualTo("DISABLE_RESOURCE_ERROR");
        assertThat(refused.path("message").asText())
                .startsWith("Error while disabling resource. Changes were rolled"
                        + " back. Error: Only 1 of the 2 ingestion processes to end (");
        assertThat(processes()).containsExactly("c1:SCHEDULED", "c2:SCHEDULED");
        assertThat(fake.sqlTexts()).last().isEqualTo("ROLLBACK");
    }

    private List<String> processes() {
        return tables
                .query("SELECT INGESTION_CONFIGURATION_ID, STATUS FROM STATE.INGESTION_PROCESS ORDER BY"
                        + " INGESTION_CONFIGURATION_ID")
                .stream()
                .map(row -> row.get("INGESTION_CONFIGURATION_ID") + ":" + row.get("STATUS"))
                .toList();
    }

    private static JsonNode json(Variant variant) {
        return JsonTree.parse(variant.asJsonString());
    }
}
