package io.connectorkit.plugin;

import io.connectorkit.plugin.configure.ConfigurationFileException;
import io.connectorkit.plugin.configure.ConfigurationFileLoader;
import io.connectorkit.plugin.configure.Placeholders;
import io.connectorkit.plugin.configure.WizardConfiguration;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.configure.ConfigurationDrift;
import io.connectorkit.plugin.descriptor.Descriptor;
import java.io.File;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

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
        Placeholders placeholders = new Placeholders(new Placeholders.Sources(System.getenv(), this::server,
                this::property));
        try {
            wizardConfiguration = ConfigurationFileLoader.load(configuration.toPath(), shown(configuration),
                    descriptor, placeholders);
        } catch (ConfigurationFileException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (UndecryptableServer e) {
            throw (MojoFailureException) e.getCause();
        }
    }

    /**
     * Warns of every field the configuration file and the app disagree on, with how to reconcile.
     *
     * @param sections which to compare: {@code connector}, {@code connection}
     */
    void reportDrift(InstalledApp app, java.util.Set<String> sections) throws AppException {
        ConfigurationDrift drift = ConfigurationDrift.between(app, wizardConfiguration);
        ConfigurationDrift shown = new ConfigurationDrift(sections.contains("connector") ? drift.connector()
                : java.util.Map.of(), sections.contains("connection") ? drift.connection() : java.util.Map.of());
        shown.lines(shown(configuration)).forEach(getLog()::warn);
    }

    private Optional<String> property(String name) {
        for (Properties properties : new Properties[] {session == null ? null : session.getUserProperties(),
                session == null ? null : session.getSystemProperties(), project.getProperties()}) {
            if (properties != null && properties.getProperty(name) != null) {
                return Optional.of(properties.getProperty(name));
            }
        }
        return Optional.ofNullable(System.getProperty(name));
    }

    /** A server for a placeholder; one whose password cannot be decrypted fails the goal before anything runs. */
    private Optional<Placeholders.Server> server(String id) {
        try {
            return SettingsServers.find(id, session, decrypter)
                    .map(credentials -> new Placeholders.Server(credentials.username(), credentials.password()));
        } catch (MojoFailureException e) {
            throw new UndecryptableServer(e);
        }
    }

    /** Carries a decryption failure out of the placeholder lookup, which cannot throw checked exceptions. */
    private static final class UndecryptableServer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UndecryptableServer(MojoFailureException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
