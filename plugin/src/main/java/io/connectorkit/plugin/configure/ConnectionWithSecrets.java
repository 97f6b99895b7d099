package io.connectorkit.plugin.configure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.runtime.config.SecretReference;
import java.util.Map;

/**
 * The connection configuration as the app receives it: every secret bound to its reference first, and only the
 * reference's name in the configuration, so that no secret value is ever stored with it.
 */
public final class ConnectionWithSecrets {

    private ConnectionWithSecrets() {}

    public static ObjectNode bind(InstalledApp app, WizardConfiguration configuration) throws AppException {
        ObjectNode connection = configuration.connection().deepCopy();
        for (Map.Entry<String, String> secret : configuration.secrets().entrySet()) {
            app.bindSecret(secret.getKey(), secret.getValue());
            connection.put(secret.getKey(), SecretReference.nameOf(secret.getKey()));
        }
        return connection;
    }
}
