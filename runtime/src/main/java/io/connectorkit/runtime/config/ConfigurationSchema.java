package io.connectorkit.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.internal.json.JsonTree;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The declared keys of one configuration object ({@code connector_configuration} or
 * {@code connection_configuration}) and the check of a value against them: no unknown keys, required keys present,
 * every value of its declared type. Defaults are filled in.
 */
public final class ConfigurationSchema {

    /** The keys Snowflake's SDK accepts in {@code connector_configuration} (spec §2.2.1), now typed. */
    public static final List<ConfigurationField> STANDARD_CONNECTOR_FIELDS = List.of(
            ConfigurationField.identifier("warehouse").description("Warehouse of the connector's tasks"),
            ConfigurationField.identifier("destination_database").description("Database that receives ingested data"),
            ConfigurationField.identifier("destination_schema").description("Schema that receives ingested data"),
            ConfigurationField.identifier("data_owner_role").description("Role that owns the ingested data"),
            ConfigurationField.identifier("operational_warehouse").description("Warehouse for operational work"),
            ConfigurationField.object("global_schedule")
                    .description("Schedule of the ingestion scheduler: {\"scheduleType\": \"CRON\", "
                            + "\"scheduleDefinition\": \"<5-field cron>\"}")
                    .shape(ConfigurationSchema::globalScheduleProblem),
            ConfigurationField.identifier("agent_username").description("User of the connector's agent"),
            ConfigurationField.identifier("agent_role").description("Role of the connector's agent"),
            ConfigurationField.identifier("cortex_warehouse").description("Warehouse for Cortex functions"),
            ConfigurationField.identifier("cortex_user_role").description("Role for Cortex functions"));

    /** Keys of a response object; a stored connection configuration returned with them would be ambiguous. */
    private static final Set<String> RESERVED_CONNECTION_KEYS = Set.of(Response.CODE_KEY, Response.MESSAGE_KEY);

    private final String group;
    private final Map<String, ConfigurationField> fields;
    private final boolean freeForm;
    private final ResponseCode unknownKeysCode;

    private ConfigurationSchema(
            String group, List<ConfigurationField> fields, boolean freeForm, ResponseCode unknownKeysCode) {
        this.group = group;
        this.freeForm = freeForm;
        this.unknownKeysCode = unknownKeysCode;
        Map<String, ConfigurationField> byName = new LinkedHashMap<>();
        for (ConfigurationField field : fields) {
            if (byName.put(field.name(), field) != null) {
                throw new IllegalArgumentException("The " + group + " field '" + field.name() + "' is declared twice;"
                        + " declare each field once");
            }
        }
        this.fields = byName;
    }

    /**
     * The schema of {@code connector_configuration}: the {@linkplain #STANDARD_CONNECTOR_FIELDS standard keys} plus
     * the connector's own. Unknown keys are refused with {@code CONNECTOR_CONFIGURATION_PARSING_ERROR}.
     *
     * @param customFields the connector's own fields
     * @return the schema
     * @throws IllegalArgumentException when a custom field has a standard field's name, or a name is declared twice
     */
    public static ConfigurationSchema connectorConfiguration(List<ConfigurationField> customFields) {
        for (ConfigurationField custom : customFields) {
            if (STANDARD_CONNECTOR_FIELDS.stream()
                    .anyMatch(standard -> standard.name().equals(custom.name()))) {
                throw new IllegalArgumentException("The connector field '" + custom.name() + "' is a standard field of"
                        + " connector_configuration already; remove it from the connector's own fields");
            }
        }
        List<ConfigurationField> all = new ArrayList<>(STANDARD_CONNECTOR_FIELDS);
        all.addAll(customFields);
        return new ConfigurationSchema(
                "connector_configuration", all, false, ResponseCode.CONNECTOR_CONFIGURATION_PARSING_ERROR);
    }

