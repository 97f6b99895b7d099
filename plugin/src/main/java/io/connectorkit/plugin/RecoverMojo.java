package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.Operations;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Repairs a connector stuck in ERROR or a half-done transition (RECOVER_CONNECTOR_STATE). */
@Mojo(name = "recover", threadSafe = true)
public final class RecoverMojo extends InstalledAppMojo {

    /** The status to set: {@code PAUSED} (nothing runs until resumed) or {@code STARTED}. */
    @Parameter(property = "connector.status")
    String status;

    @Inject
    public RecoverMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) {
        return app -> new Operations(app, getLog()::info).recover(status);
    }
}
