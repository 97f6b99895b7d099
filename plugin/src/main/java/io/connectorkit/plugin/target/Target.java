package io.connectorkit.plugin.target;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a goal finds the app: the embedded target (an H2 database, offline) or a Snowflake account. */
public enum Target {
    /** The embedded app under {@code connector.localHome}; the default. */
    LOCAL,
    /** A Snowflake account reached with snowflake-jdbc. */
    SNOWFLAKE;

    /** The {@code connector.target} value; the one resolver every goal that talks to an app uses. */
    public static Target resolve(String value) {
        String name = value == null || value.isBlank() ? "local" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(target -> target.label().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("connector.target '" + value + "' is not a target; use "
                        + Arrays.stream(values()).map(Target::label).collect(Collectors.joining(" or "))
                        + " (local, the embedded app, is the default)"));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
