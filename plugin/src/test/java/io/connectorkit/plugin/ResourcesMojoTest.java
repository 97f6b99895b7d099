package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.local.LocalConnection;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.ProblemPaths;
import io.connectorkit.plugin.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** connector:resources on the embedded target: the app's resources follow the configuration file, idempotently. */
@MojoTest
class ResourcesMojoTest {

    static final String RESOURCES = """
            resources:
              - name: sdk issues
                resourceId: {owner: snowflakedb, repo: connectors-native-sdk}
                ingestionConfigurations:
                  - {id: issues, ingestionStrategy: INCREMENTAL, scheduleType: INTERVAL, scheduleDefinition: 60m}
              - id: docs
                name: docs
                resourceId: snowflakedb/docs
                enabled: false
                ingestionConfigurations:
                  - {id: nightly, ingestionStrategy: SNAPSHOT, scheduleType: CRON, scheduleDefinition: "0 2 * * *"}
            """;

    @TempDir
    Path folder;

    private MavenProject project;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    @BeforeEach
    void configuredApp(@InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle, @InjectMojo(goal = "deploy") DeployMojo deploy,
            @InjectMojo(goal = "configure") ConfigureMojo configure) throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        deploy.execute();
        project.getProperties().setProperty("github.token", ConfigureMojoTest.TOKEN);
        write(ConfigureMojoTest.CONFIGURATION);
        configure.execute();
    }

    @Test
    void createsTheListedResourcesThenChangesNothing(@InjectMojo(goal = "resources") ResourcesMojo resources)
            throws Exception {
        write(ConfigureMojoTest.CONFIGURATION + RESOURCES);
        resources.setLog(log);

        resources.execute();

        assertThat(log.infos).last().isEqualTo("Resources of embedded app github_connector: 2 created, 0 updated, "
                + "0 enabled, 0 disabled, 0 unchanged");
        assertThat(definitions()).isEqualTo("sdk issues enabled [issues SCHEDULED]\ndocs disabled []\n");
        String state = state();

        log.infos.clear();
        resources.execute();

        assertThat(log.infos).containsExactly("Resources of embedded app github_connector: up to date (nothing "
                + "changed), 2 listed");
        assertThat(state()).isEqualTo(state);
    }

    @Test
    void followsChangesAndDisablesWhatTheFileNoLongerLists(@InjectMojo(goal = "resources") ResourcesMojo resources)
            throws Exception {
        write(ConfigureMojoTest.CONFIGURATION + RESOURCES);
        resources.execute();
        write(ConfigureMojoTest.CONFIGURATION + """
                resources:
                  - id: docs
                    name: docs
                    resourceId: snowflakedb/docs
                    ingestionConfigurations:
                      - {id: nightly, ingestionStrategy: SNAPSHOT, scheduleType: CRON, scheduleDefinition: "0 2 * * *"}
                      - {id: hourly, ingestionStrategy: INCREMENTAL, scheduleType: INTERVAL, scheduleDefinition: 1h}
                """);
        resources.setLog(log);

        resources.execute();

        assertThat(log.infos).contains("Updated the ingestion configurations of resource docs", "Enabled resource docs",
                "Resources of embedded app github_connector: 0 created, 1 updated, 1 enabled, 1 disabled, 0 unchanged");
        assertThat(definitions()).isEqualTo("sdk issues disabled [issues FINISHED]\n"
                + "docs enabled [hourly SCHEDULED, nightly SCHEDULED]\n");
    }

    @Test
    void everyRefusalIsReportedWithItsLineAndWhatWasAppliedIsNamed(
            @InjectMojo(goal = "resources") ResourcesMojo resources) throws Exception {
        write(ConfigureMojoTest.CONFIGURATION + RESOURCES);
        resources.execute();
        String configuration = ConfigureMojoTest.CONFIGURATION + """
                resources:
                  - name: secret repo
                    resourceId: {owner: acme, repo: vault, private: true}
                    ingestionConfigurations:
                      - {id: issues, ingestionStrategy: INCREMENTAL, scheduleType: GLOBAL}
                  - name: public repo
                    resourceId: {owner: acme, repo: site}
                    ingestionConfigurations:
                      - {id: issues, ingestionStrategy: INCREMENTAL, scheduleType: GLOBAL}
                  - id: docs
                    name: docs
                    resourceId: snowflakedb/docs
                    ingestionConfigurations:
                      - {id: forbidden, ingestionStrategy: SNAPSHOT, scheduleType: GLOBAL}
                  - name: other secret
                    resourceId: {owner: acme, repo: keys, private: true}
                    ingestionConfigurations:
                      - {id: issues, ingestionStrategy: INCREMENTAL, scheduleType: GLOBAL}
                """;
        write(configuration);
        int first = lineOf(configuration, "  - name: secret repo");
        int docs = lineOf(configuration, "  - id: docs");
        int last = lineOf(configuration, "  - name: other secret");
        String file = "src/main/connector/configuration.yaml";

        assertThatThrownBy(resources::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("The app refused 3 of the 4 listed resources:"
                        + "\n  " + file + ":" + first + ": resource secret repo: CREATE_RESOURCE answered "
                        + "PRIVATE_REPOSITORY: Private repositories are not ingested."
                        + "\n  " + file + ":" + docs + ": resource docs: UPDATE_RESOURCE answered "
                        + "FORBIDDEN_CONFIGURATION: The configuration id forbidden is refused. (so it was not enabled "
                        + "either)"
                        + "\n  " + file + ":" + last + ": resource other secret: CREATE_RESOURCE answered "
                        + "PRIVATE_REPOSITORY: Private repositories are not ingested."
                        + "\n  Applied: created public repo (id " + idOf("public repo") + ")"
                        + "\n  Not disabled although the file no longer lists them, because of the refusals: "
                        + idOf("sdk issues") + " (sdk issues)"
                        + "\n  What to do: fix the refused resources in the resources section of the configuration "
                        + "file; then run connector:resources again; what was applied stays, and that run does not "
                        + "repeat it");
        assertThat(definitions()).isEqualTo("sdk issues enabled [issues SCHEDULED]\npublic repo enabled [issues "
                + "SCHEDULED]\ndocs disabled []\n");
    }

    @Test
    void aRefusedDisablingOfAnUnlistedResourceDoesNotStopTheOthers(
            @InjectMojo(goal = "resources") ResourcesMojo resources) throws Exception {
        write(ConfigureMojoTest.CONFIGURATION + RESOURCES + """
                  - id: pinned
                    name: pinned
                    resourceId: snowflakedb/pinned
                    ingestionConfigurations:
                      - {id: issues, ingestionStrategy: INCREMENTAL, scheduleType: GLOBAL}
                """);
        resources.execute();
        write(ConfigureMojoTest.CONFIGURATION + """
                resources:
                  - id: docs
                    name: docs
                    resourceId: snowflakedb/docs
                    ingestionConfigurations:
                      - {id: nightly, ingestionStrategy: SNAPSHOT, scheduleType: CRON, scheduleDefinition: "0 2 * * *"}
                """);
        String sdk = idOf("sdk issues");

        assertThatThrownBy(resources::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("The app refused disabling 1 resource the file no longer lists:"
                        + "\n  resource pinned (pinned), which the file no longer lists: DISABLE_RESOURCE answered "
                        + "PINNED_RESOURCE: The resource pinned stays enabled."
                        + "\n  Applied: enabled docs; disabled " + sdk + " (sdk issues)"
                        + "\n  What to do: see why the app keeps the unlisted ones with mvn connector:status, or list "
                        + "them again; then run connector:resources again; what was applied stays, and that run does "
                        + "not repeat it");
        assertThat(definitions()).isEqualTo("sdk issues disabled [issues FINISHED]\npinned enabled [issues "
                + "SCHEDULED]\ndocs enabled [nightly SCHEDULED]\n");
    }

    @Test
    void aRefusalAloneAppliesNothingAndSaysSo(@InjectMojo(goal = "resources") ResourcesMojo resources)
            throws Exception {
        write(ConfigureMojoTest.CONFIGURATION + """
                resources:
                  - name: secret repo
                    resourceId: {owner: acme, repo: vault, private: true}
                    ingestionConfigurations:
                      - {id: issues, ingestionStrategy: INCREMENTAL, scheduleType: GLOBAL}
                """);

        assertThatThrownBy(resources::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("The app refused 1 of the 1 listed resource:\n  "
                        + "src/main/connector/configuration.yaml:")
                .hasMessageContaining(": resource secret repo: CREATE_RESOURCE answered PRIVATE_REPOSITORY")
                .hasMessageContaining("\n  Applied: nothing\n");
        assertThat(definitions()).isEmpty();
    }

    @Test
    void everyProblemOfTheSectionIsReportedAtOnceAndNothingIsApplied(
            @InjectMojo(goal = "resources") ResourcesMojo resources) throws Exception {
        String configuration = ConfigureMojoTest.CONFIGURATION + """
                resources:
                  - name: fine
                    resourceId: fine
                    ingestionConfigurations:
                      - {id: a, ingestionStrategy: INCREMENTAL, scheduleType: GLOBAL}
                  - name: bad schedule
                    resourceId: bad
                    ingestionConfigurations:
                      - {id: a, ingestionStrategy: INCREMENTAL, scheduleType: INTERVAL, scheduleDefinition: 90s}
                  - name: bad strategy
                    resourceId: worse
                    enabled: maybe
                    ingestionConfigurations:
                      - {id: a, ingestionStrategy: FULL, scheduleType: GLOBAL}
                """;
        write(configuration);
        String file = "src/main/connector/configuration.yaml:";
        int schedule = lineOf(configuration, "scheduleDefinition: 90s}");
        int enabled = lineOf(configuration, "    enabled: maybe");
        int strategy = lineOf(configuration, "ingestionStrategy: FULL");

        assertThatThrownBy(resources::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("3 problems in the configuration file; nothing was called:")
                .hasMessageContaining(file + schedule + ": resources[1].ingestionConfigurations[0].scheduleDefinition: "
                        + "'90s' is not an interval")
                .hasMessageContaining(file + enabled + ": resources[2].enabled: 'maybe' is not true or false; write "
                        + "enabled: true or enabled: false")
                .hasMessageContaining(file + strategy + ": resources[2].ingestionConfigurations[0].ingestionStrategy: "
                        + "'FULL' is not a valid ingestionStrategy")
                .satisfies(e -> ProblemPaths.assertBracketed(e.getMessage()));
        assertThat(definitions()).isEmpty();
    }

    @Test
    void aFileWithoutResourcesLeavesTheAppsResourcesAlone(@InjectMojo(goal = "resources") ResourcesMojo resources)
            throws Exception {
        write(ConfigureMojoTest.CONFIGURATION + RESOURCES);
        resources.execute();
        write(ConfigureMojoTest.CONFIGURATION);
        resources.setLog(log);

        resources.execute();

        assertThat(log.infos).containsExactly("The configuration file src/main/connector/configuration.yaml has no "
                + "resources section: nothing to do (add one to choose what embedded app github_connector ingests)");
        assertThat(definitions()).startsWith("sdk issues enabled");
    }

    private static int lineOf(String text, String part) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i + 1;
            }
        }
        throw new AssertionError(part + " is not in the text");
    }

    private String idOf(String name) throws Exception {
        try (LocalConnection app = localApp().connect(); var statement = app.jdbc().prepareStatement(
                "SELECT ID FROM STATE.RESOURCE_INGESTION_DEFINITION WHERE NAME = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as(name).isTrue();
                return rows.getString(1);
            }
        }
    }

    private void write(String configuration) throws Exception {
        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), configuration);
    }

    /** Each definition: name, enabled, and its processes' configuration ids and statuses. */
    private String definitions() throws Exception {
        StringBuilder text = new StringBuilder();
        try (LocalConnection app = localApp().connect(); Statement statement = app.jdbc().createStatement();
                ResultSet rows = statement.executeQuery("SELECT d.NAME, d.ENABLED, (SELECT LISTAGG("
                        + "p.INGESTION_CONFIGURATION_ID || ' ' || p.STATUS, ', ') WITHIN GROUP (ORDER BY "
                        + "p.INGESTION_CONFIGURATION_ID) FROM STATE.INGESTION_PROCESS p WHERE "
                        + "p.RESOURCE_INGESTION_DEFINITION_ID = d.ID) FROM STATE.RESOURCE_INGESTION_DEFINITION d "
                        + "ORDER BY d.NAME DESC")) {
            while (rows.next()) {
                text.append(rows.getString(1)).append(rows.getBoolean(2) ? " enabled [" : " disabled [")
                        .append(rows.getString(3) == null ? "" : rows.getString(3)).append("]\n");
            }
        }
        return text.toString();
    }

    private String state() throws Exception {
        StringBuilder text = new StringBuilder();
        try (LocalConnection app = localApp().connect(); Statement statement = app.jdbc().createStatement()) {
            for (String table : new String[] {"STATE.RESOURCE_INGESTION_DEFINITION", "STATE.INGESTION_PROCESS"}) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY ID")) {
                    while (rows.next()) {
                        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                            text.append(rows.getString(i)).append('|');
                        }
                        text.append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    private LocalApp localApp() {
        return new LocalApp(folder.resolve(".connector/local"), "github_connector");
    }
}
