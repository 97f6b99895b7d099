package io.connectorkit.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each field type's good values and its bad ones, with the exact reason a message shows after the field's name. */
class FieldTypeTest {

    static Stream<Arguments> goodValues() {
        return Stream.of(
                Arguments.of(FieldType.STRING, "\"\""),
                Arguments.of(FieldType.STRING, "\"any text\""),
                Arguments.of(FieldType.IDENTIFIER, "\"MY_WAREHOUSE\""),
                Arguments.of(FieldType.IDENTIFIER, "\"my_wh$1\""),
                Arguments.of(FieldType.IDENTIFIER, "\"\\\"My Warehouse\\\"\""),
                Arguments.of(FieldType.INTEGER, "0"),
                Arguments.of(FieldType.INTEGER, "-12"),
                Arguments.of(FieldType.INTEGER, String.valueOf(Long.MAX_VALUE)),
                Arguments.of(FieldType.INTEGER, String.valueOf(Long.MIN_VALUE)),
                Arguments.of(FieldType.BOOLEAN, "true"),
                Arguments.of(FieldType.BOOLEAN, "false"),
                Arguments.of(FieldType.URL, "\"https://api.example.com\""),
                Arguments.of(FieldType.URL, "\"http://localhost:8080/path?q=1\""),
                Arguments.of(FieldType.URL, "\"HTTPS://API.EXAMPLE.COM\""),
                Arguments.of(FieldType.CRON, "\"0 * * * *\""),
                Arguments.of(FieldType.CRON, "\"*/15 8-18 * * 1-5\""),
                Arguments.of(FieldType.SECRET, "\"API_TOKEN_SECRET\""),
                Arguments.of(FieldType.SECRET, "\"any name\""),
                Arguments.of(FieldType.OBJECT, "{}"),
                Arguments.of(FieldType.OBJECT, "{\"a\": [1, {\"b\": null}]}"),
                Arguments.of(FieldType.CHOICE, "\"eu\""),
                Arguments.of(FieldType.CHOICE, "\"\""));
    }

    @ParameterizedTest(name = "{0} accepts {1}")
    @MethodSource("goodValues")
    void acceptsValuesOfTheType(FieldType type, String json) {
        assertThat(type.problemOfJson(json)).isEmpty();
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(FieldType.STRING, "1", "it must be a string, but it is a number"),
                Arguments.of(FieldType.STRING, "null", "it must be a string, but it is null"),
                Arguments.of(FieldType.STRING, "[\"a\"]", "it must be a string, but it is an array"),
                Arguments.of(
                        FieldType.IDENTIFIER,
                        "42",
                        "it must be a Snowflake identifier such as MY_WAREHOUSE or"
                                + " \"My Warehouse\", but it is a number"),
                Arguments.of(FieldType.IDENTIFIER, "\"\"", "the name is empty"),
                Arguments.of(
                        FieldType.IDENTIFIER,
                        "\"my warehouse\"",
                        "an unquoted name has only letters, digits, _"
                                + " and $ and does not start with a digit; put any other name in double quotes, with \"\" for"
                                + " a quote inside it"),
                Arguments.of(
                        FieldType.IDENTIFIER,
                        "\"1WH\"",
                        "an unquoted name has only letters, digits, _ and $ and"
                                + " does not start with a digit; put any other name in double quotes, with \"\" for a quote"
                                + " inside it"),
                Arguments.of(FieldType.INTEGER, "1.5", "it must be a whole number, but it is a number"),
                Arguments.of(FieldType.INTEGER, "9223372036854775808", "it must be a whole number, but it is a number"),
                Arguments.of(FieldType.INTEGER, "\"12\"", "it must be a whole number, but it is a string"),
                Arguments.of(FieldType.INTEGER, "true", "it must be a whole number, but it is a boolean"),
                Arguments.of(FieldType.BOOLEAN, "\"true\"", "it must be true or false, but it is a string"),
                Arguments.of(FieldType.BOOLEAN, "1", "it must be true or false, but it is a number"),
                Arguments.of(FieldType.URL, "\"ftp://files.example.com\"", "it must start with http:// or https://"),
                Arguments.of(FieldType.URL, "\"api.example.com\"", "it must start with http:// or https://"),
                Arguments.of(FieldType.URL, "\"https:///path\"", "it has no host name"),
                Arguments.of(
                        FieldType.URL,
                        "\"https://exa mple.com\"",
                        "it is not a URL: Illegal character in" + " authority"),
                Arguments.of(
                        FieldType.URL,
                        "{}",
                        "it must be an absolute http or https URL such as"
                                + " https://api.example.com, but it is an object"),
                Arguments.of(FieldType.CRON, "\"\"", "the expression is empty"),
                Arguments.of(
                        FieldType.CRON,
                        "5",
                        "it must be a 5-field cron expression such as \"0 * * * *\", but it" + " is a number"),
                Arguments.of(
                        FieldType.SECRET,
                        "\"  \"",
                        "it must be the name of the field's secret reference, such" + " as API_TOKEN_SECRET"),
                Arguments.of(
                        FieldType.SECRET,
                        "7",
                        "it must be the name of the field's secret reference, such as" + " API_TOKEN_SECRET"),
                Arguments.of(FieldType.OBJECT, "[]", "it must be a JSON object, but it is an array"),
                Arguments.of(FieldType.OBJECT, "\"{}\"", "it must be a JSON object, but it is a string"),
                Arguments.of(FieldType.CHOICE, "3", "it must be one of the field's choices, but it is a number"));
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("badValues")
    void refusesValuesOfAnotherTypeSayingWhy(FieldType type, String json, String reason) {
        assertThat(type.problemOfJson(json)).hasValue(reason);
    }

    @Test
    void aCronOfTheWrongShapeIsRefusedWithTheCronReason() {
        assertThat(FieldType.CRON.problemOfJson("\"hourly\""))
                .isEqualTo(CronExpression.problem("hourly"))
                .isPresent();
    }

    @Test
    void textThatIsNotJsonIsRefusedAsSuch() {
        for (FieldType type : FieldType.values()) {
            assertThat(type.problemOfJson("{not json"))
                    .hasValueSatisfying(reason -> assertThat(reason).startsWith("it is not JSON: "));
        }
    }

    @Test
    void eachTypeIsFoundByItsLowerCaseLabelOnly() {
        assertThat(Arrays.stream(FieldType.values()).map(FieldType::label))
                .containsExactly(
                        "string", "identifier", "integer", "boolean", "url", "cron", "secret", "object", "choice");
        for (FieldType type : FieldType.values()) {
            assertThat(FieldType.ofLabel(type.label())).hasValue(type);
        }
        assertThat(FieldType.ofLabel("URL")).isEmpty();
        assertThat(FieldType.ofLabel("text")).isEmpty();
        assertThat(FieldType.ofLabel("")).isEmpty();
    }

    @Test
    void expectedCompletesTheSentenceOfAMessage() {
        assertThat(FieldType.URL.expected()).isEqualTo("an absolute http or https URL such as https://api.example.com");
        assertThat(FieldType.BOOLEAN.expected()).isEqualTo("true or false");
        assertThat(FieldType.MASK).isEqualTo("********");
    }
}
