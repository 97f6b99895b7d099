package io.connectorkit.runtime.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.snowflake.snowpark_java.Session;
import com.snowflake.snowpark_java.types.Variant;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.FakeSnowparkSession;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * STATE.SCHEDULER_TASK (spec §2.7, §4): created by finalize when a global schedule is configured, suspended by pause,
 * resumed by resume, moved by update-warehouse; statements checked as the fake Snowpark session received them.
 */
class SnowflakeSchedulerTaskTest {

    private static final String CREATE = "CREATE TASK IF NOT EXISTS STATE.SCHEDULER_TASK WAREHOUSE = \"XS\" SCHEDULE"
            + " = 'USING CRON */5 * * * * UTC' ALLOW_OVERLAPPING_EXECUTION = FALSE SUSPEND_TASK_AFTER_NUM_FAILURES = 0"
            + " AS CALL PUBLIC.RUN_SCHEDULER_ITERATION()";

    private final ScriptedConnector connector = new ScriptedConnector();
    private final EmbeddedAppFixture tables =
            EmbeddedAppFixture.install(connector.definition().build());
    private final ConnectorRegistry.Binding binding = ConnectorRegistry.bind(
            SnowflakeProcedures.TARGET, connector.definition().build());
    private final FakeSnowparkSession fake = new FakeSnowparkSession(tables.newConnection()).warehouses("XS", "BIG_WH");
    private final Session session = fake.session();

    @AfterEach
    void close() {
        binding.close();
        tables.close();
    }

    private void configureAndConnect(String connectorConfiguration) {
        assertOk(SnowflakeProcedures.configureConnector(session, new Variant(connectorConfiguration)));
        assertOk(SnowflakeProcedures.setConnectionConfiguration(
                session, new Variant("{\"base_url\": \"https://api.example.com\"}")));
    }

