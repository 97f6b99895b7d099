package io.connectorkit.plugin.settings;

/**
 * One setting's value and where it came from.
 *
 * @param property the {@code -D} property that names the setting, such as {@code connector.appName}
 * @param value the value; {@code null} for a setting that no source gives and that has no default
 * @param origin the kind of source that gave it
 * @param from the source as a message names it, such as {@code -Dconnector.appName} or
 *     {@code the descriptor's app.name}
 */
public record Setting(String property, String value, Origin origin, String from) {

    /** The kinds of source, from the one that wins to the default. */
    public enum Origin {
        /** The goal's {@code <configuration>} in the POM, or a {@code <properties>} entry of the project. */
        POM,
        /** A {@code -D} property of the Maven command line. */
        COMMAND_LINE,
        /** An environment variable. */
        ENVIRONMENT,
        /** The Snowflake CLI's {@code config.toml}. */
        CLI_CONFIG,
        /** Nothing gave it: the kit's default. */
        DEFAULT,
        /** Nothing gave it, and it has no default. */
        NONE
    }

    /** The setting for a log line, such as {@code connector.appName = demo (from -Dconnector.appName)}. */
    public String describe() {
        return property + " = " + (value == null ? "(none)" : value) + " (from " + from + ")";
    }
}
