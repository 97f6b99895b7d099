package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CREATE OR ALTER in a setup script, over an install and an upgrade: the kinds Snowflake documents it for keep their
 * grants and data and become the definition (https://docs.snowflake.com/en/sql-reference/sql/create-or-alter); the
 * others are refused.
 */
class CreateOrAlterTest {

    private static final String V1 = """
            CREATE OR ALTER APPLICATION ROLE ADMIN;
            CREATE OR ALTER APPLICATION ROLE VIEWER;
            CREATE OR ALTER VERSIONED SCHEMA PUBLIC;
            CREATE OR ALTER SCHEMA STATE;
            CREATE OR ALTER SCHEMA DATA;
            GRANT USAGE ON SCHEMA DATA TO APPLICATION ROLE VIEWER;
            CREATE OR ALTER TABLE DATA.ISSUES (ID NUMBER NOT NULL, TITLE VARCHAR, LEGACY VARCHAR);
            GRANT SELECT ON TABLE DATA.ISSUES TO APPLICATION ROLE VIEWER;
            CREATE OR ALTER VIEW DATA.OPEN_ISSUES AS SELECT ID FROM DATA.ISSUES;
            GRANT SELECT ON VIEW DATA.OPEN_ISSUES TO APPLICATION ROLE VIEWER;
            """;

    @Test
    void anUpgradeKeepsTheGrantsAddsTheNewColumnAndDropsTheOneLeftOut() {
        AppCatalog installed = run(V1, Optional.empty());

        AppCatalog upgraded = run("""
                CREATE OR ALTER APPLICATION ROLE ADMIN;
                CREATE OR ALTER APPLICATION ROLE VIEWER;
                CREATE OR ALTER VERSIONED SCHEMA PUBLIC;
                CREATE OR ALTER SCHEMA STATE;
                CREATE OR ALTER SCHEMA DATA COMMENT = 'ingested issues';
                CREATE OR ALTER TABLE DATA.ISSUES (ID NUMBER(38, 0) NOT NULL, TITLE VARCHAR(200), LABELS VARIANT);
                CREATE OR ALTER VIEW DATA.OPEN_ISSUES AS SELECT ID FROM DATA.ISSUES;
                """, Optional.of(installed));

        assertThat(upgraded.roles()).containsExactlyInAnyOrder("ADMIN", "VIEWER");
        assertThat(upgraded.columns("DATA.ISSUES").orElseThrow())
                .extracting(AppCatalog.TableColumn::name)
                .containsExactly("ID", "TITLE", "LABELS");
        assertThat(upgraded.rolesGranted("SELECT", "TABLE", "DATA.ISSUES")).containsExactly("VIEWER");
        assertThat(upgraded.rolesGranted("SELECT", "VIEW", "DATA.OPEN_ISSUES")).containsExactly("VIEWER");
        assertThat(upgraded.rolesGranted("USAGE", "SCHEMA", "DATA")).containsExactly("VIEWER");
    }

    @Test
    void createOrReplaceDropsTheViewsGrantsWhereCreateOrAlterKeepsThem() {
        AppCatalog installed = run(V1, Optional.empty());

        AppCatalog upgraded = run(
                V1.replaceAll("GRANT .*\n", "").replace("CREATE OR ALTER VIEW", "CREATE OR REPLACE VIEW"),
                Optional.of(installed));

        assertThat(upgraded.rolesGranted("SELECT", "VIEW", "DATA.OPEN_ISSUES")).isEmpty();
        assertThat(upgraded.rolesGranted("SELECT", "TABLE", "DATA.ISSUES")).containsExactly("VIEWER");
    }

    @Test
    void aViewsQueryCannotBeChangedByCreateOrAlter() {
        AppCatalog installed = run(V1, Optional.empty());

        assertThatThrownBy(() -> run(
                        V1.replace("SELECT ID FROM DATA.ISSUES", "SELECT ID, TITLE FROM DATA.ISSUES"),
                        Optional.of(installed)))
                .isInstanceOfSatisfying(
                        SnowflakeRefusal.class, e -> assertThat(e.code).isEqualTo(93082))
                .hasMessageContaining("on line 9: SQL compilation error:\nCREATE OR ALTER VIEW cannot change the "
                        + "definition of view DATA.OPEN_ISSUES; use CREATE OR REPLACE VIEW.");
    }

    @Test
    void aColumnsTypeChangesOnlyWithinItsFamily() {
        AppCatalog installed = run(V1, Optional.empty());

        assertThatThrownBy(() -> run(V1.replace("TITLE VARCHAR", "TITLE NUMBER"), Optional.of(installed)))
                .isInstanceOf(SnowflakeRefusal.class)
                .hasMessageContaining("on line 7: SQL compilation error:\nCannot change column TITLE of table "
                        + "DATA.ISSUES from type VARCHAR to NUMBER.");
    }

    @Test
    void aVersionedSchemaIsNotAlteredAsAPlainSchema() {
        assertThatThrownBy(() -> run(V1 + "CREATE OR ALTER SCHEMA PUBLIC;\n", Optional.empty()))
                .isInstanceOf(SnowflakeRefusal.class)
                .hasMessageContaining("on line 11: SQL compilation error:\nSchema 'PUBLIC' is a versioned schema");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            CREATE OR ALTER PROCEDURE PUBLIC.P() RETURNS STRING LANGUAGE SQL AS $$ BEGIN RETURN 1; END; $$ | PROCEDURE
            CREATE OR ALTER SECURE PROCEDURE PUBLIC.P() RETURNS STRING LANGUAGE SQL AS $$ BEGIN RETURN 1; END; $$ | PROCEDURE
            CREATE OR ALTER STREAMLIT PUBLIC.UI FROM '/streamlit' MAIN_FILE = 'app.py' | STREAMLIT
            CREATE OR ALTER FUNCTION PUBLIC.F() RETURNS STRING AS 'x' | FUNCTION
            CREATE OR ALTER IF NOT EXISTS TABLE DATA.T (ID NUMBER) | IF
            """)
    void kindsWithoutCreateOrAlterAreRefusedByTheParser(String statement, String keyword) {
        assertThatThrownBy(() -> run(V1 + statement + ";\n", Optional.empty()))
                .isInstanceOfSatisfying(
                        SnowflakeRefusal.class, e -> assertThat(e.code).isEqualTo(93082))
                .hasMessageContaining("on line 11: SQL compilation error:\nsyntax error line 1 at position 16 "
                        + "unexpected '" + keyword + "'.");
    }

    private static AppCatalog run(String script, Optional<AppCatalog> installed) {
        Map<String, byte[]> files = Map.of(
                "setup.sql",
                script.getBytes(StandardCharsets.UTF_8),
                "manifest.yml",
                "manifest_version: 1\nartifacts:\n  setup_script: setup.sql\n".getBytes(StandardCharsets.UTF_8));
        return StagedSetupScript.run(files, StagedManifest.read(files), installed);
    }
}
