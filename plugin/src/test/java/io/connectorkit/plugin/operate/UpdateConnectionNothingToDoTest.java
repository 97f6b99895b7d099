package io.connectorkit.plugin.operate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.plugin.app.ReferenceBinding;
import io.connectorkit.plugin.configure.WizardConfiguration;
import io.connectorkit.runtime.procedures.PublicProcedure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import io.connectorkit.plugin.app.AppException;

/** update-connection's "nothing to do", against an app that records what it is asked. */
class UpdateConnectionNothingToDoTest {

    /** A paused app whose view shows a connection without secrets. */
    static final class RecordingApp implements InstalledApp {
        final List<String> calls = new ArrayList<>();
        final String baseUrl;

        RecordingApp(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        @Override
        public String describe() {
            return "embedded app demo";
        }

        @Override
        public ProcedureResponse call(PublicProcedure procedure, Object... arguments) throws
                AppException {
            calls.add(procedure.name());
            return ProcedureResponse.parse(procedure.name(), procedure == PublicProcedure.GET_CONNECTOR_STATUS
                    ? "{\"response_code\": \"OK\", \"status\": \"PAUSED\", \"configurationStatus\": \"FINALIZED\"}"
                    : "{\"response_code\": \"OK\", \"message\": \"Connection works.\"}");
        }

        @Override
        public void bindSecret(String field, String value) {
            calls.add("bind " + field);
        }

        @Override
        public SecretDraft bindSecretDraft(String field, String value) {
            calls.add("draft " + field);
            return new SecretDraft() {
                @Override
                public void keep() {
                    calls.add("keep " + field);
                }

                @Override
                public void undo() {
                    calls.add("undo " + field);
                }
            };
        }

        @Override
        public boolean bindReference(ReferenceBinding binding) {
            return false;
        }

        @Override
        public List<Map<String, Object>> view(String name) {
            calls.add("view " + name);
            return List.of(Map.of("CONFIG_GROUP", "connection_configuration", "CONFIG_KEY", "base_url", "VALUE",
                    baseUrl));
        }

        @Override
        public void close() {
        }
    }

    private static WizardConfiguration file(String baseUrl, Map<String, String> secrets) {
        ObjectNode connection = JsonNodeFactory.instance.objectNode().put("base_url", baseUrl);
        return new WizardConfiguration(Path.of("configuration.yaml"), WizardConfiguration.Prerequisites.none(),
                JsonNodeFactory.instance.objectNode(), connection, secrets, JsonNodeFactory.instance.objectNode(),
                Optional.empty(), List.of());
    }

    @Test
    void theAppsOwnConnectionWithoutSecretsIsNothingToDo() throws Exception {
        RecordingApp app = new RecordingApp("https://api.example.com");
        List<String> log = new ArrayList<>();

        new Operations(app, log::add).updateConnection(file("https://api.example.com", Map.of()));

        assertThat(app.calls).containsExactly("view CONNECTOR_CONFIGURATION");
        assertThat(log).containsExactly("embedded app demo has the connection of configuration.yaml already: nothing"
                + " to do");
    }

    @Test
    void aChangedConnectionOrOneWithSecretsIsSentAndItsDraftsKept() throws Exception {
        RecordingApp changed = new RecordingApp("https://old.example.com");
        new Operations(changed, line -> { }).updateConnection(file("https://api.example.com", Map.of()));
        assertThat(changed.calls).contains("UPDATE_CONNECTION_CONFIGURATION");

        RecordingApp withSecret = new RecordingApp("https://api.example.com");
        new Operations(withSecret, line -> { }).updateConnection(file("https://api.example.com",
                Map.of("api_token", "t0ken")));
        assertThat(withSecret.calls).containsSubsequence("draft api_token", "UPDATE_CONNECTION_CONFIGURATION",
                "keep api_token").doesNotContain("undo api_token");
    }
}
