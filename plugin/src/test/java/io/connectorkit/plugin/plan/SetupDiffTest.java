package io.connectorkit.plugin.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.plan.Change.Kind;
import io.connectorkit.plugin.plan.Change.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What SetupObjects reads from a setup script, and what SetupDiff makes of two. */
class SetupDiffTest {

    private static final String DEPLOYED = """
            CREATE APPLICATION ROLE IF NOT EXISTS ADMIN;
            CREATE APPLICATION ROLE IF NOT EXISTS VIEWER;
            CREATE OR ALTER VERSIONED SCHEMA PUBLIC;
            GRANT USAGE ON SCHEMA PUBLIC TO APPLICATION ROLE ADMIN;
            GRANT USAGE ON SCHEMA PUBLIC TO APPLICATION ROLE VIEWER;
            CREATE TABLE IF NOT EXISTS STATE.RUNS (ID STRING);
            -- a comment that changes nothing
            CREATE OR REPLACE PROCEDURE PUBLIC.PAUSE_CONNECTOR()
              RETURNS VARIANT LANGUAGE JAVA HANDLER = 'a.B.pause';
            GRANT USAGE ON PROCEDURE PUBLIC.PAUSE_CONNECTOR() TO APPLICATION ROLE ADMIN;
            CREATE OR REPLACE PROCEDURE PUBLIC.OLD_ONE(ID VARCHAR) RETURNS VARIANT LANGUAGE JAVA HANDLER = 'a.B.old';
            CREATE OR REPLACE VIEW PUBLIC.SYNC_STATUS AS SELECT 1 AS STATUS;
            ALTER APPLICATION SET SPECIFICATION eai_spec TYPE = EXTERNAL_ACCESS LABEL = 'GitHub'
              DESCRIPTION = 'Reach GitHub' HOST_PORTS = ('api.github.com');
            CALL PUBLIC.SETUP_EXTERNAL_ACCESS();
            """;

    private static final String NEXT = """
            CREATE APPLICATION ROLE IF NOT EXISTS ADMIN;
            CREATE APPLICATION ROLE IF NOT EXISTS VIEWER;
            CREATE OR ALTER VERSIONED SCHEMA PUBLIC;
            GRANT USAGE ON SCHEMA PUBLIC TO APPLICATION ROLE ADMIN;
            CREATE TABLE IF NOT EXISTS STATE.RUNS (ID STRING);
            ALTER TABLE STATE.RUNS ADD COLUMN IF NOT EXISTS ROWS INTEGER;
            CREATE OR REPLACE PROCEDURE PUBLIC.PAUSE_CONNECTOR()
                RETURNS VARIANT
                LANGUAGE JAVA
                HANDLER = 'a.B.pause';
            GRANT USAGE ON PROCEDURE PUBLIC.PAUSE_CONNECTOR() TO APPLICATION ROLE ADMIN;
            CREATE OR REPLACE PROCEDURE PUBLIC.RUN_NOW(ID VARCHAR DEFAULT NULL, FORCE BOOLEAN)
              RETURNS VARIANT LANGUAGE JAVA HANDLER = 'a.B.run';
            GRANT USAGE ON PROCEDURE PUBLIC.RUN_NOW(VARCHAR, BOOLEAN) TO APPLICATION ROLE ADMIN;
            CREATE OR REPLACE VIEW PUBLIC.SYNC_STATUS AS SELECT 2 AS STATUS;
            ALTER APPLICATION SET SPECIFICATION eai_spec TYPE = EXTERNAL_ACCESS LABEL = 'GitHub'
              DESCRIPTION = 'Reach GitHub' HOST_PORTS = ('api.github.com', 'uploads.github.com');
            CALL PUBLIC.SETUP_EXTERNAL_ACCESS();
            """;

    @Test
    void objectsAreAddedChangedAndRemovedByKindAndSignature() {
        List<Change> changes = diff(DEPLOYED, NEXT);

        assertThat(changes)
                .filteredOn(change -> change.section() == Section.OBJECTS)
                .containsExactly(
                        new Change(Section.OBJECTS, Kind.CHANGED, "TABLE STATE.RUNS", "definition changed"),
                        Change.of(Section.OBJECTS, Kind.ADDED, "PROCEDURE PUBLIC.RUN_NOW(VARCHAR, BOOLEAN)"),
                        new Change(Section.OBJECTS, Kind.CHANGED, "VIEW PUBLIC.SYNC_STATUS", "definition changed"),
                        Change.of(Section.OBJECTS, Kind.REMOVED, "PROCEDURE PUBLIC.OLD_ONE(VARCHAR)"));
    }

    @Test
    void grantsAreAddedAndRemoved() {
        assertThat(diff(DEPLOYED, NEXT))
                .filteredOn(change -> change.section() == Section.GRANTS)
                .containsExactly(
                        Change.of(
                                Section.GRANTS,
                                Kind.ADDED,
                                "GRANT USAGE ON PROCEDURE PUBLIC.RUN_NOW(VARCHAR, BOOLEAN) TO APPLICATION ROLE ADMIN"),
                        Change.of(
                                Section.GRANTS,
                                Kind.REMOVED,
                                "GRANT USAGE ON SCHEMA PUBLIC TO APPLICATION ROLE VIEWER"));
    }

