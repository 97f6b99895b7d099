package io.connectorkit.plugin.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** How the kit's YAML files (descriptor, configuration) talk about what they hold, in messages. */
public final class YamlText {

    private YamlText() {
    }

    /** A value as a message shows it: text quoted, mappings and lists by their kind. */
    public static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }

    /**
     * A node's path as every message of the kit writes it, the way YAML users read it: keys joined by dots, list
     * indexes in brackets ({@code /resources/0/ingestionConfigurations/1/id} becomes
     * {@code resources[0].ingestionConfigurations[1].id}). Paths are those of {@link LocatedYaml#line(String)}; a
     * mapping key made only of digits reads as an index too, which none of the kit's files has.
     */
    public static String path(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                path.append('[').append(part).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(part);
            }
        }
        return path.toString();
    }

    /** The allowed key a mistyped one most likely meant, if any is close. */
    public static Optional<String> closest(String key, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int distance = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    /** The Levenshtein distance of the two texts, case as given. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
