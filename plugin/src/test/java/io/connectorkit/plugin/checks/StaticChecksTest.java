package io.connectorkit.plugin.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.testing.TestProjects;
import io.connectorkit.runtime.spi.SpiRole;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.List;

class StaticChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "full"})
    void theRenderedAppsPassEveryCheck(String project) throws Exception {
        Map<String, String> app = TestProjects.render(project);

        assertThat(StaticChecks.rerunnable("snowflake/setup.sql", app.get("snowflake/setup.sql"), true)).isEmpty();
        assertThat(StaticChecks.rerunnable("local/setup.sql", app.get("local/setup.sql"), false)).isEmpty();
        assertThat(StaticChecks.grants("snowflake/setup.sql", app.get("snowflake/setup.sql"))).isEmpty();
        assertThat(StaticChecks.references("snowflake/manifest.yml", app.get("snowflake/manifest.yml"),
                "snowflake/setup.sql", app.get("snowflake/setup.sql"))).isEmpty();
        assertThat(StaticChecks.manifest("snowflake/manifest.yml", app.get("snowflake/manifest.yml"))).isEmpty();
        assertThat(StaticChecks.connectorClasses(TestProjects.descriptor(project), getClass().getClassLoader()))
                .isEmpty();
    }

    @Test
    void theManifestChecksKnowBothVersions() {
        String v1 = "manifest_version: 1\nprivileges:\n  - READ SESSION:\n      description: r\n"
                + "references:\n  - WH:\n      object_type: WAREHOUSE\n      required_at_setup: true\n";
        assertThat(StaticChecks.manifest("snowflake/manifest.yml", v1)).isEmpty();
        assertThat(StaticChecks.manifest("snowflake/manifest.yml", v1.replace("manifest_version: 1",
                "manifest_version: 2"))).containsExactly(
                "snowflake/manifest.yml: references.WH.required_at_setup is a manifest version 1 key; remove it from "
                        + "the template override (version 2 grants the privileges at install)",
                "snowflake/manifest.yml: privileges.READ SESSION is not granted automatically under manifest "
                        + "version 2; set manifest.version: 1 in connector.yaml to request it");
        assertThat(StaticChecks.manifest("snowflake/manifest.yml", "artifacts: {setup_script: setup.sql}\n"))
                .containsExactly("snowflake/manifest.yml: manifest_version is missing; Snowflake reads 1 or 2 (set "
                        + "manifest.version in connector.yaml, or fix the template override)");
        assertThat(StaticChecks.manifest("snowflake/manifest.yml", "manifest_version: 3\n")).singleElement()
                .asString().contains("manifest_version is '3'");
    }

    @Test
    void aCreateThatCannotRunTwiceIsNamedWithItsLine() {
        String script = "-- header\nCREATE SCHEMA IF NOT EXISTS STATE;\nCREATE TABLE STATE.LOG (ID INT);\n"
                + "DROP VIEW IF EXISTS PUBLIC.V;\nCREATE VIEW PUBLIC.V AS SELECT 1;\n"
                + "CREATE OR REPLACE PROCEDURE PUBLIC.P() RETURNS STRING LANGUAGE SQL AS $$ BEGIN CREATE TABLE X (A INT);"
                + " END; $$;\nINSERT INTO T VALUES ('CREATE TABLE Y (A INT);');\nCREATE VIEW PUBLIC.W AS SELECT 2;";

        assertThat(StaticChecks.rerunnable("setup.sql", script, true)).containsExactly(
                "setup.sql:3: 'CREATE TABLE STATE.LOG (ID INT)' fails when the setup script runs again (every upgrade"
                        + " does): write CREATE OR REPLACE, CREATE OR ALTER or CREATE ... IF NOT EXISTS",
                "setup.sql:8: 'CREATE VIEW PUBLIC.W AS SELECT 2' fails when the setup script runs again (every upgrade"
                        + " does): write CREATE OR REPLACE, CREATE OR ALTER or CREATE ... IF NOT EXISTS");
    }

    @Test
    void aSecretOrIntegrationReferenceWithoutItsConfigurationCallbackIsRefused() throws Exception {
        Map<String, String> app = TestProjects.render("full");
        // An override that lost the callback, made the integration multi-valued and dropped the callback's grant.
        String manifest = app.get("snowflake/manifest.yml")
                .replaceFirst("      configuration_callback: \"PUBLIC.GET_REFERENCE_CONFIG\"\n", "")
                .replaceFirst("multi_valued: false\n      register_callback: \"PUBLIC.REGISTER_REFERENCE\"\n"
                        + "      configuration_callback", "multi_valued: true\n      register_callback: "
                        + "\"PUBLIC.REGISTER_REFERENCE\"\n      configuration_callback");
        String setup = app.get("snowflake/setup.sql").replace(
                "GRANT USAGE ON PROCEDURE PUBLIC.GET_REFERENCE_CONFIG(STRING) TO APPLICATION ROLE ADMIN;", "");

        assertThat(StaticChecks.references("snowflake/manifest.yml", manifest, "snowflake/setup.sql", setup))
                .containsExactlyInAnyOrder(
                        "snowflake/manifest.yml: references.GITHUB_EAI is a EXTERNAL ACCESS INTEGRATION reference "
                                + "without configuration_callback, which Snowflake refuses at install; keep the "
                                + "descriptor's default (PUBLIC.GET_REFERENCE_CONFIG) or name a procedure in "
                                + "manifest.references[].configurationCallback",
                        "snowflake/manifest.yml: references.API_TOKEN_SECRET is a SECRET reference with multi_valued: "
                                + "true, which Snowflake refuses; make it single-valued",
                        "snowflake/setup.sql: the configuration callback PUBLIC.GET_REFERENCE_CONFIG is not granted to "
                                + "ADMIN; add GRANT USAGE ON PROCEDURE PUBLIC.GET_REFERENCE_CONFIG(STRING) TO "
                                + "APPLICATION ROLE ADMIN");
        assertThat(StaticChecks.references("snowflake/manifest.yml", app.get("snowflake/manifest.yml"),
                "snowflake/setup.sql", setup.replace("PROCEDURE PUBLIC.GET_REFERENCE_CONFIG(REF_NAME",
                        "PROCEDURE PUBLIC.REFERENCE_CONFIG(REF_NAME"))).contains("snowflake/manifest.yml: "
                + "references.GITHUB_EAI names the callback PUBLIC.GET_REFERENCE_CONFIG, which snowflake/setup.sql "
                + "does not create; create it (descriptor sql.snowflake) or name one it creates");
    }

    @Test
    void grantsFollowTheCatalog() throws Exception {
        String script = TestProjects.render("minimal").get("snowflake/setup.sql")
                .replace("GRANT USAGE ON PROCEDURE PUBLIC.CONFIGURE_CONNECTOR(VARIANT) TO APPLICATION ROLE ADMIN;",
                        "GRANT USAGE ON PROCEDURE PUBLIC.PAUSE_CONNECTOR() TO APPLICATION ROLE VIEWER;\n"
                                + "GRANT USAGE ON PROCEDURE PUBLIC.TEST_CONNECTION() TO APPLICATION ROLE ADMIN;")
                .replace("GRANT SELECT ON VIEW PUBLIC.PREREQUISITES TO APPLICATION ROLE VIEWER;", "");

        assertThat(StaticChecks.grants("snowflake/setup.sql", script)).satisfiesExactlyInAnyOrder(
                problem -> assertThat(problem).matches("snowflake/setup\\.sql:\\d+: PAUSE_CONNECTOR changes the "
                        + "connector's state, so VIEWER must not get it; remove this grant"),
                problem -> assertThat(problem).matches("snowflake/setup\\.sql:\\d+: TEST_CONNECTION is internal to the"
                        + " runtime and granted to no role; remove this grant"),
                problem -> assertThat(problem).isEqualTo("snowflake/setup.sql: PUBLIC.CONFIGURE_CONNECTOR is not "
                        + "granted to ADMIN; add GRANT USAGE ON PROCEDURE PUBLIC.CONFIGURE_CONNECTOR(...) TO "
                        + "APPLICATION ROLE ADMIN"),
                problem -> assertThat(problem).isEqualTo("snowflake/setup.sql: the view PUBLIC.PREREQUISITES is not "
                        + "granted to VIEWER; add GRANT SELECT ON VIEW PUBLIC.PREREQUISITES TO APPLICATION ROLE VIEWER"));
    }

    @Test
    void theSyncStatusViewIsGrantedToAdminAndViewer() throws Exception {
        String script = TestProjects.render("minimal").get("snowflake/setup.sql")
                .replace("GRANT SELECT ON VIEW PUBLIC.SYNC_STATUS TO APPLICATION ROLE VIEWER;", "");

        assertThat(StaticChecks.grants("snowflake/setup.sql", script)).containsExactly("snowflake/setup.sql: the view "
                + "PUBLIC.SYNC_STATUS is not granted to VIEWER; add GRANT SELECT ON VIEW PUBLIC.SYNC_STATUS TO "
                + "APPLICATION ROLE VIEWER");
    }

    @Test
    void theIngestionDefinitionsViewIsGrantedToAdminAndViewer() throws Exception {
        String script = TestProjects.render("minimal").get("snowflake/setup.sql")
                .replace("GRANT SELECT ON VIEW PUBLIC.INGESTION_DEFINITIONS TO APPLICATION ROLE ADMIN;", "")
                .replace("GRANT SELECT ON VIEW PUBLIC.INGESTION_DEFINITIONS TO APPLICATION ROLE VIEWER;", "");

        assertThat(StaticChecks.grants("snowflake/setup.sql", script)).containsExactly(
                "snowflake/setup.sql: the view PUBLIC.INGESTION_DEFINITIONS is not granted to ADMIN; add GRANT SELECT"
                        + " ON VIEW PUBLIC.INGESTION_DEFINITIONS TO APPLICATION ROLE ADMIN",
                "snowflake/setup.sql: the view PUBLIC.INGESTION_DEFINITIONS is not granted to VIEWER; add GRANT SELECT"
                        + " ON VIEW PUBLIC.INGESTION_DEFINITIONS TO APPLICATION ROLE VIEWER");
    }

    @Test
    void theResourceProceduresAreForAdminOnly() throws Exception {
        String script = TestProjects.render("minimal").get("snowflake/setup.sql")
                + "\nGRANT USAGE ON PROCEDURE PUBLIC.ENABLE_RESOURCE(VARCHAR) TO APPLICATION ROLE VIEWER;\n";

        assertThat(StaticChecks.grants("snowflake/setup.sql", script)).singleElement().asString().matches(
                "snowflake/setup\\.sql:\\d+: ENABLE_RESOURCE changes the connector's state, so VIEWER must not get "
                        + "it; remove this grant");
    }

    @Test
    void theStatisticsViewsAreGrantedToAdminAndViewer() throws Exception {
        String script = TestProjects.render("minimal").get("snowflake/setup.sql")
                .replace("GRANT SELECT ON VIEW PUBLIC.CONNECTOR_STATS TO APPLICATION ROLE VIEWER;", "")
                .replace("GRANT SELECT ON VIEW PUBLIC.AGGREGATED_CONNECTOR_STATS TO APPLICATION ROLE ADMIN;", "");

        assertThat(StaticChecks.grants("snowflake/setup.sql", script)).containsExactly(
                "snowflake/setup.sql: the view PUBLIC.CONNECTOR_STATS is not granted to VIEWER; add GRANT SELECT ON "
                        + "VIEW PUBLIC.CONNECTOR_STATS TO APPLICATION ROLE VIEWER",
                "snowflake/setup.sql: the view PUBLIC.AGGREGATED_CONNECTOR_STATS is not granted to ADMIN; add GRANT "
                        + "SELECT ON VIEW PUBLIC.AGGREGATED_CONNECTOR_STATS TO APPLICATION ROLE ADMIN");
    }

    @Test
    void theSchedulerIterationIsDeclaredAndGrantedToNoRole() throws Exception {
        String script = TestProjects.render("minimal").get("snowflake/setup.sql");

        assertThat(script).contains("CREATE OR REPLACE PROCEDURE PUBLIC.RUN_SCHEDULER_ITERATION()")
                .doesNotContain("ON PROCEDURE PUBLIC.RUN_SCHEDULER_ITERATION");
        assertThat(StaticChecks.grants("snowflake/setup.sql", script + "\nGRANT USAGE ON PROCEDURE"
                + " PUBLIC.RUN_SCHEDULER_ITERATION() TO APPLICATION ROLE ADMIN;")).singleElement().asString()
                .endsWith("RUN_SCHEDULER_ITERATION is internal to the runtime and granted to no role; remove this grant");
    }

    @Test
    void aLostProcedureIsNamed() throws Exception {
        String script = TestProjects.render("minimal").get("snowflake/setup.sql")
                .replace("CREATE OR REPLACE PROCEDURE PUBLIC.RESUME_CONNECTOR()", "CREATE OR REPLACE PROCEDURE "
                        + "PUBLIC.RESUME_CONNECTOR_OLD()");

        assertThat(StaticChecks.grants("snowflake/setup.sql", script)).contains("snowflake/setup.sql: the runtime "
                + "procedure PUBLIC.RESUME_CONNECTOR is not declared; keep its CREATE OR REPLACE PROCEDURE in the setup "
                + "script (an overridden template may have lost it)");
    }

    @Test
    void connectorClassesMustExistAndFitTheirRole() throws Exception {
        Descriptor full = TestProjects.descriptor("full");
        Map<SpiRole, String> classes = new HashMap<>(full.classes());
        classes.put(SpiRole.CONNECTION_TESTER, "io.connectorkit.plugin.fixtures.NotATester");
        classes.put(SpiRole.SOURCE_VALIDATOR, "com.example.Missing");
        classes.put(SpiRole.RESOURCE_HOOKS, "io.connectorkit.plugin.fixtures.GithubFinalizer");
        classes.put(SpiRole.INGESTION, "io.connectorkit.plugin.fixtures.NotATester");
        Descriptor broken = new Descriptor(full.file(), full.app(), full.prerequisites(), full.connectorFields(),
                full.connectionFields(), classes, full.manifest(), full.extraSql(), full.files());

        assertThat(StaticChecks.connectorClasses(broken, getClass().getClassLoader())).containsExactlyInAnyOrder(
                "connector.yaml: spi.connectionTester: the class io.connectorkit.plugin.fixtures.NotATester does not "
                        + "implement io.connectorkit.runtime.spi.ConnectionTester; write the fully qualified name of a "
                        + "public class with a public no-argument constructor that implements "
                        + "io.connectorkit.runtime.spi.ConnectionTester",
                "connector.yaml: spi.sourceValidator: the class com.example.Missing is not on the class path; write the"
                        + " fully qualified name of a public class with a public no-argument constructor that "
                        + "implements io.connectorkit.runtime.spi.SourceValidator",
                "connector.yaml: spi.resourceHooks: the class io.connectorkit.plugin.fixtures.GithubFinalizer does not "
                        + "implement io.connectorkit.runtime.spi.ResourceHooks; write the fully qualified name of a "
                        + "public class with a public no-argument constructor that implements "
                        + "io.connectorkit.runtime.spi.ResourceHooks",
                "connector.yaml: spi.ingestion: the class io.connectorkit.plugin.fixtures.NotATester does not "
                        + "implement io.connectorkit.runtime.spi.Ingestion; write the fully qualified name of a "
                        + "public class with a public no-argument constructor that implements "
                        + "io.connectorkit.runtime.spi.Ingestion");
    }

    @Test
    void aMisspelledClassGetsItsDescriptorLineAndTheClosestProjectClass() throws Exception {
        Descriptor full = TestProjects.descriptor("full");
        Map<SpiRole, String> classes = new HashMap<>(full.classes());
        classes.put(SpiRole.FINALIZE_CALLBACK, "io.connectorkit.plugin.fixtures.GithubFinaliser");
        classes.put(SpiRole.SOURCE_VALIDATOR, "com.example.Unrelated");
        Descriptor misspelled = new Descriptor(full.file(), full.app(), full.prerequisites(), full.connectorFields(),
                full.connectionFields(), classes, full.manifest(), full.extraSql(), full.files(),
                Map.of(SpiRole.FINALIZE_CALLBACK, 44, SpiRole.SOURCE_VALIDATOR, 45));
        ClassSuggestions project = ClassSuggestions.of(List.of("io.connectorkit.plugin.fixtures.GithubFinalizer",
                "io.connectorkit.plugin.fixtures.GithubConnectionTester"));

        assertThat(StaticChecks.connectorClasses(misspelled, getClass().getClassLoader(), name -> false, project))
                .containsExactlyInAnyOrder(
                        "connector.yaml:44: spi.finalizeCallback: the class "
                                + "io.connectorkit.plugin.fixtures.GithubFinaliser is not on the class path; did you "
                                + "mean io.connectorkit.plugin.fixtures.GithubFinalizer? Otherwise write the fully "
                                + "qualified name of a public class with a public no-argument constructor that "
                                + "implements io.connectorkit.runtime.spi.FinalizeCallback",
                        "connector.yaml:45: spi.sourceValidator: the class com.example.Unrelated is not on the class "
                                + "path; write the fully qualified name of a public class with a public no-argument "
                                + "constructor that implements io.connectorkit.runtime.spi.SourceValidator");
    }

    /** https://docs.snowflake.com/en/developer-guide/native-apps/requesting-app-specs-eai */
    @Test
    void anAppSpecificationNeedsManifestVersion2AndThePrivilegeToCreateWhatItDeclares() {
        String setup = """
                CREATE SCHEMA IF NOT EXISTS STATE;
                ALTER APPLICATION SET SPECIFICATION API TYPE = EXTERNAL_ACCESS LABEL = 'API' DESCRIPTION = 'x'
                  HOST_PORTS = ('api.example.com');
                ALTER APPLICATION SET SPECIFICATION "SIGN_IN" TYPE = SECURITY_INTEGRATION LABEL = 'S' DESCRIPTION = 'x'
                  OAUTH_TYPE = 'JWT_BEARER' OAUTH_TOKEN_ENDPOINT = 'https://a.io/token';
                """;
        String v2 = "manifest_version: 2\nprivileges:\n  - CREATE EXTERNAL ACCESS INTEGRATION:\n      description: x\n";

        assertThat(StaticChecks.specifications("manifest.yml", v2 + "  - CREATE SECURITY INTEGRATION:\n"
                + "      description: y\n", "setup.sql", setup)).isEmpty();
        assertThat(StaticChecks.specifications("manifest.yml", v2, "setup.sql", setup)).containsExactly(
                "setup.sql:4: app specification \"SIGN_IN\" declares an object the app creates, which needs the "
                        + "privilege CREATE SECURITY INTEGRATION in manifest.yml; add it to manifest.privileges in "
                        + "connector.yaml");
        assertThat(StaticChecks.specifications("manifest.yml", v2.replace("2", "1"), "setup.sql", setup))
                .hasSize(2).first().asString().isEqualTo("setup.sql:2: app specification API needs manifest_version 2 "
                        + "in manifest.yml (Snowflake refuses it under version 1); set manifest.version: 2 in "
                        + "connector.yaml");
    }
}
