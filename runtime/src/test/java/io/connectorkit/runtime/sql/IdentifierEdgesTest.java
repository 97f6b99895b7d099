package io.connectorkit.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The edges of Snowflake's identifier rules as the runtime applies them, each refusal with its exact reason
 * (https://docs.snowflake.com/en/sql-reference/identifiers-syntax: unquoted names start with a letter or underscore
 * and hold letters, digits, underscores and dollar signs; a double quote inside a quoted name is written twice; up to
 * 255 characters).
 */
class IdentifierEdgesTest {

    private static String reason(String text) {
        try {
            Identifier.parse(text);
            throw new AssertionError(text + " was accepted");
        } catch (Identifier.InvalidIdentifierException e) {
            assertThat(e.text()).isEqualTo(text);
            assertThat(e).hasMessage("'" + text + "' is not a valid Snowflake identifier: " + e.reason());
            return e.reason();
        }
    }

    @Test
    void twoQuotesAreAnEmptyQuotedNameAndOneQuoteIsNoName() {
        assertThat(reason("\"\"")).isEqualTo("the name is empty");
        assertThat(reason("\"")).startsWith("an unquoted name has only letters, digits, _ and $");
        assertThat(reason("")).isEqualTo("the name is empty");
    }

    @Test
    void aQuoteAtTheEndOfAQuotedNameMustBeDoubledToo() {
        assertThat(reason("\"a\"\"")).isEqualTo("a double quote inside a quoted name must be doubled (\"\")");
        assertThat(reason("\"\"\"")).isEqualTo("a double quote inside a quoted name must be doubled (\"\")");
        assertThat(Identifier.parse("\"a\"\"\"").name()).isEqualTo("a\"");
        assertThat(Identifier.parse("\"\"\"\"").name()).isEqualTo("\"");
    }

    @Test
    void aQuotedNameMayHave255CharactersAndNoMore() {
        assertThat(Identifier.parse("\"" + "a".repeat(255) + "\"").name()).hasSize(255);
        assertThat(reason("\"" + "a".repeat(256) + "\"")).isEqualTo("a name has at most 255 characters");
        // A doubled quote is one character of the name.
        assertThat(Identifier.parse("\"" + "\"\"".repeat(255) + "\"").name()).isEqualTo("\"".repeat(255));
        assertThat(reason("A".repeat(256))).isEqualTo("a name has at most 255 characters");
    }

    @Test
    void controlCharactersAndReservedWordsAreNamed() {
        assertThat(reason("\"a\nb\"")).isEqualTo("a name cannot contain control characters");
        assertThat(reason("select"))
                .isEqualTo("SELECT is a reserved word; write it in double quotes (\"SELECT\") if"
                        + " the object really has that name");
        assertThatThrownBy(() -> Identifier.parse(null))
                .isInstanceOf(Identifier.InvalidIdentifierException.class)
                .hasMessage("'null' is not a valid Snowflake identifier: no name was given");
        assertThat(Identifier.isValid(null)).isFalse();
    }

    @Test
    void anExactNameIsQuotedWithItsQuotesDoubled() {
        Identifier identifier = Identifier.ofName("My \"Table\"");

        assertThat(identifier.name()).isEqualTo("My \"Table\"");
        assertThat(identifier.sql()).isEqualTo("\"My \"\"Table\"\"\"");
        assertThat(identifier.text()).isEqualTo("\"My \"\"Table\"\"\"");
        assertThat(identifier).hasToString("\"My \"\"Table\"\"\"");
        assertThatThrownBy(() -> Identifier.ofName("")).isInstanceOf(Identifier.InvalidIdentifierException.class);
    }

    @Test
    void identifiersOfTheSameNameAreEqualWithTheSameHash() {
        Identifier unquoted = Identifier.parse("orders");
        Identifier quoted = Identifier.parse("\"ORDERS\"");

        assertThat(unquoted).isEqualTo(quoted).hasSameHashCodeAs(quoted);
        assertThat(unquoted).hasToString("orders");
        assertThat(unquoted).isNotEqualTo(Identifier.parse("\"orders\""));
        assertThat(unquoted.hashCode())
                .isNotEqualTo(Identifier.parse("\"orders\"").hashCode());
        assertThat(unquoted).isNotEqualTo("ORDERS");
    }
}
