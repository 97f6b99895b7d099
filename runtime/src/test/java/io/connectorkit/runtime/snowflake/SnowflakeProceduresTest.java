package io.connectorkit.runtime.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.snowflake.snowpark_java.Session;
import com.snowflake.snowpark_java.types.Variant;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.FakeSnowparkSession;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Snowpark handlers, driven through a fake Session whose SQL runs on the app's tables. */
class SnowflakeProceduresTest {

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

    @Test
    void theWholeFlowRunsThroughTheSnowparkHandlers() {
        assertThat(json(SnowflakeProcedures.getConnectorStatus(session)))
                .isEqualTo(
                        JsonTree.parse(
                                "{\"response_code\": \"OK\", \"status\": \"CONFIGURING\", \"configurationStatus\": \"INSTALLED\"}"));
        assertOk(SnowflakeProcedures.markAllPrerequisitesAsDone(session));
        assertOk(SnowflakeProcedures.completePrerequisitesStep(session));
        assertOk(SnowflakeProcedures.configureConnector(
                session, new Variant("{\"warehouse\": \"xs\", \"destination_database\": \"DEST_DB\"}")));
        assertOk(SnowflakeProcedures.setConnectionConfiguration(
                session, new Variant("{\"base_url\": \"https://api.example.com\"}")));
        assertThat(json(SnowflakeProcedures.getConnectionConfiguration(session))
                        .path("base_url")
                        .asText())
                .isEqualTo("https://api.example.com");
        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));
        assertOk(SnowflakeProcedures.pauseConnector(session));
        assertOk(SnowflakeProcedures.updateWarehouse(session, "big_wh"));
        assertOk(SnowflakeProcedures.updateConnectionConfiguration(
                session, new Variant("{\"base_url\": \"https://v2.example.com\"}")));
        assertOk(SnowflakeProcedures.resumeConnector(session));

        assertThat(json(SnowflakeProcedures.getConnectorStatus(session))
                        .path("status")
                        .asText())
                .isEqualTo("STARTED");
        assertThat(tables.query("SELECT \"VALUE\" FROM STATE.APP_CONFIG WHERE \"KEY\" = 'connector_configuration'")
                        .get(0)
                        .get("VALUE")
                        .toString())
                .contains("\"warehouse\":\"big_wh\"");
    }

    @Test
    void finalizeCreatesTheDestinationDatabaseAsTheAppsOwnAndLetsDataReaderUseIt() {
        assertOk(SnowflakeProcedures.configureConnector(
                session, new Variant("{\"warehouse\": \"XS\", \"destination_database\": \"dest_db\"}")));
        assertOk(SnowflakeProcedures.setConnectionConfiguration(
                session, new Variant("{\"base_url\": \"https://api.example.com\"}")));

        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));

        assertThat(fake.databases).containsExactly("\"DEST_DB\"");
        assertThat(fake.grants).contains("GRANT USAGE ON DATABASE \"DEST_DB\" TO APPLICATION ROLE DATA_READER");
    }

    @Test
    void finalizeWithADestinationDatabaseNeedsCreateDatabase() {
        assertOk(SnowflakeProcedures.configureConnector(
                session, new Variant("{\"warehouse\": \"XS\", \"destination_database\": \"DEST_DB\"}")));
        assertOk(SnowflakeProcedures.setConnectionConfiguration(
                session, new Variant("{\"base_url\": \"https://api.example.com\"}")));
        fake.privileges("EXECUTE TASK");

        JsonNode response = json(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));

        assertThat(response.path("response_code").asText()).isEqualTo("REQUIRED_PRIVILEGES_MISSING");
        assertThat(response.path("message").asText()).endsWith("privileges: CREATE DATABASE");
        assertThat(fake.databases).isEmpty();
        assertThat(json(SnowflakeProcedures.getConnectorStatus(session))
                        .path("configurationStatus")
                        .asText())
                .isEqualTo("CONNECTED");
    }

    @Test
    void aCallIsOneTransactionWithEveryValueBound() {
        assertOk(SnowflakeProcedures.completePrerequisitesStep(session));
        fake.statements.clear();

        assertOk(SnowflakeProcedures.configureConnector(
                session, new Variant("{\"destination_database\": \"DEST_DB\"}")));

        List<String> sql = fake.sqlTexts();
        assertThat(sql.get(0)).isEqualTo("BEGIN TRANSACTION");
        assertThat(sql.get(1)).isEqualTo("UPDATE STATE.APP_STATE SET \"KEY\" = \"KEY\" WHERE \"KEY\" = ?");
        assertThat(sql.get(sql.size() - 1)).isEqualTo("COMMIT");
        assertThat(sql)
                .contains("INSERT INTO STATE.APP_CONFIG (\"KEY\", \"VALUE\", UPDATED_AT) SELECT ?, "
                        + "PARSE_JSON(?), SYSDATE()");
        assertThat(sql).noneMatch(statement -> statement.contains("DEST_DB"));
    }

    @Test
    void aRefusedCallRollsBack() {
        fake.statements.clear();

        JsonNode response = json(SnowflakeProcedures.setConnectionConfiguration(
                session, new Variant("{\"base_url\": \"https://api.example.com\"}")));

        assertThat(response.path("response_code").asText()).isEqualTo("INVALID_CONNECTOR_CONFIGURATION_STATUS");
        assertThat(fake.sqlTexts()).first().isEqualTo("BEGIN TRANSACTION");
        assertThat(fake.sqlTexts()).last().isEqualTo("ROLLBACK");
    }

    @Test
    void pauseNeedsTheExecuteTaskPrivilege() {
        finalizeWizard();
        fake.privileges();

        JsonNode response = json(SnowflakeProcedures.pauseConnector(session));

        assertThat(response.path("response_code").asText()).isEqualTo("REQUIRED_PRIVILEGES_MISSING");
        assertThat(response.path("message").asText())
                .isEqualTo("To perform this operation the application must be"
                        + " granted the following privileges: EXECUTE TASK");
        assertThat(fake.statements)
                .anyMatch(statement -> statement.sql().equals("SELECT SYSTEM$HOLD_PRIVILEGE_ON_ACCOUNT(?)")
                        && statement.parameters().equals(List.of("EXECUTE TASK")));
    }

    @Test
    void aWarehouseTheAppCannotSeeIsRefused() {
        finalizeWizard();
        assertOk(SnowflakeProcedures.pauseConnector(session));

        JsonNode response = json(SnowflakeProcedures.updateWarehouse(session, "\"big_wh\""));

        assertThat(response.path("response_code").asText()).isEqualTo("INACCESSIBLE_WAREHOUSE");
        assertThat(response.path("message").asText())
                .isEqualTo("Warehouse \"big_wh\" is inaccessible to the application");
    }

    @Test
    void aFailingStatementIsAnsweredNotRaised() {
        fake.failing(
                sql -> sql.startsWith("SELECT TO_JSON"),
                "SQL compilation error: Object 'STATE.APP_STATE' does" + " not exist or not authorized.");

        JsonNode response = json(SnowflakeProcedures.getConnectorStatus(session));

        assertThat(response.path("response_code").asText()).isEqualTo("UNKNOWN_ERROR");
        assertThat(response.path("message").asText())
                .startsWith("GET_CONNECTOR_STATUS failed unexpectedly: "
                        + "SqlFailure: SQL compilation error: Object 'STATE.APP_STATE' does not exist");
    }

    @Test
    void aLockTimeoutIsAnsweredAsBusy() {
        fake.failing(
                sql -> sql.startsWith("UPDATE STATE.APP_STATE SET \"KEY\""),
                "000625 (57014): Statement "
                        + "'01b2' has locked table 'APP_STATE' in transaction 1 and this lock has not yet been released.");

        JsonNode response = json(SnowflakeProcedures.markAllPrerequisitesAsDone(session));

        assertThat(response.path("response_code").asText()).isEqualTo("CONNECTOR_BUSY");
        assertThat(fake.sqlTexts()).last().isEqualTo("ROLLBACK");
    }

    private void finalizeWizard() {
        assertOk(SnowflakeProcedures.configureConnector(session, new Variant("{\"warehouse\": \"XS\"}")));
        assertOk(SnowflakeProcedures.setConnectionConfiguration(
                session, new Variant("{\"base_url\": \"https://api.example.com\"}")));
        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));
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
