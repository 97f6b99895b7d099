package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.FakeAccount;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedStatement;
import io.connectorkit.plugin.fixtures.FakeIssueSource;
import io.connectorkit.plugin.testing.FakeSnowflakeHome;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
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
 * connector:verify-upgrade -Dconnector.target=snowflake against the fake Snowflake: the previous bundle is the full
 * project's own, built in the test; the current one is the same, then changed, so that the upgrade keeps everything
 * or loses a precise part. The user's own app is deployed first and must come out untouched.
 */
@MojoTest
class SnowflakeVerifyUpgradeMojoTest {

    private static final String SCRATCH = "GITHUB_CONNECTOR_UPGRADE_CHECK";

    @TempDir
    Path folder;

    @TempDir
    Path userHome;

    private MavenProject project;
    private FakeSnowflake snowflake;
    private FakeAccount account;
    private FakeSnowflakeHome fakeHome;
    private Path previousZip;
    private Path currentScript;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        // The fixture's finalizer writes to a schema of its embedded-only sink SQL, which a Snowflake app does not
        // have: the standard finalization is used instead.
        Path descriptor = folder.resolve("src/main/connector/connector.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replaceFirst("(?m)^  finalizeCallback: .*\\n", ""));
        return project;
    }

    @BeforeEach
    void aReleasedBundleAndTheUsersDeployedApp(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy)
            throws Exception {
        snowflake = FakeSnowflake.start();
        fakeHome = FakeSnowflakeHome.pointAt(snowflake, userHome, "operator");
        account = new FakeAccount(snowflake);
        FakeIssueSource.reset();
        FakeIssueSource.add("first", "second");

        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        previousZip = Files.copy(
                folder.resolve("target/full-connector-1.4.0-SNAPSHOT-app.zip"), folder.resolve("released-app.zip"));
        currentScript = folder.resolve("target/connector/app/snowflake/setup.sql");
        deploy.target = "snowflake";
        deploy.connection = "fake";
        deploy.setLog(new RecordingLog());
        deploy.execute();

        project.getProperties().setProperty("github.token", SnowflakeConfigureMojoTest.TOKEN);
        Files.writeString(
                folder.resolve("src/main/connector/configuration.yaml"),
                ConfigureMojoTest.CONFIGURATION + IngestMojoTest.RESOURCES.formatted("\"GLOBAL\""));
    }

    @AfterEach
    void restore() {
        fakeHome.close();
        snowflake.close();
    }

