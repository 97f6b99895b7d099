package io.connectorkit.runtime.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.snowflake.snowpark_java.Session;
import com.snowflake.snowpark_java.types.Variant;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.FakeSnowparkSession;
import io.connectorkit.runtime.testing.SchedulerFixture;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RUN_SCHEDULER_ITERATION through its Snowpark handler, with the Snowflake statements it sends. */
class SnowflakeSchedulerTest {

    private final SchedulerFixture f = new SchedulerFixture();
    private final ConnectorRegistry.Binding binding = ConnectorRegistry.bind(SnowflakeProcedures.TARGET, f.connector);
    private final FakeSnowparkSession fake = new FakeSnowparkSession(f.app.newConnection());
    private final Session session = fake.session();

    @AfterEach
    void close() {
        binding.close();
        f.close();
    }

    private JsonNode iterate() {
        return JsonTree.parse(SnowflakeProcedures.runSchedulerIteration(session).asJsonString());
    }

    @Test
    void theTasksProcedureRunsDueIngestionsWithSnowflakesStatements() {
        f.source.items("orders", 5).pageSize(4);
        f.ingests("orders", "INCREMENTAL", "INTERVAL", "15m");

        JsonNode response = iterate();

        assertThat(response.path("runs"))
                .singleElement()
                .satisfies(run -> assertThat(run.path("rows").asLong()).isEqualTo(4));
        ((ObjectNode) response).remove("runs");
        assertThat(response)
                .isEqualTo(
                        JsonTree.parse(
                                "{\"response_code\": \"OK\", \"message\": \"Ran 1 of 1 scheduled"
                                        + " ingestions: 1 completed, 0 failed.\", \"due\": 1, \"completed\": 1, \"failed\": 0, \"reaped\": 0}"));
        assertThat(f.ids("DEST.ORDERS")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(f.cursor("proc-orders")).isEqualTo(JsonTree.parse("{\"after\": 4}"));
        Map<String, Object> row =
                f.app.query("SELECT * FROM DEST.ORDERS WHERE ID = 2").get(0);
        assertThat(row)
                .containsEntry("NAME", "orders #2")
                .containsEntry("UPDATED_AT", Timestamp.valueOf("2026-01-01 00:00:02"));
        assertThat(JsonTree.parse((String) row.get("TAGS"))).isEqualTo(JsonTree.parse("[\"t2\", \"x\"]"));

        List<String> sql = fake.sqlTexts();
        assertThat(sql)
                .contains("CREATE TABLE IF NOT EXISTS \"DEST\".\"ORDERS\" (\"ID\" NUMBER(38,0), \"NAME\""
                        + " VARCHAR, \"AMOUNT\" NUMBER(38,9), \"UPDATED_AT\" TIMESTAMP_NTZ, \"TAGS\" VARIANT)");
        // DDL ends Snowflake's transaction, so the run's writes continue in a new one.
        assertThat(sql.get(sql.indexOf("CREATE TABLE IF NOT EXISTS \"DEST\".\"ORDERS\" (\"ID\" NUMBER(38,0), \"NAME\""
                                + " VARCHAR, \"AMOUNT\" NUMBER(38,9), \"UPDATED_AT\" TIMESTAMP_NTZ, \"TAGS\" VARIANT)")
                        + 1))
                .isEqualTo("BEGIN TRANSACTION");
        String select = "SELECT ?, ?, ?, CAST(? AS TIMESTAMP_NTZ), PARSE_JSON(?)";
        assertThat(sql)
                .contains("INSERT INTO \"DEST\".\"ORDERS\" (\"ID\", \"NAME\", \"AMOUNT\", \"UPDATED_AT\", \"TAGS\") "
                        + String.join(" UNION ALL ", Collections.nCopies(4, select)));
        assertThat(sql)
                .anyMatch(statement -> statement.startsWith("UPDATE STATE.INGESTION_RUN SET STATUS ="
                        + " 'COMPLETED', COMPLETED_AT = CAST(? AS TIMESTAMP_NTZ)"));
        assertThat(sql).noneMatch(statement -> statement.contains("orders #") || statement.contains("2026-"));
        assertThat(sql.get(sql.size() - 1)).isEqualTo("COMMIT");
    }

    /** A process without its definition is ended with Snowflake's statements, its FAILED run's error bound. */
    @Test
    void aProcessWhoseDefinitionIsMissingIsEndedThroughTheHandler() {
        f.process("proc-gone", "def-gone", "cfg");

        JsonNode response = iterate();

        assertThat(response.path("ended").asInt()).isEqualTo(1);
        assertThat(response.path("message").asText())
                .contains("Invalid Ingestion Process id='proc-gone': Resource"
                        + " Ingestion Definition with id 'def-gone' does not exist");
        assertThat(f.process("proc-gone")).containsEntry("STATUS", "FINISHED");
        assertThat(fake.sqlTexts())
                .contains("UPDATE STATE.INGESTION_PROCESS SET STATUS = 'FINISHED', FINISHED_AT ="
                        + " CAST(? AS TIMESTAMP_NTZ), UPDATED_AT = CAST(? AS TIMESTAMP_NTZ), LAST_ERROR = ? WHERE ID = ? AND"
                        + " STATUS = 'SCHEDULED'")
                .anyMatch(statement -> statement.startsWith("INSERT INTO STATE.INGESTION_RUN")
                        && statement.endsWith("'FAILED', 0, PARSE_JSON(?)"));
        assertThat(fake.sqlTexts()).noneMatch(statement -> statement.contains("proc-gone"));
    }

    @Test
    void runIngestionNowRunsOneResourceBeforeItIsDueThroughItsSnowparkHandler() {
        f.source.items("orders", 3).pageSize(2);
        f.ingests("orders", "INCREMENTAL", "INTERVAL", "60m");
        iterate();
        assertThat(iterate().path("due").asInt()).isZero();

        JsonNode response = JsonTree.parse(
                SnowflakeProcedures.runIngestionNow(session, "def-orders").asJsonString());

        assertThat(response.path("completed").asInt()).isEqualTo(1);
        assertThat(response.path("runs").get(0).path("resource").asText()).isEqualTo("orders");
        assertThat(f.ids("DEST.ORDERS")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aPausedConnectorRunsNothingThroughTheHandlerEither() {
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        f.app.forceState(new ConnectorState(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));

        JsonNode response = iterate();

        assertThat(response.path("response_code").asText()).isEqualTo("OK");
        assertThat(response.path("message").asText()).startsWith("The connector is paused (PAUSED)");
        assertThat(f.runs()).isEmpty();
    }

    @Test
    void aFailingRunIsAnsweredNotRaised() {
        f.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        f.source.failNext(new IllegalStateException("source down"));

        JsonNode response = iterate();

        assertThat(response.path("failed").asInt()).isEqualTo(1);
        assertThat(f.process("proc-orders")).containsEntry("LAST_ERROR", "IllegalStateException: source down");
        assertThat(fake.sqlTexts()).contains("ROLLBACK");
    }

    @Test
    void theHandlerIsStatic() throws NoSuchMethodException {
        assertThat(SnowflakeProcedures.class
                        .getMethod("runSchedulerIteration", Session.class)
                        .getReturnType())
                .isEqualTo(Variant.class);
    }
}
