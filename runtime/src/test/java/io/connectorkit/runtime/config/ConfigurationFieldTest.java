package io.connectorkit.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A declared field: its name rule, required and default rules, secret and choice values, and how it reads. */
class ConfigurationFieldTest {

    @Test
    void theFactoriesGiveOptionalFieldsOfTheirTypeWithoutDefaultOrDescription() {
        assertThat(List.of(
                                ConfigurationField.string("a"),
                                ConfigurationField.identifier("a"),
                                ConfigurationField.integer("a"),
                                ConfigurationField.bool("a"),
                                ConfigurationField.url("a"),
                                ConfigurationField.cron("a"),
                                ConfigurationField.object("a"),
                                ConfigurationField.secret("a"),
                                ConfigurationField.choice("a", List.of("x")))
                        .stream()
                        .map(ConfigurationField::type))
                .containsExactly(
                        FieldType.STRING,
                        FieldType.IDENTIFIER,
                        FieldType.INTEGER,
                        FieldType.BOOLEAN,
                        FieldType.URL,
                        FieldType.CRON,
                        FieldType.OBJECT,
                        FieldType.SECRET,
                        FieldType.CHOICE);
        ConfigurationField field = ConfigurationField.of("sink_database", FieldType.IDENTIFIER);
        assertThat(field.name()).isEqualTo("sink_database");
        assertThat(field.isRequired()).isFalse();
        assertThat(field.defaultValue()).isEmpty();
        assertThat(field.defaultTree()).isEmpty();
        assertThat(field.description()).isEmpty();
        assertThat(field.choices()).isEmpty();
        assertThat(field).hasToString("sink_database (identifier)");
    }

