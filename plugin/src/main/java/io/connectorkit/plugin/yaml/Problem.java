package io.connectorkit.plugin.yaml;

/**
 * One problem of a file the kit reads, written the one way every loader writes it:
 * {@code file:line: path.to[0].field: what is wrong; the fix}.
 *
 * @param file the file as messages name it (relative to the project)
 * @param line the line of the value (or of its nearest parent); 0 when the file itself cannot be read
 * @param field the value's path in {@link YamlText#path(String)} form, empty for the whole file
 * @param message what is wrong and what to do
 */
public record Problem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
