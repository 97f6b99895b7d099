package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConfigurationHooks;
import io.connectorkit.runtime.spi.ConnectorContext;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.WizardStep;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refusals of UPDATE_CONNECTION_CONFIGURATION, TEST_DRAFT_CONNECTION and of a connection validator that
 * normalises: each phase's non-OK answer is the call's answer, and the saved connection stays as it was. Without a
 * validator of its own, the update runs the connection's validator (ConnectorDefinition#validator).
 */
class ConnectionRefusalsTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile String refuse = "";
    private final AtomicReference<Response> validatorAnswer = new AtomicReference<>(Response.ok());

    private final ConfigurationHooks hooks = new ConfigurationHooks() {
        @Override
        public Response connectionSaved(Configuration connection, ConnectorContext context) {
            return record("connectionSaved");
        }

        @Override
        public Response draftConnection(Configuration draft, ConnectorContext context) {
            return record("draftConnection");
        }
    };

    private final EmbeddedAppFixture app = EmbeddedAppFixture.install(ConnectorDefinition.builder()
            .configurationHooks(hooks)
            .connectionField(ConfigurationField.string("host").required())
            .validator(WizardStep.CONNECTION_CONFIGURATION, (input, context) -> {
                calls.add("validateConnection");
                return validatorAnswer.get();
            })
            .connectionTester((connection, context) -> record("testConnection"))
            .draftConnectionTester((draft, context) ->
                    record("testDraftConnection " + draft.string("host").orElse("-")))
            .build());

    @BeforeEach
    void connectAndPause() {
        app.call("COMPLETE_PREREQUISITES_STEP");
        app.call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"XS\"}");
        assertThat(code(app.call("SET_CONNECTION_CONFIGURATION", "{\"host\": \"a\"}")))
                .isEqualTo("OK");
        app.forceState(new ConnectorState(ConnectorStatus.PAUSED, ConfigurationStatus.FINALIZED));
        calls.clear();
    }

    @AfterEach
    void close() {
        app.close();
    }

    private Response record(String call) {
        calls.add(call);
        String name = call.contains(" ") ? call.substring(0, call.indexOf(' ')) : call;
        return name.equals(refuse) ? Response.error("NOPE", "refused by " + name) : Response.ok();
    }

    private static String code(JsonNode response) {
        return response.path("response_code").asText();
    }

    private String savedHost() {
        return app.call("GET_CONNECTION_CONFIGURATION").path("host").asText();
    }

    private void assertUpdateRefusedBy(String phase, String... callsMade) {
        refuse = phase;
        String before = app.snapshot();

        JsonNode response = app.call("UPDATE_CONNECTION_CONFIGURATION", "{\"host\": \"b\"}");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"NOPE\", \"message\": \"refused by " + phase + "\"}"));
        assertThat(calls).containsExactly(callsMade);
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(savedHost()).isEqualTo("a");
    }

    @Test
    void theDraftCallbacksRefusalEndsTheUpdate() {
        assertUpdateRefusedBy("draftConnection", "validateConnection", "draftConnection");
    }

    @Test
    void theDraftTestersRefusalEndsTheUpdate() {
        assertUpdateRefusedBy("testDraftConnection", "validateConnection", "draftConnection", "testDraftConnection b");
    }

    @Test
    void theSavedCallbacksRefusalUndoesTheSave() {
        assertUpdateRefusedBy(
                "connectionSaved", "validateConnection", "draftConnection", "testDraftConnection b", "connectionSaved");
    }

    @Test
    void theConnectionTestsRefusalUndoesTheSave() {
        assertUpdateRefusedBy(
                "testConnection",
                "validateConnection",
                "draftConnection",
                "testDraftConnection b",
                "connectionSaved",
                "testConnection");
    }

    @Test
    void anUpdateOfTheWrongShapeIsRefusedBeforeAnyHook() {
        JsonNode response = app.call("UPDATE_CONNECTION_CONFIGURATION", "[\"b\"]");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"CONFIGURATION_NOT_AN_OBJECT\","
                        + " \"message\": \"The argument CONNECTION_CONFIGURATION of UPDATE_CONNECTION_CONFIGURATION must be a"
                        + " JSON object such as {\\\"key\\\": \\\"value\\\"}, but it is an array.\"}"));
        assertThat(code(app.call("UPDATE_CONNECTION_CONFIGURATION", "{\"port\": 1}")))
                .isEqualTo("CONNECTION_CONFIGURATION_PARSING_ERROR");
        assertThat(calls).isEmpty();
    }

    @Test
    void aDraftIsTestedWithoutBeingSaved() {
        assertThat(code(app.call("TEST_DRAFT_CONNECTION", "{\"host\": \"draft\"}")))
                .isEqualTo("OK");
        assertThat(calls).containsExactly("testDraftConnection draft");
        assertThat(savedHost()).isEqualTo("a");

        refuse = "testDraftConnection";
        assertThat(app.call("TEST_DRAFT_CONNECTION", "{\"host\": \"draft\"}"))
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"NOPE\", \"message\": \"refused by testDraftConnection\"}"));
    }

    @Test
    void aDraftOfTheWrongShapeIsRefusedUntested() {
        assertThat(app.call("TEST_DRAFT_CONNECTION", "7"))
                .isEqualTo(JsonTree.parse("{\"response_code\":"
                        + " \"CONFIGURATION_NOT_AN_OBJECT\", \"message\": \"The argument CONFIG of TEST_DRAFT_CONNECTION must"
                        + " be a JSON object such as {\\\"key\\\": \\\"value\\\"}, but it is a number.\"}"));
        assertThat(code(app.call("TEST_DRAFT_CONNECTION", "{\"host\": \"d\", \"port\": 1}")))
                .isEqualTo("CONNECTION_CONFIGURATION_PARSING_ERROR");
        assertThat(calls).isEmpty();
    }

    @Test
    void aValidatorsReplacementMustBeAnObject() {
        app.forceState(new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.CONNECTED));
        validatorAnswer.set(Response.ok().with("config", List.of("c")));
        String before = app.snapshot();

        JsonNode response = app.call("SET_CONNECTION_CONFIGURATION", "{\"host\": \"c\"}");

        assertThat(response)
                .isEqualTo(JsonTree.parse("{\"response_code\": \"INVALID_RESPONSE\", \"message\": \"Invalid"
                        + " connector response, reason: the connection configuration validator answered a config that is an"
                        + " array, not an object\"}"));
        assertThat(calls).containsExactly("validateConnection");
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void aValidatorsReplacementIsCheckedAgainstTheDeclaredFields() {
        app.forceState(new ConnectorState(ConnectorStatus.CONFIGURING, ConfigurationStatus.CONNECTED));
        validatorAnswer.set(Response.ok().with("config", Map.of("hostname", "c")));

        JsonNode response = app.call("SET_CONNECTION_CONFIGURATION", "{\"host\": \"c\"}");

        assertThat(code(response)).isEqualTo("CONNECTION_CONFIGURATION_PARSING_ERROR");
        assertThat(response.path("message").asText()).contains("hostname");
        assertThat(savedHost()).isEqualTo("a");

        validatorAnswer.set(Response.ok().with("config", Map.of("host", "normalised")));
        assertThat(code(app.call("SET_CONNECTION_CONFIGURATION", "{\"host\": \"c\"}")))
                .isEqualTo("OK");
        assertThat(savedHost()).isEqualTo("normalised");
    }
}
