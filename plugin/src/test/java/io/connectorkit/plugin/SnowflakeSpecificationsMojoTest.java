package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.FakeAccount;
import io.connectorkit.fake.snowflake.FakeNativeApp;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedStatement;
import io.connectorkit.plugin.testing.FakeSnowflakeHome;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import io.connectorkit.runtime.procedures.PublicProcedure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest-version-2 app reaches its source through an integration it creates itself, which the consumer approves as
 * an app specification (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-app-specs-eai): deployed
 * to the fake Snowflake from the bundle, configure stops before the wizard until the specification is approved, or
 * approves it with -Dconnector.approveSpecifications; the rendered SETUP_EXTERNAL_ACCESS then creates the integration
 * and gives it to every procedure that runs connector code; status shows the approval.
 */
@MojoTest
class SnowflakeSpecificationsMojoTest {

    private static final String V2_MANIFEST = """
            manifest:
              version: 2
              privileges:
                - name: EXECUTE TASK
                  description: Run the ingestion tasks
                - name: CREATE DATABASE
                  description: Create the database that receives the issues
                - name: CREATE EXTERNAL ACCESS INTEGRATION
                  description: Create the integration that reaches api.github.com
              references:
                - name: WAREHOUSE_REFERENCE
                  label: Warehouse
                  description: Warehouse that runs the ingestion
                  objectType: WAREHOUSE
                  privileges: [USAGE]
              specifications:
                - name: GITHUB_ACCESS
                  type: EXTERNAL_ACCESS
                  label: GitHub API
                  description: Reads issues from api.github.com
                  hosts: [api.github.com]
              defaultStreamlit: STREAMLIT.GITHUB_UI
            """;

    @TempDir
    Path folder;

    @TempDir
    Path userHome;

    private MavenProject project;
    private FakeSnowflake snowflake;
    private FakeAccount account;
    private FakeSnowflakeHome fakeHome;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        Path descriptor = folder.resolve("src/main/connector/connector.yaml");
        String yaml = Files.readString(descriptor);
        Files.writeString(
                descriptor,
                yaml.substring(0, yaml.indexOf("manifest:")) + V2_MANIFEST + yaml.substring(yaml.indexOf("\nsql:")));
        return project;
    }

    @BeforeEach
    void deployed(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy)
            throws Exception {
        snowflake = FakeSnowflake.start();
        fakeHome = FakeSnowflakeHome.pointAt(snowflake, userHome, "operator");
        account = new FakeAccount(snowflake);

        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        deploy.target = "snowflake";
        deploy.connection = "fake";
        deploy.setLog(new RecordingLog());
        deploy.execute();

        Files.writeString(folder.resolve("src/main/connector/configuration.yaml"), ConfigureMojoTest.CONFIGURATION);
        project.getProperties().setProperty("github.token", SnowflakeConfigureMojoTest.TOKEN);
    }

    @AfterEach
    void restore() {
        fakeHome.close();
        snowflake.close();
    }

    @Test
    void configureStopsBeforeTheWizardUntilTheSpecificationIsApproved(
            @InjectMojo(goal = "configure") ConfigureMojo configure) {
        configure.target = "snowflake";
        configure.connection = "fake";
        configure.setLog(log);

        assertThatThrownBy(configure::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(
                        "Snowflake application GITHUB_CONNECTOR may not reach outside Snowflake until its "
                                + "app specifications are approved")
                .hasMessageContaining("-Dconnector.approveSpecifications=true")
                .hasMessageContaining("GITHUB_ACCESS (EXTERNAL_ACCESS \"GitHub API\"): PENDING, sequence number 1, "
                        + "{\"host_ports\":[\"api.github.com\"]}")
                .hasMessageContaining("ALTER APPLICATION \"GITHUB_CONNECTOR\" APPROVE SPECIFICATION \"GITHUB_ACCESS\" "
                        + "SEQUENCE_NUMBER = 1;");
        assertThat(snowflake.applicationStatements())
                .extracting(RecordedStatement::sql)
                .as("no wizard step ran")
                .noneMatch(sql -> sql.contains("MARK_ALL_PREREQUISITES_AS_DONE"));
        assertThat(app().specificationStatuses()).containsEntry("GITHUB_ACCESS", "PENDING");
    }

    @Test
    void approvedByTheKitTheWizardRunsAndTheProceduresGetTheAppsOwnIntegration(
            @InjectMojo(goal = "configure") ConfigureMojo configure, @InjectMojo(goal = "status") StatusMojo status)
            throws Exception {
        configure.target = "snowflake";
        configure.connection = "fake";
        configure.approveSpecifications = true;
        configure.setLog(log);
        // The fixture's finalizer writes to a schema of its embedded sink SQL, which the fake's app does not run: the
        // wizard is taken up to its connection step, the one that reaches the source.
        for (String step : new String[] {"prerequisites", "connector", "connection"}) {
            configure.step = step;
            configure.execute();
        }

        assertThat(log.infos)
                .contains(
                        "[specifications] GITHUB_ACCESS (EXTERNAL_ACCESS \"GitHub API\"): PENDING, "
                                + "sequence number 1, {\"host_ports\":[\"api.github.com\"]}",
                        "[specifications] approved "
                                + "GITHUB_ACCESS: ALTER APPLICATION \"GITHUB_CONNECTOR\" APPROVE SPECIFICATION \"GITHUB_ACCESS\" "
                                + "SEQUENCE_NUMBER = 1");
        assertThat(app().specificationStatuses()).containsEntry("GITHUB_ACCESS", "APPROVED");
        // Named after the app, so that another install of it in the account gets an integration of its own.
        assertThat(app().createdIntegrations()).containsExactly("\"GITHUB_CONNECTOR_GITHUB_ACCESS\"");
        assertThat(app().externalAccess.keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(PublicProcedure.values())
                        .filter(PublicProcedure::runsConnectorCode)
                        .map(Enum::name)
                        .toList());
        assertThat(app().externalAccess.get("SET_CONNECTION_CONFIGURATION").integrations())
                .containsExactly("\"GITHUB_CONNECTOR_GITHUB_ACCESS\"");
        assertThat(app().externalAccess.get("SET_CONNECTION_CONFIGURATION").secrets())
                .containsEntry("api_token", "\"GITHUB_CONNECTOR_SECRETS\".\"PUBLIC\".\"GITHUB_CONNECTOR_API_TOKEN\"");
        assertThat(log.infos)
                .anySatisfy(line -> assertThat(line).startsWith("[connection] " + "SET_CONNECTION_CONFIGURATION: OK"));

        RecordingLog statusLog = new RecordingLog();
        status.target = "snowflake";
        status.connection = "fake";
        status.setLog(statusLog);
        status.execute();
        assertThat(statusLog.infos)
                .contains(
                        "  app specifications:",
                        "    GITHUB_ACCESS (EXTERNAL_ACCESS \"GitHub "
                                + "API\"): APPROVED, sequence number 1, {\"host_ports\":[\"api.github.com\"]}");
    }

    private FakeNativeApp app() {
        return account.app("GITHUB_CONNECTOR").orElseThrow();
    }
}
