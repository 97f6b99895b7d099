package io.connectorkit.plugin.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.plugin.descriptor.DescriptorException.Problem;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.config.ConfigurationSchema;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.spi.Prerequisite;
import io.connectorkit.runtime.spi.SpiRole;
import io.connectorkit.runtime.sql.Identifier;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads {@code connector.yaml} into a {@link Descriptor}. Every problem is collected with its line, field, value and
 * fix, and all of them are reported at once; nothing is half-read.
 */
public final class DescriptorLoader {

    /** Object types an app can ask the consumer to bind through a reference. */
    static final List<String> REFERENCE_OBJECT_TYPES = List.of("API INTEGRATION", "DATABASE",
            "EXTERNAL ACCESS INTEGRATION", "EXTERNAL TABLE", "FUNCTION", "PROCEDURE", "SCHEMA", "SECRET", "TABLE",
            "VIEW", "WAREHOUSE");
    static final String DEFAULT_REGISTER_CALLBACK = "PUBLIC.REGISTER_REFERENCE";
    static final List<String> DIALECTS = List.of("snowflake", "local");

    private static final Pattern UPPER_WORDS = Pattern.compile("[A-Z][A-Z_]*( [A-Z][A-Z_]*)*");
    private static final Pattern JAVA_CLASS = Pattern.compile(
            "([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*\\.)*[\\p{javaJavaIdentifierStart}]"
                    + "[\\p{javaJavaIdentifierPart}]*(\\$[\\p{javaJavaIdentifierPart}]+)*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");
    private static final Pattern SNOWPARK_VERSION = Pattern.compile("[0-9]{1,4}\\.[0-9]{1,4}\\.[0-9]{1,4}");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A network rule's HOST_PORT value: a host name, or a wildcard domain, with an optional port. */
    private static final Pattern HOST_PORT = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?");

    private final Path file;
    private final Path baseDirectory;
    private final String shownFile;
    private final List<Problem> problems = new ArrayList<>();
    private LocatedYaml yaml;

    private DescriptorLoader(Path file, Path baseDirectory) {
        this.file = file;
        this.baseDirectory = baseDirectory;
        Path absolute = file.toAbsolutePath().normalize();
        Path base = baseDirectory.toAbsolutePath().normalize();
        this.shownFile = (absolute.startsWith(base) ? base.relativize(absolute) : absolute).toString()
                .replace('\\', '/');
    }

    /**
     * Reads and validates the descriptor. Relative paths in it are resolved against the base directory (the
     * project's); {@code defaultVersion} is the app version when the descriptor gives none.
     */
    public static Descriptor load(Path file, Path baseDirectory, String defaultVersion) throws DescriptorException {
        return new DescriptorLoader(file, baseDirectory).read(defaultVersion);
    }

    /**
     * Reads and validates only the descriptor's {@code app} section (and that the file is a descriptor at all): for
     * the goals that act on a bundle already built, which only need the app's name and version, and so skip the
     * cost of checking the rest.
     */
    public static Descriptor.App loadApp(Path file, Path baseDirectory, String defaultVersion)
            throws DescriptorException {
        DescriptorLoader loader = new DescriptorLoader(file, baseDirectory);
        Descriptor.App app = loader.app(loader.sections().get("app"), defaultVersion);
        loader.failOnProblems();
        return app;
    }

    private Descriptor read(String defaultVersion) throws DescriptorException {
        JsonNode root = sections();
        Descriptor.App app = app(root.get("app"), defaultVersion);
        List<Prerequisite> prerequisites = prerequisites(root.get("prerequisites"));
        JsonNode configuration = mapping(root.get("configuration"), "/configuration");
        if (configuration != null) {
            keys(configuration, "/configuration", List.of("connector", "connection"));
        }
        List<ConnectorDescription.Field> connectorFields = fields(configuration == null ? null
                : configuration.get("connector"), "/configuration/connector", true);
        List<ConnectorDescription.Field> connectionFields = fields(configuration == null ? null
                : configuration.get("connection"), "/configuration/connection", false);
        Map<SpiRole, String> classes = classes(root.get("spi"));
        Descriptor.Manifest manifest = manifest(root.get("manifest"), connectionFields);
        Map<String, List<Path>> extraSql = extraSql(root.get("sql"));
        List<Descriptor.AppFiles> files = files(root.get("files"));
        Descriptor.Ui ui = ui(root.get("ui"));
        failOnProblems();
        Map<SpiRole, Integer> classLines = new EnumMap<>(SpiRole.class);
        classes.keySet().forEach(role -> classLines.put(role, yaml.line("/spi/" + role.key())));
        return new Descriptor(file, app, prerequisites, connectorFields, connectionFields, classes, manifest,
                extraSql, files, classLines, ui);
    }

    /** {@code ui.streamlit}: the generated Streamlit app, on unless set to false. */
    private Descriptor.Ui ui(JsonNode node) {
        JsonNode ui = mapping(node, "/ui");
        if (ui == null) {
            return Descriptor.Ui.DEFAULT;
        }
        keys(ui, "/ui", List.of("streamlit"));
        return ui.has("streamlit") && !ui.get("streamlit").isNull() ? new Descriptor.Ui(bool(ui, "/ui", "streamlit"))
                : Descriptor.Ui.DEFAULT;
    }

