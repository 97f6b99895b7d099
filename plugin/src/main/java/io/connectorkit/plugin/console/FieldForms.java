package io.connectorkit.plugin.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.spi.ConnectorDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.connectorkit.runtime.config.SecretReference;

/**
 * The descriptor's configuration fields as form inputs typed by their field type (text, number, checkbox, password
 * for a secret, JSON for an object, a drop-down list of a choice field's choices), and a submitted form read back
 * into the JSON object a procedure takes, each value checked against its type first, so that a bad value is named
 * before anything is called.
 */
public final class FieldForms {

    /** The prefix of a field's input name: {@code f.page_size}. */
    static final String PREFIX = "f.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FieldForms() {
    }

    /** What a submitted form holds: the configuration object, the secret values apart, and what is wrong. */
    public record Parsed(ObjectNode values, Map<String, String> secrets, List<String> problems) {
    }

    /**
     * One input per field.
     *
     * @param current the value each field has now, as JSON text ({@code 100}, {@code "XS"}); secrets never
     * @param draft what the user typed last time the form was refused, by field name (never a secret)
     */
    public static String inputs(List<ConnectorDescription.Field> fields, Map<String, String> current,
            Map<String, String> draft, boolean disabled) {
        StringBuilder html = new StringBuilder();
        for (ConnectorDescription.Field field : fields) {
            html.append(input(field, current.get(field.name()), draft.get(PREFIX + field.name()), disabled));
        }
        return html.toString();
    }

    private static String input(ConnectorDescription.Field field, String currentJson, String draft,
            boolean disabled) {
        String name = Html.text(PREFIX + field.name());
        String id = Html.text("field-" + field.name());
        String off = disabled ? " disabled" : "";
        String shown = draft != null ? draft : shownValue(field, currentJson);
        String required = field.required() ? " <span class=\"muted\">(required)</span>" : "";
        String help = field.description() == null || field.description().isBlank() ? ""
                : "<p class=\"help\">" + Html.text(field.description()) + "</p>";
        String hint = "<p class=\"help\">" + Html.text(field.type().label()) + ": " + Html.text(expected(field))
                + (field.defaultJson() == null ? "" : "; default " + field.defaultJson()) + "</p>";
        return switch (field.type()) {
            case BOOLEAN -> "<input type=\"hidden\" name=\"" + Html.text("present." + field.name()) + "\" value=\"1\">"
                    + "<label class=\"check\" for=\"" + id + "\"><input type=\"checkbox\" id=\"" + id + "\" name=\""
                    + name + "\" value=\"true\"" + ("true".equals(shown) ? " checked" : "") + off + "> "
                    + Html.text(field.name()) + "</label>" + help;
            case SECRET -> "<label for=\"" + id + "\">" + Html.text(field.name()) + required + "</label>"
                    // A secret is never sent back to the browser, not even as the value typed before.
                    + "<input type=\"password\" id=\"" + id + "\" name=\"" + name + "\" autocomplete=\"new-password\""
                    + off + ">" + help + "<p class=\"help\">secret: bound to the app's "
                    + Html.text(SecretReference.nameOf(field.name()))
                    + " reference, never shown</p>";
            case INTEGER -> "<label for=\"" + id + "\">" + Html.text(field.name()) + required + "</label>"
                    + "<input type=\"number\" step=\"1\" id=\"" + id + "\" name=\"" + name + "\" value=\""
                    + Html.text(shown) + "\"" + off + ">" + help + hint;
            case CHOICE -> "<label for=\"" + id + "\">" + Html.text(field.name()) + required + "</label>"
                    + "<select id=\"" + id + "\" name=\"" + name + "\"" + off + ">" + options(field, shown)
                    + "</select>" + help + hint + staleChoice(field, shown);
            case OBJECT -> "<label for=\"" + id + "\">" + Html.text(field.name()) + required + "</label>"
                    + "<textarea id=\"" + id + "\" name=\"" + name + "\"" + off + ">" + Html.text(shown)
                    + "</textarea>" + help + hint;
            default -> "<label for=\"" + id + "\">" + Html.text(field.name()) + required + "</label>"
                    + "<input type=\"text\" id=\"" + id + "\" name=\"" + name + "\" value=\"" + Html.text(shown)
                    + "\"" + off + ">" + help + hint;
        };
    }

    /**
     * A choice field's options, the shown value selected. An empty option ("not set") comes first when the field is
     * optional or the shown value is none of the choices, so that the form never picks a choice the user did not.
     */
    private static String options(ConnectorDescription.Field field, String shown) {
        StringBuilder html = new StringBuilder();
        if (!field.required() || !field.choices().contains(shown)) {
            html.append("<option value=\"\"").append(field.choices().contains(shown) ? "" : " selected")
                    .append("></option>");
        }
        for (String choice : field.choices()) {
            html.append("<option value=\"").append(Html.text(choice)).append("\"")
                    .append(choice.equals(shown) ? " selected" : "").append(">").append(Html.text(choice))
                    .append("</option>");
        }
        return html.toString();
    }

    /**
     * A stored value the descriptor no longer offers (its choices changed since it was saved) is named, so that "not
     * set" in the select box does not hide it.
     */
    private static String staleChoice(ConnectorDescription.Field field, String shown) {
        return shown.isEmpty() || field.choices().contains(shown) ? ""
                : "<p class=\"help error-text\">The saved value '" + Html.text(shown) + "' is no longer one of the "
                        + "choices; pick one of " + Html.text(String.join(", ", field.choices())) + "</p>";
    }

    /** What a value of the field looks like, completing "enter …": a choice field names its choices. */
    private static String expected(ConnectorDescription.Field field) {
        return field.type() == FieldType.CHOICE ? "one of " + String.join(", ", field.choices())
                : field.type().expected();
    }

    /** A field's current value as its input shows it: text without quotes, a number, an object's JSON. */
    private static String shownValue(ConnectorDescription.Field field, String currentJson) {
        String json = currentJson != null ? currentJson : field.defaultJson();
        if (json == null || field.type() == FieldType.SECRET) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? "" : node.isTextual() ? node.asText() : node.toString();
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    /**
     * Reads the fields of a submitted form. A blank optional field is left out (the app applies its default); a
     * blank secret is left out of {@code secrets}.
     *
     * @param form the submitted form
     * @param what the form's name in messages: {@code connector configuration}
     */
    public static Parsed parse(List<ConnectorDescription.Field> fields, FormData form, String what) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ConnectorDescription.Field field : fields) {
            String input = PREFIX + field.name();
            if (field.type() == FieldType.BOOLEAN) {
                if (form.has(input) || form.has("present." + field.name())) {
                    values.put(field.name(), form.all(input).contains("true"));
                }
                continue;
            }
            String text = form.text(input);
            if (text.isEmpty()) {
                if (field.required() && field.type() != FieldType.SECRET) {
                    problems.add(what + ": " + field.name() + " is required; enter " + expected(field));
                }
                continue;
            }
            if (field.type() == FieldType.SECRET) {
                secrets.put(field.name(), form.first(input).orElse(""));
                continue;
            }
            Optional<JsonNode> value = value(field.type(), text);
            Optional<String> problem = value.isEmpty() ? Optional.of("it must be " + field.type().expected())
                    : field.type().problemOfJson(value.get().toString());
            if (problem.isEmpty() && field.type() == FieldType.CHOICE && !field.choices().contains(text)) {
                problem = Optional.of("it is not one of the choices");
            }
            if (problem.isPresent()) {
                problems.add(what + ": " + field.name() + " '" + text + "' is not valid: " + problem.get()
                        + "; enter " + expected(field));
                continue;
            }
            values.set(field.name(), value.get());
        }
        return new Parsed(values, secrets, problems);
    }

    /** The typed text as the JSON value of its type; empty when it cannot be one (a number that is no number). */
    private static Optional<JsonNode> value(FieldType type, String text) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (type) {
            case INTEGER:
                try {
                    return Optional.of(nodes.numberNode(Long.parseLong(text)));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            case OBJECT:
                try {
                    JsonNode node = JSON.readTree(text);
                    return node == null ? Optional.empty() : Optional.of(node);
                } catch (JsonProcessingException e) {
                    return Optional.empty();
                }
            default:
                return Optional.of(nodes.textNode(text));
        }
    }

    /** The form's non-secret inputs, to show them again after a refusal. */
    public static Map<String, String> draft(List<ConnectorDescription.Field> fields, FormData form) {
        Map<String, String> draft = new LinkedHashMap<>();
        for (ConnectorDescription.Field field : fields) {
            if (field.type() == FieldType.SECRET) {
                continue;
            }
            String input = PREFIX + field.name();
            if (field.type() == FieldType.BOOLEAN) {
                draft.put(input, String.valueOf(form.all(input).contains("true")));
            } else if (form.has(input)) {
                draft.put(input, form.first(input).orElse(""));
            }
        }
        return draft;
    }
}