    /**
     * The schema of {@code connection_configuration}. With no field declared, any keys are accepted, as in
     * Snowflake's SDK; otherwise unknown keys are refused with {@code CONNECTION_CONFIGURATION_PARSING_ERROR}.
     *
     * @param declaredFields the connection's fields; empty for a free-form connection configuration
     * @return the schema
     * @throws IllegalArgumentException when a field is named {@code response_code} or {@code message} (the keys of
     *     response objects), or a name is declared twice
     */
    public static ConfigurationSchema connectionConfiguration(List<ConfigurationField> declaredFields) {
        for (ConfigurationField field : declaredFields) {
            if (RESERVED_CONNECTION_KEYS.contains(field.name())) {
                throw new IllegalArgumentException("The connection field name '" + field.name() + "' is reserved for "
                        + "response objects; choose another name");
            }
        }
        return new ConfigurationSchema(
                "connection_configuration",
                declaredFields,
                declaredFields.isEmpty(),
                ResponseCode.CONNECTION_CONFIGURATION_PARSING_ERROR);
    }

    /**
     * @return {@code connector_configuration} or {@code connection_configuration}
     */
    public String group() {
        return group;
    }

    /**
     * @return every declared field, in declaration order (standard fields first)
     */
    public List<ConfigurationField> fields() {
        return List.copyOf(fields.values());
    }

    /**
     * @param name a key of the configuration object
     * @return the field of that name, or empty when none is declared
     */
    public Optional<ConfigurationField> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /**
     * @return whether any keys are accepted (a connection configuration without declared fields)
     */
    public boolean isFreeForm() {
        return freeForm;
    }

    /**
     * @return the names of the secret fields, in declaration order
     */
    public List<String> secretFieldNames() {
        return fields.values().stream()
                .filter(field -> field.type() == FieldType.SECRET)
                .map(ConfigurationField::name)
                .toList();
    }

    /**
     * A copy of a configuration fit to show: every secret field masked.
     *
     * @param stored a configuration of this schema's group
     * @return the same keys, each secret field's value replaced by {@link FieldType#MASK}
     */
    public Configuration masked(Configuration stored) {
        ObjectNode shown = Configuration.tree(stored);
        for (ConfigurationField field : fields.values()) {
            if (field.type() == FieldType.SECRET
                    && shown.has(field.name())
                    && !shown.get(field.name()).isNull()) {
                shown.put(field.name(), FieldType.MASK);
            }
        }
        return Configuration.ofTree(shown);
    }

    /**
     * Checks a configuration object: no unknown keys, required keys present, every value of its field's type.
     *
     * @param given the configuration as given
     * @return the value to store (defaults filled in, null and blank values dropped), or the refusal naming every
     *     offending field
     */
    public Validation validate(Configuration given) {
        ObjectNode input = Configuration.tree(given);
        List<String> unknown = new ArrayList<>();
        List<String> reserved = new ArrayList<>();
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!freeForm && !fields.containsKey(name)) {
                unknown.add(name);
            } else if (RESERVED_CONNECTION_KEYS.contains(name)
                    && unknownKeysCode == ResponseCode.CONNECTION_CONFIGURATION_PARSING_ERROR) {
                reserved.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            return Validation.refused(Response.withMessage(
                    unknownKeysCode,
                    unknownKeysCode.message(String.join(", ", unknown)) + " Allowed fields: "
                            + String.join(", ", fields.keySet()) + "."));
        }
        if (!reserved.isEmpty()) {
            return Validation.refused(Response.withMessage(
                    unknownKeysCode,
                    unknownKeysCode.message(String.join(", ", reserved))
                            + " These names are reserved for the keys of response objects."));
        }

