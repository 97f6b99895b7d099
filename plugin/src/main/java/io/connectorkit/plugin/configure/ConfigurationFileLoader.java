package io.connectorkit.plugin.configure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.ReferenceBinding;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.yaml.Problem;
import io.connectorkit.plugin.yaml.YamlFile;
import io.connectorkit.plugin.yaml.YamlNode;
import io.connectorkit.plugin.yaml.YamlText;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.config.ConfigurationSchema;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.spi.Prerequisite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a configuration file ({@code src/main/connector/configuration.yaml} by default) into a
 * {@link WizardConfiguration}: placeholders resolved, every value checked against the descriptor's field types, and
 * every problem reported at once before anything is called.
 */
public final class ConfigurationFileLoader {

    static final List<String> SECTIONS = List.of("prerequisites", "connector", "connection", "finalize", "resources",
            "references");
    /** Account-level objects, named by one identifier, that the file may bind to references. */
    static final List<String> BINDABLE_OBJECT_TYPES = List.of("WAREHOUSE", "EXTERNAL ACCESS INTEGRATION",
            "API INTEGRATION", "DATABASE");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path file;
    private final String shownFile;
    private final Descriptor descriptor;
    private final Placeholders placeholders;
    private final Map<String, List<Problem>> unresolved = new LinkedHashMap<>();
    private YamlFile yaml;

    private ConfigurationFileLoader(Path file, String shownFile, Descriptor descriptor, Placeholders placeholders) {
        this.file = file;
        this.shownFile = shownFile;
        this.descriptor = descriptor;
        this.placeholders = placeholders;
    }

    /**
     * Reads and checks the file.
     *
     * @param shownFile the file as messages name it (relative to the project)
     */
    public static WizardConfiguration load(Path file, String shownFile, Descriptor descriptor,
            Placeholders placeholders) throws ConfigurationFileException {
        return new ConfigurationFileLoader(file, shownFile, descriptor, placeholders).read();
    }

    private WizardConfiguration read() throws ConfigurationFileException {
        try {
            yaml = YamlFile.read(file, shownFile, "the configuration file does not exist; create it with the sections "
                    + String.join(", ", SECTIONS) + " (see the README, 'The configuration file') or point "
                    + "-Dconnector.configuration at another file");
        } catch (YamlFile.UnreadableFileException e) {
            throw new ConfigurationFileException(List.of(e.problem()));
        }
        YamlNode root = yaml.root();
        if (!root.isAbsent() && !root.value().isObject()) {
            throw new ConfigurationFileException(List.of(new Problem(shownFile, 1, "", "the configuration must be a "
                    + "mapping of sections (" + String.join(", ", SECTIONS) + "), not " + root.describe())));
        }
        root.knownKeys(SECTIONS, "the sections of a configuration file");

        WizardConfiguration.Prerequisites prerequisites = prerequisites(root.get("prerequisites"));
        List<ConfigurationField> connectorFields = new ArrayList<>(ConfigurationSchema.STANDARD_CONNECTOR_FIELDS);
        descriptor.connectorFields().forEach(field -> connectorFields.add(field.toConfigurationField()));
        ObjectNode connector = fields(root.get("connector"), "connector", connectorFields, false, Map.of());
        Map<String, String> secrets = new LinkedHashMap<>();
        List<ConfigurationField> connectionFields = descriptor.connectionFields().stream()
                .map(ConnectorDescription.Field::toConfigurationField).toList();
        ObjectNode connection = fields(root.get("connection"), "connection", connectionFields,
                connectionFields.isEmpty(), secrets);
        ObjectNode finalizeConfiguration = freeForm(root.get("finalize"));
        Optional<List<ResourceSpec>> resources = resources(root.get("resources"));
        List<ReferenceBinding> references = references(root.get("references"));
        if (yaml.problemCount() > 0) {
            throw new ConfigurationFileException(yaml.problems());
        }
        return new WizardConfiguration(file, prerequisites, connector, connection, secrets, finalizeConfiguration,
                resources, references, unresolved);
    }