    /** The parsed file, a mapping of known sections; a file that is none fails at once. */
    private JsonNode sections() throws DescriptorException {
        if (!Files.isRegularFile(file)) {
            throw new DescriptorException(List.of(new Problem(shownFile, 0, "", "the connector descriptor does not "
                    + "exist; create it (a minimal one is 'app: {name: my_connector}') or point connector.descriptor "
                    + "at it")));
        }
        try {
            yaml = LocatedYaml.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (LocatedYaml.YamlProblem e) {
            throw new DescriptorException(List.of(new Problem(shownFile, e.line, "", e.getMessage()
                    + "; fix the YAML syntax there")));
        } catch (IOException e) {
            throw new DescriptorException(List.of(new Problem(shownFile, 0, "", "cannot be read: " + e)));
        }
        JsonNode root = yaml.root();
        if (root == null || root.isNull()) {
            throw new DescriptorException(List.of(new Problem(shownFile, 1, "", "the descriptor is empty; it needs "
                    + "at least 'app: {name: my_connector}'")));
        }
        if (!root.isObject()) {
            throw new DescriptorException(List.of(new Problem(shownFile, 1, "", "the descriptor must be a mapping of "
                    + "sections (app, prerequisites, configuration, spi, manifest, sql, files, ui), not "
                    + describe(root))));
        }
        keys(root, "", List.of("app", "prerequisites", "configuration", "spi", "manifest", "sql", "files", "ui"));
        return root;
    }

    private void failOnProblems() throws DescriptorException {
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
    }

    private Descriptor.App app(JsonNode node, String defaultVersion) {
        if (node == null) {
            problem("", "the section 'app' is missing; add 'app: {name: my_connector}'");
            return new Descriptor.App("", "", defaultVersion, Descriptor.JAVA_RUNTIME, "",
                    Descriptor.DEFAULT_SNOWPARK_VERSION);
        }
        JsonNode app = mapping(node, "/app");
        if (app == null) {
            return new Descriptor.App("", "", defaultVersion, Descriptor.JAVA_RUNTIME, "",
                    Descriptor.DEFAULT_SNOWPARK_VERSION);
        }
        keys(app, "/app", List.of("name", "label", "version", "javaRuntime", "comment", "snowparkVersion"));
        String name = text(app, "/app", "name", true);
        if (name != null && !isPlainName(name)) {
            problem("/app/name", "'" + name + "' is not a plain Snowflake name: the app, its package and its stage "
                    + "are named after it, so use letters, digits and _ and start with a letter (for example "
                    + name.replaceAll("[^A-Za-z0-9_]", "_").replaceAll("^[^A-Za-z]+", "") + ")");
        }
        String version = Optional.ofNullable(text(app, "/app", "version", false)).orElse(defaultVersion);
        if (version != null && !VERSION.matcher(version).matches()) {
            problem("/app/version", "'" + version + "' is not a version name; use letters, digits, '.', '_' and '-'"
                    + " (for example 1.0)");
        }
        int javaRuntime = Descriptor.JAVA_RUNTIME;
        JsonNode runtime = app.get("javaRuntime");
        if (runtime != null) {
            if (!runtime.isIntegralNumber() || runtime.asInt() != Descriptor.JAVA_RUNTIME) {
                problem("/app/javaRuntime", describe(runtime) + " is not supported: the connector runtime is Java "
                        + Descriptor.JAVA_RUNTIME + " bytecode, so Snowflake must run it with RUNTIME_VERSION = '"
                        + Descriptor.JAVA_RUNTIME + "'; write javaRuntime: " + Descriptor.JAVA_RUNTIME
                        + " or leave it out");
            }
        }
        String label = Optional.ofNullable(text(app, "/app", "label", false)).orElse(name);
        return new Descriptor.App(name, label, version, javaRuntime,
                Optional.ofNullable(text(app, "/app", "comment", false)).orElse(""), snowparkVersion(app));
    }

    /**
     * The Snowpark version the procedures pin: three numbers, or {@code latest}, as CREATE PROCEDURE takes them
     * (https://docs.snowflake.com/en/sql-reference/sql/create-procedure), and none older than the runtime needs.
     */
    private String snowparkVersion(JsonNode app) {
        String version = text(app, "/app", "snowparkVersion", false);
        if (version == null) {
            return Descriptor.DEFAULT_SNOWPARK_VERSION;
        }
        String fix = "write one that Snowflake lists (SELECT VERSION FROM SNOWFLAKE.INFORMATION_SCHEMA.PACKAGES WHERE "
                + "LANGUAGE = 'java' AND PACKAGE_NAME = '" + Descriptor.SNOWPARK_PACKAGE + "'), such as "
                + Descriptor.DEFAULT_SNOWPARK_VERSION + " (the default when snowparkVersion is left out), or latest";
        if (!version.equals("latest") && !SNOWPARK_VERSION.matcher(version).matches()) {
            problem("/app/snowparkVersion", "'" + version + "' is not a Snowpark version: Snowflake takes three "
                    + "numbers (major.minor.patch) or latest; " + fix);
        } else if (!version.equals("latest")
                && VersionNumbers.ORDER.compare(version, Descriptor.DEFAULT_SNOWPARK_VERSION) < 0) {
            problem("/app/snowparkVersion", "'" + version + "' is older than " + Descriptor.DEFAULT_SNOWPARK_VERSION
                    + ", the first Snowpark version with Session.sql(query, values), through which the connector "
                    + "runtime binds its values; " + fix);
        }
        return version;
    }

    private List<Prerequisite> prerequisites(JsonNode node) {
        List<Prerequisite> prerequisites = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<JsonNode> items = sequence(node, "/prerequisites");
        for (int i = 0; i < items.size(); i++) {
            String path = "/prerequisites/" + i;
            JsonNode item = mapping(items.get(i), path);
            if (item == null) {
                continue;
            }
            keys(item, path, List.of("id", "title", "description", "learnMoreUrl", "documentationUrl", "guideUrl",
                    "position"));
            String id = text(item, path, "id", true);
            if (id != null) {
                Integer first = seen.putIfAbsent(id, i);
                if (first != null) {
                    problem(path + "/id", "the id '" + id + "' is used by prerequisites[" + first + "] already; give "
                            + "each prerequisite its own id");
                }
            }
            String title = text(item, path, "title", true);
            String description = text(item, path, "description", true);
            String learnMore = url(item, path, "learnMoreUrl");
            String documentation = url(item, path, "documentationUrl");
            String guide = url(item, path, "guideUrl");
            int position = i + 1;
            JsonNode positionNode = item.get("position");
            if (positionNode != null) {
                if (positionNode.isIntegralNumber() && positionNode.canConvertToInt() && positionNode.asInt() > 0) {
                    position = positionNode.asInt();
                } else {
                    problem(path + "/position", describe(positionNode) + " is not a position; use a whole number "
                            + "from 1 (the order in which the wizard shows prerequisites)");
                }
            }
            if (id != null && title != null && description != null) {
                prerequisites.add(new Prerequisite(id, title, description, learnMore, documentation, guide, position));
            }
        }
        return prerequisites;
    }

    private List<ConnectorDescription.Field> fields(JsonNode node, String listPath, boolean connector) {
        List<ConnectorDescription.Field> fields = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<JsonNode> items = sequence(node, listPath);
        Set<String> standard = ConfigurationSchema.STANDARD_CONNECTOR_FIELDS.stream()
                .map(ConfigurationField::name).collect(Collectors.toSet());
        for (int i = 0; i < items.size(); i++) {
            String path = listPath + "/" + i;
            JsonNode item = mapping(items.get(i), path);
            if (item == null) {
                continue;
            }
            keys(item, path, List.of("name", "type", "required", "default", "description", "choices"));
            String name = text(item, path, "name", true);
            boolean valid = name != null;
            if (name != null && !FIELD_NAME.matcher(name).matches()) {
                problem(path + "/name", "'" + name + "' is not a field name; use letters, digits and _ and do not "
                        + "start with a digit (for example " + name.replaceAll("[^A-Za-z0-9_]", "_") + ")");
                valid = false;
            } else if (name != null && seen.putIfAbsent(name, i) != null) {
                problem(path + "/name", "the field '" + name + "' is declared twice in " + dotted(listPath)
                        + "; declare each field once");
                valid = false;
            } else if (name != null && connector && standard.contains(name)) {
                problem(path + "/name", "'" + name + "' is a standard key of connector_configuration already (typed"
                        + " by the runtime); remove it from configuration.connector");
                valid = false;
            } else if (name != null && !connector && (name.equals("response_code") || name.equals("message"))) {
                problem(path + "/name", "'" + name + "' is reserved for response objects; choose another name");
                valid = false;
            }
            String typeLabel = text(item, path, "type", true);
            Optional<FieldType> type = typeLabel == null ? Optional.empty() : FieldType.ofLabel(typeLabel);
            if (typeLabel != null && type.isEmpty()) {
                problem(path + "/type", "'" + typeLabel + "' is not a field type; use one of " + Arrays.stream(
                        FieldType.values()).map(FieldType::label).collect(Collectors.joining(", ")));
            } else if (connector && type.orElse(null) == FieldType.SECRET) {
                problem(path + "/type", "type secret is only allowed in configuration.connection, where the field "
                        + "gets its secret reference" + (name == null ? "" : " (" + SecretReference.nameOf(name) + ")")
                        + "; move the field to configuration.connection");
                valid = false;
            }
            Optional<List<String>> choices = choices(item, path, type.orElse(null));
            valid &= choices.isPresent();
            boolean required = bool(item, path, "required");
            JsonNode defaultValue = item.get("default");
            String defaultJson = null;
            if (defaultValue != null && !defaultValue.isNull()) {
                if (required) {
                    problem(path + "/default", "a required field has no default: the user must give it; remove "
                            + "'default' or 'required: true'");
                } else if (type.orElse(null) == FieldType.SECRET) {
                    problem(path + "/default", "a secret field cannot have a default: it would be readable by "
                            + "anyone who has the connector; remove 'default'");
                } else if (type.isPresent()) {
                    String json = defaultValue.toString();
                    Optional<String> problem = type.get().problemOfJson(json);
                    if (problem.isPresent()) {
                        problem(path + "/default", describe(defaultValue) + " is not a valid " + type.get().label()
                                + ": " + problem.get());
                    } else if (type.get() == FieldType.CHOICE && choices.isPresent()
                            && !choices.get().contains(defaultValue.asText())) {
                        problem(path + "/default", describe(defaultValue) + " is not one of the choices ("
                                + String.join(", ", choices.get()) + "); make the default one of them or add it to "
                                + "'choices'");
                    } else {
                        defaultJson = json;
                    }
                }
            }
            String description = Optional.ofNullable(text(item, path, "description", false)).orElse("");
            if (valid && type.isPresent()) {
                fields.add(new ConnectorDescription.Field(name, type.get(), required, defaultJson, description,
                        choices.orElseThrow()));
            }
        }
        return fields;
    }

    /**
     * The {@code choices} of a field: a non-empty list of distinct non-blank strings for a field of type choice,
     * absent for any other type.
     *
     * @return the choices (empty for another type), or empty when a problem was reported
     */
    private Optional<List<String>> choices(JsonNode item, String path, FieldType type) {
        JsonNode node = item.get("choices");
        String example = "for example choices: [full, incremental]";
        if (type != FieldType.CHOICE) {
            if (node != null && type != null) {
                problem(path + "/choices", "only a field of type choice has choices, and this field is of type "
                        + type.label() + "; remove 'choices' or write 'type: choice'");
                return Optional.empty();
            }
            return Optional.of(List.of());
        }
        if (node == null || node.isNull()) {
            problem(path + "/type", "a choice field lists its values in 'choices', which is missing; add it, "
                    + example);
            return Optional.empty();
        }
        if (!node.isArray()) {
            problem(path + "/choices", "expected a list of the values to choose from, but found " + describe(node)
                    + "; write a list, " + example);
            return Optional.empty();
        }
        if (node.isEmpty()) {
            problem(path + "/choices", "the list is empty; give at least one value to choose from, " + example);
            return Optional.empty();
        }
        List<String> choices = new ArrayList<>();
        boolean fit = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode choice = node.get(i);
            String choicePath = path + "/choices/" + i;
            if (!choice.isTextual()) {
                problem(choicePath, describe(choice) + " is not text; write each choice as a string (quote it, for "
                        + "example '" + (choice.isValueNode() ? choice.asText() : "value") + "')");
                fit = false;
            } else if (choice.asText().isBlank()) {
                problem(choicePath, "the choice is empty; give each choice a non-blank value or remove it");
                fit = false;
            } else if (choices.contains(choice.asText())) {
                problem(choicePath, "'" + choice.asText() + "' is listed twice; list each choice once");
                fit = false;
            } else {
                choices.add(choice.asText());
            }
        }
        return fit ? Optional.of(choices) : Optional.empty();
    }

