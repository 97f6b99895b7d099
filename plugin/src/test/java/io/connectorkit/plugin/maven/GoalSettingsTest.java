package io.connectorkit.plugin.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.connectorkit.plugin.settings.Setting;
import io.connectorkit.plugin.settings.SettingsResolver;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.junit.jupiter.api.Test;

/** The build's -D properties, as the goals hand them to the settings resolver. */
class GoalSettingsTest {

    @Test
    void aValueGivenWithDashDIsToldFromThePomsOne() {
        Properties user = new Properties();
        user.setProperty("connector.appName", "cli_app");
        user.setProperty("connector.packageName", "cli_pkg");
        MavenSession session = mock(MavenSession.class);
        when(session.getUserProperties()).thenReturn(user);
        when(session.getSystemProperties()).thenReturn(new Properties());
        Map<String, String> parameters = new HashMap<>();
        // As Maven sets them: -D fills appName; the POM's <configuration> sets packageName and wins over -D.
        parameters.put(SettingsResolver.APP_NAME, "cli_app");
        parameters.put(SettingsResolver.PACKAGE_NAME, "pom_pkg");

        SettingsResolver settings = GoalSettings.resolver(parameters, session);

        assertThat(settings.appName("descriptor_app").origin()).isEqualTo(Setting.Origin.COMMAND_LINE);
        assertThat(settings.packageName("descriptor_app").value()).isEqualTo("pom_pkg");
        assertThat(settings.packageName("descriptor_app").from())
                .isEqualTo("the POM's <configuration>, which Maven lets win over -Dconnector.packageName");
    }

    @Test
    void aSystemPropertyCountsAsDashDAndAUserPropertyWinsOverIt() {
        Properties system = new Properties();
        system.setProperty("connector.connection", "from_maven_opts");
        system.setProperty("connector.appName", "system_app");
        Properties user = new Properties();
        user.setProperty("connector.appName", "user_app");
        MavenSession session = mock(MavenSession.class);
        when(session.getUserProperties()).thenReturn(user);
        when(session.getSystemProperties()).thenReturn(system);

        SettingsResolver settings = GoalSettings.resolver(Map.of(SettingsResolver.CONNECTION, "from_maven_opts",
                SettingsResolver.APP_NAME, "user_app"), session);

        assertThat(settings.connection().origin()).isEqualTo(Setting.Origin.COMMAND_LINE);
        assertThat(settings.appName("descriptor_app").origin()).isEqualTo(Setting.Origin.COMMAND_LINE);
    }

    @Test
    void withoutASessionEveryParameterIsThePoms() {
        SettingsResolver settings = GoalSettings.resolver(Map.of(SettingsResolver.APP_NAME, "pom_app"), null);

        assertThat(settings.appName("descriptor_app").describe()).isEqualTo("connector.appName = pom_app (from the POM)");
    }
}
