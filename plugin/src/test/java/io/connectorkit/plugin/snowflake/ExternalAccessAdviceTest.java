package io.connectorkit.plugin.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.descriptor.DescriptorLoader;
import io.connectorkit.runtime.sql.Identifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fix a failed external-access setup gets depends on who made the integration: the consumer, or the app. */
class ExternalAccessAdviceTest {

    @TempDir
    Path project;

    @Test
    void anAppThatCreatesItsIntegrationIsToldAboutThePrivilegeItNeeds() throws Exception {
        ExternalAccessAdvice advice = advice("""
                  privileges:
                    - {name: CREATE EXTERNAL ACCESS INTEGRATION, description: Reach the API}
                  specifications:
                    - {name: API_ACCESS, type: EXTERNAL_ACCESS, description: D, hosts: [api.example.com]}
                """);

        assertThat(advice.forAnswer(
                        "Binding the secret S",
                        "REGISTER_REFERENCE",
                        ExternalAccessAdvice.SETUP_FAILED + "SQL access control error: Insufficient privileges",
                        List.of("S")))
                .isEqualTo("Binding the secret S failed: REGISTER_REFERENCE answered 'External access could not be set "
                        + "up: SQL access control error: Insufficient privileges'. The app creates its own external "
                        + "access integration for its app specification API_ACCESS, which needs the privilege CREATE "
                        + "EXTERNAL ACCESS INTEGRATION: Snowflake grants it at install and upgrade when "
                        + "manifest.privileges lists it under manifest version 2 (mvn connector:status shows it); add "
                        + "it to connector.yaml and upgrade the app with mvn connector:deploy");
        assertThat(advice.forAnswer("Binding the secret S", "REGISTER_REFERENCE", "unknown operation: X", List.of()))
                .isEqualTo("Binding the secret S failed: REGISTER_REFERENCE answered 'unknown operation: X'");
    }

    @Test
    void anAppBoundToTheConsumersIntegrationIsToldToAllowTheSecret() throws Exception {
        ExternalAccessAdvice advice = advice("""
                  references:
                    - {name: API_EAI, description: D, objectType: EXTERNAL ACCESS INTEGRATION, privileges: [USAGE],
                       hosts: [api.example.com]}
                """);

        assertThat(advice.forAnswer(
                        "Binding the secret S",
                        "REGISTER_REFERENCE",
                        ExternalAccessAdvice.SETUP_FAILED + "not allowed",
                        List.of("DB.S.TOKEN")))
                .contains("<the integration bound to API_EAI>")
                .doesNotContain("CREATE EXTERNAL ACCESS INTEGRATION");
    }

    private ExternalAccessAdvice advice(String manifest) throws Exception {
        Path file = project.resolve("connector.yaml");
        Files.writeString(
                file,
                "app: {name: a}\nconfiguration:\n  connection:\n"
                        + "    - {name: api_token, type: secret, required: true}\nmanifest:\n" + manifest);
        return new ExternalAccessAdvice(Identifier.parse("A"), DescriptorLoader.load(file, project, "1.0"));
    }
}
