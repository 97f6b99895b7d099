package io.connectorkit.plugin.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.FakeAccount;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedStatement;
import io.connectorkit.plugin.bundle.FileSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishes through the real snowflake-jdbc driver to the fake endpoint: the cases the goal's tests do not build a
 * project for. Rules: https://docs.snowflake.com/en/developer-guide/native-apps/release-channels.
 */
class ReleasePublisherTest {

    private static final String PACKAGE = "ALTER APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\"";

    @TempDir
    Path bundle;

    @TempDir
    Path records;

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
        write("lib/github.jar", "connector");
    }

    @AfterEach
    void disconnect() throws Exception {
        session.close();
        snowflake.close();
    }

    /** A version deployed (or patched) from elsewhere has no record here: its newest patch may hold other files. */
    @Test
    void aVersionThisProjectHasNoRecordOfGetsAPatchWithTheBundle() throws Exception {
        new NativeAppInstaller(session, log::add)
                .deploy(
                        new NativeAppInstaller.Request(
                                "github_connector", "github_connector_pkg", Optional.of("V1"), "GitHub", false, false),
                        FileSync.filesUnder(bundle));

        ReleasePublisher.Published published = publish(request("V1", "QA", "DEFAULT", List.of(), false));

        assertThat(published.patch()).isEqualTo(1);
        assertThat(log)
                .contains("This project has no record of the files of version V1 patch 0 (made from "
                        + "elsewhere?); adding a patch with this bundle");
        assertThat(publish(request("V1", "QA", "DEFAULT", List.of(), false)).changes())
                .isEmpty();
    }

    @Test
    void aFullChannelWhoseVersionsDirectivesAllNameIsRefusedEvenWithForce() throws Exception {
        account.knowAccount("FAKE_ORG.QA_ONE");
        publish(request("V1", "QA", "DEFAULT", List.of(), false));
        publish(request("V2", "QA", "TESTERS", List.of("FAKE_ORG.QA_ONE"), false));
        int before = alterStatements().size();

        assertThatThrownBy(() -> publish(request("V3", "QA", "DEFAULT", List.of(), true)))
                .isInstanceOf(DeployException.class)
                .hasMessage("Release channel QA holds 2 versions already (V1, "
                        + "V2), as many as Snowflake allows, and a release directive names each of them, so none can "
                        + "make room for version V3: point those directives at one version first (publish it again), "
                        + "then publish V3");
        assertThat(alterStatements()).hasSize(before);
    }

    @Test
    void aCustomDirectiveGivenOtherAccountsServesThoseInstead() throws Exception {
        account.knowAccount("FAKE_ORG.QA_ONE");
        account.knowAccount("FAKE_ORG.QA_TWO");
        publish(request("V1", "ALPHA", "TESTERS", List.of("FAKE_ORG.QA_ONE"), false));

        publish(request("V1", "ALPHA", "TESTERS", List.of("fake_org.qa_two"), false));

        assertThat(alterStatements())
                .last()
                .isEqualTo(PACKAGE + " MODIFY RELEASE CHANNEL \"ALPHA\" SET RELEASE "
                        + "DIRECTIVE \"TESTERS\" ACCOUNTS = (FAKE_ORG.QA_TWO) VERSION = \"V1\" PATCH = 0");
        ReleaseState state = ReleaseState.read(session, "github_connector", "github_connector_pkg")
                .orElseThrow();
        assertThat(state.channel("ALPHA")
                        .orElseThrow()
                        .directive("TESTERS")
                        .orElseThrow()
                        .accounts())
                .containsExactly("FAKE_ORG.QA_TWO");
    }

    /** Snowflake's refusal of an account it does not know (1999), explained. */
    @Test
    void anAccountSnowflakeDoesNotKnowIsExplained() throws Exception {
        assertThatThrownBy(() -> publish(request("V1", "QA", "TESTERS", List.of("NOBODY.NOWHERE"), false)))
                .hasMessageStartingWith("Failed setting release directive TESTERS of release channel QA: Snowflake "
                        + "knows no such account; name each as ORGANIZATION.ACCOUNT (SHOW ORGANIZATION ACCOUNTS lists "
                        + "your organization's) in -Dconnector.accounts (Snowflake error 1999: ");
    }

    @Test
    void aPackageWithoutReleaseChannelsIsRefusedBeforeItsStageChanges() throws Exception {
        account.createPackageWithoutReleaseChannels("GITHUB_CONNECTOR_PKG", "GENERATED_BY_CONNECTOR_KIT");

        assertThatThrownBy(() -> publish(request("V1", "DEFAULT", "DEFAULT", List.of(), false)))
                .hasMessageStartingWith("Cannot publish in release channel DEFAULT: application package "
                        + "GITHUB_CONNECTOR_PKG has no release channels");
        assertThat(snowflake.applicationStatements())
                .extracting(RecordedStatement::sql)
                .allSatisfy(sql -> assertThat(sql).startsWith("SHOW "));
    }

    private ReleasePublisher.Published publish(ReleasePublisher.Request request) throws Exception {
        return new ReleasePublisher(session, log::add, new ReleaseRecord(records), "test")
                .publish(request, FileSync.filesUnder(bundle));
    }

    private static ReleasePublisher.Request request(
            String version, String channel, String directive, List<String> accounts, boolean force) {
        return new ReleasePublisher.Request(
                "github_connector",
                "github_connector_pkg",
                version,
                "GitHub",
                channel,
                directive,
                accounts,
                force,
                false,
                Optional.empty());
    }

    private List<String> alterStatements() {
        return snowflake.applicationStatements().stream()
                .map(RecordedStatement::sql)
                .filter(sql -> sql.startsWith("ALTER APPLICATION PACKAGE"))
                .toList();
    }

    private void write(String path, String content) throws Exception {
        Path file = bundle.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
