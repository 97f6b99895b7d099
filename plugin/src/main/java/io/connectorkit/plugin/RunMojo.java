package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.maven.IngestTarget;
import io.connectorkit.plugin.operate.Ingestions;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import java.util.Optional;

/**
 * Embedded target: keeps the scheduler running in the foreground, one iteration every
 * {@code connector.pollSeconds}, until interrupted (Ctrl-C) or {@code connector.iterations} have run.
 */
@Mojo(name = "run", threadSafe = true)
public final class RunMojo extends InstalledAppMojo {

    /** Seconds between iterations; an iteration only runs what is due, so a short pace costs little. */
    @Parameter(property = "connector.pollSeconds", defaultValue = "60")
    int pollSeconds;

    /** Stop after this many iterations; 0 runs until interrupted. */
    @Parameter(property = "connector.iterations", defaultValue = "0")
    int iterations;

    /**
     * Whether a failed run stops the scheduler and fails the build. Off by default: like the app's own scheduler,
     * {@code run} goes on and the app retries the failed run with backoff; each failure is printed as it happens.
     */
    @Parameter(property = "connector.failOnError", defaultValue = "false")
    boolean failOnError;

    @Inject
    public RunMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) throws MojoFailureException {
        IngestTarget.requireEmbedded(target(), "run");
        if (pollSeconds < 1 || iterations < 0) {
            throw new MojoFailureException("connector.pollSeconds must be 1 or more and connector.iterations 0 or more "
                    + "(0 = until interrupted); got " + pollSeconds + " and " + iterations);
        }
        return app -> {
            getLog().info("Running the scheduler of " + app.describe() + " every " + pollSeconds + " s"
                    + (iterations > 0 ? " for " + iterations + " iteration(s)" : "; stop it with Ctrl-C"));
            List<Ingestions.Iteration> ran = new Ingestions(app, getLog()::info, getLog()::warn).runEvery(
                    Duration.ofSeconds(pollSeconds), iterations, duration -> Thread.sleep(duration.toMillis()),
                    iteration -> !failOnError || iteration.failure("").isEmpty());
            getLog().info("The scheduler ran " + ran.size() + " iteration(s)");
            if (failOnError && !ran.isEmpty()) {
                Optional<String> failure = ran.get(ran.size() - 1).failure("mvn connector:ingest");
                if (failure.isPresent()) {
                    throw new MojoFailureException(failure.get());
                }
            }
        };
    }
}
