package io.connectorkit.plugin.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** connector.sql as SQL reads it: comments, strings and quoted names hide keywords and semicolons. */
class ReadOnlySqlTest {

    @Test
    void aQueryRunsWithoutItsTrailingSemicolonAndKeepsWhatStringsAndCommentsHold() throws Exception {
        assertThat(ReadOnlySql.check("  -- first\n/* then */ with t as (select 1) select * from t ;  ", false))
                .isEqualTo("-- first\n/* then */ with t as (select 1) select * from t");
        assertThat(ReadOnlySql.check("SELECT 'a;b', \"x;DROP\" FROM PUBLIC.SYNC_STATUS -- ; not a statement", false))
                .isEqualTo("SELECT 'a;b', \"x;DROP\" FROM PUBLIC.SYNC_STATUS -- ; not a statement");
        assertThat(ReadOnlySql.check("SELECT 'it''s' AS STATE_OF_THINGS FROM PUBLIC.CONNECTOR_STATS", true))
                .as("a column named like the schema is no STATE table")
                .startsWith("SELECT");
    }

    @Test
    void refusesWhatIsNotASingleQuery() {
        assertThatThrownBy(() -> ReadOnlySql.check("  ", false))
                .hasMessage("connector.sql is empty; give one query: " + "-Dconnector.sql=\"SELECT …\"");
        assertThatThrownBy(() -> ReadOnlySql.check("-- SELECT\nDELETE FROM X", false))
                .hasMessageContaining("is not a query");
        assertThatThrownBy(() -> ReadOnlySql.check("SELECT 1;;", false))
                .hasMessageContaining("holds more than one statement");
        assertThatThrownBy(() -> ReadOnlySql.check("SELECT 1 /* open", false))
                .hasMessageContaining("has an unterminated comment /* … */");
        assertThatThrownBy(() -> ReadOnlySql.check("SELECT \"open FROM X", false))
                .hasMessageContaining("has an unterminated quoted name");
    }

    @Test
    void refusesSecretsOnEveryRoleStateTablesForViewerAndFunctionsThatAct() {
        assertThatThrownBy(() -> ReadOnlySql.check("SELECT * FROM \"STATE\".\"SECRETS\"", false))
                .hasMessageContaining("reads STATE.SECRETS");
        assertThatThrownBy(() -> ReadOnlySql.check("SELECT * FROM state . app_config", true))
                .hasMessageContaining("reads a STATE table, which application role VIEWER cannot read");
        assertThatThrownBy(() -> ReadOnlySql.check("SELECT SYSTEM$CANCEL_ALL_QUERIES(1)", false))
                .hasMessageContaining(
                        "calls SYSTEM$CANCEL_ALL_QUERIES; Snowflake's system functions can act on " + "the account");
        assertThatThrownBy(() -> ReadOnlySql.check("SELECT public.pause_connector()", false))
                .hasMessageContaining("calls the app's procedure PAUSE_CONNECTOR, which may change the app");
        assertThatThrownBy(() -> ReadOnlySql.check("SELECT PUBLIC.\"REGISTER_SECRET\" ('A', 'b')", false))
                .hasMessageContaining("calls the app's procedure REGISTER_SECRET");
        assertThatThrownBy(() -> ReadOnlySql.check("select file_write('x', '/tmp/x')", false))
                .hasMessageContaining("calls FILE_WRITE, which writes outside the query");
    }
}