    @Test
    void finalizeCreatesTheTaskPauseSuspendsItUpdateWarehouseMovesItResumeResumesIt() {
        configureAndConnect("{\"warehouse\": \"xs\", \"global_schedule\": {\"scheduleType\": \"CRON\","
                + " \"scheduleDefinition\": \"*/5 * * * *\"}}");
        fake.statements.clear();

        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));

        List<String> sql = fake.sqlTexts();
        int create = sql.indexOf(CREATE);
        assertThat(create).isPositive();
        assertThat(sql.subList(create, create + 6))
                .containsExactly(
                        CREATE,
                        "BEGIN TRANSACTION",
                        "GRANT MONITOR ON TASK STATE.SCHEDULER_TASK TO APPLICATION ROLE ADMIN",
                        "BEGIN TRANSACTION",
                        "ALTER TASK STATE.SCHEDULER_TASK RESUME",
                        "BEGIN TRANSACTION");
        assertThat(sql.indexOf("UPDATE STATE.APP_STATE SET \"VALUE\" = PARSE_JSON(?), UPDATED_AT = SYSDATE() WHERE"
                        + " \"KEY\" = ?"))
                .as("STARTED only after the task")
                .isGreaterThan(create);
        assertThat(sql.get(sql.size() - 1)).isEqualTo("COMMIT");
        assertThat(fake.task.resumed).isTrue();
        assertThat(fake.task.monitoredByAdmin).isTrue();
        assertThat(fake.task.definition)
                .isEqualTo("ALLOW_OVERLAPPING_EXECUTION = FALSE"
                        + " SUSPEND_TASK_AFTER_NUM_FAILURES = 0 AS CALL PUBLIC.RUN_SCHEDULER_ITERATION()");
        assertThat(tables.state().status()).isEqualTo(ConnectorStatus.STARTED);

        fake.statements.clear();
        assertOk(SnowflakeProcedures.pauseConnector(session));
        assertThat(fake.sqlTexts()).contains("ALTER TASK IF EXISTS STATE.SCHEDULER_TASK SUSPEND");
        assertThat(fake.task.resumed).isFalse();

        assertOk(SnowflakeProcedures.updateWarehouse(session, "big_wh"));
        assertThat(fake.sqlTexts()).contains("ALTER TASK IF EXISTS STATE.SCHEDULER_TASK SET WAREHOUSE = \"BIG_WH\"");
        assertThat(fake.task.warehouse).isEqualTo("\"BIG_WH\"");

        assertOk(SnowflakeProcedures.resumeConnector(session));
        assertThat(fake.sqlTexts()).contains("ALTER TASK IF EXISTS STATE.SCHEDULER_TASK RESUME");
        assertThat(fake.task.resumed).isTrue();
        assertThat(tables.state().status()).isEqualTo(ConnectorStatus.STARTED);
    }

    @Test
    void finalizeWithAScheduleNeedsExecuteTaskAndLeavesTheConnectorConnectedWithoutIt() {
        configureAndConnect("{\"warehouse\": \"xs\", \"global_schedule\": {\"scheduleType\": \"CRON\","
                + " \"scheduleDefinition\": \"*/5 * * * *\"}}");
        fake.privileges("CREATE DATABASE");

        JsonNode response = json(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));

        assertThat(response.path("response_code").asText()).isEqualTo("REQUIRED_PRIVILEGES_MISSING");
        assertThat(response.path("message").asText()).endsWith("privileges: EXECUTE TASK");
        assertThat(fake.task).isNull();
        assertThat(tables.state().configurationStatus()).isEqualTo(ConfigurationStatus.CONNECTED);

        fake.privileges("EXECUTE TASK");
        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));
        assertThat(fake.task.resumed).isTrue();
    }

    @Test
    void theFakeRefusesToResumeATaskWithoutExecuteTask() {
        configureAndConnect("{\"warehouse\": \"xs\", \"global_schedule\": {\"scheduleType\": \"CRON\","
                + " \"scheduleDefinition\": \"*/5 * * * *\"}}");
        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));
        fake.privileges();

        assertThatThrownBy(() ->
                        session.sql("ALTER TASK STATE.SCHEDULER_TASK RESUME").collect())
                .hasMessage("003001 (42501): SQL access control error: Insufficient privileges to operate on task "
                        + "'STATE.SCHEDULER_TASK'");
    }

    @Test
    void withoutAWarehouseTheTaskRunsOnTheWarehouseReference() {
        configureAndConnect(
                "{\"global_schedule\": {\"scheduleType\": \"CRON\", \"scheduleDefinition\": \"0 * * * *\"}}");

        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));

        assertThat(fake.sqlTexts())
                .contains("CREATE TASK IF NOT EXISTS STATE.SCHEDULER_TASK WAREHOUSE ="
                        + " reference('WAREHOUSE_REFERENCE') SCHEDULE = 'USING CRON 0 * * * * UTC'"
                        + " ALLOW_OVERLAPPING_EXECUTION = FALSE SUSPEND_TASK_AFTER_NUM_FAILURES = 0 AS CALL"
                        + " PUBLIC.RUN_SCHEDULER_ITERATION()");
    }

    @Test
    void withoutAGlobalScheduleThereIsNoTaskAndPauseAndResumeStillWork() {
        configureAndConnect("{\"warehouse\": \"XS\"}");

        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));
        assertOk(SnowflakeProcedures.pauseConnector(session));
        assertOk(SnowflakeProcedures.resumeConnector(session));

        assertThat(fake.task).isNull();
        assertThat(fake.sqlTexts()).noneMatch(sql -> sql.startsWith("CREATE TASK"));
    }

    @Test
    void aFinalizeThatFailsAfterCreatingTheTaskStaysConnectedAndCanBeRetried() {
        configureAndConnect("{\"warehouse\": \"XS\", \"global_schedule\": {\"scheduleType\": \"CRON\","
                + " \"scheduleDefinition\": \"*/5 * * * *\"}}");
        fake.failing(
                sql -> sql.equals("ALTER TASK STATE.SCHEDULER_TASK RESUME"),
                "003001 (42501): SQL access control"
                        + " error: Insufficient privileges to operate on task 'SCHEDULER_TASK'");

        JsonNode failed = json(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));

        assertThat(failed.path("response_code").asText()).isEqualTo("UNKNOWN_ERROR");
        assertThat(failed.path("message").asText()).contains("Insufficient privileges to operate on task");
        assertThat(json(SnowflakeProcedures.getConnectorStatus(session)))
                .isEqualTo(JsonTree.parse("{\"response_code\":"
                        + " \"OK\", \"status\": \"CONFIGURING\", \"configurationStatus\": \"CONNECTED\"}"));
        assertThat(fake.task.resumed).isFalse();

        fake.failing(sql -> false, "");
        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));

        assertThat(fake.sqlTexts().stream().filter(CREATE::equals)).hasSize(2);
        assertThat(fake.task.resumed).isTrue();
        assertThat(tables.state().status()).isEqualTo(ConnectorStatus.STARTED);
    }

    @Test
    void aPauseWhoseTaskCannotBeSuspendedStaysPausingAndCanBeRetried() {
        configureAndConnect("{\"warehouse\": \"XS\", \"global_schedule\": {\"scheduleType\": \"CRON\","
                + " \"scheduleDefinition\": \"*/5 * * * *\"}}");
        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));
        fake.failing(sql -> sql.endsWith("SUSPEND"), "000603 (XX000): SQL execution internal error");

        JsonNode failed = json(SnowflakeProcedures.pauseConnector(session));

        assertThat(failed.path("response_code").asText()).isEqualTo("UNKNOWN_ERROR");
        assertThat(tables.state().status()).as("spec §3.10 step 7").isEqualTo(ConnectorStatus.PAUSING);
        assertThat(fake.task.resumed).isTrue();

        fake.failing(sql -> false, "");
        assertOk(SnowflakeProcedures.pauseConnector(session));
        assertThat(tables.state().status()).isEqualTo(ConnectorStatus.PAUSED);
        assertThat(fake.task.resumed).isFalse();
    }

    @Test
    void theTaskStatementsNameEverythingThroughIdentifiersAndLiterals() {
        SnowflakeSchedulerTask task = new SnowflakeSchedulerTask(new SnowparkSqlPort(session));

        task.create("0 0 * * MON", Optional.of(Identifier.parse("\"my wh\"")));
        task.moveTo(Identifier.parse("\"a\"\"b\""));

        assertThat(fake.sqlTexts())
                .containsExactly(
                        "CREATE TASK IF NOT EXISTS STATE.SCHEDULER_TASK WAREHOUSE ="
                                + " \"my wh\" SCHEDULE = 'USING CRON 0 0 * * MON UTC' ALLOW_OVERLAPPING_EXECUTION = FALSE"
                                + " SUSPEND_TASK_AFTER_NUM_FAILURES = 0 AS CALL PUBLIC.RUN_SCHEDULER_ITERATION()",
                        "GRANT MONITOR ON TASK STATE.SCHEDULER_TASK TO APPLICATION ROLE ADMIN",
                        "ALTER TASK STATE.SCHEDULER_TASK RESUME",
                        "ALTER TASK IF EXISTS STATE.SCHEDULER_TASK SET WAREHOUSE = \"a\"\"b\"");
        Assertions.assertThatThrownBy(() -> task.create("0 0 * * MON'; DROP TABLE X; --", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode json(Variant variant) {
        return JsonTree.parse(variant.asJsonString());
    }

    private static void assertOk(Variant response) {
        assertThat(json(response).path("response_code").asText())
                .as("response %s", response.asJsonString())
                .isEqualTo("OK");
    }
}
