package io.connectorkit.plugin.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.checks.StaticChecks;
import io.connectorkit.plugin.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret connection field alone makes the app declare its reference and install the callback that binds it. */
class SecretReferencesRenderTest {

    @Test
    void aSecretFieldWithoutOtherReferencesStillGetsItsReferenceAndTheCallback(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("src/main/connector"));
        Files.writeString(
                project.resolve("src/main/connector/connector.yaml"),
                "app: {name: secret_only}\n"
                        + "configuration:\n  connection:\n    - {name: client_secret, type: secret, required: true}\n");

        Map<String, String> app = TestProjects.render(project);

        assertThat(app.get("snowflake/manifest.yml")).contains("""
                references:
                  - "CLIENT_SECRET_SECRET":
                      label: "client_secret"
                      description: "Secret of the connection field client_secret"
                      privileges:
                        - "READ"
                      object_type: "SECRET"
                      multi_valued: false
                      register_callback: "PUBLIC.REGISTER_REFERENCE"
                """);
        assertThat(app.get("snowflake/setup.sql"))
                .contains("CREATE OR REPLACE PROCEDURE PUBLIC.REGISTER_REFERENCE(")
                .contains("(c.KEY = 'connection_configuration' AND f.KEY = 'client_secret')");
        assertThat(StaticChecks.grants("snowflake/setup.sql", app.get("snowflake/setup.sql")))
                .isEmpty();
    }
}
