package io.connectorkit.runtime.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.snowflake.snowpark_java.Session;
import com.snowflake.snowpark_java.types.Variant;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.FakeSnowparkSession;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inside Snowflake the handlers refuse a choice field's value that is not one of its choices, and roll back. */
class SnowflakeChoiceFieldTest {

    private final ScriptedConnector connector = new ScriptedConnector();
    private final ConnectorDefinition definition = connector
            .definition()
            .connectorField(ConfigurationField.choice("sync_mode", List.of("full", "incremental")))
            .connectionField(
                    ConfigurationField.choice("region", List.of("eu", "us")).required())
            .build();
    private final EmbeddedAppFixture tables = EmbeddedAppFixture.install(definition);
    private final ConnectorRegistry.Binding binding = ConnectorRegistry.bind(SnowflakeProcedures.TARGET, definition);
    private final FakeSnowparkSession fake = new FakeSnowparkSession(tables.newConnection());
    private final Session session = fake.session();

    @AfterEach
    void tearDown() {
        binding.close();
        tables.close();
    }

    @Test
    void configureConnectorRefusesAValueThatIsNoChoice() {
        answer(SnowflakeProcedures.completePrerequisitesStep(session));
        String before = tables.snapshot();

        JsonNode refused = answer(SnowflakeProcedures.configureConnector(
                session, new Variant("{\"warehouse\": \"XS\", \"sync_mode\": \"delta\"}")));

        assertThat(refused.path("response_code").asText()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(refused.path("message").asText())
                .isEqualTo("Field 'sync_mode' of connector_configuration has "
                        + "the value \"delta\", which is not valid: it must be one of full, incremental.");
        assertThat(fake.sqlTexts()).last().isEqualTo("ROLLBACK");
        assertThat(tables.snapshot()).isEqualTo(before);
        assertThat(answer(SnowflakeProcedures.configureConnector(
                                session, new Variant("{\"warehouse\": \"XS\", \"sync_mode\": \"full\"}")))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
    }

    @Test
    void setConnectionConfigurationRefusesAValueThatIsNoChoice() {
        answer(SnowflakeProcedures.completePrerequisitesStep(session));
        answer(SnowflakeProcedures.configureConnector(session, new Variant("{\"warehouse\": \"XS\"}")));
        String before = tables.snapshot();

        JsonNode refused = answer(SnowflakeProcedures.setConnectionConfiguration(
                session, new Variant("{\"base_url\": \"https://api.example.com\", \"region\": \"asia\"}")));

        assertThat(refused.path("response_code").asText()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(refused.path("message").asText())
                .isEqualTo("Field 'region' of connection_configuration has "
                        + "the value \"asia\", which is not valid: it must be one of eu, us.");
        assertThat(tables.snapshot()).isEqualTo(before);
        assertThat(answer(SnowflakeProcedures.setConnectionConfiguration(
                                session,
                                new Variant("{\"base_url\": \"https://api.example.com\", \"region\": \"us\"}")))
                        .path("response_code")
                        .asText())
                .isEqualTo("OK");
    }

    @Test
    void updateConnectionConfigurationRefusesAValueThatIsNoChoice() {
        answer(SnowflakeProcedures.completePrerequisitesStep(session));
        answer(SnowflakeProcedures.configureConnector(session, new Variant("{\"warehouse\": \"XS\"}")));
        assertOk(SnowflakeProcedures.setConnectionConfiguration(
                session, new Variant("{\"base_url\": \"https://api.example.com\", \"region\": \"eu\"}")));
        assertOk(SnowflakeProcedures.finalizeConnectorConfiguration(session, new Variant("{}")));
        assertOk(SnowflakeProcedures.pauseConnector(session));
        String before = tables.snapshot();

        JsonNode refused = answer(SnowflakeProcedures.updateConnectionConfiguration(
                session, new Variant("{\"base_url\": \"https://api.example.com\", \"region\": \"EU\"}")));

        assertThat(refused.path("response_code").asText()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(refused.path("message").asText())
                .isEqualTo("Field 'region' of connection_configuration has "
                        + "the value \"EU\", which is not valid: it must be one of eu, us.");
        assertThat(tables.snapshot()).isEqualTo(before);
        assertOk(SnowflakeProcedures.updateConnectionConfiguration(
                session, new Variant("{\"base_url\": \"https://api.example.com\", \"region\": \"us\"}")));
    }

    private static void assertOk(Variant response) {
        assertThat(answer(response).path("response_code").asText())
                .as("response %s", response.asJsonString())
                .isEqualTo("OK");
    }

    private static JsonNode answer(Variant response) {
        return JsonTree.parse(response.asJsonString());
    }
}
