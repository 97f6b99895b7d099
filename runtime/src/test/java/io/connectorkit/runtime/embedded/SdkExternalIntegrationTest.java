package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Native SDK's SETUP_EXTERNAL_INTEGRATION_WITH_NAMES and _WITH_REFERENCES on the embedded target: the checks
 * and answers of the Snowflake setup script's procedures (SdkCallsOnSnowflakeTest in the plugin pins those), with
 * nothing to alter, as every embedded procedure reaches the network and its bound secrets.
 */
class SdkExternalIntegrationTest {

    private static final String UNABLE =
            "Unable to apply SECRET and EXTERNAL_OBJECT_INTEGRATION objects to provided" + " methods.";

    private final EmbeddedAppFixture app =
            EmbeddedAppFixture.install(ConnectorDefinition.builder().build());

    @AfterEach
    void close() {
        app.close();
    }

    private JsonNode call(String procedure, String methods) {
        return JsonTree.parse(app.sqlText("CALL PUBLIC." + procedure + "('" + methods + "')"));
    }

    @Test
    void withNamesAnswersAsInSnowflakeOnceTheConnectionConfigurationNamesBoth() {
        String methods =
                "[\"PUBLIC.SET_CONNECTION_CONFIGURATION(VARIANT)\", \"PUBLIC.update_resource(VARCHAR, VARIANT)\"]";
        assertThat(call("SETUP_EXTERNAL_INTEGRATION_WITH_NAMES", methods))
                .isEqualTo(JsonTree.parse("{\"response_code\":"
                        + " \"INTERNAL_ERROR\", \"message\": \"" + UNABLE
                        + "\", \"SQLERRM\": \"connection_configuration names no"
                        + " external_access_integration or no secret: set both with SET_CONNECTION_CONFIGURATION.\"}"));

        app.forceConfiguration(
                "connection_configuration",
                "{\"external_access_integration\": \"GH_EAI\"," + " \"secret\": \"DB.S.TOKEN\"}");
        assertThat(call("SETUP_EXTERNAL_INTEGRATION_WITH_NAMES", methods))
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"OK\", \"message\": \"Successfully set up 2 method(s).\"}"));

        app.forceConfiguration(
                "connection_configuration",
                "{\"external_access_integration\": \"GH_EAI) X\"," + " \"secret\": \"DB.S.TOKEN\"}");
        assertThat(call("SETUP_EXTERNAL_INTEGRATION_WITH_NAMES", methods)
                        .path("response_code")
                        .asText())
                .isEqualTo("EAI_UNAVAILABLE");
        app.forceConfiguration(
                "connection_configuration",
                "{\"external_access_integration\": \"GH_EAI\"," + " \"secret\": \"DB.S.TOKEN; DROP\"}");
        assertThat(call("SETUP_EXTERNAL_INTEGRATION_WITH_NAMES", methods)
                        .path("response_code")
                        .asText())
                .isEqualTo("SECRET_UNAVAILABLE");
    }

    @Test
    void aMethodThatIsNotAConnectorProcedureOfTheAppIsRefusedOnBoth() {
        for (String procedure :
                new String[] {"SETUP_EXTERNAL_INTEGRATION_WITH_NAMES", "SETUP_EXTERNAL_INTEGRATION_WITH_REFERENCES"}) {
            assertThat(call(procedure, "[\"PUBLIC.TEST_CONNECTION()\", \"PUBLIC.WORKER(NUMBER, STRING)\"]"))
                    .isEqualTo(JsonTree.parse("{\"response_code\": \"INTERNAL_ERROR\", \"message\": \"" + UNABLE
                            + "\", \"SQLERRM\": \"The method PUBLIC.WORKER(NUMBER, STRING) is not a procedure of this"
                            + " app that runs connector code.\"}"));
            assertThat(call(procedure, "{}").path("SQLERRM").asText()).startsWith("METHODS must be an array");
        }
        assertThat(call("SETUP_EXTERNAL_INTEGRATION_WITH_REFERENCES", "[\"PUBLIC.TEST_CONNECTION()\"]"))
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"OK\", \"message\": \"Successfully set up 1" + " method(s).\"}"));
    }

    @Test
    void viewerMayNotCallThem() throws SQLException {
        try (Connection viewer = app.viewerConnection();
                Statement statement = viewer.createStatement()) {
            assertThatThrownBy(() ->
                            statement.executeQuery("CALL PUBLIC.SETUP_EXTERNAL_INTEGRATION_WITH_REFERENCES(" + "'[]')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Insufficient privileges");
        }
    }
}
