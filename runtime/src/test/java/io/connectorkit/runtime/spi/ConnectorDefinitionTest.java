package io.connectorkit.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.config.ConfigurationField;
import org.junit.jupiter.api.Test;

class ConnectorDefinitionTest {

    @Test
    void aSecretBelongsToTheConnectionConfiguration() {
        assertThatThrownBy(() -> ConnectorDefinition.builder()
                .connectorField(ConfigurationField.secret("api_token")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The connector field 'api_token' is a secret, but secret fields are only allowed in "
                        + "connection_configuration, where each gets its secret reference (API_TOKEN_SECRET); declare "
                        + "it with connectionField(...) instead of connectorField(...)");

        assertThat(ConnectorDefinition.builder().connectionField(ConfigurationField.secret("api_token")).build()
                .connectionConfigurationSchema().secretFieldNames()).containsExactly("api_token");
    }
}
