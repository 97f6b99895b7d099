package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.fixtures.FakeIssueSource;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.installation.InstallRequest;
import org.eclipse.aether.repository.LocalRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * connector:verify-upgrade on the embedded target: the previous bundle is the full project's own bundle, built in the
 * test and then changed, so that the upgrade keeps everything or loses a precise part.
 */
@MojoTest
class VerifyUpgradeMojoTest {

    @TempDir
    Path folder;

    private MavenProject project;
    private Path previousZip;
    private Path currentScript;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    @BeforeEach
    void aReleasedBundleAndAConfigurationWithAResource(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle)
            throws Exception {
        FakeIssueSource.reset();
        FakeIssueSource.add("first", "second");
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        previousZip = Files.copy(
                folder.resolve("target/full-connector-1.4.0-SNAPSHOT-app.zip"), folder.resolve("released-app.zip"));
        currentScript = folder.resolve("target/connector/app/local/setup.sql");
        project.getProperties().setProperty("github.token", ConfigureMojoTest.TOKEN);
        Files.writeString(
                folder.resolve("src/main/connector/configuration.yaml"),
                ConfigureMojoTest.CONFIGURATION + IngestMojoTest.RESOURCES.formatted("\"GLOBAL\""));
    }

    @Test
    void anUpgradeThatAddsAColumnKeepsEverythingAndSaysWhatItCompared(
            @InjectMojo(goal = "verify-upgrade") VerifyUpgradeMojo verify) throws Exception {
        appendToCurrentScript("ALTER TABLE ISSUES.SDK_ISSUES ADD COLUMN IF NOT EXISTS LABELS VARCHAR;");
        verify.fromBundle = previousZip.toFile();
        verify.setLog(log);

        verify.execute();

        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith("  sdk issues: COMPLETED, 2 rows"));
        assertThat(log.infos)
                .last()
                .asString()
                .matches("The upgrade from .*released-app.zip to 1.4.0-SNAPSHOT kept "
                        + "everything: \\d+ tables checked, \\d+ rows compared, \\d+ grants compared");
        assertThat(folder.resolve("target/connector/upgrade-check/apps"))
                .as("the scratch app is deleted")
                .doesNotExist();
        assertThat(folder.resolve(".connector/local/github_connector"))
                .as("the user's app is never touched")
                .doesNotExist();
    }

    @Test
    void anUpgradeThatDropsAStateTableFailsNamingItAndItsRows(
            @InjectMojo(goal = "verify-upgrade") VerifyUpgradeMojo verify) throws Exception {
        appendToCurrentScript("DROP TABLE STATE.INGESTION_RUN CASCADE;");
        verify.fromBundle = previousZip.toFile();
        verify.keep = true;

        assertThatThrownBy(verify::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith(
                        "The upgrade from " + previousZip + " to 1.4.0-SNAPSHOT loses what the app " + "holds (")
                .hasMessageContaining("\n  STATE.INGESTION_RUN: table dropped (it held 1 row)\n")
                .hasMessageEndingWith("-Dconnector.keep=true keeps the scratch app to look into");
        assertThat(folder.resolve("target/connector/upgrade-check/apps/github_connector_upgrade_check"))
                .as("connector.keep")
                .isDirectory();
    }

    @Test
    void anUpgradeThatRevokesAGrantOrChangesARowFailsNamingThem(
            @InjectMojo(goal = "verify-upgrade") VerifyUpgradeMojo verify) throws Exception {
        appendToCurrentScript("REVOKE SELECT ON PUBLIC.SYNC_STATUS FROM VIEWER;\n"
                + "UPDATE ISSUES.SDK_ISSUES SET TITLE = 'renamed' WHERE NUMBER = 2;");
        verify.fromBundle = previousZip.toFile();

        assertThatThrownBy(verify::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("\n  grant lost: SELECT ON PUBLIC.SYNC_STATUS TO VIEWER")
                .as("a destination table has no primary key: its rows are compared whole")
                .hasMessageContaining("\n  ISSUES.SDK_ISSUES: row {NUMBER='2', TITLE='second'} removed or changed\n");
        assertThat(folder.resolve("target/connector/upgrade-check/apps")).doesNotExist();
    }

    @Test
    void withoutAPreviousReleaseItSaysWhereItLookedAndHowToNameOne(
            @InjectMojo(goal = "verify-upgrade") VerifyUpgradeMojo verify) throws Exception {
        verify.repositorySession = localRepository(verify.repositorySystem);

        assertThatThrownBy(verify::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("No released "
                        + "version of com.example:full-connector:zip:app older than 1.4.0-SNAPSHOT was found in the local "
                        + "repository or the project's remote repositories, so there is nothing to upgrade from. Name one "
                        + "with -Dconnector.fromVersion=<version>, or a bundle zip with "
                        + "-Dconnector.fromBundle=<path/to/app.zip> (a first release has no previous version: skip the check "
                        + "with -Dconnector.skip=true)");
    }

    @Test
    void byDefaultItUpgradesFromTheNewestOlderReleaseOfTheLocalRepository(
            @InjectMojo(goal = "verify-upgrade") VerifyUpgradeMojo verify) throws Exception {
        DefaultRepositorySystemSession session = localRepository(verify.repositorySystem);
        for (String version : new String[] {"1.2.0", "1.3.0", "1.5.0", "1.4.0-SNAPSHOT"}) {
            verify.repositorySystem.install(
                    session,
                    new InstallRequest()
                            .addArtifact(new DefaultArtifact("com.example", "full-connector", "app", "zip", version)
                                    .setFile(previousZip.toFile())));
        }
        verify.repositorySession = session;
        verify.setLog(log);

        verify.execute();

        assertThat(log.infos)
                .contains("Checking the upgrade from com.example:full-connector:zip:app:1.3.0 to " + "1.4.0-SNAPSHOT");
        assertThat(log.infos)
                .last()
                .asString()
                .startsWith("The upgrade from com.example:full-connector:zip:app:1.3.0"
                        + " to 1.4.0-SNAPSHOT kept everything: ");
    }

    @Test
    void aVersionThatWasNeverReleasedIsNamedWithWhereItWasLookedFor(
            @InjectMojo(goal = "verify-upgrade") VerifyUpgradeMojo verify) throws Exception {
        verify.repositorySession = localRepository(verify.repositorySystem);
        verify.fromVersion = "0.9.0";

        assertThatThrownBy(verify::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("The bundle com.example:full-connector:zip:app:0.9.0 was not found in the "
                        + "local repository (" + folder.resolve("repository-local") + ")")
                .hasMessageEndingWith("Check -Dconnector.fromVersion (a version released with mvn install or deploy, "
                        + "which attach the bundle), or give the zip with -Dconnector.fromBundle=<path/to/app.zip>");
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsInstalled(@InjectMojo(goal = "verify-upgrade") VerifyUpgradeMojo verify)
            throws Exception {
        verify.fromBundle = previousZip.toFile();
        verify.fromVersion = "1.3.0";
        assertThatThrownBy(verify::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("connector.fromBundle ("
                        + previousZip
                        + ") and connector.fromVersion (1.3.0) both name the bundle to start from; give one of "
                        + "them");

        verify.fromVersion = null;
        verify.fromBundle = folder.resolve("gone-app.zip").toFile();
        assertThatThrownBy(verify::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("The previous bundle "
                        + folder.resolve("gone-app.zip") + " does not exist (" + folder.resolve("gone-app.zip")
                        + "); give the "
                        + "zip that connector:bundle writes (target/<name>-app.zip) with -Dconnector.fromBundle=...");

        assertThat(folder.resolve("target/connector/upgrade-check/apps")).doesNotExist();
    }

    private DefaultRepositorySystemSession localRepository(RepositorySystem system) {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(
                session, new LocalRepository(folder.resolve("repository-local").toFile())));
        return session;
    }

    private void appendToCurrentScript(String sql) throws Exception {
        Files.writeString(currentScript, Files.readString(currentScript) + "\n" + sql + "\n");
    }
}