    private Map<SpiRole, String> classes(JsonNode node) {
        Map<SpiRole, String> classes = new EnumMap<>(SpiRole.class);
        JsonNode spi = mapping(node, "/spi");
        if (spi == null) {
            return classes;
        }
        keys(spi, "/spi", Arrays.stream(SpiRole.values()).map(SpiRole::key).toList());
        for (SpiRole role : SpiRole.values()) {
            String className = text(spi, "/spi", role.key(), false);
            if (className == null) {
                continue;
            }
            if (!JAVA_CLASS.matcher(className).matches()) {
                problem("/spi/" + role.key(), "'" + className + "' is not a Java class name; write the fully "
                        + "qualified name of a class implementing " + role.contract().getSimpleName()
                        + " (for example com.example.connector.My" + role.contract().getSimpleName() + ")");
            } else {
                classes.put(role, className);
            }
        }
        return classes;
    }

    private Descriptor.Manifest manifest(JsonNode node, List<ConnectorDescription.Field> connectionFields) {
        Map<String, String> secretReferences = new HashMap<>();
        connectionFields.stream().filter(field -> field.type() == FieldType.SECRET)
                .forEach(field -> secretReferences.put(SecretReference.nameOf(field.name()), field.name()));
        JsonNode manifest = mapping(node, "/manifest");
        if (manifest == null) {
            return new Descriptor.Manifest(List.of(), List.of(), null);
        }
        keys(manifest, "/manifest", List.of("version", "privileges", "references", "defaultStreamlit",
                "specifications", "telemetry"));
        int version = manifestVersion(manifest.get("version"));
        List<Descriptor.Privilege> privileges = new ArrayList<>();
        List<JsonNode> privilegeItems = sequence(manifest.get("privileges"), "/manifest/privileges");
        for (int i = 0; i < privilegeItems.size(); i++) {
            String path = "/manifest/privileges/" + i;
            JsonNode item = mapping(privilegeItems.get(i), path);
            if (item == null) {
                continue;
            }
            keys(item, path, List.of("name", "description"));
            String name = text(item, path, "name", true);
            if (name != null && !UPPER_WORDS.matcher(name).matches()) {
                problem(path + "/name", "'" + name + "' is not an account privilege name; write it as Snowflake "
                        + "does, in capitals (for example EXECUTE TASK)");
            }
            String description = text(item, path, "description", true);
            if (name != null && version >= 2 && UPPER_WORDS.matcher(name).matches()
                    && !Descriptor.Manifest.AUTOMATICALLY_GRANTED.contains(name)) {
                problem(path + "/name", "'" + name + "' is not a privilege that manifest version 2 grants "
                        + "automatically (" + String.join(", ", Descriptor.Manifest.AUTOMATICALLY_GRANTED) + "); "
                        + "request it under manifest.version: 1, where the consumer grants it");
            }
            if (name != null && description != null) {
                privileges.add(new Descriptor.Privilege(name, description));
            }
        }
        List<Descriptor.Reference> references = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<JsonNode> referenceItems = sequence(manifest.get("references"), "/manifest/references");
        for (int i = 0; i < referenceItems.size(); i++) {
            String path = "/manifest/references/" + i;
            JsonNode item = mapping(referenceItems.get(i), path);
            if (item == null) {
                continue;
            }
            keys(item, path, List.of("name", "label", "description", "objectType", "privileges", "multiValued",
                    "registerCallback", "configurationCallback", "hosts"));
            String name = text(item, path, "name", true);
            if (name != null && !isPlainName(name)) {
                problem(path + "/name", "'" + name + "' is not a reference name; use letters, digits and _ (for "
                        + "example WAREHOUSE_REFERENCE)");
            } else if (name != null && seen.putIfAbsent(name.toUpperCase(Locale.ROOT), i) != null) {
                problem(path + "/name", "the reference '" + name + "' is declared twice; declare each reference once");
            } else if (name != null && secretReferences.containsKey(name.toUpperCase(Locale.ROOT))) {
                problem(path + "/name", "the reference '" + name + "' is the one the app declares itself for the "
                        + "secret field '" + secretReferences.get(name.toUpperCase(Locale.ROOT)) + "' of "
                        + "configuration.connection; remove this reference, or rename it if it binds something else");
            }
            String label = Optional.ofNullable(text(item, path, "label", false)).orElse(name);
            String description = text(item, path, "description", true);
            String objectType = text(item, path, "objectType", true);
            if (objectType != null && !REFERENCE_OBJECT_TYPES.contains(objectType)) {
                problem(path + "/objectType", "'" + objectType + "' is not an object type a reference can bind; use "
                        + "one of " + String.join(", ", REFERENCE_OBJECT_TYPES));
            }
            List<String> referencePrivileges = new ArrayList<>();
            List<JsonNode> privilegeNodes = sequence(item.get("privileges"), path + "/privileges");
            if (privilegeNodes.isEmpty()) {
                problem(path + "/privileges", "a reference needs the privileges the app gets on the bound object; "
                        + "add for example 'privileges: [USAGE]'");
            }
            for (int p = 0; p < privilegeNodes.size(); p++) {
                JsonNode privilege = privilegeNodes.get(p);
                if (!privilege.isTextual() || !UPPER_WORDS.matcher(privilege.asText()).matches()) {
                    problem(path + "/privileges/" + p, describe(privilege) + " is not a privilege name; write it in "
                            + "capitals (for example USAGE or SELECT)");
                } else {
                    referencePrivileges.add(privilege.asText());
                }
            }
            boolean callbackType = objectType != null
                    && Descriptor.NEEDS_CONFIGURATION_CALLBACK.contains(objectType);
            boolean multiValued = bool(item, path, "multiValued");
            if (multiValued && callbackType) {
                // https://docs.snowflake.com/en/developer-guide/native-apps/requesting-refs: references to secrets
                // and external access integrations are single-valued only.
                problem(path + "/multiValued", "a reference of type " + objectType + " cannot be multi-valued "
                        + "(Snowflake binds one object to it); remove 'multiValued: true', or declare one reference "
                        + "per object");
            }
            String registerCallback = Optional.ofNullable(qualifiedName(item, path, "registerCallback"))
                    .orElse(DEFAULT_REGISTER_CALLBACK);
            String configurationCallback = qualifiedName(item, path, "configurationCallback");
            if (configurationCallback == null && callbackType && !item.has("configurationCallback")) {
                configurationCallback = Descriptor.DEFAULT_CONFIGURATION_CALLBACK;
            }
            if (configurationCallback != null && objectType != null && !callbackType) {
                problem(path + "/configurationCallback", "only references of type "
                        + String.join(" or ", Descriptor.NEEDS_CONFIGURATION_CALLBACK) + " take a configuration "
                        + "callback, not " + objectType + "; remove configurationCallback");
            }
            List<String> hosts = hosts(item, path, objectType);
            if (hosts.isEmpty() && !item.has("hosts") && "EXTERNAL ACCESS INTEGRATION".equals(objectType)
                    && Descriptor.DEFAULT_CONFIGURATION_CALLBACK.equals(configurationCallback)) {
                problem(path + "/hosts", "an EXTERNAL ACCESS INTEGRATION reference needs the hosts the connector "
                        + "reaches, which the app's configuration callback tells the consumer; add for example "
                        + "'hosts: [api.example.com]' (or name your own configurationCallback)");
            }
            if (name != null && description != null && objectType != null) {
                references.add(new Descriptor.Reference(name, label, description, objectType, referencePrivileges,
                        multiValued, registerCallback, configurationCallback, hosts));
            }
        }
        String defaultStreamlit = qualifiedName(manifest, "/manifest", "defaultStreamlit");
        List<Descriptor.Specification> specifications = specifications(manifest, version, privileges, seen.keySet());
        if (specifications.stream().anyMatch(Descriptor.Specification::isExternalAccess) && references.stream()
                .anyMatch(reference -> reference.objectType().equals("EXTERNAL ACCESS INTEGRATION"))) {
            problem("/manifest/specifications", "the app reaches its hosts either through an EXTERNAL ACCESS "
                    + "INTEGRATION reference the consumer binds or through the integration of an EXTERNAL_ACCESS "
                    + "specification it creates itself, not both; remove the reference (manifest version 2) or the "
                    + "specification");
        }
        Telemetry telemetry = new TelemetryReader(this::problem).read(manifest.get("telemetry"));
        return new Descriptor.Manifest(privileges, references, defaultStreamlit, version, specifications, telemetry);
    }

