package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.FakeAccount;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedStatement;
import io.connectorkit.plugin.testing.FakeSnowflakeHome;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;

/**
 * connector:publish against the fake endpoint, whose release channels refuse what Snowflake refuses
 * (https://docs.snowflake.com/en/developer-guide/native-apps/release-channels,
 * https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-channel).
 */
@MojoTest
class PublishMojoTest {

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
    void theFirstPublishRegistersTheVersionAddsItToTheChannelAndSetsTheDefaultDirective(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "publish") PublishMojo publish) throws Exception {
        build(generate, bundle);

        onSnowflake(publish).execute();

        assertThat(alterStatements()).containsExactly(
                PACKAGE + " REGISTER VERSION \"2.1\" USING " + STAGE + " LABEL = 'GitHub issues connector'",
                PACKAGE + " MODIFY RELEASE CHANNEL \"DEFAULT\" ADD VERSION \"2.1\"",
                PACKAGE + " MODIFY RELEASE CHANNEL \"DEFAULT\" SET DEFAULT RELEASE DIRECTIVE VERSION = \"2.1\" "
                        + "PATCH = 0");
        assertThat(log.infos).contains("Registered version 2.1 (patch 0) in GITHUB_CONNECTOR_PKG",
                "Added version 2.1 to release channel DEFAULT",
                "Release directive DEFAULT of release channel DEFAULT now names version 2.1 patch 0",
                "Published version 2.1 patch 0 of GITHUB_CONNECTOR_PKG in release channel DEFAULT (release directive "
                        + "DEFAULT)");
        assertThat(String.join("\n", log.infos)).doesNotContain("pw\"");
        assertThat(Files.readString(folder.resolve(".connector/snowflake/fake/GITHUB_CONNECTOR_PKG.releases")))
                .contains("2.1=0 ").doesNotContain("pw");
    }

    @Test
    void publishingTheSameBundleAgainSendsNoStatementThatChangesAnything(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "publish") PublishMojo publish) throws Exception {
        build(generate, bundle);
        onSnowflake(publish).execute();
        int before = snowflake.applicationStatements().size();

        publish.execute();

        List<String> second = snowflake.applicationStatements().stream().skip(before).map(RecordedStatement::sql)
                .toList();
        // Only reads and the IF NOT EXISTS of the package's schema and stage, which exist: nothing is uploaded,
        // removed, registered, patched, added or set.
        assertThat(second).allSatisfy(sql -> assertThat(sql).matches(
                "(SHOW |LIST |CREATE SCHEMA IF NOT EXISTS |CREATE STAGE IF NOT EXISTS ).*"));
        assertThat(second).anyMatch(sql -> sql.startsWith("SHOW RELEASE DIRECTIVES"));
        assertThat(log.infos).contains("Version 2.1 patch 0 holds this bundle already (no patch added)",
                "Version 2.1 patch 0 is published in release channel DEFAULT by release directive DEFAULT already "
                        + "(nothing changed)");
    }

    @Test
    void aChangedBundleIsPublishedAsTheNextPatch(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "publish") PublishMojo publish) throws Exception {
        build(generate, bundle);
        onSnowflake(publish).execute();
        Path script = folder.resolve("target/connector/app/snowflake/setup.sql");
        Files.writeString(script, Files.readString(script) + "\n-- fixed\n");
        int before = alterStatements().size();

        publish.execute();

        assertThat(alterStatements().subList(before, alterStatements().size())).containsExactly(
                PACKAGE + " ADD PATCH FOR VERSION \"2.1\" USING " + STAGE,
                PACKAGE + " MODIFY RELEASE CHANNEL \"DEFAULT\" SET DEFAULT RELEASE DIRECTIVE VERSION = \"2.1\" "
                        + "PATCH = 1");
        assertThat(log.infos).contains("The bundle differs from version 2.1 patch 0; adding a patch",
                "Release directive DEFAULT of release channel DEFAULT now names version 2.1 patch 1 (it named version "
                        + "2.1 patch 0)");
        assertThat(new String(snowflake.stageFiles("\"GITHUB_CONNECTOR_PKG\".APP_SRC.STAGE").get("setup.sql"),
                StandardCharsets.UTF_8)).endsWith("-- fixed\n");
    }

    @Test
    void aCustomDirectiveServesTheAccountsNamedAndNeedsThemToBeMade(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "publish") PublishMojo publish) throws Exception {
        build(generate, bundle);
        account.knowAccount("FAKE_ORG.QA_ONE");
        onSnowflake(publish).channel = "qa";
        publish.directive = "testers";

        assertThatThrownBy(publish::execute).isInstanceOf(MojoFailureException.class).hasMessage("Release directive "
                + "TESTERS does not exist in release channel QA, and a custom directive serves the accounts it names: "
                + "add -Dconnector.accounts=ORGANIZATION.ACCOUNT,… to create it (or DEFAULT for every account of the "
                + "channel); nothing was changed");
        publish.accounts = "fake_org.qa_one, FAKE_ORG.FAKE_ACCOUNT";
        publish.execute();

        assertThat(alterStatements()).last().isEqualTo(PACKAGE + " MODIFY RELEASE CHANNEL \"QA\" SET RELEASE "
                + "DIRECTIVE \"TESTERS\" ACCOUNTS = (FAKE_ORG.FAKE_ACCOUNT, FAKE_ORG.QA_ONE) VERSION = \"2.1\" "
                + "PATCH = 0");
        assertThat(log.infos).contains("Published version 2.1 patch 0 of GITHUB_CONNECTOR_PKG in release channel QA "
                + "(release directive TESTERS for FAKE_ORG.FAKE_ACCOUNT, FAKE_ORG.QA_ONE)");
        // Published again without accounts, the directive keeps those it has.
        publish.accounts = null;
        int before = alterStatements().size();
        publish.execute();
        assertThat(alterStatements()).hasSize(before);
    }

    @Test
    void badNamesAndAccountsAreRefusedBeforeAnythingIsSent(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "publish") PublishMojo publish) throws Exception {
        build(generate, bundle);
        onSnowflake(publish).directive = "TESTERS";
        publish.accounts = "consumer1";
        assertThatThrownBy(publish::execute).hasMessage("-Dconnector.accounts names 'consumer1', which is not an "
                + "account: name each as ORGANIZATION.ACCOUNT (letters, digits and _; SHOW ORGANIZATION ACCOUNTS lists "
                + "yours), separated by commas, e.g. -Dconnector.accounts=MYORG.CONSUMER1,MYORG.CONSUMER2; nothing was "
                + "changed");
        publish.directive = "DEFAULT";
        publish.accounts = "MYORG.CONSUMER1";
        assertThatThrownBy(publish::execute).hasMessageStartingWith("-Dconnector.accounts=MYORG.CONSUMER1 cannot go "
                + "with release directive DEFAULT");
        publish.accounts = null;
        publish.channel = "BETA;DROP";
        assertThatThrownBy(publish::execute).hasMessageStartingWith("-Dconnector.channel=BETA;DROP is not a valid "
                + "name: ");

        assertThat(snowflake.applicationStatements()).isEmpty();
    }

    @Test
    void anUnknownChannelIsNamedWithThoseThePackageHas(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "publish") PublishMojo publish) throws Exception {
        build(generate, bundle);
        onSnowflake(publish).execute();
        publish.channel = "BETA";

        assertThatThrownBy(publish::execute).hasMessage("Application package GITHUB_CONNECTOR_PKG has no release "
                + "channel BETA; choose one of QA, ALPHA, DEFAULT with -Dconnector.channel");
    }

    @Test
    void aFullChannelIsRefusedUnlessForceRemovesItsOldestVersionNoDirectiveNames(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "publish") PublishMojo publish) throws Exception {
        build(generate, bundle);
        onSnowflake(publish).channel = "QA";
        publish.version = "V1";
        publish.execute();
        publish.version = "V2";
        publish.execute();
        publish.version = "V3";
        int before = alterStatements().size();

        assertThatThrownBy(publish::execute).isInstanceOf(MojoFailureException.class).hasMessage("Release channel QA "
                + "holds 2 versions already (V1, V2), as many as Snowflake allows. Publish with -Dconnector.force=true "
                + "to remove V1 from it (the oldest that no release directive names), or remove one yourself (ALTER "
                + "APPLICATION PACKAGE GITHUB_CONNECTOR_PKG MODIFY RELEASE CHANNEL QA DROP VERSION <name>); nothing "
                + "was changed");
        assertThat(alterStatements()).hasSize(before);

        publish.force = true;
        publish.execute();
        assertThat(alterStatements().subList(before, alterStatements().size())).containsExactly(
                PACKAGE + " REGISTER VERSION \"V3\" USING " + STAGE + " LABEL = 'GitHub issues connector'",
                PACKAGE + " MODIFY RELEASE CHANNEL \"QA\" DROP VERSION \"V1\"",
                PACKAGE + " MODIFY RELEASE CHANNEL \"QA\" ADD VERSION \"V3\"",
                PACKAGE + " MODIFY RELEASE CHANNEL \"QA\" SET DEFAULT RELEASE DIRECTIVE VERSION = \"V3\" PATCH = 0");
        assertThat(log.infos).contains("Removed version V1 from release channel QA to make room (it was the oldest no "
                + "release directive names; -Dconnector.force=true allows this)");
    }

    /** Snowflake's own refusal, 512023, explained with publish's parameters. */
    @Test
    void tooManyVersionsInNoChannelIsExplainedWithPublishsParameters(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "publish") PublishMojo publish) throws Exception {
        build(generate, bundle);
        try (var connection = DriverManager.getConnection(snowflake.jdbcUrl(),
                snowflake.connectionProperties()); var statement = connection.createStatement()) {
            statement.execute("CREATE APPLICATION PACKAGE IF NOT EXISTS \"GITHUB_CONNECTOR_PKG\" COMMENT = "
                    + "'GENERATED_BY_CONNECTOR_KIT'");
            for (String version : List.of("OLD1", "OLD2")) {
                statement.execute(PACKAGE + " REGISTER VERSION \"" + version + "\" USING " + STAGE);
            }
        }

        assertThatThrownBy(onSnowflake(publish)::execute).hasMessageStartingWith("Failed registering version 2.1: "
                + "github_connector_pkg has as many versions in no release channel as Snowflake allows; drop such a "
                + "version (ALTER APPLICATION PACKAGE github_connector_pkg DEREGISTER VERSION <name>) or add it to a "
                + "channel (-Dconnector.channel=<channel>), then publish again (Snowflake error 512023: ");
    }

    @Test
    void theEmbeddedTargetIsRefusedInOneLine(@InjectMojo(goal = "publish") PublishMojo publish,
            @InjectMojo(goal = "release") ReleaseMojo release) {
        assertThatThrownBy(publish::execute).isInstanceOf(MojoFailureException.class).hasMessage("connector:publish "
                + "is a Snowflake goal (release channels and directives exist only there): run it with "
                + "-Dconnector.target=snowflake");
        assertThatThrownBy(release::execute).isInstanceOf(MojoFailureException.class).hasMessage("connector:release "
                + "is a Snowflake goal (release channels and directives exist only there): run it with "
                + "-Dconnector.target=snowflake");
        assertThat(snowflake.applicationStatements()).isEmpty();
    }

    private void build(GenerateMojo generate, BundleMojo bundle) throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
    }

    private PublishMojo onSnowflake(PublishMojo publish) {
        publish.target = "snowflake";
        publish.connection = "fake";
        publish.setLog(log);
        return publish;
    }

    private List<String> alterStatements() {
        return snowflake.applicationStatements().stream().map(RecordedStatement::sql)
                .filter(sql -> sql.startsWith("ALTER APPLICATION PACKAGE")).toList();
    }
}
