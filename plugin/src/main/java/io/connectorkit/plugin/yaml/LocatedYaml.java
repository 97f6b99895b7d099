package io.connectorkit.plugin.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;

/**
 * A YAML document read into a JSON tree that remembers the line of every node, so that a problem found later can
 * name where it is. Keys given twice in one mapping are refused here.
 */
public final class LocatedYaml {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedYaml(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    /** Parses the text; a YAML error or a duplicate key raises {@link YamlProblem} with its line. */
    public static LocatedYaml parse(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new LocatedYaml(null, lines);
            }
            JsonNode root = read(parser, "", lines);
            if (parser.nextToken() != null) {
                throw new YamlProblem(line(parser), "the file holds more than one YAML document; keep one");
            }
            return new LocatedYaml(root, lines);
        } catch (IOException e) {
            // SnakeYAML explains in several lines; keep its sentences, drop the pointers and the quoted source lines.
            List<String> explanation = e.getMessage().lines().map(String::strip).toList();
            List<String> sentences = new ArrayList<>();
            for (int i = 0; i < explanation.size(); i++) {
                String line = explanation.get(i);
                boolean quotedSource = i + 1 < explanation.size() && explanation.get(i + 1).startsWith("^");
                if (!line.isEmpty() && !quotedSource && !line.startsWith("in 'reader'") && !line.startsWith("at [")
                        && !line.startsWith("^")) {
                    sentences.add(line);
                }
            }
            String reason = String.join(": ", sentences);
            int line = e instanceof JsonProcessingException processing
                    && processing.getLocation() != null ? processing.getLocation().getLineNr() : 0;
            throw new YamlProblem(line, "the YAML cannot be read: " + reason);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** The line of the node at the path ({@code /prerequisites/0/id}), or of its nearest parent. */
    public int line(String path) {
        String current = path;
        while (true) {
            Integer line = lines.get(current);
            if (line != null || current.isEmpty()) {
                return line == null ? 1 : line;
            }
            current = current.substring(0, current.lastIndexOf('/'));
        }
    }

    private static JsonNode read(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
        lines.put(path, line(parser));
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    int keyLine = line(parser);
                    if (object.has(name)) {
                        throw new YamlProblem(keyLine, "the key '" + name + "' appears twice in the same mapping; "
                                + "keep one");
                    }
                    parser.nextToken();
                    String child = path + "/" + name;
                    object.set(name, read(parser, child, lines));
                    lines.put(child, keyLine);
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, path + "/" + index++, lines));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? nodes.numberNode(parser.getBigIntegerValue()) : nodes.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new YamlProblem(line(parser), "unexpected YAML content " + parser.currentToken());
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /** The text is not one well-formed YAML document. */
    public static final class YamlProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final int line;

        YamlProblem(int line, String message) {
            super(message);
            this.line = line;
        }
    }
}
