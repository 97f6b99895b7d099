package io.connectorkit.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorDescription;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A choice field takes exactly one of its declared strings; its choices travel with the connector's description. */
class ChoiceFieldTest {

    private final ConfigurationSchema connector = ConfigurationSchema.connectorConfiguration(List.of(
            ConfigurationField.choice("sync_mode", List.of("full", "incremental"))
                    .defaultValue("incremental"),
            ConfigurationField.choice("region", List.of("eu", "us")).required()));

    @Test
    void acceptsAChoiceAndFillsTheDefault() {
        ConfigurationSchema.Validation validation = connector.validate(Configuration.ofJson("{\"region\": \"us\"}"));

        assertThat(validation.value())
                .isEqualTo(Configuration.ofJson("{\"region\": \"us\", \"sync_mode\": \"incremental\"}"));
    }

    @Test
    void refusesAValueThatIsNoChoiceNamingFieldValueAndChoices() {
        ConfigurationSchema.Validation validation =
                connector.validate(Configuration.ofJson("{\"region\": \"EU\", \"sync_mode\": 1}"));

        assertThat(validation.refusal().code()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(validation.refusal().message())
                .hasValue(
                        "Field 'region' of connector_configuration has the value"
                                + " \"EU\", which is not valid: it must be one of eu, us. Field 'sync_mode' of connector_configuration"
                                + " has the value 1, which is not valid: it must be one of full, incremental, but it is a number.");
    }

    @Test
    void theFieldChecksItsChoicesAndItsDefault() {
        assertThat(connector.field("region").orElseThrow().choices()).containsExactly("eu", "us");
        assertThat(ConfigurationField.string("name").choices()).isEmpty();
        assertThat(ConfigurationField.choice("region", List.of("eu")).problemOfJson("\"eu\""))
                .isEmpty();
        assertThatThrownBy(() ->
                        ConfigurationField.choice("region", List.of("eu", "us")).defaultValue("asia"))
                .hasMessage("The default of field 'region' is not valid: it must be one of eu, us");
        assertThatThrownBy(() -> ConfigurationField.choice("region", List.of()))
                .hasMessage("The choices of field 'region' are not valid: the list is empty; give at least one choice");
        assertThatThrownBy(() -> ConfigurationField.choice("region", List.of("eu", "eu")))
                .hasMessage("The choices of field 'region' are not valid: 'eu' is listed twice; list each choice once");
        assertThatThrownBy(() -> ConfigurationField.choice("region", Arrays.asList("eu", " ")))
                .hasMessageContaining("a choice is blank");
        assertThatThrownBy(() -> ConfigurationField.of("region", FieldType.CHOICE))
                .hasMessageContaining("needs its choices");
    }

    @Test
    void theDescriptionCarriesTheChoicesToTheRuntimeField() {
        ConnectorDescription description = new ConnectorDescription(
                "demo",
                "1.0",
                List.of(),
                List.of(new ConnectorDescription.Field(
                        "sync_mode", FieldType.CHOICE, false, "\"full\"", "Mode", List.of("full", "incremental"))),
                List.of(new ConnectorDescription.Field("page_size", FieldType.INTEGER, false, "50", "")),
                Map.of());

        String json = description.toJsonText();
        ConnectorDescription read = ConnectorDescription.fromJsonText(json);

        assertThat(read).isEqualTo(description);
        assertThat(JsonTree.parse(json)
                        .path("connectorFields")
                        .get(0)
                        .path("choices")
                        .toString())
                .isEqualTo("[\"full\",\"incremental\"]");
        assertThat(JsonTree.parse(json).path("connectionFields").get(0).has("choices"))
                .isFalse();
        ConfigurationField field = read.connectorFields().get(0).toConfigurationField();
        assertThat(field.type()).isEqualTo(FieldType.CHOICE);
        assertThat(field.choices()).containsExactly("full", "incremental");
        assertThat(field.defaultValue()).hasValue("full");
        assertThat(field.problemOfJson("\"delta\"")).hasValue("it must be one of full, incremental");
    }
}
