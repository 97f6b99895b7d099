package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The staged setup script runs as Snowflake runs it (https://docs.snowflake.com/en/developer-guide/native-apps/
 * creating-setup-script): CREATE APPLICATION and UPGRADE fail with 93082, the line and the statement's error on the
 * first statement Snowflake refuses; what the script created and granted is all the app's callers reach.
 */
class StagedSetupScriptTest {

    private static final String STAGE = "\"PROBE_PKG\".APP_SRC.STAGE";
    private static final String CREATE =
            "CREATE APPLICATION \"PROBE\" FROM APPLICATION PACKAGE \"PROBE_PKG\" USING '@" + STAGE + "'";
    private static final String UPGRADE = "ALTER APPLICATION \"PROBE\" UPGRADE USING '@" + STAGE + "'";
    private static final String APP = "CALL \"PROBE\".PUBLIC.";
    private static final String HEAD = """
            CREATE APPLICATION ROLE IF NOT EXISTS ADMIN;
            CREATE OR ALTER VERSIONED SCHEMA PUBLIC;
            GRANT USAGE ON SCHEMA PUBLIC TO APPLICATION ROLE ADMIN;
            """;

    private FakeSnowflake snowflake;
    private FakeAccount account;
    private Connection connection;

    @BeforeEach
    void start() throws Exception {
        snowflake = FakeSnowflake.start();
        account = new FakeAccount(snowflake);
        connection = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties());
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.FirstBuild.class));
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        snowflake.close();
    }

    @Test
    void statementsAreSplitOutsideLiteralsBodiesAndComments() {
        assertThat(ScriptStatements.split("""
                -- a comment; with 'a quote
                SELECT 'it''s; one'  ,
                  "a;b" FROM T; /* block; comment */
                CREATE PROCEDURE P() RETURNS STRING LANGUAGE SQL AS $$
                BEGIN RETURN 'x;y'; END;
                $$;
                """))
                .containsExactly(
                        new ScriptStatements.Statement("SELECT 'it''s; one' , \"a;b\" FROM T", 2),
                        new ScriptStatements.Statement(
                                "CREATE PROCEDURE P() RETURNS STRING LANGUAGE SQL AS $$\n"
                                        + "BEGIN RETURN 'x;y'; END;\n$$",
                                4));
    }

    @Test
    void theCatalogHoldsWhatTheScriptCreated() {
        AppCatalog catalog = StagedSetupScript.run(HEAD + """
                CREATE APPLICATION ROLE IF NOT EXISTS VIEWER;
                CREATE SCHEMA IF NOT EXISTS STATE;
                CREATE TABLE IF NOT EXISTS STATE.RUNS (ID STRING NOT NULL PRIMARY KEY, "Rows" NUMBER(38, 0),
                  AT TIMESTAMP_NTZ NOT NULL DEFAULT SYSDATE());
                ALTER TABLE STATE.RUNS ADD COLUMN IF NOT EXISTS NOTE VARCHAR(20) DEFAULT 'NOT NULL';
                ALTER TABLE STATE.RUNS ADD COLUMN IF NOT EXISTS NOTE VARCHAR(20);
                CREATE OR REPLACE PROCEDURE PUBLIC.SAY(WHAT STRING, TIMES INTEGER DEFAULT 1)
                  RETURNS STRING
                  LANGUAGE SQL
                  AS $$ BEGIN RETURN WHAT; END; $$;
                GRANT USAGE ON PROCEDURE PUBLIC.SAY(VARCHAR, NUMBER) TO APPLICATION ROLE VIEWER;
                CALL PUBLIC.SAY('hello');
                """, Set.of());

        assertThat(catalog.roles()).containsExactlyInAnyOrder("ADMIN", "VIEWER");
        assertThat(catalog.tables().get("STATE.RUNS"))
                .containsExactly(
                        new AppCatalog.TableColumn("ID", "STRING", true),
                        new AppCatalog.TableColumn("Rows", "NUMBER(38, 0)", false),
                        new AppCatalog.TableColumn("AT", "TIMESTAMP_NTZ", true),
                        new AppCatalog.TableColumn("NOTE", "VARCHAR(20)", false));
        assertThat(catalog.tables().get("STATE.RUNS"))
                .extracting(AppCatalog.TableColumn::family)
                .containsExactly(
                        AppCatalog.TypeFamily.TEXT,
                        AppCatalog.TypeFamily.NUMBER,
                        AppCatalog.TypeFamily.TIMESTAMP,
                        AppCatalog.TypeFamily.TEXT);
        assertThat(catalog.procedure("SAY", 1))
                .get()
                .extracting(AppCatalog.Procedure::signature)
                .isEqualTo("PUBLIC.SAY(VARCHAR,NUMBER)");
        assertThat(catalog.procedure("SAY", 3)).isEmpty();
        assertThat(catalog.sqlBody("PUBLIC.SAY")).contains(" BEGIN RETURN WHAT; END; ");
        assertThat(catalog.rolesGranted("USAGE", "PROCEDURE", "PUBLIC.SAY(VARCHAR,NUMBER)"))
                .containsExactly("VIEWER");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a grant on a signature that was not created | CREATE OR REPLACE PROCEDURE PUBLIC.P(A STRING) RETURNS STRING LANGUAGE SQL AS $$ BEGIN RETURN A; END; $$; GRANT USAGE ON PROCEDURE PUBLIC.P(VARIANT) TO APPLICATION ROLE ADMIN | 7: SQL compilation error:\\nProcedure 'PUBLIC.P(VARIANT)' does not exist or not authorized.
            a grant to a role that was not created | GRANT USAGE ON SCHEMA PUBLIC TO APPLICATION ROLE VIEWER | 4: SQL compilation error:\\nApplication role 'VIEWER' does not exist or not authorized.
            a statement of an unknown shape | CREATE TASK PUBLIC.T SCHEDULE = '1 MINUTE' AS SELECT 1 | 4: SQL compilation error:\\nThe fake Snowflake does not accept this statement
            a USE statement | USE SCHEMA PUBLIC | 4: SQL compilation error:\\nA setup script cannot run USE statements
            an import that is not staged | CREATE OR REPLACE PROCEDURE PUBLIC.P() RETURNS VARIANT LANGUAGE JAVA RUNTIME_VERSION = '17' PACKAGES = ('com.snowflake:snowpark:1.14.0') IMPORTS = ('/lib/probe.jar', '/lib/gone.jar') HANDLER = 'a.B.c' | 4: SQL compilation error:\\nFile '/lib/gone.jar' does not exist or not authorized.
            an import from a named stage | CREATE OR REPLACE PROCEDURE PUBLIC.P() RETURNS VARIANT LANGUAGE JAVA RUNTIME_VERSION = '17' PACKAGES = ('com.snowflake:snowpark:1.14.0') IMPORTS = ('@OTHER.S.STAGE/a.jar') HANDLER = 'a.B.c' | 4: SQL compilation error:\\nA setup script cannot create procedures that import from a named stage
            a Java procedure without handler | CREATE OR REPLACE PROCEDURE PUBLIC.P() RETURNS VARIANT LANGUAGE JAVA RUNTIME_VERSION = '17' PACKAGES = ('com.snowflake:snowpark:1.14.0') | 4: SQL compilation error:\\nMissing option(s): [HANDLER] for LANGUAGE JAVA procedure PUBLIC.P.
            a procedure running as its caller | CREATE OR REPLACE PROCEDURE PUBLIC.P() RETURNS STRING LANGUAGE SQL EXECUTE AS CALLER AS $$ BEGIN RETURN 1; END; $$ | 4: SQL compilation error:\\nA setup script cannot create procedures that are EXECUTE AS CALLER
            a view in a schema that was not created | CREATE OR REPLACE VIEW CORE.V AS SELECT 1 AS ONE | 4: SQL compilation error:\\nSchema 'CORE' does not exist or not authorized.
            a procedure in a schema that was not created | CREATE OR REPLACE PROCEDURE CORE.P() RETURNS STRING LANGUAGE SQL AS $$ BEGIN RETURN 1; END; $$ | 4: SQL compilation error:\\nSchema 'CORE' does not exist or not authorized.
            a view of a table that was not created | CREATE OR REPLACE VIEW PUBLIC.V AS SELECT * FROM PUBLIC.RUNS | 4: SQL compilation error:\\nObject 'PUBLIC.RUNS' does not exist or not authorized.
            a column of a type Snowflake does not have | CREATE TABLE IF NOT EXISTS PUBLIC.T (ID VARCHAR, BODY JSON NOT NULL) | 4: SQL compilation error:\\nUnsupported data type 'JSON'.
            a table without schema | CREATE TABLE IF NOT EXISTS T (ID VARCHAR) | 4: SQL compilation error:\\nCannot perform CREATE TABLE. This session does not have a current schema.
            a column added to a table that was not created | ALTER TABLE PUBLIC.T ADD COLUMN IF NOT EXISTS ID VARCHAR | 4: SQL compilation error:\\nTable 'PUBLIC.T' does not exist or not authorized.
            a call of a procedure that was not created | CALL PUBLIC.SETUP_EXTERNAL_ACCESS() | 4: SQL compilation error:\\nUnknown user-defined function PUBLIC.SETUP_EXTERNAL_ACCESS.
            a Streamlit whose main file is not staged | CREATE OR REPLACE STREAMLIT PUBLIC.UI FROM '/streamlit' MAIN_FILE = 'app.py' | 4: SQL compilation error:\\nFile '/streamlit/app.py' does not exist or not authorized.
            """)
    void aStatementSnowflakeRefusesFailsTheCreation(String what, String statements, String error) {
        stage(HEAD + statements.replace("; ", ";\n") + ";\n");

        assertThatThrownBy(() -> execute(CREATE))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93082))
                .hasMessageContaining("Failed to run setup script.\nUncaught exception of type 'STATEMENT_ERROR' on "
                        + "line " + error.replace("\\n", "\n"));
        assertThat(account.applications).isEmpty();
        assertThat(account.app("PROBE")).isEmpty();
    }

    @Test
    void aSetupScriptTheManifestNamesMustBeStaged() {
        snowflake.addStageFile(STAGE, "manifest.yml", StagedAppFiles.MANIFEST.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> execute(CREATE))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93003))
                .hasMessageContaining("The setup script file setup.sql specified in the manifest was not found");
    }

    /** https://docs.snowflake.com/en/developer-guide/native-apps/creating-manifest */
    @Test
    void aManifestThatNamesNoSetupScriptRunsSetupSql() {
        snowflake.addStageFile(STAGE, "manifest.yml", "manifest_version: 1\n".getBytes(StandardCharsets.UTF_8));
        snowflake.addStageFile(STAGE, "setup.sql", "USE SCHEMA PUBLIC;".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> execute(CREATE))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93082))
                .hasMessageContaining("on line 1: SQL compilation error:\nA setup script cannot run USE statements");
    }

    /** An upgrade reruns the script over what the app keeps: its roles survive, so a plain CREATE fails then. */
    @Test
    void aRefusedUpgradeLeavesTheOldAppRunning() throws Exception {
        String script = StagedAppFiles.SETUP_SCRIPT.replace(
                "CREATE APPLICATION ROLE IF NOT EXISTS ADMIN", "CREATE APPLICATION ROLE ADMIN");
        stage(script);
        execute(CREATE);
        call("MARK_ALL_PREREQUISITES_AS_DONE()");
        call("COMPLETE_PREREQUISITES_STEP()");
        call(
                "CONFIGURE_CONNECTOR(PARSE_JSON(?))",
                "{\"warehouse\":\"WH\",\"destination_database\":\"DB\"," + "\"destination_schema\":\"RAW\"}");
        assertThat(call("SET_CONNECTION_CONFIGURATION(PARSE_JSON(?))", "{}")).contains("first build");
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedAppFiles.connectorJar(StagedTesters.SecondBuild.class));

        assertThatThrownBy(() -> execute(UPGRADE))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(93082))
                .hasMessageContaining("on line 1: SQL compilation error:\nObject 'ADMIN' already exists.");
        assertThat(call("TEST_CONNECTION()"))
                .as("the first build still answers")
                .contains("first build");
    }

    @Test
    void aCallReachesOnlyAProcedureTheScriptCreatedWithThatManyArgumentsAndGranted() throws Exception {
        stage(StagedAppFiles.SETUP_SCRIPT
                + StagedAppFiles.procedure("PAUSE_CONNECTOR", "", "").replaceAll("GRANT .*\n", ""));
        execute(CREATE);

        assertThat(call("GET_CONNECTOR_STATUS()")).contains("INSTALLED");
        assertCallRefused("RESUME_CONNECTOR()", 2140, "Unknown user-defined function PROBE.PUBLIC.RESUME_CONNECTOR.");
        assertCallRefused(
                "GET_CONNECTOR_STATUS(?)",
                2140,
                "Unknown user-defined function " + "PROBE.PUBLIC.GET_CONNECTOR_STATUS.",
                "{}");
        assertCallRefused(
                "PAUSE_CONNECTOR()",
                2003,
                "Procedure 'PROBE.PUBLIC.PAUSE_CONNECTOR()' does not exist or " + "not authorized.");
    }

    @Test
    void aViewIsReadOnlyIfTheScriptCreatedAndGrantedIt() throws Exception {
        stage(StagedAppFiles.SETUP_SCRIPT + """
                CREATE OR REPLACE VIEW PUBLIC.HIDDEN AS SELECT ID FROM STATE.PREREQUISITES;
                """);
        execute(CREATE);

        assertThat(query("SELECT * FROM \"PROBE\".PUBLIC.\"PREREQUISITES\"")).isEqualTo("network");
        assertThatThrownBy(() -> query("SELECT * FROM \"PROBE\".PUBLIC.\"HIDDEN\""))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(2003))
                .hasMessageContaining("Object 'PROBE.PUBLIC.HIDDEN' does not exist or not authorized.");
        assertThatThrownBy(() -> query("SELECT * FROM \"PROBE\".PUBLIC.\"SYNC_STATUS\""))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(2003));
    }

    @Test
    void anUpgradeReplacesTheCatalog() throws Exception {
        stage(StagedAppFiles.SETUP_SCRIPT);
        execute(CREATE);
        assertThat(account.app("PROBE").orElseThrow().catalog().sqlBody("PUBLIC.GET_REFERENCE_CONFIG"))
                .isEmpty();

        stage(StagedAppFiles.SETUP_SCRIPT.replace(StagedAppFiles.procedure("TEST_CONNECTION", "", ""), "") + """
                CREATE OR REPLACE PROCEDURE PUBLIC.GET_REFERENCE_CONFIG(REF_NAME STRING)
                  RETURNS STRING
                  LANGUAGE SQL
                  AS $$
                BEGIN
                  RETURN '';
                END;
                $$;
                """);
        execute(UPGRADE);

        assertCallRefused("TEST_CONNECTION()", 2140, "Unknown user-defined function PROBE.PUBLIC.TEST_CONNECTION.");
        assertThat(account.app("PROBE").orElseThrow().catalog().sqlBody("GET_REFERENCE_CONFIG"))
                .contains("\nBEGIN\n  RETURN '';\nEND;\n");
        assertThat(account.app("PROBE").orElseThrow().catalog().tables()).containsKey("STATE.PREREQUISITES");
    }

    private void assertCallRefused(String procedure, int code, String message, String... arguments) {
        assertThatThrownBy(() -> call(procedure, arguments))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(code))
                .hasMessageContaining("SQL compilation error:\n" + message);
    }

    private void stage(String script) {
        StagedAppFiles.stageScript(snowflake, STAGE, script);
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of the first row of a query. */
    private String query(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private String call(String procedure, String... arguments) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(APP + procedure)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setString(i + 1, arguments[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
