package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.Operations;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Starts an unfinished wizard over (RESET_CONFIGURATION): the connector and connection configuration are deleted and the wizard returns to its first step. A finished wizard is never reset. */
@Mojo(name = "reset", threadSafe = true)
public final class ResetMojo extends InstalledAppMojo {

    @Inject
    public ResetMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) {
        return app -> new Operations(app, getLog()::info).reset();
    }
}