    private WizardConfiguration.Prerequisites prerequisites(YamlNode node) {
        List<String> declared = descriptor.prerequisites().stream().map(Prerequisite::id).toList();
        if (node.isAbsent()) {
            return WizardConfiguration.Prerequisites.none();
        }
        if (node.value().isTextual() && node.value().asText().equals("all")) {
            return new WizardConfiguration.Prerequisites(true, List.of());
        }
        List<YamlNode> items = node.list("'all' or a list of prerequisite ids", "the descriptor declares "
                + listed(declared));
        Set<String> ids = new LinkedHashSet<>();
        for (YamlNode item : items) {
            String id = item.value().asText();
            if (!item.value().isTextual()) {
                item.problem("expected a prerequisite id, but found " + item.describe());
            } else if (!declared.contains(id)) {
                String near = YamlText.closest(id, declared).map(close -> "did you mean '" + close + "'? ")
                        .orElse("");
                item.problem("unknown prerequisite '" + id + "'; " + near + "the descriptor declares "
                        + listed(declared));
            } else if (!ids.add(id)) {
                item.problem("the prerequisite '" + id + "' is listed twice; list it once");
            }
        }
        return new WizardConfiguration.Prerequisites(false, List.copyOf(ids));
    }

    /**
     * Checks one configuration group. Secret fields go to {@code secrets}, never into the returned object; they
     * must come from a placeholder, so that no secret is ever written into a file.
     */
    private ObjectNode fields(YamlNode node, String section, List<ConfigurationField> declared, boolean freeForm,
            Map<String, String> secrets) {
        ObjectNode values = NODES.objectNode();
        Map<String, ConfigurationField> byName = new LinkedHashMap<>();
        declared.forEach(field -> byName.put(field.name(), field));
        Optional<YamlNode> mapping = node.mapping();
        if (mapping.isPresent()) {
            if (!freeForm) {
                mapping.get().knownKeys(List.copyOf(byName.keySet()), "the fields of " + section + " (from the "
                        + "descriptor)");
            }
            for (Map.Entry<String, YamlNode> entry : mapping.get().entries().entrySet()) {
                ConfigurationField field = byName.get(entry.getKey());
                if (field == null && !freeForm) {
                    continue;
                }
                YamlNode given = entry.getValue();
                if (field != null && field.type() == FieldType.SECRET) {
                    secret(given, field).ifPresent(value -> secrets.put(field.name(), value));
                    continue;
                }
                Optional<JsonNode> value = resolveTree(given.value(), given.pointer());
                if (value.isEmpty() || value.get().isNull() || isBlank(value.get())) {
                    continue;
                }
                JsonNode typed = field == null ? value.get() : typed(value.get(), given.value(), field);
                if (field != null) {
                    Optional<String> problem = field.problemOfJson(write(typed));
                    if (problem.isPresent()) {
                        given.problem("the value " + shown(given.value(), typed) + " is not valid for this "
                                + field.type().label() + " field: " + problem.get() + "; fix the value");
                        continue;
                    }
                }
                values.set(entry.getKey(), typed);
            }
        }
        List<String> required = declared.stream().filter(ConfigurationField::isRequired).map(ConfigurationField::name)
                .toList();
        if (mapping.isEmpty() && !required.isEmpty() && !hasProblemAt(node)) {
            node.problem("the section '" + section + "' is missing; add it with its required fields "
                    + String.join(", ", required));
            return values;
        }
        for (ConfigurationField field : declared) {
            boolean given = values.has(field.name()) || secrets.containsKey(field.name());
            if (field.isRequired() && !given && !hasProblemAt(node.get(field.name()))) {
                node.get(field.name()).problem("the required field '" + field.name()
                        + "' of " + section + " is missing or empty; add it under '" + section + ":'"
                        + (field.type() == FieldType.SECRET ? " as a placeholder such as ${env."
                        + field.name().toUpperCase(Locale.ROOT) + "}" : "")
                        + (field.description().isBlank() ? "" : " (" + field.description() + ")"));
            }
        }
        return values;
    }

