package io.connectorkit.plugin.descriptor;

import io.connectorkit.plugin.yaml.YamlNode;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.spi.ConnectorDescription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the descriptor's {@code manifest} section: the privileges and references the app requests, its default
 * Streamlit, and (through {@link SpecificationsReader} and {@link TelemetryReader}) its app specifications and
 * telemetry. Each problem goes to the descriptor's file with its line.
 */
final class ManifestReader {

    /** Object types an app can ask the consumer to bind through a reference. */
    static final List<String> REFERENCE_OBJECT_TYPES = List.of("API INTEGRATION", "DATABASE",
            "EXTERNAL ACCESS INTEGRATION", "EXTERNAL TABLE", "FUNCTION", "PROCEDURE", "SCHEMA", "SECRET", "TABLE",
            "VIEW", "WAREHOUSE");
    static final String DEFAULT_REGISTER_CALLBACK = "PUBLIC.REGISTER_REFERENCE";

    private static final Pattern UPPER_WORDS = Pattern.compile("[A-Z][A-Z_]*( [A-Z][A-Z_]*)*");

    private ManifestReader() {
    }

    static Descriptor.Manifest read(YamlNode node, List<ConnectorDescription.Field> connectionFields) {
        Map<String, String> secretReferences = new HashMap<>();
        connectionFields.stream().filter(field -> field.type() == FieldType.SECRET)
                .forEach(field -> secretReferences.put(SecretReference.nameOf(field.name()), field.name()));
        Optional<YamlNode> mapping = node.mapping();
        if (mapping.isEmpty()) {
            return new Descriptor.Manifest(List.of(), List.of(), null);
        }
        YamlNode manifest = mapping.get();
        manifest.knownKeys(List.of("version", "privileges", "references", "defaultStreamlit", "specifications",
                "telemetry"));
        int version = manifestVersion(manifest.get("version"));
        List<Descriptor.Privilege> privileges = privileges(manifest.get("privileges"), version);
        Map<String, Integer> seen = new HashMap<>();
        List<Descriptor.Reference> references = new ArrayList<>();
        List<YamlNode> referenceItems = manifest.get("references").list();
        for (int i = 0; i < referenceItems.size(); i++) {
            int index = i;
            referenceItems.get(i).mapping().flatMap(item -> reference(item, index, seen, secretReferences))
                    .ifPresent(references::add);
        }
        String defaultStreamlit = DescriptorValues.qualifiedName(manifest, "defaultStreamlit");
        List<Descriptor.Specification> specifications = SpecificationsReader.read(manifest.get("specifications"),
                version, privileges, seen.keySet());
        if (specifications.stream().anyMatch(Descriptor.Specification::isExternalAccess) && references.stream()
                .anyMatch(reference -> reference.objectType().equals("EXTERNAL ACCESS INTEGRATION"))) {
            manifest.get("specifications").problem("the app reaches its hosts either through an EXTERNAL ACCESS "
                    + "INTEGRATION reference the consumer binds or through the integration of an EXTERNAL_ACCESS "
                    + "specification it creates itself, not both; remove the reference (manifest version 2) or the "
                    + "specification");
        }
        Telemetry telemetry = TelemetryReader.read(manifest.get("telemetry"));
        return new Descriptor.Manifest(privileges, references, defaultStreamlit, version, specifications, telemetry);
    }

    private static List<Descriptor.Privilege> privileges(YamlNode node, int version) {
        List<Descriptor.Privilege> privileges = new ArrayList<>();
        for (YamlNode listed : node.list()) {
            Optional<YamlNode> mapping = listed.mapping();
            if (mapping.isEmpty()) {
                continue;
            }
            YamlNode item = mapping.get();
            item.knownKeys(List.of("name", "description"));
            String name = item.requiredText("name");
            if (name != null && !UPPER_WORDS.matcher(name).matches()) {
                item.get("name").problem("'" + name + "' is not an account privilege name; write it as Snowflake "
                        + "does, in capitals (for example EXECUTE TASK)");
            }
            String description = item.requiredText("description");
            if (name != null && version >= 2 && UPPER_WORDS.matcher(name).matches()
                    && !Descriptor.Manifest.AUTOMATICALLY_GRANTED.contains(name)) {
                item.get("name").problem("'" + name + "' is not a privilege that manifest version 2 grants "
                        + "automatically (" + String.join(", ", Descriptor.Manifest.AUTOMATICALLY_GRANTED) + "); "
                        + "request it under manifest.version: 1, where the consumer grants it");
            }
            if (name != null && description != null) {
                privileges.add(new Descriptor.Privilege(name, description));
            }
        }
        return privileges;
    }