    /**
     * {@code manifest.specifications}: under manifest version 2 only, each with a name no reference has, a label of
     * its own, and the privilege that lets the app create what it declares
     * (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-app-specs-eai,
     * https://docs.snowflake.com/en/sql-reference/sql/alter-application-set-app-spec).
     */
    private List<Descriptor.Specification> specifications(JsonNode manifest, int version,
            List<Descriptor.Privilege> privileges, Set<String> referenceNames) {
        List<JsonNode> items = sequence(manifest.get("specifications"), "/manifest/specifications");
        if (!items.isEmpty() && version < 2) {
            problem("/manifest/specifications", "app specifications need manifest version 2 (Snowflake refuses them "
                    + "under version 1); set manifest.version: 2, or bind an EXTERNAL ACCESS INTEGRATION reference "
                    + "instead");
            return List.of();
        }
        List<Descriptor.Specification> specifications = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> labels = new HashMap<>();
        List<String> requested = privileges.stream().map(Descriptor.Privilege::name).toList();
        for (int i = 0; i < items.size(); i++) {
            String path = "/manifest/specifications/" + i;
            JsonNode item = mapping(items.get(i), path);
            if (item == null) {
                continue;
            }
            keys(item, path, List.of("name", "type", "label", "description", "hosts", "oauthType", "tokenEndpoint",
                    "authorizationEndpoint", "scopes"));
            String name = text(item, path, "name", true);
            if (name != null && !isPlainName(name)) {
                problem(path + "/name", "'" + name + "' is not a specification name; use letters, digits and _ (for "
                        + "example API_ACCESS)");
                name = null;
            } else if (name != null && (names.putIfAbsent(name.toUpperCase(Locale.ROOT), i) != null
                    || referenceNames.contains(name.toUpperCase(Locale.ROOT)))) {
                problem(path + "/name", "the name '" + name + "' is taken by another specification or a reference; "
                        + "give each its own");
                name = null;
            }
            String type = text(item, path, "type", true);
            if (type != null && !Descriptor.Specification.TYPES.contains(type)) {
                problem(path + "/type", "'" + type + "' is not a specification type the kit renders; use "
                        + String.join(" or ", Descriptor.Specification.TYPES));
                type = null;
            }
            String label = Optional.ofNullable(text(item, path, "label", false)).orElse(name);
            if (label != null && labels.putIfAbsent(label, i) != null) {
                problem(path + "/label", "the label '" + label + "' is already the label of "
                        + "/manifest/specifications/" + labels.get(label) + "; Snowflake needs each specification's "
                        + "label to be unique");
            }
            String description = text(item, path, "description", true);
            List<String> hosts = List.of();
            String oauthType = null;
            String tokenEndpoint = null;
            String authorizationEndpoint = null;
            List<String> scopes = new ArrayList<>();
            String needed = null;
            if ("EXTERNAL_ACCESS".equals(type)) {
                needed = "CREATE EXTERNAL ACCESS INTEGRATION";
                hosts = hosts(item, path, "EXTERNAL ACCESS INTEGRATION");
                if (hosts.isEmpty() && !item.has("hosts")) {
                    problem(path + "/hosts", "an EXTERNAL_ACCESS specification needs the hosts the connector "
                            + "reaches; add for example 'hosts: [api.example.com]'");
                }
                for (String key : List.of("oauthType", "tokenEndpoint", "authorizationEndpoint", "scopes")) {
                    if (item.has(key)) {
                        problem(path + "/" + key, "only a SECURITY_INTEGRATION specification has " + key
                                + "; remove it");
                    }
                }
            } else if ("SECURITY_INTEGRATION".equals(type)) {
                needed = "CREATE SECURITY INTEGRATION";
                if (item.has("hosts")) {
                    problem(path + "/hosts", "only an EXTERNAL_ACCESS specification has hosts; remove them");
                }
                oauthType = text(item, path, "oauthType", true);
                if (oauthType != null && !Descriptor.Specification.OAUTH_TYPES.contains(oauthType)) {
                    problem(path + "/oauthType", "'" + oauthType + "' is not an OAuth flow Snowflake's "
                            + "specifications declare; use one of " + String.join(", ",
                                    Descriptor.Specification.OAUTH_TYPES));
                    oauthType = null;
                }
                tokenEndpoint = url(item, path, "tokenEndpoint");
                if (tokenEndpoint == null && !item.has("tokenEndpoint")) {
                    problem(path + "/tokenEndpoint", "a SECURITY_INTEGRATION specification needs the OAuth token "
                            + "endpoint; add for example 'tokenEndpoint: https://auth.example.com/oauth/token'");
                }
                authorizationEndpoint = url(item, path, "authorizationEndpoint");
                if (authorizationEndpoint != null && "CLIENT_CREDENTIALS".equals(oauthType)) {
                    problem(path + "/authorizationEndpoint", "the CLIENT_CREDENTIALS flow has no authorization "
                            + "endpoint; remove it");
                }
                List<JsonNode> scopeNodes = sequence(item.get("scopes"), path + "/scopes");
                for (int s = 0; s < scopeNodes.size(); s++) {
                    JsonNode scope = scopeNodes.get(s);
                    if (!scope.isTextual() || scope.asText().isBlank() || scope.asText().contains("'")) {
                        problem(path + "/scopes/" + s, describe(scope) + " is not an OAuth scope; write it as the "
                                + "provider names it, for example read:records");
                    } else {
                        scopes.add(scope.asText());
                    }
                }
                if (scopeNodes.isEmpty() && "CLIENT_CREDENTIALS".equals(oauthType)) {
                    problem(path + "/scopes", "the CLIENT_CREDENTIALS flow needs the scopes the app asks for; add for "
                            + "example 'scopes: [read]'");
                }
            }
            if (needed != null && !requested.contains(needed)) {
                problem(path + "/type", "an " + type + " specification needs the app to create the object it "
                        + "declares: add '- name: " + needed + "' (with its description) to manifest.privileges");
            }
            if (name != null && type != null && label != null && description != null) {
                specifications.add(new Descriptor.Specification(name, type, label, description, hosts, oauthType,
                        tokenEndpoint, authorizationEndpoint, scopes));
            }
        }
        return specifications;
    }

