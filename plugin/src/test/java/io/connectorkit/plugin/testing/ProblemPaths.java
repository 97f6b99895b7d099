package io.connectorkit.plugin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/** The one way the kit writes a path into a YAML file in its messages: {@code resources[0].id}. */
public final class ProblemPaths {

    /** A list index written as a key, such as {@code resources.0.id} or {@code prerequisites.1}. */
    private static final Pattern DOTTED_INDEX = Pattern.compile("[A-Za-z_\\]]\\.[0-9]+(?=[.\\[:,;)\\s]|$)");

    private ProblemPaths() {}

    /** Fails when the message writes a list index the other way, as {@code .0.}. */
    public static void assertBracketed(String message) {
        assertThat(DOTTED_INDEX.matcher(message).find())
                .as(
                        "a path with its index in brackets (resources[0].id), not dotted (resources.0.id), in:%n%s",
                        message)
                .isFalse();
    }
}
