package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.ScriptedConnector;
import io.connectorkit.runtime.testing.ViewerProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VIEWER opens the app the way other processes do, with {@code ;AUTO_SERVER=TRUE}: while this JVM holds the
 * database, another JVM reaches it through the automatic server, and the role rules still hold there.
 */
class ViewerOverAutoServerTest {

    @Test
    void anotherProcessConnectsAsViewerThroughTheAutomaticServer(@TempDir Path home) throws Exception {
        String url = "jdbc:h2:file:" + home.resolve("app") + ";AUTO_SERVER=TRUE";
        try (EmbeddedAppFixture app = EmbeddedAppFixture.open(
                url, new ScriptedConnector().definition().build())) {
            app.forceState(ConnectorState.INSTALLED);

            List<String> lines = probe(
                    url,
                    "SELECT CURRENT_USER",
                    "CALL PUBLIC.GET_CONNECTOR_STATUS()",
                    "SELECT STATUS FROM PUBLIC.SYNC_STATUS",
                    "CALL PUBLIC.PAUSE_CONNECTOR()",
                    "SELECT COUNT(*) FROM STATE.SECRETS");

            assertThat(lines)
                    .containsExactly(
                            "SELECT CURRENT_USER -> VIEWER",
                            "CALL PUBLIC.GET_CONNECTOR_STATUS() -> {\"response_code\":\"OK\",\"status\":\"CONFIGURING\","
                                    + "\"configurationStatus\":\"INSTALLED\"}",
                            "SELECT STATUS FROM PUBLIC.SYNC_STATUS -> NOT_SYNCING",
                            "CALL PUBLIC.PAUSE_CONNECTOR() -> 42501 Insufficient privileges to operate on procedure "
                                    + "'PAUSE_CONNECTOR': application role VIEWER may call only GET_CONNECTOR_STATUS, "
                                    + "GET_CONNECTION_CONFIGURATION; connect as ADMIN; SQL statement:",
                            "SELECT COUNT(*) FROM STATE.SECRETS -> 90096 Not enough rights for object \"STATE.SECRETS\"; SQL "
                                    + "statement:");
        }
    }

    private static List<String> probe(String url, String... statements) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ViewerProbe.class.getName(),
                url));
        command.addAll(List.of(statements));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
