package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** connector:console as Maven runs it: it serves the deployed embedded app until stopped, and refuses what it cannot. */
@MojoTest
class ConsoleMojoTest {

    @TempDir
    Path folder;

    private MavenProject project;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    @BeforeEach
    void bundle(@InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
    }

    @Test
    void servesTheDeployedAppOnTheLoopbackUntilStopped(
            @InjectMojo(goal = "deploy") DeployMojo deploy, @InjectMojo(goal = "console") ConsoleMojo console)
            throws Exception {
        deploy.execute();
        console.setLog(log);
        console.port = 0;
        CompletableFuture<URI> address = new CompletableFuture<>();
        console.listening = address::complete;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread goal = new Thread(() -> {
            try {
                console.execute();
            } catch (Throwable e) {
                failure.set(e);
                address.completeExceptionally(e);
            }
        });
        goal.start();

        URI url = address.get(60, TimeUnit.SECONDS);
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<String> wizard =
                http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(wizard.statusCode()).isEqualTo(200);
        assertThat(wizard.uri().getPath()).isEqualTo("/wizard");
        assertThat(wizard.body()).contains("GitHub issues connector", "Allow api.github.com", "acting as ADMIN");
        assertThat(log.infos)
                .contains(
                        "Console of github_connector (acting as ADMIN) listening on " + url + " (stop it with Ctrl-C)");

        console.stopped.countDown();
        goal.join(30_000);

        assertThat(goal.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(log.infos).contains("Console stopped");
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void anAppThatIsNotDeployedIsNamedWithTheGoalsThatDeployIt(@InjectMojo(goal = "console") ConsoleMojo console) {
        assertThatThrownBy(console::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("The connector app github_connector is not deployed on the embedded target; deploy it "
                        + "first: mvn package connector:deploy, then mvn connector:console");
    }

    @Test
    void snowflakeABadRoleAndABadPortAreRefusedInOneLine(@InjectMojo(goal = "console") ConsoleMojo console) {
        console.target = "snowflake";
        assertThatThrownBy(console::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("connector:console serves the embedded app; on Snowflake the app's own "
                        + "Streamlit UI is the console");

        console.target = "local";
        console.role = "OWNER";
        assertThatThrownBy(console::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("connector.role 'OWNER' is not an application role; use ADMIN (the default) or VIEWER");

        console.role = "VIEWER";
        console.port = 70000;
        assertThatThrownBy(console::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("connector.port 70000 is not a port; use 1 to 65535, or 0 for any free port (default "
                        + "8417)");
    }
}
