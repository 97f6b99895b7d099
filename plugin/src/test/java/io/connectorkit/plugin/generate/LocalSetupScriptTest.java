package io.connectorkit.plugin.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.testing.TestProjects;
import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.tools.RunScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.connectorkit.runtime.embedded.EmbeddedApp;

/** The rendered local setup script runs on H2, runs again, and upgrades an app in place with its state kept. */
class LocalSetupScriptTest {

    @Test
    void theScriptInstallsAWorkingAppAndRunsAgainAndUpgradesKeepingState(@TempDir Path project) throws Exception {
        copyProject("full", project);
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection app = DriverManager.getConnection(url)) {
            Descriptor descriptor = TestProjects.descriptor(project);
            run(app, localScript(project));
            ConnectorDescription description = ConnectorDescription.fromJsonText(
                    descriptor.toDescription().toJsonText());
            ConnectorRegistry.Binding binding = EmbeddedApp.bind(app,
                    description.toDefinition(getClass().getClassLoader()));
            try {
                assertThat(call(app, "UPDATE_PREREQUISITE('token', TRUE)")).contains("\"OK\"");
                assertThat(call(app, "COMPLETE_PREREQUISITES_STEP()")).contains("\"OK\"");
                assertThat(call(app, "CONFIGURE_CONNECTOR('{\"page_size\": \"many\"}')"))
                        .contains("INVALID_CONFIGURATION_VALUE").contains("page_size");
                assertThat(call(app, "CONFIGURE_CONNECTOR('{\"warehouse\": \"WH\"}')")).contains("\"OK\"");
                String connection = "SET_CONNECTION_CONFIGURATION('{\"base_url\": \"https://api.github.com\","
                        + " \"api_token\": \"API_TOKEN_SECRET\"}')";
                assertThat(call(app, connection)).contains("No GitHub token is bound");
                assertThat(call(app, "SET_CONNECTION_CONFIGURATION('{\"base_url\": \"https://api.github.com\","
                        + " \"api_token\": \"tok\"}')")).contains("INVALID_CONFIGURATION_VALUE")
                        .contains("API_TOKEN_SECRET").doesNotContain("tok\"");
                assertThat(call(app, "REGISTER_SECRET('API_TOKEN_SECRET', 'bad')")).contains("\"OK\"");
                assertThat(call(app, connection)).contains("TEST_CONNECTION_FAILED");
                assertThat(call(app, "REGISTER_SECRET('API_TOKEN_SECRET', 'tok')")).contains("\"OK\"");
                assertThat(call(app, connection)).contains("Connected to https://api.github.com");
                String state = state(app);

                run(app, localScript(project));
                assertThat(state(app)).as("running the script again changes no state").isEqualTo(state);
                try (Connection viewer = DriverManager.getConnection(url.substring(0, url.indexOf(';')), "VIEWER",
                        "")) {
                    assertThat(call(viewer, "GET_CONNECTOR_STATUS()")).contains("\"CONNECTED\"");
                    assertThat(rows(viewer, "SELECT STATUS FROM PUBLIC.SYNC_STATUS")).containsExactly("NOT_SYNCING");
                    assertThatThrownBy(() -> call(viewer, "RESET_CONFIGURATION()")).isInstanceOf(SQLException.class)
                            .hasMessageStartingWith("Insufficient privileges to operate on procedure "
                                    + "'RESET_CONFIGURATION'");
                    assertThatThrownBy(() -> rows(viewer, "SELECT * FROM STATE.SECRETS"))
                            .hasMessageContaining("Not enough rights");
                }

                Path descriptorFile = project.resolve("src/main/connector/connector.yaml");
                Files.writeString(descriptorFile, Files.readString(descriptorFile)
                        .replace("title: Create a GitHub token", "title: Create a GitHub token (read-only)")
                        .replace("prerequisites:\n", "prerequisites:\n  - id: warehouse\n    title: Pick a warehouse\n"
                                + "    description: The warehouse that runs the ingestion.\n"));
                run(app, localScript(project));

                assertThat(rows(app, "SELECT ID, TITLE, IS_COMPLETED FROM PUBLIC.PREREQUISITES")).containsExactly(
                        "warehouse|Pick a warehouse|FALSE", "network|Allow api.github.com|FALSE",
                        "token|Create a GitHub token (read-only)|TRUE");
                assertThat(rows(app, "SELECT \"KEY\", \"VALUE\" FROM STATE.APP_STATE")).containsExactly(
                        "connector_status|{\"status\":\"CONFIGURING\",\"configurationStatus\":\"CONNECTED\"}");
                assertThat(call(app, "FINALIZE_CONNECTOR_CONFIGURATION('{}')")).contains("Sink ready.");
                assertThat(rows(app, "SELECT CONFIG_KEY, \"VALUE\" FROM PUBLIC.CONNECTOR_CONFIGURATION"
                        + " WHERE CONFIG_GROUP = 'connection_configuration'"))
                        .containsExactlyInAnyOrder("base_url|https://api.github.com", "api_token|********");
            } finally {
                binding.close();
            }
        }
    }

    private static String localScript(Path project) throws Exception {
        return TestProjects.render(project).get("local/setup.sql");
    }

    private static void copyProject(String name, Path target) throws Exception {
        Path source = TestProjects.project(name);
        try (var files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private static void run(Connection app, String script) throws SQLException {
        RunScript.execute(app, new StringReader(script));
    }

    private static String call(Connection app, String call) throws SQLException {
        try (Statement statement = app.createStatement();
                ResultSet result = statement.executeQuery("CALL PUBLIC." + call)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String state(Connection app) throws SQLException {
        return String.join("\n", rows(app, "SELECT * FROM STATE.APP_STATE")) + "\n"
                + String.join("\n", rows(app, "SELECT * FROM STATE.APP_CONFIG ORDER BY 1")) + "\n"
                + String.join("\n", rows(app, "SELECT * FROM STATE.PREREQUISITES ORDER BY 1")) + "\n"
                + String.join("\n", rows(app, "SELECT * FROM STATE.SECRETS ORDER BY 1"));
    }

    private static List<String> rows(Connection app, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement statement = app.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    values.add(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                            : String.valueOf(value).toUpperCase().equals("TRUE") || String.valueOf(value)
                            .equalsIgnoreCase("FALSE") ? String.valueOf(value).toUpperCase() : String.valueOf(value));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
