package io.connectorkit.plugin;

import io.connectorkit.plugin.configure.Wizard;
import io.connectorkit.plugin.descriptor.Descriptor;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Runs the connector's wizard from the configuration file, without prompts: prerequisites, connector configuration,
 * connection configuration (secrets bound first), finalization. Only the steps that remain run, so a failed run is
 * resumed by the next and a configured connector is left as it is.
 */
@Mojo(name = "configure", threadSafe = true)
public final class ConfigureMojo extends ConfigurationFileMojo {

    /** Runs one step only: {@code prerequisites}, {@code connector}, {@code connection} or {@code finalize}. */
    @Parameter(property = "connector.step")
    String step;

    /**
     * Snowflake: approve the app's specifications (the hosts it reaches, manifest version 2) before the connection
     * step, as the consumer would in Snowsight; for development and test accounts, where the kit's user is the
     * consumer. Needs MANAGE APPLICATION SPECIFICATIONS. Unset: unapproved specifications stop the wizard there.
     */
    @Parameter(property = "connector.approveSpecifications", defaultValue = "false")
    boolean approveSpecifications;

    private Optional<Wizard.Step> only = Optional.empty();

    @Inject
    public ConfigureMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) throws MojoFailureException {
        try {
            only = step == null || step.isBlank() ? Optional.empty() : Optional.of(Wizard.Step.resolve(step));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        return app ->
                new Wizard(app, getLog()::info, getLog()::warn, approveSpecifications).run(wizardConfiguration, only);
    }
}