    /**
     * The reference at this index of {@code manifest.references}; {@code seen} collects the names (upper case).
     *
     * @param secretReferences the references the app declares itself for secret connection fields, by field
     */
    private static Optional<Descriptor.Reference> reference(YamlNode item, int index, Map<String, Integer> seen,
            Map<String, String> secretReferences) {
        item.knownKeys(List.of("name", "label", "description", "objectType", "privileges", "multiValued",
                "registerCallback", "configurationCallback", "hosts"));
        String name = item.requiredText("name");
        if (name != null && !DescriptorValues.isPlainName(name)) {
            item.get("name").problem("'" + name + "' is not a reference name; use letters, digits and _ (for "
                    + "example WAREHOUSE_REFERENCE)");
        } else if (name != null && seen.putIfAbsent(name.toUpperCase(Locale.ROOT), index) != null) {
            item.get("name").problem("the reference '" + name + "' is declared twice; declare each reference once");
        } else if (name != null && secretReferences.containsKey(name.toUpperCase(Locale.ROOT))) {
            item.get("name").problem("the reference '" + name + "' is the one the app declares itself for the "
                    + "secret field '" + secretReferences.get(name.toUpperCase(Locale.ROOT)) + "' of "
                    + "configuration.connection; remove this reference, or rename it if it binds something else");
        }
        String label = Optional.ofNullable(item.text("label")).orElse(name);
        String description = item.requiredText("description");
        String objectType = item.requiredText("objectType");
        if (objectType != null && !REFERENCE_OBJECT_TYPES.contains(objectType)) {
            item.get("objectType").problem("'" + objectType + "' is not an object type a reference can bind; use "
                    + "one of " + String.join(", ", REFERENCE_OBJECT_TYPES));
        }
        List<String> referencePrivileges = new ArrayList<>();
        List<YamlNode> privilegeNodes = item.get("privileges").list();
        if (privilegeNodes.isEmpty()) {
            item.get("privileges").problem("a reference needs the privileges the app gets on the bound object; "
                    + "add for example 'privileges: [USAGE]'");
        }
        for (YamlNode privilege : privilegeNodes) {
            if (!privilege.value().isTextual() || !UPPER_WORDS.matcher(privilege.value().asText()).matches()) {
                privilege.problem(privilege.describe() + " is not a privilege name; write it in capitals (for "
                        + "example USAGE or SELECT)");
            } else {
                referencePrivileges.add(privilege.value().asText());
            }
        }
        boolean callbackType = objectType != null && Descriptor.NEEDS_CONFIGURATION_CALLBACK.contains(objectType);
        boolean multiValued = item.bool("multiValued", false);
        if (multiValued && callbackType) {
            // https://docs.snowflake.com/en/developer-guide/native-apps/requesting-refs: references to secrets
            // and external access integrations are single-valued only.
            item.get("multiValued").problem("a reference of type " + objectType + " cannot be multi-valued "
                    + "(Snowflake binds one object to it); remove 'multiValued: true', or declare one reference "
                    + "per object");
        }
        String registerCallback = Optional.ofNullable(DescriptorValues.qualifiedName(item, "registerCallback"))
                .orElse(DEFAULT_REGISTER_CALLBACK);
        String configurationCallback = DescriptorValues.qualifiedName(item, "configurationCallback");
        if (configurationCallback == null && callbackType && !item.has("configurationCallback")) {
            configurationCallback = Descriptor.DEFAULT_CONFIGURATION_CALLBACK;
        }
        if (configurationCallback != null && objectType != null && !callbackType) {
            item.get("configurationCallback").problem("only references of type "
                    + String.join(" or ", Descriptor.NEEDS_CONFIGURATION_CALLBACK) + " take a configuration "
                    + "callback, not " + objectType + "; remove configurationCallback");
        }
        List<String> hosts = DescriptorValues.hosts(item, objectType);
        if (hosts.isEmpty() && !item.has("hosts") && "EXTERNAL ACCESS INTEGRATION".equals(objectType)
                && Descriptor.DEFAULT_CONFIGURATION_CALLBACK.equals(configurationCallback)) {
            item.get("hosts").problem("an EXTERNAL ACCESS INTEGRATION reference needs the hosts the connector "
                    + "reaches, which the app's configuration callback tells the consumer; add for example "
                    + "'hosts: [api.example.com]' (or name your own configurationCallback)");
        }
        if (name == null || description == null || objectType == null) {
            return Optional.empty();
        }
        return Optional.of(new Descriptor.Reference(name, label, description, objectType, referencePrivileges,
                multiValued, registerCallback, configurationCallback, hosts));
    }

    /**
     * {@code manifest.version}: 1 or 2 (https://docs.snowflake.com/en/developer-guide/native-apps/creating-manifest,
     * https://docs.snowflake.com/en/developer-guide/native-apps/requesting-auto-privs); 2 when left out.
     */
    private static int manifestVersion(YamlNode node) {
        Integer version = node.integer(1, 2, "a manifest version", "write 2 (the default: Snowflake grants the "
                + "listed privileges at install and upgrade) or 1 (the consumer grants them, as for SDK apps)");
        return version == null ? Descriptor.Manifest.DEFAULT_VERSION : version;
    }
}