    @Test
    void aNameHasLettersDigitsAndUnderscoresAndDoesNotStartWithADigit() {
        for (String good : List.of("a", "_", "A_1", "sink_database", "_9")) {
            assertThat(ConfigurationField.string(good).name()).isEqualTo(good);
        }
        for (String bad : Arrays.asList("", "1a", "my-field", "a b", "é", null)) {
            assertThatThrownBy(() -> ConfigurationField.string(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The configuration field name '" + bad + "' is not valid: use letters, digits and _"
                            + " and do not start with a digit (for example sink_database)");
        }
        assertThatThrownBy(() -> ConfigurationField.choice("a-b", List.of("x")))
                .hasMessageContaining("The configuration field name 'a-b' is not valid");
        assertThatThrownBy(() -> ConfigurationField.of("a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aChoiceFieldIsDeclaredWithItsChoicesOnly() {
        assertThatThrownBy(() -> ConfigurationField.of("region", FieldType.CHOICE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The choice field 'region' needs its choices; declare it with"
                        + " ConfigurationField.choice(\"region\", List.of(\"first\", \"second\"))");
        assertThatThrownBy(() -> ConfigurationField.choice("region", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ConfigurationField.choice("region", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The choices of field 'region' are not valid: the list is empty; give at least one choice");
        assertThatThrownBy(() -> ConfigurationField.choice("region", List.of("eu", " ")))
                .hasMessage("The choices of field 'region' are not valid: a choice is blank; give each choice as a"
                        + " non-blank string");
        assertThatThrownBy(() -> ConfigurationField.choice("region", Arrays.asList("eu", null)))
                .hasMessage("The choices of field 'region' are not valid: a choice is blank; give each choice as a"
                        + " non-blank string");
        assertThatThrownBy(() -> ConfigurationField.choice("region", List.of("eu", "us", "eu")))
                .hasMessage("The choices of field 'region' are not valid: 'eu' is listed twice; list each choice once");
        assertThat(ConfigurationField.problemOfChoices(List.of("eu", "EU"))).isEmpty();
    }

    @Test
    void aChoiceFieldTakesOneOfItsChoicesExactly() {
        ArrayList<String> choices = new ArrayList<>(List.of("eu", "us"));
        ConfigurationField region = ConfigurationField.choice("region", choices);
        choices.add("ap");

        assertThat(region.choices()).containsExactly("eu", "us");
        assertThat(region.problemOfJson("\"us\"")).isEmpty();
        assertThat(region.problemOfJson("\"ap\"")).hasValue("it must be one of eu, us");
        assertThat(region.problemOfJson("\"EU\"")).hasValue("it must be one of eu, us");
        assertThat(region.problemOfJson("1")).hasValue("it must be one of eu, us, but it is a number");
        assertThat(region.defaultValue("eu").defaultValue()).hasValue("eu");
        assertThatThrownBy(() -> region.defaultValue("ap"))
                .hasMessage("The default of field 'region' is not valid: it must be one of eu, us");
        assertThat(region.required().description("Where the data lives").choices())
                .containsExactly("eu", "us");
    }

    @Test
    void aSecretFieldTakesOnlyItsReferenceNameAndHasNoDefault() {
        ConfigurationField token = ConfigurationField.secret("api_token");

        assertThat(token.problemOfJson("\"API_TOKEN_SECRET\"")).isEmpty();
        String refusal = "it is a secret: give the name of its secret reference, API_TOKEN_SECRET, after binding the"
                + " secret to it (mvn connector:configure does both); a secret's value is never stored in the"
                + " configuration";
        assertThat(token.problemOfJson("\"ghp_value\"")).hasValue(refusal);
        assertThat(token.problemOfJson("\"api_token_secret\"")).hasValue(refusal);
        assertThat(token.problemOfJson("12")).hasValue(refusal);
        assertThatThrownBy(() -> token.defaultValue("API_TOKEN_SECRET"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The secret field 'api_token' cannot have a default: a secret written into the connector"
                        + " would be readable by anyone who has the connector");
    }

    @Test
    void requiredAndDefaultExcludeEachOther() {
        ConfigurationField required = ConfigurationField.integer("batch_size").required();
        assertThat(required.isRequired()).isTrue();
        assertThat(required).hasToString("batch_size (integer, required)");
        assertThatThrownBy(() -> required.defaultValue(10L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The field 'batch_size' is required, so it cannot also have a default");
        assertThatThrownBy(() -> ConfigurationField.integer("batch_size")
                        .defaultValue(10L)
                        .required())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The field 'batch_size' has a default, so it cannot also be required");
    }

    @Test
    void aDefaultMustHaveTheFieldsTypeAndReadsBackAsAPlainValue() {
        assertThat(ConfigurationField.integer("n").defaultValue(100L).defaultValue())
                .hasValue(100);
        assertThat(ConfigurationField.integer("n").defaultValue(5_000_000_000L).defaultValue())
                .hasValue(5_000_000_000L);
        assertThat(ConfigurationField.bool("b").defaultValue(true).defaultValue())
                .hasValue(true);
        assertThat(ConfigurationField.bool("b").defaultValue(false).defaultValue())
                .hasValue(false);
        assertThat(ConfigurationField.string("s").defaultValue("x").defaultValue())
                .hasValue("x");
        assertThat(ConfigurationField.object("o")
                        .defaultValue((Object) Map.of("k", 1))
                        .defaultValue())
                .hasValue(Map.of("k", 1));
        assertThat(ConfigurationField.object("o")
                        .defaultValue((Object) Map.of("k", 1))
                        .defaultTree())
                .hasValue(JsonTree.parse("{\"k\": 1}"));
        assertThat(ConfigurationField.url("u")
                        .defaultValue("https://api.example.com")
                        .isRequired())
                .isFalse();

        assertThatThrownBy(() -> ConfigurationField.bool("b").defaultValue("true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The default of field 'b' is not valid: it must be true or false, but it is a string");
        assertThatThrownBy(() -> ConfigurationField.url("u").defaultValue("ftp://x"))
                .hasMessage("The default of field 'u' is not valid: it must start with http:// or https://");
        assertThatThrownBy(() -> ConfigurationField.string("s").defaultValue((Object) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theDefaultIsACopyTheCallerCannotChange() {
        ConfigurationField field = ConfigurationField.object("o").defaultValue((Object) Map.of("k", 1));

        ((ObjectNode) field.defaultTree().orElseThrow()).put("k", 2);

        assertThat(field.defaultTree()).hasValue(JsonTree.parse("{\"k\": 1}"));
    }

    @Test
    void eachCopyKeepsWhatWasSetBefore() {
        ConfigurationField field = ConfigurationField.integer("batch_size")
                .defaultValue(10L)
                .description("Rows per page")
                .shape(value -> value.asLong() > 100 ? Optional.of("it must be at most 100") : Optional.empty());

        assertThat(field.description()).isEqualTo("Rows per page");
        assertThat(field.defaultValue()).hasValue(10);
        assertThat(field.problemOfJson("50")).isEmpty();
        assertThat(field.problemOfJson("500")).hasValue("it must be at most 100");
        assertThat(field.problemOfJson("\"5\"")).hasValue("it must be a whole number, but it is a string");
        assertThat(field.description(null).description()).isEmpty();
        assertThat(field.description(null).defaultValue()).hasValue(10);
        assertThat(field.description(null).problemOfJson("500")).hasValue("it must be at most 100");
        ConfigurationField required = ConfigurationField.string("s")
                .description("Said once")
                .required()
                .shape(value -> Optional.of("never"));
        assertThat(required.description()).isEqualTo("Said once");
        assertThat(required.isRequired()).isTrue();
        assertThat(required.problemOfJson("\"x\"")).hasValue("never");
        assertThat(ConfigurationField.string("s").description("d").required().description())
                .isEqualTo("d");
        assertThat(ConfigurationField.string("s").required().description("d").isRequired())
                .isTrue();
    }

    @Test
    void textThatIsNotJsonIsRefusedAsSuch() {
        assertThat(ConfigurationField.string("s").problemOfJson("'x'"))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("it is not JSON: "));
    }
}