    @Test
    void anUpgradeThatKeepsEverythingPassesNamesWhatItComparedAndDropsTheScratchApp(
            @InjectMojo(goal = "verify-upgrade") VerifyUpgradeMojo verify) throws Exception {
        int before = snowflake.applicationStatements().size();
        snowflake(verify).setLog(log);

        verify.execute();

        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith("  sdk issues: COMPLETED, 2 rows"));
        assertThat(log.infos)
                .contains("The scratch app ingests into a database of its own, " + SCRATCH + "_DATA, "
                        + "instead of GITHUB_DATA (connector.destination_database)");
        assertThat(log.infos)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("Compared destination sdk issues, ")
                        .contains(
                                "view PUBLIC.CONNECTOR_CONFIGURATION",
                                "view PUBLIC.INGESTION_DEFINITIONS",
                                "view PUBLIC.RESOURCE_STATUS",
                                "view PUBLIC.SYNC_STATUS")
                        .endsWith(" and 3 grants of the scratch app"));
        assertThat(log.infos)
                .last()
                .asString()
                .matches("The upgrade from .*released-app.zip to 1.4.0-SNAPSHOT kept "
                        + "everything: 9 tables checked, \\d+ rows compared, 3 grants compared");
        List<String> sent =
                snowflake
                        .applicationStatements()
                        .subList(before, snowflake.applicationStatements().size())
                        .stream()
                        .map(RecordedStatement::sql)
                        .toList();
        assertThat(sent)
                .contains(
                        "ALTER APPLICATION \"" + SCRATCH + "\" UPGRADE USING '@\"" + SCRATCH + "_PKG\".APP_SRC.STAGE'",
                        "DROP APPLICATION PACKAGE IF EXISTS \"" + SCRATCH + "_PKG\"");
        assertThat(sent).contains("DROP APPLICATION IF EXISTS \"" + SCRATCH + "\" CASCADE");
        assertThat(sent).as("the user's app is never changed").noneMatch(sql -> sql.contains("\"GITHUB_CONNECTOR\""));
        assertThat(sent).contains("DROP DATABASE IF EXISTS \"" + SCRATCH + "_SECRETS\" CASCADE");
        assertThat(account.app(SCRATCH)).as("the scratch app is dropped").isEmpty();
        assertThat(account.app("GITHUB_CONNECTOR"))
                .as("the user's app is still there")
                .isPresent();
        assertThat(account.applications).containsOnlyKeys("GITHUB_CONNECTOR");
        assertThat(account.packages).containsOnlyKeys("GITHUB_CONNECTOR_PKG");
    }

    @Test
    void anUpgradeWhoseSetupScriptNoLongerGrantsAViewFailsNamingIt(
            @InjectMojo(goal = "verify-upgrade") VerifyUpgradeMojo verify) throws Exception {
        String script = Files.readString(currentScript);
        Files.writeString(
                currentScript,
                script.replace("GRANT SELECT ON VIEW PUBLIC.SYNC_STATUS TO APPLICATION ROLE " + "ADMIN;\n", "")
                        .replace("GRANT SELECT ON VIEW PUBLIC.SYNC_STATUS TO APPLICATION ROLE VIEWER;\n", ""));
        assertThat(Files.readString(currentScript)).doesNotContain("ON VIEW PUBLIC.SYNC_STATUS");
        snowflake(verify);

        assertThatThrownBy(verify::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith(
                        "The upgrade from " + previousZip + " to 1.4.0-SNAPSHOT loses what the app " + "holds (")
                .hasMessageContaining("\n  view PUBLIC.SYNC_STATUS: no longer readable by the consumer (dropped, or "
                        + "its SELECT grant to the app's roles not made again) (it held 1 row)")
                .hasMessageEndingWith("-Dconnector.keep=true keeps the scratch app to look into");
        assertThat(account.app(SCRATCH)).as("dropped after a failed check too").isEmpty();
        assertThat(account.packages).containsOnlyKeys("GITHUB_CONNECTOR_PKG");
    }

    @Test
    void anUpgradeThatDropsAViewFailsNamingItAndKeepIsHonoured(
            @InjectMojo(goal = "verify-upgrade") VerifyUpgradeMojo verify) throws Exception {
        String script = Files.readString(currentScript);
        int start = script.indexOf("CREATE OR REPLACE VIEW PUBLIC.RESOURCE_STATUS AS");
        int end = script.indexOf(";", script.lastIndexOf("ON VIEW PUBLIC.RESOURCE_STATUS")) + 1;
        Files.writeString(currentScript, script.substring(0, start) + script.substring(end));
        snowflake(verify).keep = true;

        assertThatThrownBy(verify::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("\n  view PUBLIC.RESOURCE_STATUS: no longer readable by the consumer");
        assertThat(account.app(SCRATCH)).as("connector.keep").isPresent();
        assertThat(account.packages).containsKeys(SCRATCH + "_PKG", "GITHUB_CONNECTOR_PKG");
    }

    @Test
    void aPreviousBundleWithoutASnowflakeAppIsRefusedBeforeAnythingIsCreated(
            @InjectMojo(goal = "verify-upgrade") VerifyUpgradeMojo verify) throws Exception {
        Path embeddedOnly = folder.resolve("embedded-only-app.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(previousZip));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(embeddedOnly))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.getName().startsWith("snowflake/")) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        snowflake(verify).fromBundle = embeddedOnly.toFile();
        int before = snowflake.applicationStatements().size();

        assertThatThrownBy(verify::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("The previous bundle "
                        + embeddedOnly
                        + " has no Snowflake app (snowflake/setup.sql and snowflake/lib/): it is not a zip of "
                        + "connector:bundle, or of a kit too old to hold one; give another with -Dconnector.fromVersion=... or "
                        + "-Dconnector.fromBundle=...");
        assertThat(snowflake
                        .applicationStatements()
                        .subList(before, snowflake.applicationStatements().size()))
                .as("nothing was sent")
                .isEmpty();
        assertThat(account.packages).containsOnlyKeys("GITHUB_CONNECTOR_PKG");
    }

    private VerifyUpgradeMojo snowflake(VerifyUpgradeMojo verify) {
        verify.target = "snowflake";
        verify.connection = "fake";
        verify.fromBundle = previousZip.toFile();
        return verify;
    }
}
