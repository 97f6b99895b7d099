package io.connectorkit.plugin.streamlit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.AppCatalog;
import io.connectorkit.fake.snowflake.StagedSetupScript;
import io.connectorkit.plugin.checks.StreamlitChecks;
import io.connectorkit.plugin.testing.TestProjects;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generated Streamlit app in the rendered setup script, run by the fake as Snowflake runs it at install: created
 * from the staged files in a versioned schema, opened by ADMIN and VIEWER; refused when its main file is not staged
 * (https://docs.snowflake.com/en/sql-reference/sql/create-streamlit: the files are copied from the FROM location).
 */
class StreamlitSetupScriptTest {

    @Test
    void theSetupScriptCreatesTheAppForAdminAndViewer() throws Exception {
        AppCatalog catalog = TestProjects.snowflakeCatalog("minimal");

        assertThat(catalog.rolesGranted("USAGE", "STREAMLIT", StreamlitApp.OBJECT))
                .containsExactlyInAnyOrder("ADMIN", "VIEWER");
        assertThat(catalog.rolesGranted("USAGE", "SCHEMA", StreamlitApp.SCHEMA))
                .containsExactlyInAnyOrder("ADMIN", "VIEWER");
    }

    @Test
    void withoutTheMainFileStagedTheInstallFailsAsInSnowflake() throws Exception {
        String setup = TestProjects.render("minimal").get("snowflake/setup.sql");
        Set<String> staged = new HashSet<>(TestProjects.generatedStreamlit(setup));
        staged.add("lib/connector-runtime.jar");
        staged.add("lib/minimal-connector.jar");
        staged.remove(StreamlitApp.FOLDER + "/" + StreamlitApp.MAIN_FILE);

        assertThatThrownBy(() -> StagedSetupScript.run(setup, staged))
                .hasMessageContaining("File '/streamlit/streamlit_app.py' does not exist or not authorized.");
    }

    @Test
    void aConnectorWithItsOwnAppGetsNoGeneratedOne() throws Exception {
        String setup = TestProjects.render("full").get("snowflake/setup.sql");

        assertThat(setup).doesNotContain("STREAMLIT " + StreamlitApp.OBJECT);
        assertThat(TestProjects.render("full").get("snowflake/manifest.yml"))
                .contains("default_streamlit: \"STREAMLIT.GITHUB_UI\"");
    }

    @Test
    void aDefaultStreamlitTheSetupScriptDoesNotCreateIsNamedWithTheFix() throws Exception {
        var full = TestProjects.render("full");
        var minimal = TestProjects.render("minimal");

        assertThat(StreamlitChecks.defaultStreamlit(
                        "snowflake/manifest.yml",
                        full.get("snowflake/manifest.yml"),
                        "snowflake/setup.sql",
                        full.get("snowflake/setup.sql")))
                .isEmpty();
        assertThat(StreamlitChecks.defaultStreamlit(
                        "snowflake/manifest.yml",
                        minimal.get("snowflake/manifest.yml"),
                        "snowflake/setup.sql",
                        minimal.get("snowflake/setup.sql")))
                .isEmpty();
        assertThat(StreamlitChecks.defaultStreamlit(
                        "snowflake/manifest.yml",
                        full.get("snowflake/manifest.yml"),
                        "snowflake/setup.sql",
                        minimal.get("snowflake/setup.sql")))
                .containsExactly("snowflake/manifest.yml: "
                        + "artifacts.default_streamlit names STREAMLIT.GITHUB_UI, which snowflake/setup.sql does not "
                        + "create; create it in the connector's SQL (CREATE OR REPLACE STREAMLIT STREAMLIT.GITHUB_UI "
                        + "FROM '/streamlit' MAIN_FILE = '…'), or remove manifest.defaultStreamlit to use the "
                        + "generated app");
    }
}
