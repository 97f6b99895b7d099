package io.connectorkit.fake.snowflake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A place in a stage as statements write it: {@code @DB.SCHEMA.STAGE/dir}, {@code @"Db"."Schema"."Stage"/dir},
 * {@code @app_src.stage}. Unquoted name parts are upper-cased and quoted ones kept as they are, the way Snowflake
 * resolves identifiers; names are not completed with the session's database or schema, so a test refers to a stage
 * the way the statements do.
 *
 * @param stage      the normalised name, its parts joined by dots: {@code DB.SCHEMA.STAGE}
 * @param simpleName the last part of the name: {@code STAGE}
 * @param path       the path after the name, without a leading slash: {@code dir/} or {@code dir/file.sql}
 */
record StageLocation(String stage, String simpleName, String path) {

    /** Parses a stage location with or without its leading {@code @}. */
    static StageLocation parse(String text) {
        String rest = text.strip();
        if (rest.startsWith("@")) {
            rest = rest.substring(1);
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (true) {
            int end;
            if (rest.startsWith("\"", i)) {
                end = closingQuote(rest, i);
                parts.add(rest.substring(i + 1, end).replace("\"\"", "\""));
                end++;
            } else {
                end = i;
                while (end < rest.length() && ".\"/".indexOf(rest.charAt(end)) < 0) {
                    end++;
                }
                parts.add(rest.substring(i, end).toUpperCase(Locale.ROOT));
            }
            if (end < rest.length() && rest.charAt(end) == '.') {
                i = end + 1;
                continue;
            }
            String path = end < rest.length() ? rest.substring(end).replaceFirst("^/+", "") : "";
            if (parts.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("Not a stage location: " + text);
            }
            return new StageLocation(String.join(".", parts), parts.get(parts.size() - 1), path);
        }
    }

    /** The path as a folder that file names are appended to: empty or ending with a slash. */
    String folder() {
        return path.isEmpty() || path.endsWith("/") ? path : path + "/";
    }

    /** How LIST and REMOVE name a file of this stage: the stage's own name in lower case, then the file's path. */
    String listedName(String filePath) {
        return simpleName.toLowerCase(Locale.ROOT) + "/" + filePath;
    }

    private static int closingQuote(String text, int open) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == '"') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("Unclosed quote in stage location: " + text);
    }
}
