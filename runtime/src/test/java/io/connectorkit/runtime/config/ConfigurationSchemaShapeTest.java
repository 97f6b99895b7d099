package io.connectorkit.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** What a schema tells the wizards and the kit about itself: its group, its fields in order, whether it is free-form. */
class ConfigurationSchemaShapeTest {

    @Test
    void aConnectorConfigurationListsTheStandardFieldsFirstAndIsNeverFreeForm() {
        ConfigurationSchema schema = ConfigurationSchema.connectorConfiguration(
                List.of(ConfigurationField.integer("batch_size"), ConfigurationField.bool("verbose")));

        assertThat(schema.group()).isEqualTo("connector_configuration");
        assertThat(schema.isFreeForm()).isFalse();
        assertThat(schema.fields())
                .extracting(ConfigurationField::name)
                .containsExactly(
                        "warehouse",
                        "destination_database",
                        "destination_schema",
                        "data_owner_role",
                        "operational_warehouse",
                        "global_schedule",
                        "agent_username",
                        "agent_role",
                        "cortex_warehouse",
                        "cortex_user_role",
                        "batch_size",
                        "verbose");
        assertThat(schema.field("verbose"))
                .hasValueSatisfying(field -> assertThat(field.type()).isEqualTo(FieldType.BOOLEAN));
        assertThat(schema.field("nope")).isEmpty();
        assertThat(ConfigurationSchema.connectorConfiguration(List.of()).isFreeForm())
                .isFalse();
    }

    @Test
    void aConnectionConfigurationIsFreeFormOnlyWithoutDeclaredFields() {
        ConfigurationSchema declared = ConfigurationSchema.connectionConfiguration(
                List.of(ConfigurationField.url("base_url"), ConfigurationField.secret("api_token")));
        ConfigurationSchema free = ConfigurationSchema.connectionConfiguration(List.of());

        assertThat(declared.group()).isEqualTo("connection_configuration");
        assertThat(declared.isFreeForm()).isFalse();
        assertThat(declared.fields()).extracting(ConfigurationField::name).containsExactly("base_url", "api_token");
        assertThat(declared.secretFieldNames()).containsExactly("api_token");
        assertThat(free.isFreeForm()).isTrue();
        assertThat(free.fields()).isEmpty();
        assertThat(free.secretFieldNames()).isEmpty();
        assertThat(declared.validate(Configuration.ofJson("{\"other\": 1}")).isAccepted())
                .isFalse();
        assertThat(free.validate(Configuration.ofJson("{\"other\": 1}")).isAccepted())
                .isTrue();
    }

    @Test
    void theFieldListIsACopy() {
        ConfigurationSchema schema = ConfigurationSchema.connectionConfiguration(List.of(ConfigurationField.url("u")));

        List<ConfigurationField> fields = schema.fields();

        Assertions.assertThatThrownBy(() -> fields.add(ConfigurationField.string("x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(schema.fields()).hasSize(1);
    }
}
