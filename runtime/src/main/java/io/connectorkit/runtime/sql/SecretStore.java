package io.connectorkit.runtime.sql;

import java.util.Optional;

/**
 * Where the target keeps the values of secret fields: a Snowflake {@code SECRET} given to the procedure, or the
 * embedded app's {@code STATE.SECRETS}. The runtime only reads them, for connector code; nothing it shows or logs
 * ever holds a value.
 */
public interface SecretStore {

    /** A target that holds no secrets. */
    SecretStore NONE = fieldName -> Optional.empty();

    /**
     * The value of the secret bound to the reference of a secret connection field, or empty when none is bound.
     * The caller has checked that the field is a declared secret field.
     */
    Optional<String> secretOf(String fieldName);
}
