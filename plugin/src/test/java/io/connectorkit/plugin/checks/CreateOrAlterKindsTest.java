package io.connectorkit.plugin.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.testing.TestProjects;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CREATE OR ALTER of a kind the target lacks is named with its line when the app is rendered. */
class CreateOrAlterKindsTest {

    @Test
    void theGeneratedScriptsUseOnlyKindsTheirTargetHas() throws Exception {
        Map<String, String> app = TestProjects.render("full");

        assertThat(CreateOrAlterKinds.SNOWFLAKE.check("snowflake/setup.sql", app.get("snowflake/setup.sql"), true))
                .isEmpty();
        assertThat(CreateOrAlterKinds.EMBEDDED.check("local/setup.sql", app.get("local/setup.sql"), false))
                .isEmpty();
    }

    @Test
    void aKindWithoutCreateOrAlterIsNamedWithItsLineAndTheFix() {
        String script = "CREATE OR ALTER VERSIONED SCHEMA PUBLIC;\nCREATE OR ALTER APPLICATION ROLE ADMIN;\n"
                + "CREATE OR ALTER SECURE VIEW PUBLIC.V AS SELECT 1;\n"
                + "CREATE OR ALTER PROCEDURE PUBLIC.P() RETURNS STRING LANGUAGE SQL AS $$ BEGIN RETURN 'CREATE OR "
                + "ALTER STREAMLIT'; END; $$;\nCREATE OR ALTER TABLE STATE.T (ID INT);";

        assertThat(CreateOrAlterKinds.SNOWFLAKE.check("setup.sql", script, true))
                .containsExactly(
                        "setup.sql:4: CREATE OR ALTER PROCEDURE does not exist on Snowflake: write CREATE OR REPLACE "
                                + "PROCEDURE and grant it again, or CREATE PROCEDURE IF NOT EXISTS");
        assertThat(CreateOrAlterKinds.EMBEDDED.check(
                        "local/setup.sql", "CREATE OR ALTER SCHEMA S;\nCREATE OR ALTER VIEW S.V AS SELECT 1;", false))
                .containsExactly(
                        "local/setup.sql:2: CREATE OR ALTER VIEW does not exist on the embedded target (it emulates CREATE OR ALTER SCHEMA and TABLE): "
                                + "write CREATE OR REPLACE VIEW and grant it again, or CREATE VIEW IF NOT EXISTS");
    }
}
