package io.connectorkit.plugin.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The advice for each error code: what to do next, with Snowflake's own words where they matter. */
class SnowflakeErrorsTest {

    @Test
    void aFailedSetupScriptShowsSnowflakesWholeMessage() {
        SQLException e = new SQLException(
                "Failed to run setup script.\nUncaught exception of type 'STATEMENT_ERROR' "
                        + "on line 12: Table 'RAW' does not exist.",
                "P0000",
                SnowflakeErrors.SETUP_SCRIPT_FAILED);

        assertThat(explained(e))
                .isEqualTo("Failed creating the application: the setup script of APP failed: Failed to "
                        + "run setup script. Uncaught exception of type 'STATEMENT_ERROR' on line 12: Table 'RAW' does not "
                        + "exist.; fix the descriptor or the template override and deploy again (Snowflake error 93082: "
                        + "Failed to run setup script.)");
    }

    /** The key is the one ConnectionResolver reads: {@code warehouse}, or its environment variable. */
    @Test
    void noActiveWarehouseSaysHowToSetOneOnTheConnection() {
        assertThat(explained(new SQLException("No active warehouse", "57P03", SnowflakeErrors.NO_ACTIVE_WAREHOUSE)))
                .contains("the session has no warehouse")
                .contains("warehouse = \"<name>\" in its connections.toml table")
                .contains("SNOWFLAKE_CONNECTIONS_<NAME>_WAREHOUSE");
    }

    /** https://docs.snowflake.com/en/sql-reference/sql/drop-application */
    @Test
    void anAppOwningExternalObjectsNamesBothFixes() {
        assertThat(explained(new SQLException(
                        "owns external objects", "0A000", SnowflakeErrors.APPLICATION_OWNS_EXTERNAL_OBJECTS)))
                .contains("-Dconnector.force=true")
                .contains("DROP APPLICATION APP CASCADE");
    }

    @ParameterizedTest
    @ValueSource(ints = {93046, 93055})
    void devModeOnlyAndNotDevModeErrorsNeedTheAppRecreated(int code) {
        assertThat(SnowflakeErrors.NEEDS_RECREATE).contains(code);
        assertThat(explained(new SQLException("mode", "0A000", code)))
                .contains("-Dconnector.force=true to drop and recreate it (its state is lost)");
    }

    /** Each code of versions and release channels has advice of its own, not the privileges fallback. */
    @ParameterizedTest
    @ValueSource(ints = {93031, 93036, 93088, 512001, 512004, 512005, 512008, 512010, 512021, 512023})
    void versionAndReleaseChannelErrorsHaveTheirOwnAdvice(int code) {
        assertThat(explained(new SQLException("refused", "0A000", code)))
                .doesNotContain("check the role's privileges")
                .endsWith("(Snowflake error " + code + ": refused)");
    }

    /** Publish adds a version to a channel with -Dconnector.channel, and may make room in a full one with force. */
    @Test
    void publishsRefusalsNameItsOwnParameters() {
        String unbound = SnowflakeErrors.explain(
                        new SQLException("refused", "0A000", SnowflakeErrors.MAX_UNBOUND_VERSIONS_REACHED),
                        "registering version V1",
                        "APP",
                        "PKG",
                        SnowflakeErrors.Goal.PUBLISH)
                .getMessage();
        String full = SnowflakeErrors.explain(
                        new SQLException("refused", "0A000", SnowflakeErrors.MAX_VERSIONS_IN_RELEASE_CHANNEL_REACHED),
                        "adding version V1",
                        "APP",
                        "PKG",
                        SnowflakeErrors.Goal.PUBLISH)
                .getMessage();

        assertThat(unbound)
                .contains("(-Dconnector.channel=<channel>), then publish again")
                .doesNotContain("releaseChannel");
        assertThat(full).contains("and publish again, or publish with -Dconnector.force=true");
        assertThat(explained(new SQLException("refused", "0A000", SnowflakeErrors.MAX_UNBOUND_VERSIONS_REACHED)))
                .contains("(-Dconnector.releaseChannel=<channel>), then deploy again");
    }

    private static String explained(SQLException e) {
        return SnowflakeErrors.explain(e, "creating the application", "APP", "PKG")
                .getMessage();
    }
}
