package io.connectorkit.plugin.maven;

import io.connectorkit.plugin.configure.ConfigurationFileException;
import io.connectorkit.plugin.configure.ConfigurationFileLoader;
import io.connectorkit.plugin.configure.Placeholders;
import io.connectorkit.plugin.configure.WizardConfiguration;
import io.connectorkit.plugin.descriptor.Descriptor;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Reads a configuration file with its placeholders resolved from the environment, settings.xml servers and the
 * build's properties (user, system, project), for every goal that reads one.
 */
public final class ConfigurationFiles {

    private ConfigurationFiles() {}

    /**
     * @param shownFile how messages name the file
     * @throws MojoFailureException naming every problem of the file, or a server whose password cannot be decrypted
     */
    public static WizardConfiguration load(
            Path file,
            String shownFile,
            Descriptor descriptor,
            MavenSession session,
            MavenProject project,
            SettingsDecrypter decrypter)
            throws MojoFailureException {
        Placeholders placeholders = new Placeholders(new Placeholders.Sources(
                System.getenv(), id -> server(id, session, decrypter), name -> property(name, session, project)));
        try {
            return ConfigurationFileLoader.load(file, shownFile, descriptor, placeholders);
        } catch (ConfigurationFileException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (UndecryptableServer e) {
            throw (MojoFailureException) e.getCause();
        }
    }

    private static Optional<String> property(String name, MavenSession session, MavenProject project) {
        for (Properties properties : new Properties[] {
            session == null ? null : session.getUserProperties(),
            session == null ? null : session.getSystemProperties(),
            project.getProperties()
        }) {
            if (properties != null && properties.getProperty(name) != null) {
                return Optional.of(properties.getProperty(name));
            }
        }
        return Optional.ofNullable(System.getProperty(name));
    }

    /** A server for a placeholder; one whose password cannot be decrypted fails the goal before anything runs. */
    private static Optional<Placeholders.Server> server(String id, MavenSession session, SettingsDecrypter decrypter) {
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
