package io.connectorkit.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.json.InvalidJsonException;
import io.connectorkit.runtime.sql.Identifier;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    private final Configuration configuration = Configuration.ofJson("""
            {"warehouse": "XS_WH", "page_size": 100, "enabled": true, "ratio": 0.5, "none": null,
             "nested": {"region": "eu"}, "tags": ["a", null, 2]}""");

    @Test
    void typedGettersReadValuesOfTheirType() {
        assertThat(configuration.string("warehouse")).hasValue("XS_WH");
        assertThat(configuration.identifier("warehouse")).hasValue(Identifier.parse("XS_WH"));
        assertThat(configuration.integer("page_size")).hasValue(100L);
        assertThat(configuration.bool("enabled")).hasValue(true);
        assertThat(configuration.object("nested").flatMap(nested -> nested.string("region")))
                .hasValue("eu");
        assertThat(configuration.list("tags")).hasValue(Arrays.asList("a", null, 2));
        assertThat(configuration.value("ratio")).hasValue(new BigDecimal("0.5"));
        assertThat(configuration.requireString("warehouse")).isEqualTo("XS_WH");
    }

    @Test
    void absentNullAndOtherlyTypedValuesReadEmpty() {
        assertThat(configuration.string("missing")).isEmpty();
        assertThat(configuration.string("none")).isEmpty();
        assertThat(configuration.has("none")).isFalse();
        assertThat(configuration.keys()).contains("none");
        assertThat(configuration.integer("warehouse")).isEmpty();
        assertThat(configuration.integer("ratio")).isEmpty();
        assertThat(configuration.bool("page_size")).isEmpty();
        assertThat(configuration.string("nested")).isEmpty();
        assertThat(configuration.object("tags")).isEmpty();
        assertThat(configuration.list("nested")).isEmpty();
        // A number or boolean reads as its JSON text.
        assertThat(configuration.string("page_size")).hasValue("100");
        assertThatThrownBy(() -> configuration.requireString("missing"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'missing'")
                .hasMessageContaining("warehouse");
    }

    @Test
    void ofMapCopiesPlainValuesAndGivesThemBack() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("base_url", "https://api.example.com");
        values.put("retries", 3);
        values.put("options", Map.of("verbose", false));
        Configuration built = Configuration.of(values);
        values.put("retries", 4);

        assertThat(built.integer("retries")).hasValue(3L);
        assertThat(built.object("options").flatMap(options -> options.bool("verbose")))
                .hasValue(false);
        assertThat(built.toMap())
                .containsExactly(
                        Map.entry("base_url", "https://api.example.com"),
                        Map.entry("retries", 3),
                        Map.entry("options", Map.of("verbose", false)));
        assertThat(built.toJsonText())
                .isEqualTo("{\"base_url\":\"https://api.example.com\",\"retries\":3,\"options\":{\"verbose\":false}}");
        assertThat(Configuration.ofJson(built.toJsonText())).isEqualTo(built);
        assertThat(Configuration.of(null)).isEqualTo(Configuration.empty());
        assertThat(Configuration.empty().keys()).isEmpty();
    }

    @Test
    void gettersDoNotExposeTheConfigurationToChange() {
        Configuration nested = configuration.object("nested").orElseThrow();
        Map<String, Object> copy = configuration.toMap();
        copy.put("warehouse", "OTHER");

        assertThat(configuration.string("warehouse")).hasValue("XS_WH");
        assertThat(nested.toMap()).isEqualTo(Map.of("region", "eu"));
        assertThatThrownBy(() -> configuration.list("tags").orElseThrow().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityIsByValue() {
        assertThat(Configuration.ofJson("{\"a\": 1, \"b\": 2}"))
                .isEqualTo(Configuration.ofJson("{\"b\": 2, \"a\": 1.0}"))
                .hasSameHashCodeAs(Configuration.ofJson("{\"b\": 2, \"a\": 1.0}"));
        assertThat(Configuration.ofJson("{\"a\": 1}")).isNotEqualTo(Configuration.ofJson("{\"a\": 2}"));
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Configuration.ofJson("[1]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A configuration is a JSON object, not an array");
        assertThatThrownBy(() -> Configuration.ofJson("{\"a\": ")).isInstanceOf(InvalidJsonException.class);
        Map<String, Object> unwritable = new HashMap<>();
        unwritable.put("thing", new Object());
        assertThatThrownBy(() -> Configuration.of(unwritable)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFieldsDefaultIsAPlainValue() {
        assertThat(ConfigurationField.integer("page_size").defaultValue(100).defaultValue())
                .hasValue(100);
        assertThat(ConfigurationField.object("opts")
                        .defaultValue((Object) Map.of("a", List.of(1)))
                        .defaultValue())
                .hasValue(Map.of("a", List.of(1)));
        assertThatThrownBy(() -> ConfigurationField.integer("page_size").defaultValue((Object) "many"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("page_size");
    }
}