    /**
     * {@code manifest.version}: 1 or 2 (https://docs.snowflake.com/en/developer-guide/native-apps/creating-manifest,
     * https://docs.snowflake.com/en/developer-guide/native-apps/requesting-auto-privs); 2 when left out.
     */
    private int manifestVersion(JsonNode node) {
        if (node == null || node.isNull()) {
            return Descriptor.Manifest.DEFAULT_VERSION;
        }
        if (node.isIntegralNumber() && (node.asInt() == 1 || node.asInt() == 2)) {
            return node.asInt();
        }
        problem("/manifest/version", describe(node) + " is not a manifest version; write 2 (the default: Snowflake "
                + "grants the listed privileges at install and upgrade) or 1 (the consumer grants them, as for SDK "
                + "apps)");
        return Descriptor.Manifest.DEFAULT_VERSION;
    }

    /** The {@code host[:port]}s an external access integration reference lets the connector reach. */
    private List<String> hosts(JsonNode item, String path, String objectType) {
        List<JsonNode> nodes = sequence(item.get("hosts"), path + "/hosts");
        if (!nodes.isEmpty() && objectType != null && !objectType.equals("EXTERNAL ACCESS INTEGRATION")) {
            problem(path + "/hosts", "only an EXTERNAL ACCESS INTEGRATION reference has hosts, not " + objectType
                    + "; remove hosts");
            return List.of();
        }
        List<String> hosts = new ArrayList<>();
        for (int h = 0; h < nodes.size(); h++) {
            JsonNode host = nodes.get(h);
            if (!host.isTextual() || !HOST_PORT.matcher(host.asText()).matches()) {
                problem(path + "/hosts/" + h, describe(host) + " is not a host name with an optional port; write "
                        + "it as the network rule's VALUE_LIST does, for example api.example.com or "
                        + "api.example.com:443 (no scheme, no path)");
            } else {
                hosts.add(host.asText());
            }
        }
        return hosts;
    }

