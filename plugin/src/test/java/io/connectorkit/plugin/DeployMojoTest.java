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
}
