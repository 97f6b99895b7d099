package io.connectorkit.plugin;

import io.connectorkit.plugin.configure.WizardConfiguration;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.configure.ConfigurationDrift;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.maven.ConfigurationFiles;
import java.io.File;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import java.util.Map;
import java.util.Set;

/** The goals that read a configuration file: it is read and checked completely before the app is opened. */
abstract class ConfigurationFileMojo extends InstalledAppMojo {

    /** The configuration file; one per environment ({@code src/main/connector/configuration-prod.yaml}). */
    @Parameter(property = "connector.configuration",
            defaultValue = "${project.basedir}/src/main/connector/configuration.yaml")
    File configuration;

    WizardConfiguration wizardConfiguration;

    ConfigurationFileMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    final void prepare(Descriptor descriptor) throws MojoFailureException {
        wizardConfiguration = ConfigurationFiles.load(configuration.toPath(), shown(configuration), descriptor,
                session, project, decrypter);
    }

    /**
     * Warns of every field the configuration file and the app disagree on, with how to reconcile.
     *
     * @param sections which to compare: {@code connector}, {@code connection}
     */
    void reportDrift(InstalledApp app, Set<String> sections) throws AppException {
        ConfigurationDrift drift = ConfigurationDrift.between(app, wizardConfiguration);
        ConfigurationDrift shown = new ConfigurationDrift(sections.contains("connector") ? drift.connector()
                : Map.of(), sections.contains("connection") ? drift.connection() : Map.of());
        shown.lines(shown(configuration)).forEach(getLog()::warn);
    }
}
