package io.connectorkit.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "my_wh          | MY_WH   | \"MY_WH\"",
                "_x$1           | _X$1    | \"_X$1\"",
                "\"My Wh\"      | My Wh   | \"My Wh\"",
                "\"a\"\"b\"     | a\"b    | \"a\"\"b\"",
                "\"select\"     | select  | \"select\""
            })
    void validNamesKeepTheirSnowflakeMeaning(String text, String name, String sql) {
        Identifier identifier = Identifier.parse(text);

        assertThat(identifier.name()).isEqualTo(name);
        assertThat(identifier.sql()).isEqualTo(sql);
        assertThat(identifier.text()).isEqualTo(text);
    }

    @Test
    void unquotedNamesCompareCaseInsensitivelyAndQuotedOnesExactly() {
        assertThat(Identifier.parse("xs").sameAs(Identifier.parse("XS"))).isTrue();
        assertThat(Identifier.parse("xs").sameAs(Identifier.parse("\"XS\""))).isTrue();
        assertThat(Identifier.parse("xs").sameAs(Identifier.parse("\"xs\""))).isFalse();
        assertThat(Identifier.parse("\"xs\"")).isNotEqualTo(Identifier.parse("XS"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1wh",
                "my-wh",
                "my wh",
                "WH\"; DROP TABLE STATE.APP_STATE; --",
                "\"\"",
                "\"a\"b\"",
                "\"unterminated",
                "select",
                "TABLE",
                "wh;",
                "\"tab\there\""
            })
    void invalidNamesAreRefusedWithAReason(String text) {
        assertThatThrownBy(() -> Identifier.parse(text))
                .isInstanceOf(Identifier.InvalidIdentifierException.class)
                .hasMessageStartingWith("'" + text + "' is not a valid Snowflake identifier: ");
        assertThat(Identifier.isValid(text)).isFalse();
    }

    @Test
    void namesLongerThan255CharactersAreRefused() {
        assertThat(Identifier.isValid("A".repeat(255))).isTrue();
        assertThat(Identifier.isValid("A".repeat(256))).isFalse();
        assertThat(Identifier.isValid("\"" + "a".repeat(256) + "\"")).isFalse();
    }
}
