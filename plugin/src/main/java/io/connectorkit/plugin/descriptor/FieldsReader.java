package io.connectorkit.plugin.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.plugin.yaml.YamlNode;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.config.ConfigurationSchema;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.spi.ConnectorDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the descriptor's {@code configuration.connector} and {@code configuration.connection} lists: each field's
 * name, type, choices, whether it is required and its default, checked against the runtime's field types.
 */
final class FieldsReader {

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private FieldsReader() {
    }

    /**
     * @param connector {@code true} for {@code configuration.connector}, {@code false} for
     *     {@code configuration.connection}
     */
    static List<ConnectorDescription.Field> read(YamlNode list, boolean connector) {
        List<ConnectorDescription.Field> fields = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Set<String> standard = ConfigurationSchema.STANDARD_CONNECTOR_FIELDS.stream()
                .map(ConfigurationField::name).collect(Collectors.toSet());
        List<YamlNode> items = list.list();
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlNode> mapping = items.get(i).mapping();
            if (mapping.isEmpty()) {
                continue;
            }
            YamlNode item = mapping.get();
            item.knownKeys(List.of("name", "type", "required", "default", "description", "choices"));
            String name = item.requiredText("name");
            boolean valid = name != null;
            YamlNode nameNode = item.get("name");
            if (name != null && !FIELD_NAME.matcher(name).matches()) {
                nameNode.problem("'" + name + "' is not a field name; use letters, digits and _ and do not start "
                        + "with a digit (for example " + name.replaceAll("[^A-Za-z0-9_]", "_") + ")");
                valid = false;
            } else if (name != null && seen.putIfAbsent(name, i) != null) {
                nameNode.problem("the field '" + name + "' is declared twice in " + list.path() + "; declare each "
                        + "field once");
                valid = false;
            } else if (name != null && connector && standard.contains(name)) {
                nameNode.problem("'" + name + "' is a standard key of connector_configuration already (typed by the "
                        + "runtime); remove it from configuration.connector");
                valid = false;
            } else if (name != null && !connector && (name.equals("response_code") || name.equals("message"))) {
                nameNode.problem("'" + name + "' is reserved for response objects; choose another name");
                valid = false;
            }
            String typeLabel = item.requiredText("type");
            Optional<FieldType> type = typeLabel == null ? Optional.empty() : FieldType.ofLabel(typeLabel);
            if (typeLabel != null && type.isEmpty()) {
                item.get("type").problem("'" + typeLabel + "' is not a field type; use one of " + Arrays.stream(
                        FieldType.values()).map(FieldType::label).collect(Collectors.joining(", ")));
            } else if (connector && type.orElse(null) == FieldType.SECRET) {
                item.get("type").problem("type secret is only allowed in configuration.connection, where the field "
                        + "gets its secret reference" + (name == null ? "" : " (" + SecretReference.nameOf(name) + ")")
                        + "; move the field to configuration.connection");
                valid = false;
            }
            Optional<List<String>> choices = choices(item, type.orElse(null));
            valid &= choices.isPresent();
            boolean required = item.bool("required", false);
            String defaultJson = defaultJson(item.get("default"), required, type, choices);
            String description = Optional.ofNullable(item.text("description")).orElse("");
            if (valid && type.isPresent()) {
                fields.add(new ConnectorDescription.Field(name, type.get(), required, defaultJson, description,
                        choices.orElseThrow()));
            }
        }
        return fields;
    }

    /** The default as JSON, or {@code null} when there is none or it does not fit the field (reported). */
    private static String defaultJson(YamlNode node, boolean required, Optional<FieldType> type,
            Optional<List<String>> choices) {
        if (node.isAbsent()) {
            return null;
        }
        JsonNode value = node.value();
        if (required) {
            node.problem("a required field has no default: the user must give it; remove 'default' or "
                    + "'required: true'");
        } else if (type.orElse(null) == FieldType.SECRET) {
            node.problem("a secret field cannot have a default: it would be readable by anyone who has the "
                    + "connector; remove 'default'");
        } else if (type.isPresent()) {
            String json = value.toString();
            Optional<String> problem = type.get().problemOfJson(json);
            if (problem.isPresent()) {
                node.problem(node.describe() + " is not a valid " + type.get().label() + ": " + problem.get());
            } else if (type.get() == FieldType.CHOICE && choices.isPresent()
                    && !choices.get().contains(value.asText())) {
                node.problem(node.describe() + " is not one of the choices (" + String.join(", ", choices.get())
                        + "); make the default one of them or add it to 'choices'");
            } else {
                return json;
            }
        }
        return null;
    }

    /**
     * The {@code choices} of a field: a non-empty list of distinct non-blank strings for a field of type choice,
     * absent for any other type.
     *
     * @return the choices (empty for another type), or empty when a problem was reported
     */
    private static Optional<List<String>> choices(YamlNode item, FieldType type) {
        YamlNode node = item.get("choices");
        String example = "for example choices: [full, incremental]";
        if (type != FieldType.CHOICE) {
            if (item.has("choices") && type != null) {
                node.problem("only a field of type choice has choices, and this field is of type " + type.label()
                        + "; remove 'choices' or write 'type: choice'");
                return Optional.empty();
            }
            return Optional.of(List.of());
        }
        if (node.isAbsent()) {
            item.get("type").problem("a choice field lists its values in 'choices', which is missing; add it, "
                    + example);
            return Optional.empty();
        }
        List<YamlNode> items = node.list("a list of the values to choose from", "write a list, " + example);
        if (!node.value().isArray()) {
            return Optional.empty();
        }
        if (items.isEmpty()) {
            node.problem("the list is empty; give at least one value to choose from, " + example);
            return Optional.empty();
        }
        List<String> choices = new ArrayList<>();
        boolean fit = true;
        for (YamlNode choice : items) {
            JsonNode value = choice.value();
            if (!value.isTextual()) {
                choice.problem(choice.describe() + " is not text; write each choice as a string (quote it, for "
                        + "example '" + (value.isValueNode() ? value.asText() : "value") + "')");
                fit = false;
            } else if (value.asText().isBlank()) {
                choice.problem("the choice is empty; give each choice a non-blank value or remove it");
                fit = false;
            } else if (!value.asText().equals(value.asText().strip())) {
                // Forms trim what they post, so such a choice could never be picked.
                choice.problem("'" + value.asText() + "' starts or ends with spaces, which a form cannot send back; "
                        + "write '" + value.asText().strip() + "'");
                fit = false;
            } else if (choices.contains(value.asText())) {
                choice.problem("'" + value.asText() + "' is listed twice; list each choice once");
                fit = false;
            } else {
                choices.add(value.asText());
            }
        }
        return fit ? Optional.of(choices) : Optional.empty();
    }
}
