package io.connectorkit.plugin.descriptor;

import io.connectorkit.plugin.yaml.YamlNode;
import io.connectorkit.runtime.sql.Identifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The kinds of text the descriptor's sections share: web addresses, Snowflake names and network hosts. */
final class DescriptorValues {

    /** A network rule's HOST_PORT value: a host name, or a wildcard domain, with an optional port. */
    private static final Pattern HOST_PORT = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?");

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

    /** The {@code host[:port]}s an external access integration reference lets the connector reach. */
    static List<String> hosts(YamlNode item, String objectType) {
        List<YamlNode> nodes = item.get("hosts").list();
        if (!nodes.isEmpty() && objectType != null && !objectType.equals("EXTERNAL ACCESS INTEGRATION")) {
            item.get("hosts").problem("only an EXTERNAL ACCESS INTEGRATION reference has hosts, not " + objectType
                    + "; remove hosts");
            return List.of();
        }
        List<String> hosts = new ArrayList<>();
        for (YamlNode host : nodes) {
            if (!host.value().isTextual() || !HOST_PORT.matcher(host.value().asText()).matches()) {
                host.problem(host.describe() + " is not a host name with an optional port; write it as the network "
                        + "rule's VALUE_LIST does, for example api.example.com or api.example.com:443 (no scheme, no "
                        + "path)");
            } else {
                hosts.add(host.value().asText());
            }
        }
        return hosts;
    }
}