    private Map<String, List<Path>> extraSql(JsonNode node) {
        Map<String, List<Path>> scripts = new LinkedHashMap<>();
        DIALECTS.forEach(dialect -> scripts.put(dialect, new ArrayList<>()));
        JsonNode sql = mapping(node, "/sql");
        if (sql == null) {
            return scripts;
        }
        keys(sql, "/sql", DIALECTS);
        for (String dialect : DIALECTS) {
            List<JsonNode> items = sequence(sql.get(dialect), "/sql/" + dialect);
            for (int i = 0; i < items.size(); i++) {
                existingPath(items.get(i), "/sql/" + dialect + "/" + i, false)
                        .ifPresent(scripts.get(dialect)::add);
            }
        }
        return scripts;
    }

    private List<Descriptor.AppFiles> files(JsonNode node) {
        List<Descriptor.AppFiles> files = new ArrayList<>();
        List<JsonNode> items = sequence(node, "/files");
        for (int i = 0; i < items.size(); i++) {
            String path = "/files/" + i;
            JsonNode item = mapping(items.get(i), path);
            if (item == null) {
                continue;
            }
            keys(item, path, List.of("source", "target"));
            Optional<Path> source = item.has("source") ? existingPath(item.get("source"), path + "/source", true)
                    : Optional.empty();
            if (!item.has("source")) {
                problem(path, "'source' is missing: name the project folder to copy into the app");
            }
            String target = text(item, path, "target", true);
            if (target != null && (target.isBlank() || target.startsWith("/") || target.contains("..")
                    || target.matches("(?i)(lib|setup\\.sql|manifest\\.yml|readme\\.md)(/.*)?"))) {
                problem(path + "/target", "'" + target + "' is not a folder the app can use for these files; give a "
                        + "relative folder name inside the app, other than lib (for example streamlit)");
            } else if (source.isPresent() && target != null) {
                files.add(new Descriptor.AppFiles(source.get(), target));
            }
        }
        return files;
    }

