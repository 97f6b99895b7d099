package io.connectorkit.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.internal.json.JsonTree;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationSchemaTest {

    private final ConfigurationSchema connector = ConfigurationSchema.connectorConfiguration(List.of(
            ConfigurationField.integer("batch_size").defaultValue(100),
            ConfigurationField.cron("refresh").required(),
            ConfigurationField.bool("verbose")));

    @Test
    void acceptsDeclaredFieldsFillsDefaultsAndDropsNulls() {
        ConfigurationSchema.Validation validation =
                connector.validate(object("{\"warehouse\": \"WH\", \"refresh\": \"0 * * * *\", \"verbose\": null}"));

        assertThat(validation.isAccepted()).isTrue();
        assertThat(validation.value())
                .isEqualTo(object("{\"warehouse\": \"WH\", \"refresh\": \"0 * * * *\", \"batch_size\": 100}"));
    }

    @Test
    void listsEveryUnknownFieldAndTheAllowedOnes() {
        ConfigurationSchema.Validation validation = connector.validate(object("{\"foo\": 1, \"bar\": 2}"));

        assertThat(validation.refusal().code()).isEqualTo("CONNECTOR_CONFIGURATION_PARSING_ERROR");
        assertThat(validation.refusal().message())
                .hasValue("Fields foo, bar are not allowed in configuration. "
                        + "Allowed fields: warehouse, destination_database, destination_schema, data_owner_role, "
                        + "operational_warehouse, global_schedule, agent_username, agent_role, cortex_warehouse, "
                        + "cortex_user_role, batch_size, refresh, verbose.");
    }

    @Test
    void reportsEveryInvalidValueAtOnce() {
        ConfigurationSchema.Validation validation =
                connector.validate(object("{\"refresh\": \"hourly\", \"verbose\": \"yes\", \"batch_size\": -1}"));

        assertThat(validation.refusal().code()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(validation.refusal().message().orElseThrow())
                .contains("Field 'refresh' of connector_configuration has the value \"hourly\"")
                .contains("Field 'verbose' of connector_configuration has the value \"yes\", which is not valid: it "
                        + "must be true or false, but it is a string.")
                .doesNotContain("batch_size");
    }

    @Test
    void namesMissingRequiredFields() {
        ConfigurationSchema.Validation validation = connector.validate(object("{}"));

        assertThat(validation.refusal().code()).isEqualTo("MISSING_CONFIGURATION_FIELD");
        assertThat(validation.refusal().message())
                .hasValue("Required fields of connector_configuration are missing or"
                        + " empty: refresh. Give it a value.");
    }

    @Test
    void aConnectionWithoutDeclaredFieldsAcceptsAnyKeyButTheResponseKeys() {
        ConfigurationSchema free = ConfigurationSchema.connectionConfiguration(List.of());

        assertThat(free.validate(object("{\"anything\": [1, 2]}")).isAccepted()).isTrue();
        assertThat(free.validate(object("{\"response_code\": \"OK\"}"))
                        .refusal()
                        .code())
                .isEqualTo("CONNECTION_CONFIGURATION_PARSING_ERROR");
    }

    @Test
    void aSecretFieldTakesOnlyTheNameOfItsReferenceAndNeverRepeatsTheValue() {
        ConfigurationSchema connection = ConfigurationSchema.connectionConfiguration(List.of(
                ConfigurationField.url("base_url"),
                ConfigurationField.secret("api_token").required()));

        assertThat(connection
                        .validate(object("{\"api_token\": \"API_TOKEN_SECRET\"}"))
                        .value())
                .isEqualTo(object("{\"api_token\": \"API_TOKEN_SECRET\"}"));
        ConfigurationSchema.Validation refused =
                connection.validate(object("{\"base_url\": \"ftp://x\", \"api_token\": \"ghp_S3CRET\"}"));
        assertThat(refused.refusal().code()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(refused.refusal().message().orElseThrow())
                .contains("Field 'base_url' of connection_configuration has the value \"ftp://x\"")
                .endsWith("Field 'api_token' of connection_configuration is a secret: give the name of its secret "
                        + "reference, API_TOKEN_SECRET, after binding the secret to it (mvn connector:configure does "
                        + "both); a secret's value is never stored in the configuration.")
                .doesNotContain("S3CRET");
        assertThat(connection
                        .validate(object("{\"api_token\": \"\"}"))
                        .refusal()
                        .code())
                .isEqualTo("MISSING_CONFIGURATION_FIELD");
        assertThat(connection.secretFieldNames()).containsExactly("api_token");
        assertThat(ConfigurationField.secret("api_token").problem(JsonTree.parse("\"API_TOKEN_SECRET\"")))
                .isEmpty();
    }

    @Test
    void theReferenceOfASecretFieldIsNamedAfterTheField() {
        assertThat(SecretReference.nameOf("api_token")).isEqualTo("API_TOKEN_SECRET");
        assertThat(SecretReference.isReferenceOf("api_token", "API_TOKEN_SECRET"))
                .isTrue();
        assertThat(SecretReference.isReferenceOf("api_token", "api_token_secret"))
                .isFalse();
        assertThat(SecretReference.isReferenceOf("api_token", null)).isFalse();
    }

    @Test
    void registrationMistakesFailWhenTheConnectorIsBuilt() {
        assertThatThrownBy(() ->
                        ConfigurationSchema.connectorConfiguration(List.of(ConfigurationField.string("warehouse"))))
                .hasMessageContaining("'warehouse' is a standard field of connector_configuration already");
        assertThatThrownBy(() -> ConfigurationSchema.connectionConfiguration(
                        List.of(ConfigurationField.string("host"), ConfigurationField.url("host"))))
                .hasMessageContaining("'host' is declared twice");
        assertThatThrownBy(() -> ConfigurationField.integer("retries").defaultValue("three"))
                .hasMessageContaining("The default of field 'retries' is not valid");
        assertThatThrownBy(() -> ConfigurationField.string("my-field")).hasMessageContaining("'my-field' is not valid");
    }

    private static Configuration object(String json) {
        return Configuration.ofJson(json);
    }
}
