package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.Operations;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Pauses the connector: its ingestion stops until it is resumed. A paused connector is left as it is. */
@Mojo(name = "pause", threadSafe = true)
public final class PauseMojo extends InstalledAppMojo {

    @Inject
    public PauseMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) {
        return app -> new Operations(app, getLog()::info).pause();
    }
}
