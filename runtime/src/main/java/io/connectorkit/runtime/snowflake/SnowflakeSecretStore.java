package io.connectorkit.runtime.snowflake;

import com.snowflake.snowpark_java.types.SnowflakeSecrets;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.sql.SecretStore;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Secrets inside Snowflake. A procedure sees only the secrets its {@code SECRETS} clause gives it, under the names
 * that clause chooses; the kit's name is the field's: {@code SECRETS = ('api_token' = reference('API_TOKEN_SECRET'))}.
 */
public final class SnowflakeSecretStore implements SecretStore {

    private static final System.Logger LOG = System.getLogger("io.connectorkit.runtime");

    private final UnaryOperator<String> genericSecretString;

    public SnowflakeSecretStore() {
        this(name -> SnowflakeSecrets.newInstance().getGenericSecretString(name));
    }

    /** Over another reader of generic string secrets by name, for tests. */
    SnowflakeSecretStore(UnaryOperator<String> genericSecretString) {
        this.genericSecretString = genericSecretString;
    }

    @Override
    public Optional<String> secretOf(String fieldName) {
        try {
            return Optional.ofNullable(genericSecretString.apply(fieldName));
        } catch (RuntimeException | LinkageError e) {
            // Only the exception's class: its message is Snowflake's and is not promised to leave the value out.
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "This procedure has no secret ''{0}'' ({1}); give it SECRETS = "
                            + "(''{0}'' = reference(''{2}'')) and the connector''s external access integration",
                    fieldName,
                    e.getClass().getName(),
                    SecretReference.nameOf(fieldName));
            return Optional.empty();
        }
    }
}
