package io.connectorkit.plugin.descriptor;

import io.connectorkit.plugin.yaml.YamlNode;
import io.connectorkit.runtime.sql.Identifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.stream.Stream;

/** The kinds of text the descriptor's sections share: web addresses and Snowflake names. */
final class DescriptorValues {

    private DescriptorValues() {
    }

    /** The key's http or https URL; {@code null} when it is absent or not one (reported). */
    static String url(YamlNode mapping, String key) {
        String text = mapping.text(key);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException ignored) {
            // Reported below with the fix.
        }
        mapping.get(key).problem("'" + text + "' is not an http or https URL; write the full address, for example "
                + "https://docs.example.com/setup");
        return null;
    }

    /** The key's schema-qualified object name such as PUBLIC.REGISTER_REFERENCE; {@code null} when absent or bad. */
    static String qualifiedName(YamlNode mapping, String key) {
        String text = mapping.text(key);
        if (text == null) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 2 || !Stream.of(parts).allMatch(DescriptorValues::isPlainName)) {
            mapping.get(key).problem("'" + text + "' is not a schema-qualified name; write SCHEMA.NAME with plain "
                    + "names (for example PUBLIC.REGISTER_REFERENCE)");
            return null;
        }
        return text;
    }

    /** A name Snowflake takes unquoted, made of letters, digits and _ and starting with a letter. */
    static boolean isPlainName(String name) {
        return name.matches("[A-Za-z][A-Za-z0-9_]*") && Identifier.isValid(name);
    }
}
