package io.connectorkit.plugin.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.Column;
import io.connectorkit.fake.snowflake.FakeAccount;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedStatement;
import io.connectorkit.fake.snowflake.Reply;
import io.connectorkit.plugin.bundle.FileSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deploys through the real snowflake-jdbc driver to the fake endpoint, asserting the statements sent. */
class NativeAppInstallerTest {

    private static final String STAGE = "\"GITHUB_CONNECTOR_PKG\".APP_SRC.STAGE";
    private static final NativeAppInstaller.Request DEV = new NativeAppInstaller.Request(
            "github_connector", "github_connector_pkg", Optional.empty(), "GitHub connector", false, false);
    private static final NativeAppInstaller.Request FORCED = new NativeAppInstaller.Request(
            "github_connector", "github_connector_pkg", Optional.empty(), "GitHub connector", true, false);
    private static final NativeAppInstaller.Request VERSIONED = new NativeAppInstaller.Request(
            "github_connector", "github_connector_pkg", Optional.of("2.1"), "GitHub connector", false, false);

    @TempDir
    Path bundle;

    private FakeSnowflake snowflake;
    private FakeAccount account;
    private SnowflakeSession session;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        snowflake = FakeSnowflake.start();
        account = new FakeAccount(snowflake);
        session = SnowflakeSession.open(
                new ConnectionSettings(snowflake.jdbcUrl(), snowflake.connectionProperties(), List.of("test")));
        write("setup.sql", "CREATE APPLICATION ROLE IF NOT EXISTS ADMIN;");
        write("manifest.yml", "manifest_version: 1");
        write("README.md", "# GitHub connector");
        write("lib/connector-runtime.jar", "runtime");
        write("lib/github.jar", "connector");
        write("streamlit/app.py", "import streamlit");
    }

    @AfterEach
    void disconnect() throws Exception {
        session.close();
        snowflake.close();
    }

    @Test
    void theFirstDeployCreatesThePackageTheStageAndTheApp() throws Exception {
        deploy(DEV);

        assertThat(sql())
                .containsExactly(
                        "SHOW APPLICATION PACKAGES",
                        "CREATE APPLICATION PACKAGE IF NOT EXISTS \"GITHUB_CONNECTOR_PKG\" COMMENT = 'GENERATED_BY_CONNECTOR_KIT'",
                        "CREATE SCHEMA IF NOT EXISTS \"GITHUB_CONNECTOR_PKG\".APP_SRC",
                        "CREATE STAGE IF NOT EXISTS " + STAGE
                                + " ENCRYPTION = (TYPE = 'SNOWFLAKE_SSE') DIRECTORY = (ENABLE = " + "TRUE)",
                        "LIST '@" + STAGE + "'",
                        "PUT",
                        "PUT",
                        "PUT",
                        "PUT",
                        "PUT",
                        "PUT",
                        "SHOW APPLICATIONS",
                        "CREATE APPLICATION \"GITHUB_CONNECTOR\" FROM APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" USING '@"
                                + STAGE + "' COMMENT = 'GENERATED_BY_CONNECTOR_KIT'");
        assertThat(puts())
                .contains("PUT 'file://" + bundle.resolve("lib/github.jar") + "' '@" + STAGE + "/lib' "
                        + "AUTO_COMPRESS = FALSE OVERWRITE = TRUE");
        assertThat(snowflake.uploadedBytes()).isEqualTo(113);
        Map<String, byte[]> stage = snowflake.stageFiles(STAGE);
        assertThat(stage)
                .containsOnlyKeys(
                        "setup.sql",
                        "manifest.yml",
                        "README.md",
                        "lib/connector-runtime.jar",
                        "lib/github.jar",
                        "streamlit/app.py");
        assertThat(new String(stage.get("lib/github.jar"))).isEqualTo("connector");
        assertThat(log)
                .contains(
                        "Created application package GITHUB_CONNECTOR_PKG",
                        "Stage @GITHUB_CONNECTOR_PKG.APP_SRC.STAGE: 6 uploaded (113 bytes), 0 removed, 0 unchanged",
                        "Created application GITHUB_CONNECTOR USING '@" + STAGE + "'");
    }

    /** What a development-mode redeploy of an unchanged bundle sends: 6 statements, no PUT. */
    private static final List<String> NO_OP_REDEPLOY = List.of(
            "SHOW APPLICATION PACKAGES",
            "CREATE SCHEMA IF NOT EXISTS \"GITHUB_CONNECTOR_PKG\".APP_SRC",
            "CREATE STAGE IF NOT EXISTS " + STAGE + " ENCRYPTION = (TYPE = 'SNOWFLAKE_SSE') DIRECTORY = (ENABLE = "
                    + "TRUE)",
            "LIST '@" + STAGE + "'",
            "SHOW APPLICATIONS",
            "ALTER APPLICATION \"GITHUB_CONNECTOR\" UPGRADE USING '@" + STAGE + "'");

    @Test
    void aRedeployOfTheSameBundleUploadsAndRemovesNothing() throws Exception {
        deploy(DEV);
        long uploaded = snowflake.uploadedBytes();
        int before = snowflake.applicationStatements().size();

        deploy(DEV);

        assertThat(sql().subList(before, sql().size())).containsExactlyElementsOf(NO_OP_REDEPLOY);
        assertThat(snowflake.uploadedBytes()).isEqualTo(uploaded);
    }

    @Test
    void aOneFileChangeCostsOnePutMoreThanTheNoOpRedeploy() throws Exception {
        deploy(DEV);
        int before = snowflake.applicationStatements().size();
        write("lib/github.jar", "connector, version 2");

        deploy(DEV);

        List<String> redeploy = sql().subList(before, sql().size());
        assertThat(redeploy).hasSize(7);
        assertThat(redeploy.get(4)).isEqualTo("PUT");
        assertThat(puts().get(puts().size() - 1)).startsWith("PUT 'file://" + bundle.resolve("lib/github.jar") + "'");
        assertThat(redeploy).filteredOn(sql -> !sql.startsWith("PUT")).containsExactlyElementsOf(NO_OP_REDEPLOY);
    }

    @Test
    void aChangedFileIsTheOnlyUploadAndAFileThatIsGoneIsRemoved() throws Exception {
        deploy(DEV);
        int before = snowflake.applicationStatements().size();
        write("lib/github.jar", "connector, version 2");
        Files.delete(bundle.resolve("streamlit/app.py"));

        deploy(DEV);

        List<String> redeploy = sql().subList(before, sql().size());
        assertThat(redeploy).filteredOn(sql -> sql.startsWith("PUT")).hasSize(1);
        assertThat(puts().get(puts().size() - 1)).startsWith("PUT 'file://" + bundle.resolve("lib/github.jar") + "'");
        assertThat(redeploy).contains("REMOVE '@" + STAGE + "/streamlit/app.py'");
        assertThat(snowflake.stageFiles(STAGE)).doesNotContainKey("streamlit/app.py");
        assertThat(new String(snowflake.stageFiles(STAGE).get("lib/github.jar")))
                .isEqualTo("connector, version 2");
    }

    @Test
    void removingAFileKeepsTheFilesItsPathPrefixes() throws Exception {
        write("README", "plain");
        deploy(DEV);
        Files.delete(bundle.resolve("README"));
        int before = snowflake.applicationStatements().size();

        deploy(DEV);

        // The fake removes by prefix, as Snowflake does: REMOVE '@stage/README' takes README.md with it.
        List<String> redeploy = sql().subList(before, sql().size());
        assertThat(redeploy).contains("REMOVE '@" + STAGE + "/README'");
        assertThat(redeploy).filteredOn(sql -> sql.startsWith("PUT")).hasSize(1);
        assertThat(snowflake.stageFiles(STAGE)).doesNotContainKey("README").containsKey("README.md");
        assertThat(new String(snowflake.stageFiles(STAGE).get("README.md"))).isEqualTo("# GitHub connector");
    }

    @Test
    void aFileStoredInPartsIsRecognisedByItsMultipartMd5() throws Exception {
        deploy(DEV);
        byte[] content = Files.readAllBytes(bundle.resolve("lib/connector-runtime.jar"));
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        String onePart = HexFormat.of()
                        .formatHex(md5.digest(MessageDigest.getInstance("MD5").digest(content))) + "-1";
        snowflake.overrideMd5(STAGE, "lib/connector-runtime.jar", onePart);
        int before = snowflake.applicationStatements().size();

        deploy(DEV);

        assertThat(sql().subList(before, sql().size())).noneMatch(sql -> sql.startsWith("PUT"));
    }

    /** A package made before release channels, or without them, takes ADD VERSION. */
    @Test
    void aVersionIsAddedThenPatchedAndTheAppInstalledFromIt() throws Exception {
        account.createPackageWithoutReleaseChannels("GITHUB_CONNECTOR_PKG", "GENERATED_BY_CONNECTOR_KIT");
        NativeAppInstaller.Request versioned = new NativeAppInstaller.Request(
                "github_connector", "github_connector_pkg", Optional.of("2.1"), "GitHub connector", false, false);

        deploy(versioned);
        deploy(versioned);

        assertThat(sql())
                .filteredOn(sql -> sql.contains("VERSION")
                        || sql.startsWith("CREATE APPLICATION \"")
                        || sql.startsWith("ALTER APPLICATION \""))
                .containsExactly(
                        "SHOW VERSIONS IN APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"",
                        "ALTER APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" ADD VERSION \"2.1\" USING '@" + STAGE
                                + "' LABEL = 'GitHub connector'",
                        "CREATE APPLICATION \"GITHUB_CONNECTOR\" FROM APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" USING "
                                + "VERSION \"2.1\" PATCH 0 COMMENT = 'GENERATED_BY_CONNECTOR_KIT'",
                        "SHOW VERSIONS IN APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"",
                        "ALTER APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" ADD PATCH FOR VERSION \"2.1\" USING '@"
                                + STAGE + "'",
                        "ALTER APPLICATION \"GITHUB_CONNECTOR\" UPGRADE USING VERSION \"2.1\" PATCH 1");
        assertThat(sql()).contains("SHOW RELEASE CHANNELS IN APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"");
        assertThat(log)
                .contains(
                        "Added version 2.1 to GITHUB_CONNECTOR_PKG",
                        "Added patch 1 to version 2.1 of GITHUB_CONNECTOR_PKG");
    }

    /**
     * New packages have release channels, which refuse ADD VERSION: the version is registered (patch 0), then
     * patched, and the app installed from the patch ADD PATCH answered.
     * https://docs.snowflake.com/en/developer-guide/native-apps/release-channels
     */
    @Test
    void aVersionIsRegisteredInAPackageWithReleaseChannelsThenPatched() throws Exception {
        deploy(VERSIONED);
        int before = snowflake.applicationStatements().size();
        write("lib/github.jar", "connector, patched");
        deploy(VERSIONED);

        List<String> versions = sql().stream()
                .filter(sql -> sql.contains("VERSION")
                        || sql.contains("RELEASE")
                        || sql.startsWith("CREATE APPLICATION \"")
                        || sql.startsWith("ALTER APPLICATION \""))
                .toList();
        assertThat(versions)
                .containsExactly(
                        "SHOW VERSIONS IN APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"",
                        "SHOW RELEASE CHANNELS IN APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"",
                        "ALTER APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" REGISTER VERSION \"2.1\" USING '@" + STAGE
                                + "' LABEL = 'GitHub connector'",
                        "CREATE APPLICATION \"GITHUB_CONNECTOR\" FROM APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" USING "
                                + "VERSION \"2.1\" PATCH 0 COMMENT = 'GENERATED_BY_CONNECTOR_KIT'",
                        "SHOW VERSIONS IN APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"",
                        "ALTER APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" ADD PATCH FOR VERSION \"2.1\" USING '@"
                                + STAGE + "'",
                        "ALTER APPLICATION \"GITHUB_CONNECTOR\" UPGRADE USING VERSION \"2.1\" PATCH 1");
        // A patch needs no look-up of the release channels: the redeploy sends as many statements as before them.
        assertThat(sql().subList(before, sql().size())).hasSize(9);
        assertThat(log)
                .contains("Registered version 2.1 in GITHUB_CONNECTOR_PKG (release channels QA, ALPHA, DEFAULT)");
        assertThat(column("SHOW VERSIONS IN APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"", "patch"))
                .containsExactly("0", "1");
    }

    /** An account whose Snowflake cannot compile SHOW RELEASE CHANNELS has none: ADD VERSION, as before. */
    @Test
    void aCompilationErrorForShowReleaseChannelsMeansNoReleaseChannels() throws Exception {
        account.createPackageWithoutReleaseChannels("GITHUB_CONNECTOR_PKG", "GENERATED_BY_CONNECTOR_KIT");
        snowflake.on(
                sql -> sql.startsWith("SHOW RELEASE CHANNELS"),
                Reply.error(
                        1003,
                        "42000",
                        "SQL compilation error:\nsyntax error line 1 at position 5 unexpected 'RELEASE'."));

        deploy(VERSIONED);

        assertThat(sql())
                .contains("ALTER APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" ADD VERSION \"2.1\" USING '@" + STAGE
                        + "' LABEL = 'GitHub connector'");
        assertThat(account.app("GITHUB_CONNECTOR")).isPresent();
    }

    /** https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-channel */
    @Test
    void aReleaseChannelIsGivenTheVersionAndItsDefaultReleaseDirectiveTheNewPatch() throws Exception {
        NativeAppInstaller.Request published = new NativeAppInstaller.Request(
                "github_connector",
                "github_connector_pkg",
                Optional.of("2.1"),
                "GitHub connector",
                false,
                false,
                Optional.of("qa"));

        deploy(published);
        write("lib/github.jar", "connector, patched");
        deploy(published);

        String channel = "ALTER APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" MODIFY RELEASE CHANNEL \"QA\" ";
        assertThat(sql())
                .filteredOn(sql -> sql.contains("MODIFY RELEASE CHANNEL"))
                .containsExactly(
                        channel + "ADD VERSION \"2.1\"",
                        channel + "SET DEFAULT RELEASE DIRECTIVE VERSION = \"2.1\" PATCH = 0",
                        channel + "ADD VERSION \"2.1\"",
                        channel + "SET DEFAULT RELEASE DIRECTIVE VERSION = \"2.1\" PATCH = 1");
        assertThat(column("SHOW RELEASE DIRECTIVES IN APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"", "patch"))
                .containsExactly("1");
        assertThat(column("SHOW RELEASE CHANNELS IN APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"", "versions"))
                .containsExactly("[\"2.1\"]", "[]", "[]");
        assertThat(log).contains("Release channel QA of GITHUB_CONNECTOR_PKG now releases version 2.1 patch 1");
    }

    @Test
    void aReleaseChannelIsRefusedWhenThePackageHasNoneOrNotThatOne() {
        account.createPackageWithoutReleaseChannels("OLD_PKG", "GENERATED_BY_CONNECTOR_KIT");

        assertThatThrownBy(() -> deploy(new NativeAppInstaller.Request(
                        "github_connector",
                        "old_pkg",
                        Optional.of("2.1"),
                        "GitHub connector",
                        false,
                        false,
                        Optional.of("DEFAULT"))))
                .hasMessage("Cannot publish in release channel DEFAULT: application package OLD_PKG has no release "
                        + "channels (it was created without them, and they cannot be added to it); drop "
                        + "-Dconnector.releaseChannel, or undeploy and deploy again to get a package with release "
                        + "channels");
        assertThatThrownBy(() -> deploy(new NativeAppInstaller.Request(
                        "github_connector",
                        "github_connector_pkg",
                        Optional.of("2.1"),
                        "GitHub connector",
                        false,
                        false,
                        Optional.of("BETA"))))
                .hasMessage("Application package GITHUB_CONNECTOR_PKG has no release channel BETA; choose one of QA, "
                        + "ALPHA, DEFAULT with -Dconnector.releaseChannel");
        assertThat(sql()).noneMatch(sql -> sql.contains("ADD VERSION") || sql.contains("REGISTER VERSION"));
        int before = sql().size();
        assertThatThrownBy(() -> deploy(new NativeAppInstaller.Request(
                        "github_connector",
                        "github_connector_pkg",
                        Optional.empty(),
                        "GitHub connector",
                        false,
                        false,
                        Optional.of("QA"))))
                .hasMessageStartingWith("Publishing in release channel QA needs a version: deploy with "
                        + "-Dconnector.version=<name> or -Dconnector.versioned=true");
        assertThat(sql()).hasSize(before);
    }

    @ParameterizedTest(name = "Snowflake error {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "512023 | REGISTER VERSION | Failed registering version 2.1: github_connector_pkg has as many versions in "
                        + "no release channel as Snowflake allows; drop such a version (ALTER APPLICATION PACKAGE "
                        + "github_connector_pkg DEREGISTER VERSION <name>) or add it to a channel",
                "512004 | MODIFY RELEASE CHANNEL \"QA\" ADD VERSION | Failed adding version 2.1 to release channel QA: the "
                        + "release channel has as many versions as Snowflake allows (two)",
                "512008 | SET DEFAULT RELEASE DIRECTIVE | Failed setting the default release directive of release channel "
                        + "QA: the version has not been added to the release channel",
                "93036 | SET DEFAULT RELEASE DIRECTIVE | Failed setting the default release directive of release channel "
                        + "QA: the version has no such patch in github_connector_pkg"
            })
    void releaseChannelErrorCodesAreExplained(int code, String statement, String explanation) {
        snowflake.on(sql -> sql.contains(statement), Reply.error(code, "P0000", "Snowflake says " + code));

        assertThatThrownBy(() -> deploy(new NativeAppInstaller.Request(
                        "github_connector",
                        "github_connector_pkg",
                        Optional.of("2.1"),
                        "GitHub connector",
                        false,
                        false,
                        Optional.of("QA"))))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith(explanation)
                .hasMessageEndingWith("(Snowflake error " + code + ": Snowflake says " + code + ")");
    }

    @ParameterizedTest(name = "Snowflake error {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "93030 | ADD VERSION | Failed adding version 2.1: the version already exists in github_connector_pkg; deploy "
                        + "again to add a patch to it, or name a new version with -Dconnector.version=<name>",
                "93037 | ADD VERSION | Failed adding version 2.1: github_connector_pkg has as many versions as Snowflake "
                        + "allows; drop one that no install uses (ALTER APPLICATION PACKAGE github_connector_pkg DROP "
                        + "VERSION <name>) and deploy again",
                "93044 | CREATE APPLICATION \" | Failed creating the application: the app github_connector was installed in "
                        + "the other mode (development files or a version) and cannot be upgraded across; deploy with "
                        + "-Dconnector.force=true to drop and recreate it (its state is lost)",
                "93045 | CREATE APPLICATION \" | Failed creating the application: the app github_connector was installed in "
                        + "the other mode",
                "93079 | CREATE APPLICATION \" | Failed creating the application: the app github_connector can no longer be "
                        + "upgraded from github_connector_pkg",
                "93167 | ADD VERSION | Failed adding version 2.1: a newer patch of this version exists already; deploy a "
                        + "new version with -Dconnector.version=<name>",
                "93168 | ADD VERSION | Failed adding version 2.1: this patch exists already; deploy again to add the next "
                        + "patch",
                "93083 | CREATE APPLICATION \" | Failed creating the application: the session has no warehouse, and "
                        + "Snowflake runs the setup script of github_connector in one; set warehouse on the connection",
                "93082 | CREATE APPLICATION \" | Failed creating the application: the setup script of github_connector "
                        + "failed: Snowflake says 93082; fix the descriptor or the template override and deploy again"
            })
    void snowflakeErrorCodesAreExplained(int code, String statement, String explanation) {
        account.createPackageWithoutReleaseChannels("GITHUB_CONNECTOR_PKG", "GENERATED_BY_CONNECTOR_KIT");
        snowflake.on(sql -> sql.contains(statement), Reply.error(code, "P0000", "Snowflake says " + code));
        NativeAppInstaller.Request versioned = new NativeAppInstaller.Request(
                "github_connector", "github_connector_pkg", Optional.of("2.1"), "GitHub connector", false, false);

        assertThatThrownBy(() -> deploy(versioned))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith(explanation)
                .hasMessageEndingWith("(Snowflake error " + code + ": Snowflake says " + code + ")");
    }

    /** 93046 and 93055: the app was installed in the other mode, as 93044/93045 (its mode is fixed at creation). */
    @ParameterizedTest(name = "Snowflake error {0}")
    @CsvSource({"93044", "93045", "93046", "93055", "93079"})
    void anAppThatCannotBeUpgradedIsRecreatedOnlyWithForce(int code) throws Exception {
        deploy(DEV);
        snowflake.on(
                sql -> sql.startsWith("ALTER APPLICATION \"GITHUB_CONNECTOR\" UPGRADE"),
                Reply.error(code, "P0000", "Cannot upgrade"));

        assertThatThrownBy(() -> deploy(DEV)).hasMessageContaining("-Dconnector.force=true");
        deploy(new NativeAppInstaller.Request(
                "github_connector", "github_connector_pkg", Optional.empty(), "GitHub connector", true, false));

        List<String> statements = sql();
        assertThat(statements.subList(statements.size() - 3, statements.size()))
                .containsExactly(
                        "ALTER APPLICATION \"GITHUB_CONNECTOR\" UPGRADE USING '@" + STAGE + "'",
                        "DROP APPLICATION IF EXISTS \"GITHUB_CONNECTOR\"",
                        "CREATE APPLICATION \"GITHUB_CONNECTOR\" FROM APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" USING '@"
                                + STAGE + "' COMMENT = 'GENERATED_BY_CONNECTOR_KIT'");
    }

    /**
     * An app that created a database owns it: DROP APPLICATION without CASCADE is refused (93128), and only
     * -Dconnector.force=true drops what the app owns. https://docs.snowflake.com/en/sql-reference/sql/drop-application
     */
    @Test
    void anAppThatOwnsADatabaseIsUndeployedWithCascadeOnlyWithForce() throws Exception {
        deploy(DEV);
        account.appOwns("GITHUB_CONNECTOR", "GITHUB_DATA");

        assertThatThrownBy(() -> new NativeAppInstaller(session, log::add).undeploy(DEV))
                .hasMessageStartingWith("Failed dropping the application: the app github_connector owns objects "
                        + "outside itself (such as a database it created), which only DROP APPLICATION "
                        + "github_connector CASCADE drops with it; run with -Dconnector.force=true to drop them too, "
                        + "or run that statement yourself (Snowflake error 93128: Application 'GITHUB_CONNECTOR' owns "
                        + "external objects (GITHUB_DATA)");
        assertThat(account.app("GITHUB_CONNECTOR")).isPresent();
        assertThat(account.packages).containsKey("GITHUB_CONNECTOR_PKG");
        int before = sql().size();

        new NativeAppInstaller(session, log::add).undeploy(FORCED);

        assertThat(sql().subList(before, sql().size()))
                .containsExactly(
                        "SHOW APPLICATIONS",
                        "DROP APPLICATION IF EXISTS \"GITHUB_CONNECTOR\"",
                        "DROP APPLICATION IF EXISTS \"GITHUB_CONNECTOR\" CASCADE",
                        "SHOW APPLICATION PACKAGES",
                        "DROP APPLICATION PACKAGE IF EXISTS \"GITHUB_CONNECTOR_PKG\"");
        assertThat(account.app("GITHUB_CONNECTOR")).isEmpty();
        assertThat(account.objectsOwnedBy("GITHUB_CONNECTOR")).isEmpty();
        assertThat(account.packages).isEmpty();
    }

    @Test
    void anAppThatOwnsADatabaseIsRecreatedWithCascade() throws Exception {
        deploy(DEV);
        account.appOwns("GITHUB_CONNECTOR", "GITHUB_DATA");
        snowflake.on(
                sql -> sql.startsWith("ALTER APPLICATION \"GITHUB_CONNECTOR\" UPGRADE"),
                Reply.error(93045, "P0000", "Cannot upgrade from a version to loose files"));

        deploy(FORCED);

        List<String> statements = sql();
        assertThat(statements.subList(statements.size() - 4, statements.size()))
                .containsExactly(
                        "ALTER APPLICATION \"GITHUB_CONNECTOR\" UPGRADE USING '@" + STAGE + "'",
                        "DROP APPLICATION IF EXISTS \"GITHUB_CONNECTOR\"",
                        "DROP APPLICATION IF EXISTS \"GITHUB_CONNECTOR\" CASCADE",
                        "CREATE APPLICATION \"GITHUB_CONNECTOR\" FROM APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" USING '@"
                                + STAGE + "' COMMENT = 'GENERATED_BY_CONNECTOR_KIT'");
        assertThat(account.app("GITHUB_CONNECTOR")).isPresent();
        assertThat(account.objectsOwnedBy("GITHUB_CONNECTOR")).isEmpty();
        assertThat(log)
                .anySatisfy(line ->
                        assertThat(line).startsWith("Application GITHUB_CONNECTOR owns objects " + "outside itself"));
    }

    @Test
    void objectsTheKitDidNotCreateAreLeftAlone() throws Exception {
        account.packages.put("GITHUB_CONNECTOR_PKG", "made by hand");

        assertThatThrownBy(() -> deploy(DEV))
                .hasMessage("The application package GITHUB_CONNECTOR_PKG exists but was "
                        + "not created by Connector Kit (its comment lacks GENERATED_BY_CONNECTOR_KIT), so it is left alone; "
                        + "choose another name (-Dconnector.appName / -Dconnector.packageName) or take it over with "
                        + "-Dconnector.force=true");
        assertThat(sql()).containsExactly("SHOW APPLICATION PACKAGES");
        assertThatThrownBy(() -> new NativeAppInstaller(session, log::add).undeploy(DEV))
                .hasMessageContaining("was not created by Connector Kit");
    }

    /** The Snowflake CLI marks what snow app run creates with its own comment and refuses what lacks it. */
    @Test
    void anAppTheSnowflakeCliCreatedIsLeftToTheCliWithTheFix() throws Exception {
        account.packages.put("GITHUB_CONNECTOR_PKG", "GENERATED_BY_CONNECTOR_KIT");
        account.applications.put("GITHUB_CONNECTOR", "GENERATED_BY_SNOWFLAKECLI");

        assertThatThrownBy(() -> deploy(DEV))
                .hasMessage("The application GITHUB_CONNECTOR was created by the "
                        + "Snowflake CLI (snow app run; its comment is GENERATED_BY_SNOWFLAKECLI), which manages it from its "
                        + "snowflake.yml, so the kit leaves it alone. The two tools each keep their own app: deploy the kit's "
                        + "under other names (-Dconnector.appName / -Dconnector.packageName), remove the CLI's with snow app "
                        + "teardown in the folder of its snowflake.yml, or take it over with -Dconnector.force=true (the CLI "
                        + "then refuses it)");
        assertThat(sql())
                .noneMatch(sql -> sql.startsWith("ALTER APPLICATION \"") || sql.startsWith("CREATE APPLICATION \""));
        assertThatThrownBy(() -> new NativeAppInstaller(session, log::add).undeploy(DEV))
                .hasMessageStartingWith("The application GITHUB_CONNECTOR was created by the Snowflake CLI");
        assertThat(account.applications).containsKey("GITHUB_CONNECTOR");

        account.packages.put("GITHUB_CONNECTOR_PKG", "GENERATED_BY_SNOWCLI");
        assertThatThrownBy(() -> deploy(DEV))
                .hasMessageStartingWith("The application package GITHUB_CONNECTOR_PKG "
                        + "was created by the Snowflake CLI (snow app run; its comment is GENERATED_BY_SNOWCLI)");
    }

    @Test
    void undeployDropsTheAppThenThePackage() throws Exception {
        deploy(DEV);
        int before = snowflake.applicationStatements().size();

        new NativeAppInstaller(session, log::add).undeploy(DEV);

        assertThat(sql().subList(before, sql().size()))
                .containsExactly(
                        "SHOW APPLICATIONS",
                        "DROP APPLICATION IF EXISTS \"GITHUB_CONNECTOR\"",
                        "SHOW APPLICATION PACKAGES",
                        "DROP APPLICATION PACKAGE IF EXISTS \"GITHUB_CONNECTOR_PKG\"");
        assertThat(account.packages).isEmpty();
        assertThat(account.applications).isEmpty();
    }

    @Test
    void validationFailuresStopTheDeployBeforeTheAppChanges() {
        snowflake.on(
                sql -> sql.startsWith("CALL SYSTEM$VALIDATE_NATIVE_APP_SETUP"),
                Reply.columns(Column.text("SYSTEM$VALIDATE_NATIVE_APP_SETUP"))
                        .row(
                                "{\"status\": \"FAIL\", \"errors\": [{\"message\":"
                                        + " \"Unknown function FOO at line 3\"}], \"warnings\": [{\"message\": \"No README\"}]}"));

        assertThatThrownBy(() -> deploy(new NativeAppInstaller.Request(
                        "github_connector", "github_connector_pkg", Optional.empty(), "GitHub connector", false, true)))
                .hasMessage("Snowflake refused the setup script: Unknown function FOO at line 3. Fix the descriptor or "
                        + "the template override and deploy again");
        assertThat(log).contains("Validation warning: No README");
        assertThat(sql()).noneMatch(sql -> sql.startsWith("CREATE APPLICATION \""));
    }

    /** https://docs.snowflake.com/en/sql-reference/info-schema/packages */
    @Test
    void validationListsTheSnowparkVersionsSnowflakeOffersAndGoesOnWithAnOfferedOne() throws Exception {
        validationPasses();

        deploy(pinning("1.15.0", true));

        RecordedStatement listing = snowflake.applicationStatements().get(0);
        assertThat(listing.sql())
                .isEqualTo("SELECT VERSION FROM SNOWFLAKE.INFORMATION_SCHEMA.PACKAGES WHERE "
                        + "LANGUAGE = 'java' AND PACKAGE_NAME = ?");
        assertThat(listing.bindings()).containsExactly("com.snowflake:snowpark");
        assertThat(log)
                .contains("Snowflake offers com.snowflake:snowpark 1.9.0, 1.10.0, 1.11.0, 1.12.0, 1.12.1, "
                        + "1.13.0, 1.13.1, 1.13.2, 1.14.0, 1.15.0, 1.16.0 for Java; the app's procedures pin 1.15.0");
        assertThat(account.app("GITHUB_CONNECTOR")).isPresent();
    }

    @Test
    void validationStopsAtASnowparkVersionSnowflakeDoesNotOfferBeforeAnythingChanges() {
        validationPasses();
        snowflake.packages().offer("java", "com.snowflake:snowpark", List.of("1.16.0", "1.12.0", "1.15.0"));

        assertThatThrownBy(() -> deploy(pinning("1.17.0", true)))
                .isInstanceOf(DeployException.class)
                .hasMessage("The app's procedures pin com.snowflake:snowpark:1.17.0, which Snowflake does not offer "
                        + "(it offers 1.12.0, 1.15.0, 1.16.0); set app.snowparkVersion in the connector descriptor "
                        + "(connector.yaml) to one of 1.15.0, 1.16.0, then build and deploy again");
        assertThat(sql())
                .containsExactly("SELECT VERSION FROM SNOWFLAKE.INFORMATION_SCHEMA.PACKAGES WHERE "
                        + "LANGUAGE = 'java' AND PACKAGE_NAME = ?");

        snowflake.packages().offer("java", "com.snowflake:snowpark", List.of("1.12.0", "1.14.0"));
        assertThatThrownBy(() -> deploy(pinning("latest", true)))
                .hasMessage("Snowflake offers no Snowpark version the connector runtime runs on (1.15.0 or newer): "
                        + "INFORMATION_SCHEMA.PACKAGES lists 1.12.0, 1.14.0. The connector's procedures cannot run in "
                        + "this account; deploy to one that offers such a version");
        assertThat(account.packages).isEmpty();
    }

    @Test
    void withoutValidationTheSnowparkVersionCostsNoStatement() throws Exception {
        snowflake.packages().offer("java", "com.snowflake:snowpark", List.of("1.12.0"));

        deploy(pinning("1.15.0", false));

        assertThat(sql()).noneMatch(sql -> sql.contains("INFORMATION_SCHEMA"));
        assertThat(account.app("GITHUB_CONNECTOR")).isPresent();
    }

    private void validationPasses() {
        snowflake.on(
                sql -> sql.startsWith("CALL SYSTEM$VALIDATE_NATIVE_APP_SETUP"),
                Reply.columns(Column.text("SYSTEM$VALIDATE_NATIVE_APP_SETUP"))
                        .row("{\"status\": \"SUCCESS\", \"errors\": [], " + "\"warnings\": []}"));
    }

    private static NativeAppInstaller.Request pinning(String snowparkVersion, boolean validate) {
        return new NativeAppInstaller.Request(
                "github_connector",
                "github_connector_pkg",
                Optional.empty(),
                "GitHub connector",
                false,
                validate,
                Optional.empty(),
                Optional.of(snowparkVersion));
    }

    private void deploy(NativeAppInstaller.Request request) throws DeployException {
        new NativeAppInstaller(session, log::add).deploy(request, FileSync.filesUnder(bundle));
    }

    /** Statements, with every PUT shortened to its verb (they run in parallel, so their order varies). */
    private List<String> sql() {
        return snowflake.applicationStatements().stream()
                .map(RecordedStatement::sql)
                .map(sql -> sql.startsWith("PUT") ? "PUT" : sql)
                .toList();
    }

    /** The values of one column of a query's rows, as text. */
    private List<String> column(String query, String name) throws Exception {
        return session.query(query).stream()
                .map(row -> String.valueOf(row.get(name)))
                .toList();
    }

    private List<String> puts() {
        return snowflake.applicationStatements().stream()
                .map(RecordedStatement::sql)
                .filter(sql -> sql.startsWith("PUT"))
                .toList();
    }

    private void write(String path, String content) throws Exception {
        Path file = bundle.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
