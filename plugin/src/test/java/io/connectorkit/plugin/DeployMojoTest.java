package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.nio.file.Path;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;

/** connector:deploy and connector:undeploy on the embedded target. */
@MojoTest
class DeployMojoTest {

    @TempDir
    Path folder;

    private MavenProject project;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    @Test
    void deploysTheBundleThenFindsItUpToDateThenUndeploysWithForce(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy, @InjectMojo(goal = "undeploy") UndeployMojo undeploy)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJar(project);
        bundle.execute();
        deploy.setLog(log);

        deploy.execute();
        deploy.execute();

        Path app = folder.resolve(".connector/local/github_connector");
        assertThat(app.resolve("github_connector.mv.db")).exists();
        assertThat(app.resolve("lib/full-connector.jar")).exists();
        assertThat(log.infos).containsSubsequence(
                "Deployed connector app github_connector 2.1 to the embedded target in .connector/local/github_connector",
                "JDBC URL: jdbc:h2:file:" + app.resolve("github_connector") + ";AUTO_SERVER=TRUE",
                "Connector app github_connector 2.1 is up to date on the embedded target (nothing changed)",
                "Its status: mvn connector:status (a deploy that changes nothing does not open the app)");
        assertThat(log.infos).filteredOn(line -> line.startsWith("GET_CONNECTOR_STATUS: ")).hasSize(1);

        assertThatThrownBy(undeploy::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Undeploying deletes the app and all its state; in batch mode confirm it with "
                        + "-Dconnector.force=true");
        assertThat(app).exists();
        undeploy.force = true;
        undeploy.execute();
        assertThat(app).doesNotExist();
    }

    @Test
    void deployingWithoutABundleSaysHowToBuildIt(@InjectMojo(goal = "deploy") DeployMojo deploy) {
        assertThatThrownBy(deploy::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("There is no bundle to deploy in target/connector/app; build it first: mvn package "
                        + "connector:deploy");
    }

    @Test
    void anUnknownTargetIsNamed(@InjectMojo(goal = "deploy") DeployMojo deploy) {
        deploy.target = "azure";

        assertThatThrownBy(deploy::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("connector.target 'azure' is not a target; use local or snowflake (local, the embedded "
                        + "app, is the default)");
    }

    @Test
    void appNameNamesTheEmbeddedAppAndABadOneIsRefused(@InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle, @InjectMojo(goal = "deploy") DeployMojo deploy,
            @InjectMojo(goal = "status") StatusMojo status, @InjectMojo(goal = "undeploy") UndeployMojo undeploy)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJar(project);
        bundle.execute();
        deploy.appName = "github_connector_test";
        deploy.setLog(log);

        deploy.execute();

        assertThat(folder.resolve(".connector/local/github_connector_test/github_connector_test.mv.db")).exists();
        assertThat(folder.resolve(".connector/local/github_connector")).doesNotExist();
        assertThat(log.infos).contains("Deployed connector app github_connector_test 2.1 to the embedded target in "
                + ".connector/local/github_connector_test");
        // The debug log (mvn -X) says where the name came from: a parameter that no -D gave is the POM's.
        assertThat(log.everything).contains("connector.appName = github_connector_test (from the POM)");
        status.appName = "github_connector_test";
        status.setLog(log);
        status.execute();
        assertThat(log.infos).contains("embedded app github_connector_test on the local target");

        deploy.appName = "github connector";
        assertThatThrownBy(deploy::execute).isInstanceOf(MojoFailureException.class).hasMessage("connector.appName "
                + "'github connector' cannot name an app on the embedded target: use a letter or _ first, then "
                + "letters, digits or _ (at most 255), e.g. github_connector_test; nothing was changed");
        assertThat(folder.resolve(".connector/local").toFile().list()).containsOnly("github_connector_test",
                "github_connector_test.lock");
        undeploy.appName = "github_connector_test";
        undeploy.force = true;
        undeploy.setLog(log);
        undeploy.execute();
        assertThat(log.infos).contains("Undeployed the embedded app github_connector_test");
    }

    @Test
    void aBundleBuiltButNotDeployedIsNamedByTheGoalsAndDeployFirstDeploysIt(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy, @InjectMojo(goal = "status") StatusMojo status)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJar(project);
        bundle.execute();
        deploy.execute();
        status.setLog(log);
        status.execute();
        assertThat(log.warnings).isEmpty();

        Path script = folder.resolve("target/connector/app/local/setup.sql");
        Files.writeString(script, Files.readString(script) + "\n-- rebuilt\n");
        status.execute();

        assertThat(log.warnings).containsExactly("The embedded app github_connector runs older code than the bundle "
                + "in target/connector/app (built, not deployed): this goal runs the deployed code. Deploy the bundle "
                + "with mvn connector:deploy, or add -Dconnector.deployFirst=true");

        status.deployFirst = true;
        status.execute();
        assertThat(log.infos).contains("Upgraded connector app github_connector to 2.1 from target/connector/app "
                + "first (connector.deployFirst)");
        status.deployFirst = false;
        status.execute();
        assertThat(log.warnings).hasSize(1);

        deploy.setLog(log);
        Files.writeString(script, Files.readString(script) + "\n-- again\n");
        deploy.execute();
        assertThat(log.infos).contains("Upgraded connector app github_connector to 2.1 on the embedded target in "
                + ".connector/local/github_connector: its state, configuration, resources and ingested rows were kept");
    }
}
