package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.Operations;
import io.connectorkit.plugin.operate.StatusReport;
import java.util.Locale;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows the connector's status, how far its wizard has come, its sync status and its configuration (secrets
 * masked). With {@code -Dconnector.format=json} it prints one JSON document on standard output for scripts
 * ({@code mvn -q connector:status -Dconnector.format=json}).
 */
@Mojo(name = "status", threadSafe = true)
public final class StatusMojo extends InstalledAppMojo {

    /** {@code text} (the build log) or {@code json} (standard output). */
    @Parameter(property = "connector.format", defaultValue = "text")
    String format;

    @Inject
    public StatusMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) throws MojoFailureException {
        String chosen = format == null ? "text" : format.strip().toLowerCase(Locale.ROOT);
        if (!chosen.equals("text") && !chosen.equals("json")) {
            throw new MojoFailureException("connector.format '" + format + "' is not a format; use text (the "
                    + "default) or json");
        }
        return app -> {
            StatusReport report = new Operations(app, getLog()::info).status(target().label());
            if (chosen.equals("json")) {
                System.out.println(report.toJson());
            } else {
                report.lines().forEach(getLog()::info);
            }
        };
    }
}