    private Optional<String> secret(YamlNode given, ConfigurationField field) {
        String example = "${env." + field.name().toUpperCase(Locale.ROOT) + "} or ${settings.SERVER_ID.password}";
        JsonNode node = given.value();
        if (node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            given.problem("the secret field '" + field.name() + "' must be a placeholder such as " + example
                    + ", not " + (node.isObject() ? "a mapping" : node.isArray() ? "a list" : "a " + kind(node)));
            return Optional.empty();
        }
        Placeholders.Resolved resolved;
        try {
            resolved = placeholders.resolve(node.asText());
        } catch (Placeholders.UnresolvedException e) {
            unresolved(given.pointer(), e.getMessage());
            return Optional.empty();
        }
        if (!resolved.fromPlaceholder()) {
            // The value is not repeated: it may be a real secret someone just wrote into a file.
            given.problem("the secret field '" + field.name() + "' holds its value in the file; secrets never go "
                    + "into files: put it in an environment variable or settings.xml and write " + example
                    + " (and rotate the secret if this file was ever shared)");
            return Optional.empty();
        }
        if (resolved.value().isBlank()) {
            given.problem("the secret field '" + field.name() + "' resolves to an empty value; set the variable or "
                    + "server it names to the secret");
            return Optional.empty();
        }
        return Optional.of(resolved.value());
    }