    // -- reading helpers: each one reports what it cannot accept and answers null or empty

    private void keys(JsonNode mapping, String path, List<String> allowed) {
        for (String key : (Iterable<String>) () -> mapping.fieldNames()) {
            if (!allowed.contains(key)) {
                String suggestion = closest(key, allowed).map(near -> "did you mean '" + near + "'? ").orElse("");
                problem(path + "/" + key, "unknown key '" + key + "'; " + suggestion + "the keys of "
                        + (path.isEmpty() ? "the descriptor" : dotted(path)) + " are " + String.join(", ", allowed));
            }
        }
    }

    private JsonNode mapping(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problem(path, "expected a mapping of keys, but found " + describe(node));
            return null;
        }
        return node;
    }

    private List<JsonNode> sequence(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(path, "expected a list (items starting with '- '), but found " + describe(node));
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private String text(JsonNode mapping, String path, String key, boolean required) {
        JsonNode value = mapping.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problem(path + "/" + key, "'" + key + "' is missing; it is required here");
            }
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            problem(path + "/" + key, "expected text, but found " + describe(value));
            return null;
        }
        if (value.asText().isBlank() && required) {
            problem(path + "/" + key, "'" + key + "' is empty; give it a value");
            return null;
        }
        return value.asText();
    }

    private boolean bool(JsonNode mapping, String path, String key) {
        JsonNode value = mapping.get(key);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            problem(path + "/" + key, describe(value) + " is not true or false; write " + key + ": true or "
                    + key + ": false");
            return false;
        }
        return value.asBoolean();
    }

    private String url(JsonNode mapping, String path, String key) {
        String text = text(mapping, path, key, false);
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
        problem(path + "/" + key, "'" + text + "' is not an http or https URL; write the full address, for example "
                + "https://docs.example.com/setup");
        return null;
    }

    /** A schema-qualified object name such as PUBLIC.REGISTER_REFERENCE. */
    private String qualifiedName(JsonNode mapping, String path, String key) {
        String text = text(mapping, path, key, false);
        if (text == null) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 2 || !Stream.of(parts).allMatch(DescriptorLoader::isPlainName)) {
            problem(path + "/" + key, "'" + text + "' is not a schema-qualified name; write SCHEMA.NAME with plain "
                    + "names (for example PUBLIC.REGISTER_REFERENCE)");
            return null;
        }
        return text;
    }

    private Optional<Path> existingPath(JsonNode node, String path, boolean directory) {
        if (!node.isTextual() || node.asText().isBlank()) {
            problem(path, "expected a path relative to the project, but found " + describe(node));
            return Optional.empty();
        }
        Path resolved = baseDirectory.resolve(node.asText()).normalize();
        boolean exists = directory ? Files.isDirectory(resolved) : Files.isRegularFile(resolved);
        if (!exists) {
            problem(path, "'" + node.asText() + "' is not " + (directory ? "a folder" : "a file") + " of the project ("
                    + resolved + "); create it or correct the path");
            return Optional.empty();
        }
        return Optional.of(resolved);
    }

    private void problem(String path, String message) {
        problems.add(new Problem(shownFile, yaml.line(path), dotted(path), message));
    }

    static String dotted(String path) {
        return YamlText.path(path);
    }

    private static boolean isPlainName(String name) {
        return name.matches("[A-Za-z][A-Za-z0-9_]*") && Identifier.isValid(name);
    }

    private static String describe(JsonNode node) {
        return YamlText.describe(node);
    }

    private static Optional<String> closest(String key, List<String> allowed) {
        return YamlText.closest(key, allowed);
    }
}
