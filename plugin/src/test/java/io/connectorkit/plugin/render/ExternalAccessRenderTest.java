package io.connectorkit.plugin.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.checks.StaticChecks;
import io.connectorkit.plugin.testing.TestProjects;
import io.connectorkit.runtime.procedures.PublicProcedure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In Snowflake a procedure reaches the source only with the secrets and external access integrations it is declared
 * with: the app gives them, by reference, to every procedure that runs connector code, after each binding and after
 * every upgrade (which replaces the procedures).
 */
class ExternalAccessRenderTest {

    private static final Pattern ALTER = Pattern.compile("ALTER PROCEDURE PUBLIC\\.([A-Z_]+)\\(([A-Z, ]*)\\) SET\n"
            + "    SECRETS = \\('api_token' = reference\\('API_TOKEN_SECRET'\\)\\)\n"
            + "    EXTERNAL_ACCESS_INTEGRATIONS = \\(reference\\('API_ACCESS'\\)\\);");

    @Test
    void everyProcedureThatRunsConnectorCodeGetsTheSecretAndTheIntegration(@TempDir Path project) throws Exception {
        String setup = render(project, """
                  references:
                    - {name: API_ACCESS, label: API, description: Reaches the API, hosts: [api.example.com],
                       objectType: EXTERNAL ACCESS INTEGRATION, privileges: [USAGE]}
                    - {name: ARCHIVE, label: Archive, description: Tables to copy, multiValued: true,
                       objectType: TABLE, privileges: [SELECT]}
                """);

        List<String> altered = new ArrayList<>();
        Matcher alter = ALTER.matcher(setup);
        while (alter.find()) {
            altered.add(alter.group(1));
            // The signature altered is the one the script creates.
            assertThat(alter.group(2)).as(alter.group(1)).isEqualTo(PublicProcedure.valueOf(alter.group(1))
                    .arguments().stream().map(argument -> argument.type().name()).collect(Collectors.joining(", ")));
        }
        assertThat(altered).containsExactlyElementsOf(Arrays.stream(PublicProcedure.values())
                .filter(PublicProcedure::runsConnectorCode).map(Enum::name).toList())
                .contains("SET_CONNECTION_CONFIGURATION", "RUN_SCHEDULER_ITERATION")
                .doesNotContain("GET_CONNECTOR_STATUS", "UPDATE_WAREHOUSE");
        assertThat(setup)
                .doesNotContain("reference('ARCHIVE')")
                // SYSTEM$SET_REFERENCE takes single-valued references only (native-apps/requesting-refs).
                .contains("""
                              IF (REF_NAME IN ('ARCHIVE')) THEN
                                SELECT SYSTEM$ADD_REFERENCE(:REF_NAME, :REF_OR_ALIAS);
                              ELSE
                                SELECT SYSTEM$SET_REFERENCE(:REF_NAME, :REF_OR_ALIAS);
                              END IF;
                              CALL PUBLIC.SETUP_EXTERNAL_ACCESS() INTO :SETUP_ANSWER;
                              IF (SETUP_ANSWER IS NOT NULL AND SETUP_ANSWER <> 'Success') THEN
                                RETURN SETUP_ANSWER;
                              END IF;
                        """)
                .contains("""
                            WHEN 'API_ACCESS' THEN
                              RETURN '{"type":"CONFIGURATION","payload":{"host_ports":["api.example.com"],\
                        "allowed_secrets":"LIST","secret_references":["API_TOKEN_SECRET"]}}';
                            WHEN 'API_TOKEN_SECRET' THEN
                              RETURN '{"type":"CONFIGURATION","payload":{"type":"GENERIC_STRING"}}';
                        """)
                .contains("SYSTEM$GET_ALL_REFERENCES('API_ACCESS')", "SYSTEM$GET_ALL_REFERENCES('API_TOKEN_SECRET')")
                .endsWith("CALL PUBLIC.SETUP_EXTERNAL_ACCESS();\n");
        assertThat(setup).doesNotContain("GRANT USAGE ON PROCEDURE PUBLIC.SETUP_EXTERNAL_ACCESS");
        assertThat(StaticChecks.grants("snowflake/setup.sql", setup)).isEmpty();
    }

    @Test
    void withoutAnIntegrationNothingIsAltered(@TempDir Path project) throws Exception {
        String setup = render(project, "");

        assertThat(setup).doesNotContain("SETUP_EXTERNAL_ACCESS").doesNotContain("ALTER PROCEDURE");
    }

    private static String render(Path project, String references) throws Exception {
        Files.createDirectories(project.resolve("src/main/connector"));
        Files.writeString(project.resolve("src/main/connector/connector.yaml"), "app: {name: reaching_out}\n"
                + "configuration:\n  connection:\n    - {name: api_token, type: secret, required: true}\n"
                + (references.isEmpty() ? "" : "manifest:\n" + references));
        Map<String, String> app = TestProjects.render(project);
        return app.get("snowflake/setup.sql");
    }
}
