package io.connectorkit.plugin.streamlit;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.testing.GoldenFiles;
import io.connectorkit.plugin.testing.TestProjects;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The generated Streamlit app's files. The model of the full project is a golden file that the Python tests of
 * connector-templates (templates/src/test/python) run the pages against, so both sides agree on its shape.
 */
class StreamlitAppTest {

    @Test
    void theModelOfTheFullProjectIsTheReviewedOne() throws Exception {
        Descriptor full = TestProjects.descriptor("full");

        GoldenFiles.assertMatches("streamlit", Map.of(StreamlitApp.MODEL_FILE, StreamlitApp.model(full)));
    }

    @Test
    void aChoiceFieldCarriesItsChoicesIntoTheModel() throws Exception {
        JsonNode model = new ObjectMapper().readTree(
                StreamlitApp.model(TestProjects.descriptor("choice")));

        assertThat(model.path("connectorFields").get(0).toString()).isEqualTo("{\"name\":\"sync_mode\","
                + "\"type\":\"choice\",\"required\":false,\"default\":\"incremental\",\"description\":"
                + "\"How each run reads the source\",\"choices\":[\"incremental\",\"full\",\"<both>\"]}");
        assertThat(model.path("connectionFields").findValuesAsText("name")).containsExactly("region", "level");
        assertThat(model.path("connectionFields").get(1).path("choices").toString()).isEqualTo("[\"1\",\"2\",\"3\"]");
        assertThat(StreamlitApp.model(TestProjects.descriptor("full"))).doesNotContain("\"choices\"");
    }

    @Test
    void theAppHoldsEveryShippedFileAndTheModel() throws Exception {
        Map<String, byte[]> files = StreamlitApp.files(TestProjects.descriptor("minimal"));

        assertThat(files).containsKeys(StreamlitApp.MAIN_FILE, "environment.yml", "connector_ui/app.py",
                "connector_ui/client.py", "connector_ui/wizard.py", "connector_ui/daily.py", "connector_ui/pages.py",
                StreamlitApp.MODEL_FILE);
        assertThat(files).doesNotContainKey(StreamlitApp.INDEX);
        assertThat(new String(files.get(StreamlitApp.MAIN_FILE), StandardCharsets.UTF_8))
                .contains("get_active_session()");
    }

    @Test
    void secretFieldsNameTheirReferenceAndProceduresCarryTheirAccess() throws Exception {
        String model = StreamlitApp.model(TestProjects.descriptor("full"));

        assertThat(model).contains("\"reference\" : \"API_TOKEN_SECRET\"")
                .contains("\"name\" : \"PAUSE_CONNECTOR\",\n    \"arguments\" : [ ],\n    \"access\" : \"ADMIN\"")
                .doesNotContain("\"name\" : \"api_token\",\n    \"type\" : \"string\"");
    }
}
