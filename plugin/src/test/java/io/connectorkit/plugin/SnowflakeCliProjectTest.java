package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.maven.SnowflakeTarget;
import io.connectorkit.plugin.settings.SettingsResolver;
import io.connectorkit.plugin.snowflake.NativeAppInstaller;
import io.connectorkit.plugin.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated snowflake.yml, for {@code snow app run}: what the Snowflake CLI's project definition v2 needs, and
 * names apart from the app connector:deploy installs, since each tool refuses an app or package the other created.
 */
class SnowflakeCliProjectTest {

    @Test
    void theCliProjectNamesItsOwnAppAndPackageAndItsManifest() throws Exception {
        Map<String, String> app = TestProjects.render("full");
        JsonNode entities = new ObjectMapper(new YAMLFactory()).readTree(app.get("snowflake.yml")).path("entities");
        Descriptor descriptor = TestProjects.descriptor("full");
        SettingsResolver defaults = new SettingsResolver(Map.of(), Map.of(), Map.of());
        NativeAppInstaller.Request deployed = SnowflakeTarget.request(descriptor,
                defaults.appName(descriptor.app().name()).value(), defaults.packageName(descriptor.app().name()).value(),
                null, false, false, false, null);

        JsonNode pkg = entities.path("pkg");
        assertThat(pkg.path("type").asText()).isEqualTo("application package");
        // Snowflake CLI 3.0 and 3.1 require the manifest's path in the project (project definition v2).
        assertThat(pkg.path("manifest").asText()).isEqualTo("snowflake/manifest.yml");
        assertThat(app).containsKey(pkg.path("manifest").asText());
        assertThat(pkg.path("artifacts").get(0).path("src").asText()).isEqualTo("snowflake/*");
        assertThat(pkg.path("identifier").asText()).isEqualTo("github_connector_cli_pkg")
                .isNotEqualToIgnoringCase(deployed.pkg());
        assertThat(entities.path("app").path("identifier").asText()).isEqualTo("github_connector_cli")
                .isNotEqualToIgnoringCase(deployed.app());
        assertThat(entities.path("app").path("from").path("target").asText()).isEqualTo("pkg");
    }

    @Test
    void everyJavaProcedurePinsTheDescriptorsSnowparkVersion(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("src/main/connector"));
        Files.writeString(project.resolve("src/main/connector/connector.yaml"),
                "app:\n  name: pinned\n  snowparkVersion: 1.16.0\n");

        String setup = TestProjects.render(project).get("snowflake/setup.sql");

        Matcher packages = Pattern.compile("PACKAGES = \\(([^)]*)\\)").matcher(setup);
        List<String> pinned = packages.results().map(result -> result.group(1)).distinct().toList();
        // Snowflake's telemetry library is served only by Snowflake (not Maven Central) and its docs name no version,
        // only latest (https://docs.snowflake.com/en/developer-guide/logging-tracing/tracing-java).
        assertThat(pinned).containsExactly("'com.snowflake:snowpark:1.16.0', 'com.snowflake:telemetry:latest'");

        Files.writeString(project.resolve("src/main/connector/connector.yaml"),
                "app:\n  name: pinned\n  snowparkVersion: 1.16.0\nmanifest:\n  telemetry:\n    traceLevel: \"OFF\"\n");
        String untraced = TestProjects.render(project).get("snowflake/setup.sql");
        assertThat(Pattern.compile("PACKAGES = \\(([^)]*)\\)").matcher(untraced).results()
                .map(result -> result.group(1)).distinct()).as("no traces, no telemetry library")
                .containsExactly("'com.snowflake:snowpark:1.16.0'");
    }
}
