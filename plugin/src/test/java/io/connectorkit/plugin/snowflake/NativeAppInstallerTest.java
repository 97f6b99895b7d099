package io.connectorkit.plugin.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.bundle.FileSync;
import io.connectorkit.fake.snowflake.Column;
import io.connectorkit.fake.snowflake.FakeAccount;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedStatement;
import io.connectorkit.fake.snowflake.Reply;
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
    private static final NativeAppInstaller.Request DEV = new NativeAppInstaller.Request("github_connector",
            "github_connector_pkg", Optional.empty(), "GitHub connector", false, false);

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
        session = SnowflakeSession.open(new ConnectionSettings(snowflake.jdbcUrl(), snowflake.connectionProperties(),
                List.of("test")));
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

        assertThat(sql()).containsExactly(
                "SHOW APPLICATION PACKAGES",
                "CREATE APPLICATION PACKAGE IF NOT EXISTS \"GITHUB_CONNECTOR_PKG\" COMMENT = 'GENERATED_BY_CONNECTOR_KIT'",
                "CREATE SCHEMA IF NOT EXISTS \"GITHUB_CONNECTOR_PKG\".APP_SRC",
                "CREATE STAGE IF NOT EXISTS " + STAGE + " ENCRYPTION = (TYPE = 'SNOWFLAKE_SSE') DIRECTORY = (ENABLE = "
                        + "TRUE)",
                "LIST '@" + STAGE + "'",
                "PUT", "PUT", "PUT", "PUT", "PUT", "PUT",
                "SHOW APPLICATIONS",
                "CREATE APPLICATION \"GITHUB_CONNECTOR\" FROM APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" USING '@"
                        + STAGE + "' COMMENT = 'GENERATED_BY_CONNECTOR_KIT'");
        assertThat(puts()).contains("PUT 'file://" + bundle.resolve("lib/github.jar") + "' '@" + STAGE + "/lib' "
                + "AUTO_COMPRESS = FALSE OVERWRITE = TRUE");
        assertThat(snowflake.uploadedBytes()).isEqualTo(113);
        Map<String, byte[]> stage = snowflake.stageFiles(STAGE);
        assertThat(stage).containsOnlyKeys("setup.sql", "manifest.yml", "README.md", "lib/connector-runtime.jar",
                "lib/github.jar", "streamlit/app.py");
        assertThat(new String(stage.get("lib/github.jar"))).isEqualTo("connector");
        assertThat(log).contains("Created application package GITHUB_CONNECTOR_PKG",
                "Stage @GITHUB_CONNECTOR_PKG.APP_SRC.STAGE: 6 uploaded (113 bytes), 0 removed, 0 unchanged",
                "Created application GITHUB_CONNECTOR USING '@" + STAGE + "'");
    }

    @Test
    void aRedeployOfTheSameBundleUploadsAndRemovesNothing() throws Exception {
        deploy(DEV);
        long uploaded = snowflake.uploadedBytes();
        int before = snowflake.applicationStatements().size();

        deploy(DEV);

        assertThat(sql().subList(before, sql().size())).containsExactly(
                "SHOW APPLICATION PACKAGES",
                "CREATE SCHEMA IF NOT EXISTS \"GITHUB_CONNECTOR_PKG\".APP_SRC",
                "CREATE STAGE IF NOT EXISTS " + STAGE + " ENCRYPTION = (TYPE = 'SNOWFLAKE_SSE') DIRECTORY = (ENABLE = "
                        + "TRUE)",
                "LIST '@" + STAGE + "'",
                "SHOW APPLICATIONS",
                "ALTER APPLICATION \"GITHUB_CONNECTOR\" UPGRADE USING '@" + STAGE + "'");
        assertThat(snowflake.uploadedBytes()).isEqualTo(uploaded);
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
        assertThat(new String(snowflake.stageFiles(STAGE).get("lib/github.jar"))).isEqualTo("connector, version 2");
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
        String onePart = HexFormat.of().formatHex(md5.digest(MessageDigest.getInstance("MD5").digest(content))) + "-1";
        snowflake.overrideMd5(STAGE, "lib/connector-runtime.jar", onePart);
        int before = snowflake.applicationStatements().size();

        deploy(DEV);

        assertThat(sql().subList(before, sql().size())).noneMatch(sql -> sql.startsWith("PUT"));
    }

    /** A package made before release channels, or without them, takes ADD VERSION. */
    @Test
    void aVersionIsAddedThenPatchedAndTheAppInstalledFromIt() throws Exception {
        account.createPackageWithoutReleaseChannels("GITHUB_CONNECTOR_PKG", "GENERATED_BY_CONNECTOR_KIT");
        NativeAppInstaller.Request versioned = new NativeAppInstaller.Request("github_connector",
                "github_connector_pkg", Optional.of("2.1"), "GitHub connector", false, false);

        deploy(versioned);
        deploy(versioned);

        assertThat(sql()).filteredOn(sql -> sql.contains("VERSION") || sql.startsWith("CREATE APPLICATION \"")
                || sql.startsWith("ALTER APPLICATION \"")).containsExactly(
                "SHOW VERSIONS IN APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"",
                "ALTER APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" ADD VERSION \"2.1\" USING '@" + STAGE
                        + "' LABEL = 'GitHub connector'",
                "CREATE APPLICATION \"GITHUB_CONNECTOR\" FROM APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" USING "
                        + "VERSION \"2.1\" COMMENT = 'GENERATED_BY_CONNECTOR_KIT'",
                "SHOW VERSIONS IN APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"",
                "ALTER APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" ADD PATCH FOR VERSION \"2.1\" USING '@" + STAGE + "'",
                "ALTER APPLICATION \"GITHUB_CONNECTOR\" UPGRADE USING VERSION \"2.1\"");
    }

    @ParameterizedTest(name = "Snowflake error {0}")
    @CsvSource(delimiter = '|', value = {
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
                    + "patch"})
    void snowflakeErrorCodesAreExplained(int code, String statement, String explanation) {
        account.createPackageWithoutReleaseChannels("GITHUB_CONNECTOR_PKG", "GENERATED_BY_CONNECTOR_KIT");
        snowflake.on(sql -> sql.contains(statement), Reply.error(code, "P0000", "Snowflake says " + code));
        NativeAppInstaller.Request versioned = new NativeAppInstaller.Request("github_connector",
                "github_connector_pkg", Optional.of("2.1"), "GitHub connector", false, false);

        assertThatThrownBy(() -> deploy(versioned)).isInstanceOf(DeployException.class)
                .hasMessageStartingWith(explanation)
                .hasMessageEndingWith("(Snowflake error " + code + ": Snowflake says " + code + ")");
    }

    @Test
    void anAppThatCannotBeUpgradedIsRecreatedOnlyWithForce() throws Exception {
        deploy(DEV);
        snowflake.on(sql -> sql.startsWith("ALTER APPLICATION \"GITHUB_CONNECTOR\" UPGRADE"),
                Reply.error(93045, "P0000", "Cannot upgrade from a version to loose files"));

        assertThatThrownBy(() -> deploy(DEV)).hasMessageContaining("-Dconnector.force=true");
        deploy(new NativeAppInstaller.Request("github_connector", "github_connector_pkg", Optional.empty(),
                "GitHub connector", true, false));

        List<String> statements = sql();
        assertThat(statements.subList(statements.size() - 3, statements.size())).containsExactly(
                "ALTER APPLICATION \"GITHUB_CONNECTOR\" UPGRADE USING '@" + STAGE + "'",
                "DROP APPLICATION IF EXISTS \"GITHUB_CONNECTOR\"",
                "CREATE APPLICATION \"GITHUB_CONNECTOR\" FROM APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" USING '@"
                        + STAGE + "' COMMENT = 'GENERATED_BY_CONNECTOR_KIT'");
    }

    @Test
    void objectsTheKitDidNotCreateAreLeftAlone() throws Exception {
        account.packages.put("GITHUB_CONNECTOR_PKG", "made by hand");

        assertThatThrownBy(() -> deploy(DEV)).hasMessage("The application package GITHUB_CONNECTOR_PKG exists but was "
                + "not created by Connector Kit (its comment lacks GENERATED_BY_CONNECTOR_KIT), so it is left alone; "
                + "choose another name (-Dconnector.appName / -Dconnector.packageName) or take it over with "
                + "-Dconnector.force=true");
        assertThat(sql()).containsExactly("SHOW APPLICATION PACKAGES");
        assertThatThrownBy(() -> new NativeAppInstaller(session, log::add).undeploy(DEV))
                .hasMessageContaining("was not created by Connector Kit");
    }

    @Test
    void undeployDropsTheAppThenThePackage() throws Exception {
        deploy(DEV);
        int before = snowflake.applicationStatements().size();

        new NativeAppInstaller(session, log::add).undeploy(DEV);

        assertThat(sql().subList(before, sql().size())).containsExactly("SHOW APPLICATIONS",
                "DROP APPLICATION IF EXISTS \"GITHUB_CONNECTOR\"", "SHOW APPLICATION PACKAGES",
                "DROP APPLICATION PACKAGE IF EXISTS \"GITHUB_CONNECTOR_PKG\"");
        assertThat(account.packages).isEmpty();
        assertThat(account.applications).isEmpty();
    }

    @Test
    void validationFailuresStopTheDeployBeforeTheAppChanges() {
        snowflake.on(sql -> sql.startsWith("CALL SYSTEM$VALIDATE_NATIVE_APP_SETUP"), Reply.columns(
                Column.text("SYSTEM$VALIDATE_NATIVE_APP_SETUP")).row("{\"status\": \"FAIL\", \"errors\": [{\"message\":"
                + " \"Unknown function FOO at line 3\"}], \"warnings\": [{\"message\": \"No README\"}]}"));

        assertThatThrownBy(() -> deploy(new NativeAppInstaller.Request("github_connector", "github_connector_pkg",
                Optional.empty(), "GitHub connector", false, true)))
                .hasMessage("Snowflake refused the setup script: Unknown function FOO at line 3. Fix the descriptor or "
                        + "the template override and deploy again");
        assertThat(log).contains("Validation warning: No README");
        assertThat(sql()).noneMatch(sql -> sql.startsWith("CREATE APPLICATION \""));
    }

    private void deploy(NativeAppInstaller.Request request) throws DeployException {
        new NativeAppInstaller(session, log::add).deploy(request, FileSync.filesUnder(bundle));
    }

    /** Statements, with every PUT shortened to its verb (they run in parallel, so their order varies). */
    private List<String> sql() {
        return snowflake.applicationStatements().stream().map(RecordedStatement::sql)
                .map(sql -> sql.startsWith("PUT") ? "PUT" : sql).toList();
    }

    private List<String> puts() {
        return snowflake.applicationStatements().stream().map(RecordedStatement::sql)
                .filter(sql -> sql.startsWith("PUT")).toList();
    }

    private void write(String path, String content) throws Exception {
        Path file = bundle.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
