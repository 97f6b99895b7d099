package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.Operations;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import java.util.List;
import java.util.Set;

/**
 * Replaces the connection configuration of a paused connector with the configuration file's {@code connection}
 * section (UPDATE_CONNECTION_CONFIGURATION): the new connection is tested first and saved only if it works.
 */
@Mojo(name = "update-connection", threadSafe = true)
public final class UpdateConnectionMojo extends ConfigurationFileMojo {

    @Inject
    public UpdateConnectionMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) {
        return app -> {
            wizardConfiguration.requireResolved(List.of("connection"));
            reportDrift(app, Set.of("connector"));
            new Operations(app, getLog()::info).updateConnection(wizardConfiguration);
        };
    }
}
