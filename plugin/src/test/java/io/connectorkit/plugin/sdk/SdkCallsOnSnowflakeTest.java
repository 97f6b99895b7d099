package io.connectorkit.plugin.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls that Snowflake's Native SDK for Connectors makes, against the rendered Snowflake app installed in the fake
 * Snowflake and reached through the real driver: the kit answers them as the SDK's own tests expect, or as the
 * documented difference says (docs/SDK-DIFFERENCES.md).
 */
class SdkCallsOnSnowflakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "CALL \"" + RenderedSnowflakeApp.NAME + "\".PUBLIC.";
    private static final String CONFIGURATIONS = "[{\"id\": \"c1\", \"ingestionStrategy\": \"INCREMENTAL\","
            + " \"scheduleType\": \"INTERVAL\", \"scheduleDefinition\": \"60m\"}]";

    /**
     * CREATE_RESOURCE is declared with {@code ID VARCHAR DEFAULT NULL, ENABLED BOOLEAN DEFAULT FALSE,
     * RESOURCE_METADATA VARIANT DEFAULT NULL}: a CALL may leave out the trailing optional arguments, and one that
     * leaves out a required one is refused
     * (https://docs.snowflake.com/en/developer-guide/udf-stored-procedure-arguments, "Designating an argument as
     * optional"). The SDK's template Streamlit passes five arguments, its tests three.
     */
    @Test
    void createResourceTakesTheThreeAndFiveArgumentFormsOfTheSdkCallers(@TempDir Path project) throws Exception {
        try (RenderedSnowflakeApp rendered = RenderedSnowflakeApp.install(project, "app: {name: sdk_caller}\n")) {
            assertThat(rendered.files.get("snowflake/setup.sql")).contains("CREATE OR REPLACE PROCEDURE "
                    + "PUBLIC.CREATE_RESOURCE(NAME VARCHAR, RESOURCE_ID VARIANT, INGESTION_CONFIGURATIONS VARIANT, "
                    + "ID VARCHAR DEFAULT NULL, ENABLED BOOLEAN DEFAULT FALSE, RESOURCE_METADATA VARIANT DEFAULT NULL)");

            JsonNode three = json(rendered.answer(APP + "CREATE_RESOURCE(?, PARSE_JSON(?), PARSE_JSON(?))", "three",
                    "{\"repo\": \"a\"}", CONFIGURATIONS));
            JsonNode five = json(rendered.answer(APP + "CREATE_RESOURCE(?, PARSE_JSON(?), PARSE_JSON(?), ?, ?)",
                    "five", "{\"repo\": \"b\"}", CONFIGURATIONS, "five_ABC123XYZ", true));

            assertThat(three.path("response_code").asText()).isEqualTo("OK");
            assertThat(three.path("id").asText()).hasSize(36);
            assertThat(five).isEqualTo(json("{\"response_code\": \"OK\", \"message\": \"Resource created\","
                    + " \"id\": \"five_ABC123XYZ\"}"));
            assertThat(rows(rendered, "SELECT NAME, ENABLED FROM STATE.RESOURCE_INGESTION_DEFINITION ORDER BY NAME"))
                    .isEqualTo("five:TRUE, three:FALSE");
            assertThat(rows(rendered, "SELECT INGESTION_CONFIGURATION_ID, STATUS FROM STATE.INGESTION_PROCESS"))
                    .isEqualTo("c1:SCHEDULED");

            assertThatThrownBy(() -> rendered.answer(APP + "CREATE_RESOURCE(?, PARSE_JSON(?))", "two",
                    "{\"repo\": \"c\"}")).isInstanceOf(SQLException.class).hasMessageContaining("CREATE_RESOURCE");
            assertThat(rows(rendered, "SELECT COUNT(*) FROM STATE.RESOURCE_INGESTION_DEFINITION")).isEqualTo("2");
        }
    }

    /**
     * A process that is SCHEDULED but already has a FINISHED_AT (a row written outside the procedures) cannot be
     * ended: the SDK's end of a process matches only rows not FINISHED with no FINISHED_AT and fails the disable's
     * transaction when a row does not match (DefaultIngestionProcessRepository, its IngestionProcessRepositoryTest),
     * and so does the kit, with a message that names the row to correct. Nothing changes.
     */
    @Test
    void disableResourceRefusesAProcessThatCannotBeEndedAsTheSdkDoes(@TempDir Path project) throws Exception {
        try (RenderedSnowflakeApp rendered = RenderedSnowflakeApp.install(project, "app: {name: sdk_caller}\n")) {
            rendered.answer(APP + "CREATE_RESOURCE(?, PARSE_JSON(?), PARSE_JSON(?), ?, ?)", "r1", "{\"repo\": \"a\"}",
                    CONFIGURATIONS, "r1", true);
            try (Statement statement = rendered.state().createStatement()) {
                statement.execute("UPDATE STATE.INGESTION_PROCESS SET FINISHED_AT = TIMESTAMP '2020-01-01 00:00:00'");
            }

            JsonNode refused = json(rendered.answer(APP + "DISABLE_RESOURCE(?)", "r1"));

            assertThat(refused.path("response_code").asText()).isEqualTo("DISABLE_RESOURCE_ERROR");
            assertThat(refused.path("message").asText()).startsWith("Error while disabling resource. Changes were "
                    + "rolled back. Error: Only 0 of the 1 ingestion processes to end (").endsWith("could be ended: a "
                    + "process that is not FINISHED but has a FINISHED_AT cannot be ended; correct its row in "
                    + "STATE.INGESTION_PROCESS");
            assertThat(rows(rendered, "SELECT ENABLED FROM STATE.RESOURCE_INGESTION_DEFINITION")).isEqualTo("TRUE");
            assertThat(rows(rendered, "SELECT STATUS FROM STATE.INGESTION_PROCESS")).isEqualTo("SCHEDULED");
        }
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** The rows of the app's state (the embedded tables behind the fake app), as {@code a:b, c:d}. */
    static String rows(RenderedSnowflakeApp rendered, String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Statement statement = rendered.state().createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                if (text.length() > 0) {
                    text.append(", ");
                }
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    text.append(i > 1 ? ":" : "").append(result.getString(i));
                }
            }
        }
        return text.toString();
    }
}
