package io.connectorkit.fake.snowflake;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stage commands the fake carries out itself: PUT, LIST (LS) and REMOVE (RM). */
sealed interface StageCommand permits StageCommand.Put, StageCommand.ListFiles, StageCommand.Remove {

    Pattern OPTION = Pattern.compile("(\\w+)\\s*=\\s*(?:'([^']*)'|([^\\s;]+))");

    /**
     * {@code PUT file://<localPath> @<stage>[/<dir>] [AUTO_COMPRESS=..] [OVERWRITE=..] [PARALLEL=n]
     * [SOURCE_COMPRESSION=..]}, with Snowflake's defaults for the options left out.
     *
     * @param localPath the path after {@code file://}, exactly as the driver reads it from the statement, which it
     *                  checks the server's answer against
     */
    record Put(
            String localPath,
            StageLocation target,
            boolean autoCompress,
            boolean overwrite,
            int parallel,
            String sourceCompression)
            implements StageCommand {}

    /** {@code LIST @<stage>[/<prefix>] [PATTERN = '<regex>']}. */
    record ListFiles(StageLocation location, Optional<Pattern> pattern) implements StageCommand {}

    /** {@code REMOVE @<stage>[/<prefix>] [PATTERN = '<regex>']}. */
    record Remove(StageLocation location, Optional<Pattern> pattern) implements StageCommand {}

    /** The stage command a statement is, if it is one. */
    static Optional<StageCommand> parse(String sql) {
        Tokens tokens = new Tokens(StatementType.withoutLeadingComments(sql));
        String keyword = tokens.next().toUpperCase(Locale.ROOT);
        return switch (keyword) {
            case "PUT" -> Optional.of(put(tokens));
            case "LIST", "LS" -> Optional.of(new ListFiles(StageLocation.parse(tokens.next()), pattern(tokens)));
            case "REMOVE", "RM" -> Optional.of(new Remove(StageLocation.parse(tokens.next()), pattern(tokens)));
            default -> Optional.empty();
        };
    }

    private static Put put(Tokens tokens) {
        String source = tokens.next();
        boolean quoted = tokens.lastWasQuoted();
        if (!source.regionMatches(true, 0, "file://", 0, "file://".length())) {
            throw new IllegalArgumentException("PUT needs a file:// source, not " + source);
        }
        // The driver unescapes doubled backslashes in a quoted path before comparing it with our answer.
        String localPath = source.substring("file://".length());
        if (quoted) {
            localPath = localPath.replace("\\\\", "\\");
        }
        StageLocation target = StageLocation.parse(tokens.next());
        Map<String, String> options = options(tokens.rest());
        return new Put(
                localPath,
                target,
                Boolean.parseBoolean(options.getOrDefault("AUTO_COMPRESS", "true")),
                Boolean.parseBoolean(options.getOrDefault("OVERWRITE", "false")),
                Integer.parseInt(options.getOrDefault("PARALLEL", "4")),
                options.getOrDefault("SOURCE_COMPRESSION", "auto_detect").toLowerCase(Locale.ROOT));
    }

    private static Optional<Pattern> pattern(Tokens tokens) {
        return Optional.ofNullable(options(tokens.rest()).get("PATTERN")).map(Pattern::compile);
    }

    private static Map<String, String> options(String text) {
        Map<String, String> options = new HashMap<>();
        Matcher matcher = OPTION.matcher(text);
        while (matcher.find()) {
            String value = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            options.put(matcher.group(1).toUpperCase(Locale.ROOT), value);
        }
        return options;
    }

    /** The words of a statement: runs of non-blanks, or text in single quotes. */
    final class Tokens {

        private final String text;
        private int position;
        private boolean lastWasQuoted;

        Tokens(String text) {
            this.text = text;
        }

        String next() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            lastWasQuoted = position < text.length() && text.charAt(position) == '\'';
            if (lastWasQuoted) {
                int end = text.indexOf('\'', position + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("Unclosed quote in: " + text);
                }
                String token = text.substring(position + 1, end);
                position = end + 1;
                return token;
            }
            int start = position;
            while (position < text.length()
                    && !Character.isWhitespace(text.charAt(position))
                    && text.charAt(position) != ';') {
                position++;
            }
            return text.substring(start, position);
        }

        boolean lastWasQuoted() {
            return lastWasQuoted;
        }

        String rest() {
            return text.substring(position);
        }
    }
}
