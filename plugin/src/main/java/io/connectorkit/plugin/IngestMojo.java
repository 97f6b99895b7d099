package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.Ingestions;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Embedded target: runs one scheduler iteration now (RUN_SCHEDULER_ITERATION): every ingestion that is due runs
 * through the connector's ingestion code, and its rows, cursor and run are recorded.
 */
@Mojo(name = "ingest", threadSafe = true)
public final class IngestMojo extends InstalledAppMojo {

    @Inject
    public IngestMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) throws MojoFailureException {
        IngestTarget.requireEmbedded(target(), "ingest");
        return app -> new Ingestions(app, getLog()::info, getLog()::warn).runOnce();
    }
}
