package io.connectorkit.plugin;

import io.connectorkit.plugin.app.AppRole;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.console.ConsoleServer;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.events.LocalEventLog;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.local.LocalInstalledApp;
import io.connectorkit.plugin.target.Target;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import java.util.function.Consumer;

/**
 * Serves a local web page over the embedded app until Ctrl-C: the wizard (prerequisites, connector configuration,
 * connection with its test, finalization) and the daily-use page (status, pause and resume, resources, runs and
 * their errors, the hourly chart, warehouse and connection updates). It listens on 127.0.0.1 only and calls the app
 * as {@code connector.role}, so the app's grants decide: VIEWER reads, ADMIN changes.
 */
@Mojo(name = "console", threadSafe = true)
public final class ConsoleMojo extends AppMojo {

    /** The port on 127.0.0.1 to listen on; 0 chooses a free one. The console prints its address. */
    @Parameter(property = "connector.port", defaultValue = "" + ConsoleServer.DEFAULT_PORT)
    int port;

    /** The application role the console acts as: ADMIN (changes) or VIEWER (read-only). */
    @Parameter(property = "connector.role", defaultValue = "ADMIN")
    String role;

    /** Stops the console; tests count it down instead of pressing Ctrl-C. */
    final CountDownLatch stopped = new CountDownLatch(1);
    /** Counted down once the goal has said it stopped; the JVM halts when its shutdown hooks end, not before. */
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Told the console's address once it listens; tests read it. */
    Consumer<URI> listening = address -> {
    };

    @Inject
    public ConsoleMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (target() != Target.LOCAL) {
            // An installed Snowflake app shows consumers its manifest's default_streamlit (the generated UI) when they
            // open it (https://docs.snowflake.com/developer-guide/native-apps/creating-manifest, artifacts).
            throw new MojoFailureException("connector:console serves the embedded app; on Snowflake the app's own "
                    + "Streamlit UI is the console (open the app in Snowsight), and the other goals work with "
                    + "-Dconnector.target=snowflake");
        }
        AppRole appRole;
        try {
            appRole = AppRole.resolve(role);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (port < 0 || port > 65535) {
            throw new MojoFailureException("connector.port " + port + " is not a port; use 1 to 65535, or 0 for any "
                    + "free port (default " + ConsoleServer.DEFAULT_PORT + ")");
        }
        Descriptor descriptor = loadDescriptor();
        LocalApp local = localApp(descriptor.app());
        if (!local.isDeployed()) {
            throw new MojoFailureException("The connector app " + local.name() + " is not deployed on the embedded "
                    + "target; deploy it first: mvn package connector:deploy, then mvn connector:console");
        }
        ConsoleServer.AppOpener opener = () -> {
            InstalledApp app = local.open(appRole);
            if (app instanceof LocalInstalledApp embedded) {
                embedded.recordEvents(new LocalEventLog(local.folder()), descriptor.manifest().telemetry().logLevel(),
                        descriptor.manifest().telemetry().traceLevel());
            }
            return app;
        };
        ConsoleServer server = new ConsoleServer(descriptor, appRole, opener, Clock.systemUTC(), getLog()::info,
                getLog()::warn, getLog()::debug);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "connector-console-stop");
        try {
            URI address;
            try {
                address = server.start(port);
            } catch (IOException e) {
                throw new MojoFailureException("The console cannot listen on 127.0.0.1:" + port + ": " + e.getMessage()
                        + "; choose another port with -Dconnector.port=PORT, or -Dconnector.port=0 for any free one",
                        e);
            }
            Runtime.getRuntime().addShutdownHook(hook);
            getLog().info("Console of " + local.name() + " (acting as " + appRole + ") listening on " + address
                    + " (stop it with Ctrl-C)");
            listening.accept(address);
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: Ctrl-C stopped the console.
            }
        }
        getLog().info("Console stopped");
        finished.countDown();
    }
}
