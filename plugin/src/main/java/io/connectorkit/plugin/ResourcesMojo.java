package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.ResourceSync;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import java.util.List;
import java.util.Set;

/**
 * Makes the app's resources match the configuration file's {@code resources} section: creates, updates, enables and
 * disables (CREATE_RESOURCE, UPDATE_RESOURCE, ENABLE_RESOURCE, DISABLE_RESOURCE). A second run changes nothing.
 * A refusal of the app does not stop the others: the goal fails at the end with every refusal and what it applied.
 */
@Mojo(name = "resources", threadSafe = true)
public final class ResourcesMojo extends ConfigurationFileMojo {

    /** Disable the app's resources that the file does not list (nothing is ever deleted). */
    @Parameter(property = "connector.disableUnlisted", defaultValue = "true")
    boolean disableUnlisted;

    @Inject
    public ResourcesMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) {
        return app -> {
            wizardConfiguration.requireResolved(List.of("resources"));
            reportDrift(app, Set.of("connector", "connection"));
            if (wizardConfiguration.resources().isEmpty()) {
                getLog().info("The configuration file " + shown(configuration) + " has no resources section: nothing "
                        + "to do (add one to choose what " + app.describe() + " ingests)");
                return;
            }
            ResourceSync.Outcome outcome = new ResourceSync(app, getLog()::info)
                    .sync(wizardConfiguration.resources().get(), disableUnlisted);
            getLog().info("Resources of " + app.describe() + ": " + (outcome.changedNothing()
                    ? "up to date (nothing changed), " + outcome.unchanged() + " listed" : outcome.toString()));
        };
    }
}
