package io.connectorkit.plugin.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.checks.TelemetryChecks;
import io.connectorkit.plugin.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** manifest.telemetry of connector.yaml: read, checked, rendered into manifest.yml's configuration. */
class TelemetryDescriptorTest {

    @TempDir
    Path project;

    @Test
    void aDescriptorWithoutTelemetryKeepsInfoAndOnEventAndDeclaresNoEvents() throws Exception {
        Descriptor descriptor = load("app: {name: a}\n");

        assertThat(descriptor.manifest().telemetry()).isEqualTo(Telemetry.DEFAULT);
        assertThat(manifest())
                .contains("configuration:\n  log_level: INFO\n  trace_level: ON_EVENT\n")
                .doesNotContain("telemetry_event_definitions");
    }

    @Test
    void theLevelsAndEventDefinitionsAreRenderedIntoTheManifest() throws Exception {
        Descriptor descriptor = load("""
                app: {name: a}
                manifest:
                  telemetry:
                    logLevel: debug
                    traceLevel: ALWAYS
                    events:
                      - {type: ERRORS_AND_WARNINGS, sharing: MANDATORY}
                      - {type: DEBUG_LOGS, sharing: optional}
                """);

        assertThat(descriptor.manifest().telemetry())
                .isEqualTo(new Telemetry(
                        "DEBUG",
                        "ALWAYS",
                        List.of(
                                new Telemetry.EventDefinition("ERRORS_AND_WARNINGS", "MANDATORY"),
                                new Telemetry.EventDefinition("DEBUG_LOGS", "OPTIONAL"))));
        assertThat(descriptor.manifest().telemetry().hasMandatoryEvents()).isTrue();
        String manifest = manifest();
        assertThat(manifest).contains("""
                configuration:
                  log_level: DEBUG
                  trace_level: ALWAYS
                  telemetry_event_definitions:
                    - type: ERRORS_AND_WARNINGS
                      sharing: MANDATORY
                    - type: DEBUG_LOGS
                      sharing: OPTIONAL
                """);
        assertThat(TelemetryChecks.manifest("snowflake/manifest.yml", manifest)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            logLevel: LOUD | 4 | manifest.telemetry.logLevel: 'LOUD' is not a logLevel; write one of OFF, TRACE, DEBUG, INFO, WARN, ERROR, FATAL (default INFO)
            traceLevel: 3 | 4 | manifest.telemetry.traceLevel: 3 is not a traceLevel; write one of OFF, ALWAYS, ON_EVENT (default ON_EVENT)
            events: [{type: EVERYTHING, sharing: MANDATORY}] | 4 | manifest.telemetry.events[0].type: 'EVERYTHING' is not an event definition type; write one of ALL, ALL_EVENTS, ERRORS_AND_WARNINGS, TRACES, USAGE_LOGS, DEBUG_LOGS, METRICS
            events: [{type: DEBUG_LOGS, sharing: SOMETIMES}] | 4 | manifest.telemetry.events[0].sharing: 'SOMETIMES' is not a sharing; write one of MANDATORY, OPTIONAL
            events: [{type: DEBUG_LOGS}] | 4 | manifest.telemetry.events[0].sharing: 'sharing' is missing; write one of MANDATORY, OPTIONAL
            events: [{type: DEBUG_LOGS, sharing: OPTIONAL}, {type: DEBUG_LOGS, sharing: MANDATORY}] | 4 | manifest.telemetry.events[1].type: the type DEBUG_LOGS is declared by events[0] already; declare each type once
            logLevels: INFO | 4 | manifest.telemetry.logLevels: unknown key 'logLevels'; did you mean 'logLevel'?
            events: DEBUG_LOGS | 4 | manifest.telemetry.events: expected a list (items starting with '- '), but found
            """)
    void aBadValueIsNamedWithItsLineAndTheFix(String line, int lineNumber, String problem) throws Exception {
        Path file = write("app: {name: a}\nmanifest:\n  telemetry:\n    " + line + "\n");

        assertThatThrownBy(() -> DescriptorLoader.load(file, project, "1.0"))
                .isInstanceOf(DescriptorException.class)
                .satisfies(error -> assertThat(((DescriptorException) error).problems())
                        .singleElement()
                        .asString()
                        .startsWith("src/main/connector/connector.yaml:" + lineNumber + ": ")
                        .contains(problem));
    }

    @Test
    void debugLogsAreRefusedWhenTheAppLogsNothing() throws Exception {
        Path file = write("app: {name: a}\nmanifest:\n  telemetry:\n    logLevel: OFF\n    events:\n"
                + "      - {type: DEBUG_LOGS, sharing: OPTIONAL}\n");

        assertThatThrownBy(() -> DescriptorLoader.load(file, project, "1.0"))
                .hasMessageContaining(
                        "manifest.telemetry.events[0].type: DEBUG_LOGS shares log messages, but logLevel " + "is OFF");
    }

    @Test
    void offIsRenderedQuotedSinceYamlWouldReadItAsFalse() throws Exception {
        Descriptor descriptor = load("app: {name: a}\nmanifest:\n  telemetry: {logLevel: OFF, traceLevel: \"off\"}\n");

        assertThat(descriptor.manifest().telemetry().logLevel()).isEqualTo("OFF");
        String manifest = manifest();
        assertThat(manifest).contains("  log_level: \"OFF\"\n  trace_level: \"OFF\"\n");
        assertThat(TelemetryChecks.manifest("snowflake/manifest.yml", manifest)).isEmpty();
    }

    @Test
    void theStaticChecksRefuseATemplateOverridesUnknownTelemetry() {
        String manifest = """
                manifest_version: 2
                configuration:
                  log_level: VERBOSE
                  trace_level: ON_EVENT
                  telemetry_event_definitions:
                    - type: ERRORS_AND_WARNINGS
                      sharing: ALWAYS
                    - type: ERRORS_AND_WARNINGS
                      sharing: OPTIONAL
                """;

        assertThat(TelemetryChecks.manifest("snowflake/manifest.yml", manifest))
                .containsExactly(
                        "snowflake/manifest.yml: configuration.log_level is 'VERBOSE', not one of OFF, TRACE, DEBUG, INFO, "
                                + "WARN, ERROR, FATAL; set manifest.telemetry in connector.yaml, or fix the template override",
                        "snowflake/manifest.yml: configuration.telemetry_event_definitions[0].sharing is 'ALWAYS', not "
                                + "MANDATORY or OPTIONAL; set manifest.telemetry in connector.yaml, or fix the template override",
                        "snowflake/manifest.yml: configuration.telemetry_event_definitions[1] declares ERRORS_AND_WARNINGS a "
                                + "second time; declare each type once; set manifest.telemetry in connector.yaml, or fix the "
                                + "template override");
    }

    @Test
    void theFullFixturesTelemetryIsRead() throws Exception {
        assertThat(TestProjects.descriptor("full").manifest().telemetry().events())
                .extracting(Telemetry.EventDefinition::name)
                .containsExactly("SNOWFLAKE$ERRORS_AND_WARNINGS", "SNOWFLAKE$USAGE_LOGS");
    }

    private Descriptor load(String yaml) throws Exception {
        return DescriptorLoader.load(write(yaml), project, "1.0");
    }

    private Path write(String yaml) throws Exception {
        Path file = project.resolve("src/main/connector/connector.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    private String manifest() throws Exception {
        return TestProjects.render(project).get("snowflake/manifest.yml");
    }
}
