package io.connectorkit.plugin.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A value of a {@link YamlFile} with its place: the pointer ({@code /resources/0/id}), hence the path messages show
 * ({@code resources[0].id}) and the line. Its typed accessors report what they cannot accept to the file, each in the
 * one wording every loader uses, and answer {@code null}, empty or the given default, so that reading goes on and
 * every problem is reported at once.
 *
 * <p>A value that is missing and one written as YAML null ({@code key:} or {@code key: ~}) are both absent.
 */
public final class YamlNode {

    private static final String A_LIST = "a list (items starting with '- ')";
    private static final String A_MAPPING = "a mapping of keys";

    private final YamlFile file;
    private final String pointer;
    private final JsonNode value;

    YamlNode(YamlFile file, String pointer, JsonNode value) {
        this.file = file;
        this.pointer = pointer;
        this.value = value;
    }

    /** The value's pointer into the file, such as {@code /resources/0/id}; empty for the root. */
    public String pointer() {
        return pointer;
    }

    /** The value's path as messages write it, such as {@code resources[0].id}. */
    public String path() {
        return YamlText.path(pointer);
    }

    /** The line of the value, or of its nearest parent that the file has. */
    public int line() {
        return file.line(pointer);
    }

    /** The value as Jackson read it; {@code null} when the key is missing. */
    public JsonNode value() {
        return value;
    }

    /** Whether there is no value: the key is missing or its value is YAML null. */
    public boolean isAbsent() {
        return value == null || value.isNull();
    }

    /** The value as a message shows it: text quoted, mappings and lists by their kind. */
    public String describe() {
        return value == null ? "nothing" : YamlText.describe(value);
    }

    /** Records a problem of this value. */
    public void problem(String message) {
        file.problem(pointer, message);
    }

    /** Whether this mapping has the key, with any value (YAML null included). */
    public boolean has(String key) {
        return value != null && value.isObject() && value.has(key);
    }

    /** The value of the key in this mapping; absent when there is none (or this is no mapping). */
    public YamlNode get(String key) {
        return new YamlNode(file, pointer + "/" + key, value != null && value.isObject() ? value.get(key) : null);
    }

    /** The item at the index of this list; absent when there is none (or this is no list). */
    public YamlNode get(int index) {
        return new YamlNode(file, pointer + "/" + index, value != null && value.isArray() ? value.get(index) : null);
    }

    /**
     * This value as a mapping: empty when it is absent, and when it is something else (reported as
     * {@code expected a mapping of keys, but found …}).
     */
    public Optional<YamlNode> mapping() {
        return mapping(A_MAPPING, null);
    }

    /**
     * This value as a mapping, the problem worded for the place.
     *
     * @param expected what the place holds, such as {@code a resource (a mapping of its keys)}
     * @param fix appended after {@code ; }, or {@code null}
     */
    public Optional<YamlNode> mapping(String expected, String fix) {
        if (isAbsent()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            expected(expected, fix);
            return Optional.empty();
        }
        return Optional.of(this);
    }

    /**
     * This value as a mapping that must be there, such as an item of a list of mappings: empty, and reported, when
     * it is absent or something else.
     */
    public Optional<YamlNode> requiredMapping(String expected, String fix) {
        if (isAbsent()) {
            expected(expected, fix);
            return Optional.empty();
        }
        return mapping(expected, fix);
    }

    /**
     * The items of this list: none when it is absent, and when it is something else (reported as
     * {@code expected a list (items starting with '- '), but found …}).
     */
    public List<YamlNode> list() {
        return list(A_LIST, null);
    }

    /**
     * The items of this list, the problem worded for the place.
     *
     * @param expected what the place holds, such as {@code a list of resources (items starting with '- ')}
     * @param fix appended after {@code ; }, or {@code null}
     */
    public List<YamlNode> list(String expected, String fix) {
        if (isAbsent()) {
            return List.of();
        }
        if (!value.isArray()) {
            expected(expected, fix);
            return List.of();
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(get(i));
        }
        return items;
    }

