package io.connectorkit.plugin.maven;

import io.connectorkit.plugin.settings.SettingsResolver;
import io.connectorkit.plugin.snowflake.SnowflakeCliFiles;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;

/** The sources of a goal's settings, taken from Maven for the Maven-free {@link SettingsResolver}. */
public final class GoalSettings {

    private GoalSettings() {}

    /**
     * @param parameters the goal's parameters by their {@code -D} property, as Maven injected them
     * @param session the build, whose {@code -D} properties (user and system) tell a command-line value from the POM's
     */
    public static SettingsResolver resolver(Map<String, String> parameters, MavenSession session) {
        Map<String, String> commandLine = new HashMap<>();
        if (session != null) {
            copy(session.getSystemProperties(), commandLine);
            copy(session.getUserProperties(), commandLine);
        }
        return new SettingsResolver(
                parameters,
                commandLine,
                System.getenv(),
                () -> SnowflakeCliFiles.ofThisMachine().defaultConnection());
    }

    private static void copy(Properties properties, Map<String, String> into) {
        if (properties != null) {
            properties.stringPropertyNames().stream()
                    .filter(name -> name.startsWith("connector."))
                    .forEach(name -> into.put(name, properties.getProperty(name)));
        }
    }
}
