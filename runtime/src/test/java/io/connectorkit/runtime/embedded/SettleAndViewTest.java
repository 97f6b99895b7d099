package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SETTLE_SECRET's answers when there is or is not a bind to settle, and PUBLIC.CONNECTOR_CONFIGURATION's rows for a
 * stored value that is not an object and for null fields.
 */
class SettleAndViewTest {

    private final EmbeddedAppFixture app = EmbeddedAppFixture.install(new ScriptedConnector()
            .definition()
            .connectionField(ConfigurationField.secret("api_token"))
            .build());

    @AfterEach
    void close() {
        app.close();
    }

    private String settle(boolean keepNew) {
        return app.call("SETTLE_SECRET", "API_TOKEN_SECRET", keepNew)
                .path("message")
                .asText();
    }

    @Test
    void withoutABindThereIsNothingToSettleEitherWay() {
        assertThat(settle(true)).isEqualTo("Secret API_TOKEN_SECRET had nothing to settle.");
        assertThat(settle(false)).isEqualTo("Secret API_TOKEN_SECRET had nothing to settle.");
        assertThat(app.query("SELECT * FROM STATE.SECRETS")).isEmpty();
    }

    @Test
    void aFirstBindUndoneLeavesNoValueAndAKeptOneStays() {
        app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "first");
        assertThat(settle(false)).isEqualTo("Secret API_TOKEN_SECRET has its previous value again.");
        assertThat(app.query("SELECT * FROM STATE.SECRETS")).isEmpty();

        app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "kept");
        assertThat(settle(true)).isEqualTo("Secret API_TOKEN_SECRET keeps its new value.");
        assertThat(app.query("SELECT COUNT(*) AS N FROM STATE.SECRETS WHERE PREVIOUS_VALUE IS NULL"))
                .containsExactly(EmbeddedAppFixture.row("N", 1L));
    }

    @Test
    void aSettledValueIsNeitherDeletedNorChangedByALaterSettle() {
        app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "first");
        assertThat(settle(true)).isEqualTo("Secret API_TOKEN_SECRET keeps its new value.");

        assertThat(settle(false)).isEqualTo("Secret API_TOKEN_SECRET had nothing to settle.");
        assertThat(settle(true)).isEqualTo("Secret API_TOKEN_SECRET had nothing to settle.");
        assertThat(secretValue()).contains("first");
    }

    @Test
    void aValueRegisteredAloneIsWhatAnUndoneDraftGoesBackTo() {
        app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "registered by hand");
        app.call("REGISTER_SECRET", "API_TOKEN_SECRET", "draft");

        assertThat(settle(false)).isEqualTo("Secret API_TOKEN_SECRET has its previous value again.");
        assertThat(secretValue()).contains("registered by hand");
        assertThat(settle(false))
                .as("a settled value is never deleted")
                .isEqualTo("Secret API_TOKEN_SECRET had nothing to settle.");
        assertThat(secretValue()).contains("registered by hand");
    }

    private Optional<String> secretValue() {
        return new EmbeddedSecrets(new JdbcSqlPort(app.connection(), H2Dialect.INSTANCE)).secretOf("api_token");
    }

    @Test
    void aStoredValueThatIsNotAnObjectIsOneRowAndNullFieldsHaveNoText() {
        app.forceConfiguration("custom_state", "[1, 2]");
        app.forceConfiguration("connector_configuration", "{\"warehouse\": \"XS\", \"note\": null, \"size\": 3}");

        assertThat(app.query("SELECT CONFIG_GROUP, CONFIG_KEY, \"VALUE\" FROM PUBLIC.CONNECTOR_CONFIGURATION ORDER BY"
                        + " CONFIG_GROUP, CONFIG_KEY"))
                .containsExactly(
                        EmbeddedAppFixture.row(
                                "CONFIG_GROUP", "connector_configuration", "CONFIG_KEY", "note", "VALUE", null),
                        EmbeddedAppFixture.row(
                                "CONFIG_GROUP", "connector_configuration", "CONFIG_KEY", "size", "VALUE", "3"),
                        EmbeddedAppFixture.row(
                                "CONFIG_GROUP", "connector_configuration", "CONFIG_KEY", "warehouse", "VALUE", "XS"),
                        EmbeddedAppFixture.row(
                                "CONFIG_GROUP", "custom_state", "CONFIG_KEY", "custom_state", "VALUE", "[1,2]"));
    }
}
