package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.FakeAccount;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.plugin.testing.FakeSnowflakeHome;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * connector:release against the fake endpoint: what SHOW VERSIONS, SHOW RELEASE CHANNELS and SHOW RELEASE DIRECTIVES
 * answer after publishes (https://docs.snowflake.com/en/developer-guide/native-apps/release-channels).
 */
@MojoTest
class ReleaseMojoTest {

    private static final String PACKAGE = "ALTER APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"";
    private static final String STAGE = "'@\"GITHUB_CONNECTOR_PKG\".APP_SRC.STAGE'";

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
        return project;
    }

    @BeforeEach
    void connectionsToml() throws Exception {
        snowflake = FakeSnowflake.start();
        account = new FakeAccount(snowflake);
        fakeHome = FakeSnowflakeHome.pointAt(snowflake, userHome, "publisher");
    }

    @AfterEach
    void restore() {
        fakeHome.close();
        snowflake.close();
    }

    @Test
    void listsVersionsChannelsAndDirectivesAsTextAndAsJson(
            @InjectMojo(goal = "generate") GenerateMojo generate,
            @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "publish") PublishMojo publish,
            @InjectMojo(goal = "release") ReleaseMojo release)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        publish.target = "snowflake";
        publish.connection = "fake";
        publish.channel = "QA";
        publish.execute();
        publish.directive = "TESTERS";
        publish.accounts = "FAKE_ORG.FAKE_ACCOUNT";
        publish.version = "V3";
        publish.execute();
        release.target = "snowflake";
        release.connection = "fake";
        release.setLog(log);

        release.execute();

        assertThat(log.infos)
                .containsSequence(
                        "Application package GITHUB_CONNECTOR_PKG: 2 versions",
                        "  Version 2.1: patch 0, label \"GitHub issues connector\"",
                        "  Version V3: patch 0, label \"GitHub issues connector\"",
                        "  Release channel QA: versions 2.1, V3",
                        "    release directive DEFAULT: version 2.1 patch 0 (every account of the channel)",
                        "    release directive TESTERS: version V3 patch 0 for FAKE_ORG.FAKE_ACCOUNT",
                        "  Release channel ALPHA: no versions",
                        "    no release directive (consumers cannot install from this channel)",
                        "  Release channel DEFAULT: no versions",
                        "    no release directive (consumers cannot install from this channel)");
        int statements = snowflake.applicationStatements().size();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        release.standardOutput = () -> new PrintStream(out, true, StandardCharsets.UTF_8);
        release.format = "json";
        release.execute();
        assertThat(out.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("{\"package\":\"GITHUB_CONNECTOR_PKG\","
                        + "\"releaseChannels\":true,\"versions\":[{\"name\":\"2.1\",\"label\":\"GitHub issues connector\","
                        + "\"patches\":[0]},{\"name\":\"V3\",\"label\":\"GitHub issues connector\",\"patches\":[0]}],"
                        + "\"channels\":[{\"name\":\"QA\",\"versions\":[\"2.1\",\"V3\"],\"directives\":[{\"name\":"
                        + "\"DEFAULT\",\"version\":\"2.1\",\"patch\":0,\"accounts\":[]},{\"name\":\"TESTERS\",\"version\":"
                        + "\"V3\",\"patch\":0,\"accounts\":[\"FAKE_ORG.FAKE_ACCOUNT\"]}]},{\"name\":\"ALPHA\",\"versions\":"
                        + "[],\"directives\":[]},{\"name\":\"DEFAULT\",\"versions\":[],\"directives\":[]}],"
                        + "\"unboundVersions\":[]}");
        release.outputFile = folder.resolve("target/releases.json").toFile();
        release.execute();
        assertThat(Files.readString(release.outputFile.toPath()).strip())
                .isEqualTo(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(snowflake
                        .applicationStatements()
                        .subList(statements, snowflake.applicationStatements().size()))
                .allSatisfy(statement -> assertThat(statement.sql()).startsWith("SHOW "));
    }

    @Test
    void aPackageThatDoesNotExistIsNamedWithHowToPublishIt(@InjectMojo(goal = "release") ReleaseMojo release) {
        release.target = "snowflake";
        release.connection = "fake";

        assertThatThrownBy(release::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage(
                        "There is no "
                                + "application package github_connector_pkg in the account; publish first (mvn package "
                                + "connector:publish -Dconnector.target=snowflake), or name the package with -Dconnector.packageName");
    }

    @Test
    void anUnknownFormatIsRefused(@InjectMojo(goal = "release") ReleaseMojo release) {
        release.target = "snowflake";
        release.format = "yaml";

        assertThatThrownBy(release::execute)
                .hasMessage("connector.format 'yaml' is not a format; use text (the " + "default) or json");
        assertThat(snowflake.applicationStatements()).isEmpty();
    }
}
