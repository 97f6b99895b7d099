package io.connectorkit.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parseGivesPlainJavaValuesWithKeysInDocumentOrder() {
        Object value = Json.parse("{\"z\": 1, \"a\": [true, null, \"x\"], \"big\": 12345678901, \"d\": 1.50}");

        assertThat(value).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        assertThat(object.keySet()).containsExactly("z", "a", "big", "d");
        assertThat(object.get("z")).isEqualTo(1);
        assertThat(object.get("a")).isEqualTo(Arrays.asList(true, null, "x"));
        assertThat(object.get("big")).isEqualTo(12345678901L);
        assertThat(object.get("d")).isInstanceOf(BigDecimal.class);
        assertThat((BigDecimal) object.get("d")).isEqualByComparingTo("1.5");
        assertThat(Json.parse("null")).isNull();
        assertThat(Json.parse("\"text\"")).isEqualTo("text");
    }

    @Test
    void writeIsTheInverseOfParse() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", 7);
        value.put("tags", List.of("a", "b"));
        value.put("none", null);

        String text = Json.write(value);

        assertThat(text).isEqualTo("{\"id\":7,\"tags\":[\"a\",\"b\"],\"none\":null}");
        assertThat(Json.parse(text)).isEqualTo(value);
    }

    @Test
    void textThatIsNotJsonIsRefusedWithTheParsersReason() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}"))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> Json.parse("[1] 2")).isInstanceOf(InvalidJsonException.class);
        assertThatThrownBy(() -> Json.parse(""))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessage("the text is empty");
        assertThatThrownBy(() -> Json.parse(null))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("NULL");
    }

    @Test
    void aValueWithoutJsonFormIsRefused() {
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