        ObjectNode value = JsonTree.object();
        List<String> problems = new ArrayList<>();
        ResponseCode problemCode = null;
        for (Map.Entry<String, JsonNode> entry : input.properties()) {
            ConfigurationField field = fields.get(entry.getKey());
            if (entry.getValue().isNull() || field != null && isBlankText(entry.getValue())) {
                continue;
            }
            Optional<String> problem = field == null ? Optional.empty() : field.problem(entry.getValue());
            if (problem.isPresent() && field.type() == FieldType.SECRET) {
                problems.add(
                        "Field '" + field.name() + "' of " + group + " " + SecretReference.refusal(field.name()) + ".");
                problemCode = problemCode == null ? ResponseCode.INVALID_CONFIGURATION_VALUE : problemCode;
            } else if (problem.isPresent()) {
                problems.add("Field '" + field.name() + "' of " + group + " has the value "
                        + JsonTree.write(entry.getValue()) + ", which is not valid: " + problem.get() + ".");
                if (problemCode == null) {
                    problemCode = field.type() == FieldType.IDENTIFIER
                                    && entry.getValue().isTextual()
                            ? ResponseCode.INVALID_IDENTIFIER
                            : ResponseCode.INVALID_CONFIGURATION_VALUE;
                }
            } else {
                value.set(entry.getKey(), entry.getValue());
            }
        }
        if (!problems.isEmpty()) {
            return Validation.refused(Response.withMessage(problemCode, String.join(" ", problems)));
        }
        List<String> missing = new ArrayList<>();
        for (ConfigurationField field : fields.values()) {
            if (!value.has(field.name())) {
                if (field.isRequired()) {
                    missing.add(field.name());
                } else {
                    field.defaultTree().ifPresent(defaultValue -> value.set(field.name(), defaultValue));
                }
            }
        }
        if (!missing.isEmpty()) {
            return Validation.refused(Response.withMessage(
                    ResponseCode.MISSING_CONFIGURATION_FIELD,
                    "Required fields of " + group + " are missing or empty: " + String.join(", ", missing) + ". Give "
                            + (missing.size() == 1 ? "it a value" : "each of them a value") + "."));
        }
        return Validation.accepted(value);
    }

    /** An empty or blank string of a declared field counts as not given, like a null. */
    private static boolean isBlankText(JsonNode value) {
        return value.isTextual() && value.asText().isBlank();
    }

    private static Optional<String> globalScheduleProblem(JsonNode schedule) {
        String expected = "it must be {\"scheduleType\": \"CRON\", \"scheduleDefinition\": \"<5-field cron>\"}";
        for (Iterator<String> names = schedule.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("scheduleType") && !name.equals("scheduleDefinition")) {
                return Optional.of(expected + ", and '" + name + "' is not one of its keys");
            }
        }
        JsonNode type = schedule.get("scheduleType");
        if (type == null || !type.isTextual() || !type.asText().equals("CRON")) {
            return Optional.of(expected + "; only the CRON schedule type is supported for the global schedule");
        }
        JsonNode definition = schedule.get("scheduleDefinition");
        if (definition == null || !definition.isTextual()) {
            return Optional.of(expected + ", and scheduleDefinition is missing");
        }
        return CronExpression.problem(definition.asText())
                .map(problem -> "its scheduleDefinition '" + definition.asText() + "' is not a valid cron expression: "
                        + problem);
    }

    /** The outcome of {@link #validate}: the value to store, or the refusal. */
    public static final class Validation {
        private final Configuration value;
        private final Response refusal;

        private Validation(Configuration value, Response refusal) {
            this.value = value;
            this.refusal = refusal;
        }

        static Validation accepted(ObjectNode value) {
            return new Validation(Configuration.ofTree(value), null);
        }

        static Validation refused(Response refusal) {
            return new Validation(null, refusal);
        }

        /**
         * @return whether the configuration was accepted
         */
        public boolean isAccepted() {
            return refusal == null;
        }

        /**
         * @return the value to store
         * @throws IllegalStateException when the configuration was refused
         */
        public Configuration value() {
            if (value == null) {
                throw new IllegalStateException("The configuration was refused: " + refusal);
            }
            return value;
        }

        /**
         * @return the refusal, naming every offending field
         * @throws IllegalStateException when the configuration was accepted
         */
        public Response refusal() {
            if (refusal == null) {
                throw new IllegalStateException("The configuration was accepted");
            }
            return refusal;
        }
    }
}
