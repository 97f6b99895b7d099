package io.connectorkit.plugin.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fields of a submitted form ({@code application/x-www-form-urlencoded}), each name with its values in order. */
public final class FormData {

    private final Map<String, List<String>> values;

    private FormData(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Parses a form body or a query string.
     *
     * @throws IllegalArgumentException when an escape is malformed
     */
    public static FormData parse(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
        }
        return new FormData(values);
    }

    /** The first value of the field, if the form has it. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** The first value, stripped; empty text when the form does not have the field. */
    public String text(String name) {
        return first(name).map(String::strip).orElse("");
    }

    /** Every value of the field (checkboxes of one name). */
    public List<String> all(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }
}
