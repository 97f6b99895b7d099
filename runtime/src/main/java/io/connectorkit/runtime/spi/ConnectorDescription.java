package io.connectorkit.runtime.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.internal.json.JsonTree;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A connector as its descriptor states it, in the form the runtime reads from the connector's jar
 * ({@value #RESOURCE}, written by {@code connector:generate} from {@code connector.yaml}): fields, prerequisites and
 * the classes of its hooks. The runtime owns this format, so both sides of it live here.
 *
 * @param name the app's name from {@code app.name}, a plain Snowflake name such as {@code orders_connector}
 * @param version the app's version ({@code app.version}, else the project's version), or null
 * @param prerequisites the prerequisites, in declaration order
 * @param connectorFields the connector's own keys of {@code connector_configuration} (without the standard ones)
 * @param connectionFields the declared keys of {@code connection_configuration}; empty means any keys
 * @param classes the fully qualified name of the class serving in each role the descriptor's {@code spi} section
 *     names; a role without an entry keeps the runtime's default
 */
public record ConnectorDescription(
        String name,
        String version,
        List<Prerequisite> prerequisites,
        List<Field> connectorFields,
        List<Field> connectionFields,
        Map<SpiRole, String> classes) {

    /** Where the description lives in the connector's jar, as a class-path resource name. */
    public static final String RESOURCE = "META-INF/connectorkit/connector.json";

    /**
     * A declared configuration field; its default, if any, as JSON text.
     *
     * @param name the key in the configuration object
     * @param type the value's type
     * @param required whether the key must be given; a required field cannot have a default
     * @param defaultJson the default value as JSON text ({@code 100}, {@code "daily"}), or null for none
     * @param description what the field is for, as shown to the user; may be empty
     * @param choices the allowed values of a {@link FieldType#CHOICE} field, in the order the UIs show them; empty
     *     for other types
     */
    public record Field(
            String name,
            FieldType type,
            boolean required,
            String defaultJson,
            String description,
            List<String> choices) {

        /**
         * Copies the choices, so the field is immutable.
         *
         * @param name the key in the configuration object
         * @param type the value's type
         * @param required whether the key must be given
         * @param defaultJson the default value as JSON text, or null for none
         * @param description what the field is for; may be empty
         * @param choices the allowed values of a choice field; null or empty for other types
         */
        public Field {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }

        /**
         * A field of a type without choices.
         *
         * @param name the key in the configuration object
         * @param type the value's type
         * @param required whether the key must be given
         * @param defaultJson the default value as JSON text, or null for none
         * @param description what the field is for; may be empty
         */
        public Field(String name, FieldType type, boolean required, String defaultJson, String description) {
            this(name, type, required, defaultJson, description, List.of());
        }

        /**
         * The field as the runtime checks it.
         *
         * @return a field of this name, type, choices, description and requiredness, with the default parsed from
         *     {@link #defaultJson()}
         * @throws IllegalArgumentException when the default is not JSON text, does not fit the type (or is not one
         *     of the choices), or is given for a required or a secret field; when a choice field has no fit choices
         */
        public ConfigurationField toConfigurationField() {
            ConfigurationField field = (type == FieldType.CHOICE
                            ? ConfigurationField.choice(name, choices)
                            : ConfigurationField.of(name, type))
                    .description(description);
            if (required) {
                field = field.required();
            }
            return defaultJson == null ? field : field.defaultValue(JsonTree.parse(defaultJson));
        }
    }

    /**
     * Copies the lists and the map, so the description is immutable.
     *
     * @param name the app's name
     * @param version the app's version, or null
     * @param prerequisites the prerequisites
     * @param connectorFields the connector's own connector configuration fields
     * @param connectionFields the declared connection configuration fields
     * @param classes the hook class name of each role
     * @throws NullPointerException when the name, a list, the map, or an element of them is null
     */
    public ConnectorDescription {
        Objects.requireNonNull(name, "name");
        prerequisites = List.copyOf(prerequisites);
        connectorFields = List.copyOf(connectorFields);
        connectionFields = List.copyOf(connectionFields);
        classes = Map.copyOf(classes);
    }

    /**
     * The connector this description stands for, its hook classes loaded from the loader. Each named class is
     * instantiated once, through its public no-argument constructor. The name and the version are not part of the
     * definition.
     *
     * @param loader the class loader that holds the connector's classes
     * @return the definition, as {@link ConnectorDefinition.Builder#build()} checks it
     * @throws IllegalStateException when a named class cannot serve in its role ({@link SpiRole#problem}) or its
     *     constructor fails
     * @throws IllegalArgumentException when the fields or prerequisites are refused by
     *     {@link ConnectorDefinition.Builder#build()}
     */
    public ConnectorDefinition toDefinition(ClassLoader loader) {
        ConnectorDefinition.Builder builder = ConnectorDefinition.builder();
        prerequisites.forEach(builder::prerequisite);
        connectorFields.forEach(field -> builder.connectorField(field.toConfigurationField()));
        connectionFields.forEach(field -> builder.connectionField(field.toConfigurationField()));
        classes.forEach((role, className) -> {
            Object hook = role.instantiate(className, loader);
            switch (role) {
                case CONNECTION_TESTER -> builder.connectionTester((ConnectionTester) hook);
                case DRAFT_CONNECTION_TESTER -> builder.draftConnectionTester((DraftConnectionTester) hook);
                case CONNECTOR_CONFIGURATION_VALIDATOR ->
                    builder.validator(WizardStep.CONNECTOR_CONFIGURATION, (StepValidator) hook);
                case CONNECTION_CONFIGURATION_VALIDATOR ->
                    builder.validator(WizardStep.CONNECTION_CONFIGURATION, (StepValidator) hook);
                case CONNECTION_UPDATE_VALIDATOR ->
                    builder.validator(WizardStep.CONNECTION_UPDATE, (StepValidator) hook);
                case FINALIZE_VALIDATOR -> builder.validator(WizardStep.FINALIZE, (StepValidator) hook);
                case SOURCE_VALIDATOR -> builder.sourceValidator((SourceValidator) hook);
                case FINALIZE_CALLBACK -> builder.finalizeCallback((FinalizeCallback) hook);
                case LIFECYCLE_HOOKS -> builder.lifecycleHooks((LifecycleHooks) hook);
                case RESOURCE_HOOKS -> builder.resourceHooks((ResourceHooks) hook);
                case CONFIGURATION_HOOKS -> builder.configurationHooks((ConfigurationHooks) hook);
                case INGESTION -> builder.ingestion((Ingestion) hook);
                default -> throw new IllegalStateException("Unhandled role " + role);
            }
        });
        return builder.build();
    }

    /**
     * The description in the {@value #RESOURCE} format, as {@code connector:generate} writes it into the jar.
     *
     * @return compact JSON text that {@link #fromJsonText(String)} reads back to an equal description
     */
    public String toJsonText() {
        return JsonTree.write(toJson());
    }

    /**
     * Reads a description in the {@value #RESOURCE} format.
     *
     * @param text the JSON text of the resource
     * @return the description; absent lists are empty and absent texts null
     * @throws IllegalStateException when it names a hook role or a field type this runtime does not know (a
     *     connector built with another plugin version)
     * @throws io.connectorkit.runtime.json.InvalidJsonException when the text is not JSON
     * @throws NullPointerException when it has no {@code name}
     */
    public static ConnectorDescription fromJsonText(String text) {
        return fromJson(JsonTree.parse(text));
    }

    private ObjectNode toJson() {
        ObjectNode json = JsonTree.object();
        json.put("name", name);
        json.put("version", version);
        ArrayNode prerequisiteArray = json.putArray("prerequisites");
        for (Prerequisite prerequisite : prerequisites) {
            ObjectNode item = prerequisiteArray.addObject();
            item.put("id", prerequisite.id());
            item.put("title", prerequisite.title());
            item.put("description", prerequisite.description());
            item.put("learnMoreUrl", prerequisite.learnMoreUrl());
            item.put("documentationUrl", prerequisite.documentationUrl());
            item.put("guideUrl", prerequisite.guideUrl());
            item.put("position", prerequisite.position());
        }
        writeFields(json.putArray("connectorFields"), connectorFields);
        writeFields(json.putArray("connectionFields"), connectionFields);
        ObjectNode spi = json.putObject("spi");
        for (SpiRole role : SpiRole.values()) {
            if (classes.containsKey(role)) {
                spi.put(role.key(), classes.get(role));
            }
        }
        return json;
    }

    private static ConnectorDescription fromJson(JsonNode json) {
        List<Prerequisite> prerequisites = new ArrayList<>();
        for (JsonNode item : json.path("prerequisites")) {
            prerequisites.add(new Prerequisite(
                    text(item, "id"),
                    text(item, "title"),
                    text(item, "description"),
                    text(item, "learnMoreUrl"),
                    text(item, "documentationUrl"),
                    text(item, "guideUrl"),
                    item.path("position").asInt()));
        }
        Map<SpiRole, String> classes = new EnumMap<>(SpiRole.class);
        json.path("spi")
                .properties()
                .forEach(entry -> classes.put(
                        SpiRole.ofKey(entry.getKey())
                                .orElseThrow(() -> new IllegalStateException(
                                        "The connector description names an unknown hook '" + entry.getKey()
                                                + "'; rebuild the connector with the plugin matching this runtime")),
                        entry.getValue().asText()));
        return new ConnectorDescription(
                text(json, "name"),
                text(json, "version"),
                prerequisites,
                readFields(json.path("connectorFields")),
                readFields(json.path("connectionFields")),
                classes);
    }

    private static void writeFields(ArrayNode array, List<Field> fields) {
        for (Field field : fields) {
            ObjectNode item = array.addObject();
            item.put("name", field.name());
            item.put("type", field.type().label());
            item.put("required", field.required());
            if (field.defaultJson() != null) {
                item.set("default", JsonTree.parse(field.defaultJson()));
            }
            item.put("description", field.description());
            if (!field.choices().isEmpty()) {
                ArrayNode choices = item.putArray("choices");
                field.choices().forEach(choices::add);
            }
        }
    }

    private static List<Field> readFields(JsonNode array) {
        List<Field> fields = new ArrayList<>();
        for (JsonNode item : array) {
            String type = text(item, "type");
            List<String> choices = new ArrayList<>();
            item.path("choices").forEach(choice -> choices.add(choice.asText()));
            fields.add(new Field(
                    text(item, "name"),
                    FieldType.ofLabel(type)
                            .orElseThrow(() ->
                                    new IllegalStateException("The connector description uses the unknown field type '"
                                            + type + "'; rebuild the connector with the plugin matching this runtime")),
                    item.path("required").asBoolean(false),
                    item.hasNonNull("default") ? JsonTree.write(item.get("default")) : null,
                    item.path("description").asText(""),
                    choices));
        }
        return fields;
    }

    private static String text(JsonNode json, String key) {
        JsonNode value = json.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
