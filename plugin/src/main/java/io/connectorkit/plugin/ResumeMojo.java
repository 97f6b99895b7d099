package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.Operations;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Resumes a paused connector. A started connector is left as it is. */
@Mojo(name = "resume", threadSafe = true)
public final class ResumeMojo extends InstalledAppMojo {

    @Inject
    public ResumeMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) {
        return app -> new Operations(app, getLog()::info).resume();
    }
}