    /**
     * A value resolved from a placeholder is text; a field that wants a number or a boolean gets the text read as
     * one, as it would be written in YAML. A choice field takes a YAML number or boolean that is one of its choices
     * as that choice's text.
     */
    private static JsonNode typed(JsonNode resolved, JsonNode original, ConfigurationField field) {
        if (field.type() == FieldType.CHOICE && resolved.isValueNode() && !resolved.isTextual()
                && field.choices().contains(resolved.asText())) {
            // YAML reads an unquoted 2 or true as a number or a boolean; the choice is the text.
            return NODES.textNode(resolved.asText());
        }
        if (!resolved.isTextual() || !original.isTextual() || original.asText().equals(resolved.asText())) {
            return resolved;
        }
        String text = resolved.asText().strip();
        if (field.type() == FieldType.INTEGER && text.matches("-?\\d{1,18}")) {
            return NODES.numberNode(Long.parseLong(text));
        }
        if (field.type() == FieldType.BOOLEAN && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return NODES.booleanNode(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)));
        }
        return resolved;
    }

    private ObjectNode freeForm(YamlNode node) {
        return node.mapping().flatMap(mapping -> resolveTree(mapping.value(), mapping.pointer()))
                .map(ObjectNode.class::cast).orElseGet(NODES::objectNode);
    }

    private Optional<List<ResourceSpec>> resources(YamlNode node) {
        if (node.isAbsent()) {
            return Optional.empty();
        }
        List<YamlNode> items = node.list("a list of resources (items starting with '- ')", null);
        if (!node.value().isArray()) {
            return Optional.empty();
        }
        ResourcesSection section = new ResourcesSection(yaml);
        List<ResourceSpec> resources = new ArrayList<>();
        for (YamlNode item : items) {
            if (item.requiredMapping("a resource (a mapping of its keys)", null).isEmpty()) {
                continue;
            }
            String location = shownFile + ":" + item.line();
            resolveTree(item.value(), item.pointer())
                    .flatMap(resource -> section.resource(yaml.at(item.pointer(), resource), location))
                    .ifPresent(resources::add);
        }
        return Optional.of(resources);
    }

    /** The account objects to bind to the descriptor's references, in the file's order. */
    private List<ReferenceBinding> references(YamlNode node) {
        Optional<YamlNode> mapping = node.mapping();
        if (mapping.isEmpty()) {
            return List.of();
        }
        List<Descriptor.Reference> declared = descriptor.manifest().references();
        List<ReferenceBinding> bindings = new ArrayList<>();
        for (Map.Entry<String, YamlNode> entry : mapping.get().entries().entrySet()) {
            String name = entry.getKey();
            YamlNode given = entry.getValue();
            Optional<Descriptor.Reference> secret = descriptor.secretReferences().stream()
                    .filter(reference -> reference.name().equals(name)).findFirst();
            if (secret.isPresent()) {
                given.problem(name + " is the reference of the secret field '" + secret.get().label() + "': the "
                        + "connection section's value binds it; remove it here");
                continue;
            }
            Optional<Descriptor.Reference> reference = declared.stream()
                    .filter(candidate -> candidate.name().equals(name)).findFirst();
            if (reference.isEmpty()) {
                List<String> names = declared.stream().map(Descriptor.Reference::name).toList();
                String near = YamlText.closest(name, names).map(close -> "did you mean '" + close + "'? ").orElse("");
                given.problem("unknown reference '" + name + "'; " + near + "the references of the descriptor's "
                        + "manifest are " + listed(names));
                continue;
            }
            String objectType = reference.get().objectType();
            if (!BINDABLE_OBJECT_TYPES.contains(objectType)) {
                given.problem(name + " binds a " + objectType + ", an object inside a database: bind it in Snowsight "
                        + "or with SQL; this file binds references of type " + listed(BINDABLE_OBJECT_TYPES));
                continue;
            }
            JsonNode value = given.value();
            if (!value.isTextual()) {
                given.problem("expected the name of the " + objectType.toLowerCase(Locale.ROOT) + ", but found "
                        + given.describe());
                continue;
            }
            resolveTree(value, given.pointer()).ifPresent(resolved -> {
                try {
                    bindings.add(new ReferenceBinding(reference.get(), Identifier.parse(resolved.asText())));
                } catch (Identifier.InvalidIdentifierException e) {
                    given.problem(shown(value, resolved) + " is not an object name: " + e.reason() + "; write MY_NAME, "
                            + "or '\"My Name\"' for a quoted name");
                }
            });
        }
        return bindings;
    }

    /** The node with every placeholder in its text resolved; empty when one could not be (a problem is noted). */
    private Optional<JsonNode> resolveTree(JsonNode node, String path) {
        if (node.isTextual()) {
            try {
                return Optional.of(NODES.textNode(placeholders.resolve(node.asText()).value()));
            } catch (Placeholders.UnresolvedException e) {
                unresolved(path, e.getMessage());
                return Optional.empty();
            }
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            boolean complete = true;
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                Optional<JsonNode> child = resolveTree(entry.getValue(), path + "/" + entry.getKey());
                complete &= child.isPresent();
                child.ifPresent(value -> copy.set(entry.getKey(), value));
            }
            return complete ? Optional.of(copy) : Optional.empty();
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            boolean complete = true;
            for (int i = 0; i < node.size(); i++) {
                Optional<JsonNode> child = resolveTree(node.get(i), path + "/" + i);
                complete &= child.isPresent();
                child.ifPresent(copy::add);
            }
            return complete ? Optional.of(copy) : Optional.empty();
        }
        return Optional.of(node);
    }

    private static String shown(JsonNode original, JsonNode value) {
        String text = original.isTextual() ? "'" + original.asText() + "'" : original.toString();
        return original.equals(value) ? text : text + " (resolved to " + value + ")";
    }

    private static String kind(JsonNode node) {
        return node.isNumber() ? "number" : node.isBoolean() ? "boolean" : node.getNodeType().name().toLowerCase(
                Locale.ROOT);
    }

    private static boolean isBlank(JsonNode value) {
        return value.isTextual() && value.asText().isBlank();
    }

    private static String listed(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean hasProblemAt(YamlNode node) {
        String field = node.path();
        return yaml.problems().stream().anyMatch(problem -> problem.field().equals(field))
                || unresolved.values().stream().flatMap(List::stream).anyMatch(problem -> problem.field().equals(field));
    }

    /**
     * A placeholder that cannot be resolved is a problem only for a goal that sends its section: kept by section, and
     * {@link WizardConfiguration#requireResolved} reports it then.
     */
    private void unresolved(String path, String message) {
        String section = path.substring(1).split("/", 2)[0];
        unresolved.computeIfAbsent(section, key -> new ArrayList<>())
                .add(yaml.problemAt(path, message));
    }
}
