package io.connectorkit.plugin;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.maven.IngestTarget;
import io.connectorkit.plugin.operate.Ingestions;
import io.connectorkit.plugin.operate.ResourceNames;
import io.connectorkit.plugin.target.Target;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import java.util.Optional;

/**
 * Runs ingestions now and prints one line per run. By default one scheduler iteration on the embedded target
 * (RUN_SCHEDULER_ITERATION: the due ingestions); with {@code connector.resource} that resource's ingestions, due or
 * not, and with {@code connector.force} every enabled resource's, due or not (RUN_INGESTION_NOW, on both targets).
 * A failed run fails the build unless {@code connector.failOnError} is false.
 */
@Mojo(name = "ingest", threadSafe = true)
public final class IngestMojo extends InstalledAppMojo {

    /** Run only this resource now, due or not: its id in the resources section, or its name. */
    @Parameter(property = "connector.resource")
    String resource;

    /** Run every enabled resource now, due or not (without {@code connector.resource}). */
    @Parameter(property = "connector.force", defaultValue = "false")
    boolean force;

    /**
     * Whether a failed run fails the build, with its error and the fix. The app records the failure and retries the
     * run with backoff either way.
     */
    @Parameter(property = "connector.failOnError", defaultValue = "true")
    boolean failOnError;

    @Inject
    public IngestMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) throws MojoFailureException {
        boolean now = force || resource != null && !resource.isBlank();
        if (!now) {
            IngestTarget.requireEmbedded(target(), "ingest");
        }
        return app -> {
            Ingestions ingestions = new Ingestions(app, getLog()::info, getLog()::warn);
            Ingestions.Iteration iteration = now ? ingestions.runNow(definitionId(app)) : ingestions.runOnce();
            if (failOnError) {
                Optional<String> failure = iteration.failure("mvn connector:ingest"
                        + (target() == Target.SNOWFLAKE ? " -Dconnector.target=snowflake" : ""));
                if (failure.isPresent()) {
                    throw new MojoFailureException(failure.get());
                }
            }
        };
    }

    private String definitionId(InstalledApp app) throws AppException, MojoFailureException {
        if (resource == null || resource.isBlank()) {
            return null;
        }
        try {
            return new ResourceNames(app).definitionId(resource.strip());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
