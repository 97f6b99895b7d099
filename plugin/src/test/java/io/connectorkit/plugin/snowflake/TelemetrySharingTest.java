package io.connectorkit.plugin.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.AppTelemetry;
import io.connectorkit.fake.snowflake.FakeAccount;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedStatement;
import io.connectorkit.plugin.bundle.FileSync;
import io.connectorkit.plugin.descriptor.Telemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event sharing at deploy, through the real driver to the fake, which refuses what Snowflake refuses. */
class TelemetrySharingTest {

    private static final NativeAppInstaller.Request DEV = new NativeAppInstaller.Request(
            "github_connector", "github_connector_pkg", Optional.empty(), "GitHub connector", false, false);
    private static final Telemetry MANDATORY_ERRORS = new Telemetry(
            "INFO",
            "ON_EVENT",
            List.of(
                    new Telemetry.EventDefinition("ERRORS_AND_WARNINGS", "MANDATORY"),
                    new Telemetry.EventDefinition("DEBUG_LOGS", "OPTIONAL")));

    @TempDir
    Path bundle;

    private FakeSnowflake snowflake;
    private SnowflakeSession session;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        snowflake = FakeSnowflake.start();
        new FakeAccount(snowflake);
        session = SnowflakeSession.open(
                new ConnectionSettings(snowflake.jdbcUrl(), snowflake.connectionProperties(), List.of("test")));
        write("setup.sql", "CREATE APPLICATION ROLE IF NOT EXISTS ADMIN;");
        write("manifest.yml", """
                manifest_version: 1
                configuration:
                  log_level: INFO
                  trace_level: ON_EVENT
                  telemetry_event_definitions:
                    - type: ERRORS_AND_WARNINGS
                      sharing: MANDATORY
                    - type: DEBUG_LOGS
                      sharing: OPTIONAL
                """);
        write("README.md", "# GitHub connector");
        write("lib/connector-runtime.jar", "runtime");
    }

    @AfterEach
    void disconnect() throws Exception {
        session.close();
        snowflake.close();
    }

    @Test
    void anAppWithMandatoryEventsIsRefusedWithoutTheAuthorizationAndTheFixIsNamed() {
        assertThatThrownBy(() -> deploy(TelemetrySharing.of(MANDATORY_ERRORS, false, null)))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("Failed creating the application: the app's manifest declares MANDATORY "
                        + "telemetry event definitions")
                .hasMessageContaining("-Dconnector.authorizeTelemetry=true")
                .hasMessageContaining("Snowflake error 93321")
                .hasRootCauseInstanceOf(SQLException.class);
        assertThat(sql()).noneMatch(sql -> sql.contains("AUTHORIZE_TELEMETRY_EVENT_SHARING"));
        assertThat(snowflake.telemetry().sharingAuthorized("GITHUB_CONNECTOR")).isFalse();
    }

    @Test
    void theAuthorizationGoesOnCreateApplicationAndOptionalEventsAreSharedWithTheMandatoryOnes() throws Exception {
        deploy(TelemetrySharing.of(MANDATORY_ERRORS, true, "debug_logs"));

        assertThat(sql())
                .anySatisfy(sql -> assertThat(sql)
                        .startsWith("CREATE APPLICATION \"GITHUB_CONNECTOR\"")
                        .contains(" AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE COMMENT = 'GENERATED_BY_CONNECTOR_KIT'"));
        assertThat(sql())
                .contains("ALTER APPLICATION \"GITHUB_CONNECTOR\" SET SHARED TELEMETRY EVENTS "
                        + "('SNOWFLAKE$ERRORS_AND_WARNINGS', 'SNOWFLAKE$DEBUG_LOGS')");
        assertThat(snowflake.telemetry().sharingAuthorized("GITHUB_CONNECTOR")).isTrue();
        assertThat(snowflake.telemetry().sharedEvents("GITHUB_CONNECTOR"))
                .containsExactly("SNOWFLAKE$ERRORS_AND_WARNINGS", "SNOWFLAKE$DEBUG_LOGS");
    }

    @Test
    void anUpgradeAuthorizesWhenAskedAndSharingMandatoryEventsCannotBeSwitchedOff() throws Exception {
        deploy(TelemetrySharing.of(MANDATORY_ERRORS, true, null));
        write("README.md", "# GitHub connector, upgraded");

        deploy(TelemetrySharing.of(MANDATORY_ERRORS, true, null));

        assertThat(sql())
                .containsSubsequence(
                        "ALTER APPLICATION \"GITHUB_CONNECTOR\" UPGRADE USING "
                                + "'@\"GITHUB_CONNECTOR_PKG\".APP_SRC.STAGE'",
                        "ALTER APPLICATION \"GITHUB_CONNECTOR\" SET AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE");
        assertThat(snowflake.telemetry().sharedEvents("GITHUB_CONNECTOR"))
                .containsExactly("SNOWFLAKE$ERRORS_AND_WARNINGS");
        assertThatThrownBy(() -> session.execute(
                        "ALTER APPLICATION \"GITHUB_CONNECTOR\" SET " + "AUTHORIZE_TELEMETRY_EVENT_SHARING = FALSE"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode())
                        .isEqualTo(AppTelemetry.CANNOT_DISABLE_MANDATORY_TELEMETRY));
    }

    @Test
    void sharingOptionalEventsNeedsTheAuthorizationAndADeclaredOptionalDefinition() {
        assertThatThrownBy(() -> TelemetrySharing.of(MANDATORY_ERRORS, false, "DEBUG_LOGS"))
                .hasMessageContaining("connector.sharedEvents=DEBUG_LOGS")
                .hasMessageContaining("-Dconnector.authorizeTelemetry=true");
        assertThatThrownBy(() -> TelemetrySharing.of(MANDATORY_ERRORS, true, "USAGE_LOGS"))
                .hasMessage("connector.sharedEvents names 'USAGE_LOGS', which is not an OPTIONAL event definition "
                        + "of the app (manifest.telemetry.events in connector.yaml declares DEBUG_LOGS); name those, "
                        + "or leave connector.sharedEvents out; nothing was deployed");
    }

    private void deploy(TelemetrySharing sharing) throws DeployException {
        new NativeAppInstaller(session, log::add, sharing).deploy(DEV, FileSync.filesUnder(bundle));
    }

    private List<String> sql() {
        return snowflake.applicationStatements().stream()
                .map(RecordedStatement::sql)
                .toList();
    }

    private void write(String path, String content) throws Exception {
        Path file = bundle.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
