package io.connectorkit.plugin.descriptor;

import io.connectorkit.plugin.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code manifest.specifications}: the external access and security integrations the app creates itself. */
final class SpecificationsReader {

    private SpecificationsReader() {
    }

    /**
     * {@code manifest.specifications}: under manifest version 2 only, each with a name no reference has, a label of
     * its own, and the privilege that lets the app create what it declares
     * (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-app-specs-eai,
     * https://docs.snowflake.com/en/sql-reference/sql/alter-application-set-app-spec).
     */
    static List<Descriptor.Specification> read(YamlNode node, int version,
            List<Descriptor.Privilege> privileges, Set<String> referenceNames) {
        List<YamlNode> items = node.list();
        if (!items.isEmpty() && version < 2) {
            node.problem("app specifications need manifest version 2 (Snowflake refuses them under version 1); set "
                    + "manifest.version: 2, or bind an EXTERNAL ACCESS INTEGRATION reference instead");
            return List.of();
        }
        List<Descriptor.Specification> specifications = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> labels = new HashMap<>();
        List<String> requested = privileges.stream().map(Descriptor.Privilege::name).toList();
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlNode> mapping = items.get(i).mapping();
            if (mapping.isEmpty()) {
                continue;
            }
            YamlNode item = mapping.get();
            item.knownKeys(List.of("name", "type", "label", "description", "hosts", "oauthType", "tokenEndpoint",
                    "authorizationEndpoint", "scopes"));
            String name = item.requiredText("name");
            if (name != null && !DescriptorValues.isPlainName(name)) {
                item.get("name").problem("'" + name + "' is not a specification name; use letters, digits and _ "
                        + "(for example API_ACCESS)");
                name = null;
            } else if (name != null && (names.putIfAbsent(name.toUpperCase(Locale.ROOT), i) != null
                    || referenceNames.contains(name.toUpperCase(Locale.ROOT)))) {
                item.get("name").problem("the name '" + name + "' is taken by another specification or a "
                        + "reference; give each its own");
                name = null;
            }
            String type = item.requiredText("type");
            if (type != null && !Descriptor.Specification.TYPES.contains(type)) {
                item.get("type").problem("'" + type + "' is not a specification type the kit renders; use "
                        + String.join(" or ", Descriptor.Specification.TYPES));
                type = null;
            }
            String label = Optional.ofNullable(item.text("label")).orElse(name);
            if (label != null && labels.putIfAbsent(label, i) != null) {
                item.get("label").problem("the label '" + label + "' is already the label of "
                        + node.get(labels.get(label)).path() + "; Snowflake needs each specification's label to be "
                        + "unique");
            }
            String description = item.requiredText("description");
            Optional<Descriptor.Specification> specification = "EXTERNAL_ACCESS".equals(type)
                    ? externalAccess(item, name, label, description)
                    : "SECURITY_INTEGRATION".equals(type) ? securityIntegration(item, name, label, description)
                    : Optional.empty();
            String needed = "EXTERNAL_ACCESS".equals(type) ? "CREATE EXTERNAL ACCESS INTEGRATION"
                    : "SECURITY_INTEGRATION".equals(type) ? "CREATE SECURITY INTEGRATION" : null;
            if (needed != null && !requested.contains(needed)) {
                item.get("type").problem("an " + type + " specification needs the app to create the object it "
                        + "declares: add '- name: " + needed + "' (with its description) to manifest.privileges");
            }
            specification.ifPresent(specifications::add);
        }
        return specifications;
    }

    private static Optional<Descriptor.Specification> externalAccess(YamlNode item, String name, String label,
            String description) {
        List<String> hosts = DescriptorValues.hosts(item, "EXTERNAL ACCESS INTEGRATION");
        if (hosts.isEmpty() && !item.has("hosts")) {
            item.get("hosts").problem("an EXTERNAL_ACCESS specification needs the hosts the connector reaches; add "
                    + "for example 'hosts: [api.example.com]'");
        }
        for (String key : List.of("oauthType", "tokenEndpoint", "authorizationEndpoint", "scopes")) {
            if (item.has(key)) {
                item.get(key).problem("only a SECURITY_INTEGRATION specification has " + key + "; remove it");
            }
        }
        return name == null || label == null || description == null ? Optional.empty()
                : Optional.of(new Descriptor.Specification(name, "EXTERNAL_ACCESS", label, description, hosts, null,
                        null, null, List.of()));
    }

    private static Optional<Descriptor.Specification> securityIntegration(YamlNode item, String name, String label,
            String description) {
        if (item.has("hosts")) {
            item.get("hosts").problem("only an EXTERNAL_ACCESS specification has hosts; remove them");
        }
        String oauthType = item.requiredText("oauthType");
        if (oauthType != null && !Descriptor.Specification.OAUTH_TYPES.contains(oauthType)) {
            item.get("oauthType").problem("'" + oauthType + "' is not an OAuth flow Snowflake's specifications "
                    + "declare; use one of " + String.join(", ", Descriptor.Specification.OAUTH_TYPES));
            oauthType = null;
        }
        String tokenEndpoint = DescriptorValues.url(item, "tokenEndpoint");
        if (tokenEndpoint == null && !item.has("tokenEndpoint")) {
            item.get("tokenEndpoint").problem("a SECURITY_INTEGRATION specification needs the OAuth token endpoint; "
                    + "add for example 'tokenEndpoint: https://auth.example.com/oauth/token'");
        }
        String authorizationEndpoint = DescriptorValues.url(item, "authorizationEndpoint");
        if (authorizationEndpoint != null && "CLIENT_CREDENTIALS".equals(oauthType)) {
            item.get("authorizationEndpoint").problem("the CLIENT_CREDENTIALS flow has no authorization endpoint; "
                    + "remove it");
        }
        List<String> scopes = new ArrayList<>();
        List<YamlNode> scopeNodes = item.get("scopes").list();
        for (YamlNode scope : scopeNodes) {
            if (!scope.value().isTextual() || scope.value().asText().isBlank() || scope.value().asText().contains("'")) {
                scope.problem(scope.describe() + " is not an OAuth scope; write it as the provider names it, for "
                        + "example read:records");
            } else {
                scopes.add(scope.value().asText());
            }
        }
        if (scopeNodes.isEmpty() && "CLIENT_CREDENTIALS".equals(oauthType)) {
            item.get("scopes").problem("the CLIENT_CREDENTIALS flow needs the scopes the app asks for; add for "
                    + "example 'scopes: [read]'");
        }
        return name == null || label == null || description == null ? Optional.empty()
                : Optional.of(new Descriptor.Specification(name, "SECURITY_INTEGRATION", label, description,
                        List.of(), oauthType, tokenEndpoint, authorizationEndpoint, scopes));
    }
}
