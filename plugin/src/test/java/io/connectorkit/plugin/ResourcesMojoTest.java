package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.local.LocalConnection;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
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
    void aRefusedResourceStopsTheGoalWithTheAppsMessage(@InjectMojo(goal = "resources") ResourcesMojo resources)
            throws Exception {
        write(ConfigureMojoTest.CONFIGURATION + """
                resources:
                  - name: secret repo
                    resourceId: {owner: acme, repo: vault, private: true}
                    ingestionConfigurations:
                      - {id: issues, ingestionStrategy: INCREMENTAL, scheduleType: GLOBAL}
                """);

        assertThatThrownBy(resources::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("CREATE_RESOURCE answered PRIVATE_REPOSITORY")
                .hasMessageEndingWith("What to do: fix resource secret repo in the resources section of the "
                        + "configuration file and run connector:resources again (resources before it are done)");
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
