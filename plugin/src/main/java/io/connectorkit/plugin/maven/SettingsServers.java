package io.connectorkit.plugin.maven;

import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** The {@code <server>} entries of settings.xml, with their passwords decrypted. */
public final class SettingsServers {

    /** A server's user name and decrypted password. */
    record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=" + (password == null ? "none" : "********") + "]";
        }
    }

    private SettingsServers() {}

    /** The server with this id, or empty when settings.xml has none; a password that cannot be decrypted fails. */
    public static Optional<Credentials> find(String id, MavenSession session, SettingsDecrypter decrypter)
            throws MojoFailureException {
        Server server = session == null || session.getSettings() == null
                ? null
                : session.getSettings().getServer(id);
        if (server == null) {
            return Optional.empty();
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : decrypted.getProblems()) {
            if (problem.getSeverity().ordinal() <= SettingsProblem.Severity.ERROR.ordinal()) {
                throw new MojoFailureException("The password of server '" + id + "' in settings.xml cannot be "
                        + "decrypted: " + problem.getMessage() + "; check settings-security.xml");
            }
        }
        Server plain = decrypted.getServer();
        return Optional.of(new Credentials(plain.getUsername(), plain.getPassword()));
    }
}