    @Test
    void anAppSpecificationIsKeyedByItsNameSoANewHostChangesIt() {
        assertThat(diff(DEPLOYED, NEXT))
                .filteredOn(change -> change.section() == Section.STATEMENTS)
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.kind()).isEqualTo(Kind.CHANGED);
                    assertThat(change.subject()).isEqualTo("ALTER APPLICATION SET SPECIFICATION EAI_SPEC");
                    assertThat(change.detail()).contains("HOST_PORTS = ('api.github.com', 'uploads.github.com')");
                });
    }

    @Test
    void whitespaceCommentsAndCaseOfUnquotedNamesChangeNothing() {
        String reformatted = DEPLOYED.replace(
                "CREATE OR REPLACE VIEW PUBLIC.SYNC_STATUS AS SELECT 1 AS STATUS;",
                "-- the status\ncreate or replace view public.sync_status\n  as select 1 as status;");

        assertThat(diff(DEPLOYED, reformatted)).isEmpty();
        assertThat(diff(DEPLOYED, DEPLOYED)).isEmpty();
    }

    @Test
    void aQuotedPlainNameIsTheUnquotedNameAndAMixedCaseOneIsNot() {
        SetupObjects quoted = SetupObjects.parse(
                "CREATE TABLE \"STATE\".\"RUNS\" (ID INT);" + " CREATE TABLE STATE.\"Runs\" (ID INT);", true);

        assertThat(quoted.objects()).containsOnlyKeys("TABLE STATE.RUNS", "TABLE STATE.\"Runs\"");
    }

    @Test
    void aFreshAppAddsEverything() {
        List<Change> changes = SetupDiff.between(SetupObjects.NONE, SetupObjects.parse(NEXT, true));

        assertThat(changes).extracting(Change::kind).containsOnly(Kind.ADDED);
        assertThat(changes)
                .extracting(Change::subject)
                .contains(
                        "APPLICATION ROLE ADMIN",
                        "SCHEMA PUBLIC",
                        "PROCEDURE PUBLIC.PAUSE_CONNECTOR()",
                        "GRANT USAGE ON SCHEMA PUBLIC TO APPLICATION ROLE ADMIN",
                        "CALL PUBLIC.SETUP_EXTERNAL_ACCESS");
    }

    @Test
    void theKitsSnowflakeScriptNamesItsProceduresAsItsGrantsDo() throws Exception {
        SetupObjects script = SetupObjects.parse(
                Files.readString(Path.of("src/test/resources/golden/full/snowflake/setup.sql")), true);

        assertThat(script.objects())
                .containsKeys(
                        "PROCEDURE PUBLIC.CREATE_RESOURCE(VARCHAR, VARIANT, VARIANT, VARCHAR, BOOLEAN, VARIANT)",
                        "STREAMLIT STREAMLIT.GITHUB_UI",
                        "SCHEMA STATE",
                        "TABLE STATE.INGESTION_PROCESS",
                        "VIEW PUBLIC.RESOURCE_STATUS",
                        "APPLICATION ROLE DATA_READER");
        assertThat(script.grants())
                .contains("GRANT USAGE ON PROCEDURE PUBLIC.CREATE_RESOURCE(VARCHAR, VARIANT, "
                        + "VARIANT, VARCHAR, BOOLEAN, VARIANT) TO APPLICATION ROLE ADMIN");
        // ALTER PROCEDURE … SET SECRETS inside SETUP_EXTERNAL_ACCESS's $$ body is part of that procedure.
        assertThat(script.statements())
                .containsOnlyKeys(
                        "CALL PUBLIC.SETUP_EXTERNAL_ACCESS",
                        "MERGE INTO STATE.APP_STATE AS T USING",
                        "MERGE INTO STATE.PREREQUISITES AS T USING");
        assertThat(script.objects().get("TABLE STATE.INGESTION_PROCESS"))
                .contains("ADD COLUMN IF NOT EXISTS LAST_ERROR");
    }

    @Test
    void theKitsEmbeddedScriptReCreatesItsAliasesWithoutStatementsOfTheirOwn() throws Exception {
        SetupObjects script =
                SetupObjects.parse(Files.readString(Path.of("src/test/resources/golden/full/local/setup.sql")), false);

        assertThat(script.objects())
                .containsKeys(
                        "ALIAS PUBLIC.GET_CONNECTOR_STATUS",
                        "VIEW PUBLIC.SYNC_STATUS",
                        "USER VIEWER",
                        "INDEX STATE.INGESTION_RUN_STATUS_UPDATED",
                        "TABLE SINK.ISSUES");
        assertThat(script.statements().keySet())
                .noneMatch(key -> key.startsWith("DROP ALIAS"))
                .contains(
                        "DROP ROLE IF EXISTS VIEWER",
                        "MERGE INTO STATE.PREREQUISITES AS T USING",
                        "INSERT INTO STATE.APP_STATE");
        assertThat(script.grants())
                .contains("GRANT SELECT ON STATE.INGESTION_RUN, STATE.RESOURCE_INGESTION_DEFINITION " + "TO VIEWER");
    }

    private static List<Change> diff(String deployed, String next) {
        return SetupDiff.between(SetupObjects.parse(deployed, true), SetupObjects.parse(next, true));
    }
}