    /** The keys and values of this mapping in the file's order; none when this is no mapping. */
    public Map<String, YamlNode> entries() {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        if (value != null && value.isObject()) {
            value.fieldNames().forEachRemaining(key -> entries.put(key, get(key)));
        }
        return entries;
    }

    /**
     * Reports each key of this mapping that is not allowed, with the allowed key it most likely meant:
     * {@code unknown key 'titel'; did you mean 'title'? the keys of prerequisites[0] are id, title, …}.
     */
    public void knownKeys(Collection<String> allowed) {
        knownKeys(allowed, "the keys of " + (pointer.isEmpty() ? "the file" : path()));
    }

    /**
     * Reports each key of this mapping that is not allowed.
     *
     * @param what what the allowed keys are, such as {@code the sections of a configuration file}
     */
    public void knownKeys(Collection<String> allowed, String what) {
        for (String key : entries().keySet()) {
            if (!allowed.contains(key)) {
                String near = YamlText.closest(key, allowed).map(name -> "did you mean '" + name + "'? ").orElse("");
                get(key).problem("unknown key '" + key + "'; " + near + what + " are "
                        + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
            }
        }
    }

    /**
     * The text of the key, or {@code null} when it is absent or not text. A number counts as its text, since YAML
     * reads {@code version: 1.0} as one; a blank text is returned as it is.
     */
    public String text(String key) {
        YamlNode child = get(key);
        if (child.isAbsent()) {
            return null;
        }
        if (!child.value.isTextual() && !child.value.isNumber()) {
            child.problem("expected text, but found " + child.describe());
            return null;
        }
        return child.value.asText();
    }

    /** The non-blank text of the key; {@code null} when it is missing, blank or not text (each reported). */
    public String requiredText(String key) {
        return requiredText(key, null);
    }

    /**
     * The non-blank text of the key.
     *
     * @param purpose what the value is for, added to the message when it is missing or blank; or {@code null}
     */
    public String requiredText(String key, String purpose) {
        String because = purpose == null ? "" : " (" + purpose + ")";
        YamlNode child = get(key);
        if (child.isAbsent()) {
            child.problem("'" + key + "' is missing; it is required here" + because);
            return null;
        }
        String text = text(key);
        if (text != null && text.isBlank()) {
            child.problem("'" + key + "' is empty; give it a value" + because);
            return null;
        }
        return text;
    }

    /** The key's value, one of the allowed texts exactly; {@code null} when it is missing or another (reported). */
    public String oneOf(String key, List<String> allowed) {
        YamlNode child = get(key);
        if (child.isAbsent()) {
            child.problem("'" + key + "' is missing; use one of " + String.join(", ", allowed));
            return null;
        }
        if (!child.value.isTextual() || !allowed.contains(child.value.asText())) {
            child.problem(child.describe() + " is not a valid " + key + "; use one of " + String.join(", ", allowed));
            return null;
        }
        return child.value.asText();
    }

    /** The key's true or false; {@code whenAbsent} when it is absent or not a boolean (reported). */
    public boolean bool(String key, boolean whenAbsent) {
        YamlNode child = get(key);
        if (child.isAbsent()) {
            return whenAbsent;
        }
        if (!child.value.isBoolean()) {
            child.problem(child.describe() + " is not true or false; write " + key + ": true or " + key + ": false");
            return whenAbsent;
        }
        return child.value.asBoolean();
    }

    /**
     * This value as a whole number from {@code min} to {@code max}; {@code null} when it is absent, and when it is
     * another value (reported as {@code <value> is not <what>; <fix>}).
     */
    public Integer integer(int min, int max, String what, String fix) {
        if (isAbsent()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            problem(describe() + " is not " + what + "; " + fix);
            return null;
        }
        return value.asInt();
    }

    private void expected(String expected, String fix) {
        problem("expected " + expected + ", but found " + describe() + (fix == null ? "" : "; " + fix));
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(root)" : path()) + " = " + value;
    }
}
