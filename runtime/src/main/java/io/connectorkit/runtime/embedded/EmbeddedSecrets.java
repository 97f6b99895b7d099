package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.sql.SecretStore;
import io.connectorkit.runtime.sql.Sql;
import io.connectorkit.runtime.sql.SqlRow;
import java.util.List;
import java.util.Optional;

/**
 * The embedded app's secrets: {@code STATE.SECRETS}, one value per reference name, written by
 * {@code PUBLIC.REGISTER_SECRET}, encrypted ({@link SecretCipher}). No view or procedure shows the table, and VIEWER
 * holds no right on it.
 */
final class EmbeddedSecrets implements SecretStore {

    private final Sql sql;
    private final SecretCipher cipher;

    EmbeddedSecrets(Sql sql) {
        this(sql, SecretCipher.fromSystemProperties());
    }

    EmbeddedSecrets(Sql sql, SecretCipher cipher) {
        this.sql = sql;
        this.cipher = cipher;
    }

    @Override
    public Optional<String> secretOf(String fieldName) {
        String reference = SecretReference.nameOf(fieldName);
        List<SqlRow> rows = sql.query("SELECT \"VALUE\" FROM STATE.SECRETS WHERE REFERENCE_NAME = ?", reference);
        return rows.isEmpty()
                ? Optional.empty()
                : Optional.of(cipher.decrypt(reference, rows.get(0).getString(0)));
    }

    /**
     * Binds the value to the reference. The value it replaces is kept, encrypted, until {@link #settle}: as the
     * consumer's old SECRET object stays while a Snowflake reference is bound to a new one. The bind is pending until
     * then; a value bound with {@code REGISTER_SECRET} alone stays pending, so that a later draft undone goes back to it.
     */
    void bind(String referenceName, String value) {
        String encrypted = cipher.encrypt(referenceName, value);
        int replaced = sql.update(
                "UPDATE STATE.SECRETS SET PREVIOUS_VALUE = \"VALUE\", \"VALUE\" = ?, PENDING = TRUE, UPDATED_AT = "
                        + H2Dialect.INSTANCE.currentTimestamp() + " WHERE REFERENCE_NAME = ?",
                encrypted,
                referenceName);
        if (replaced == 0) {
            sql.update(
                    "INSERT INTO STATE.SECRETS (REFERENCE_NAME, \"VALUE\", PENDING, UPDATED_AT) VALUES (?, ?, TRUE, "
                            + H2Dialect.INSTANCE.currentTimestamp() + ")",
                    referenceName,
                    encrypted);
        }
    }

    /**
     * Ends a pending bind: keeps the new value and forgets the one it replaced, or puts the replaced one back (a first
     * bind undone leaves no value). A settled value is left as it is either way.
     *
     * @return whether the reference had a bind to settle
     */
    boolean settle(String referenceName, boolean keepNew) {
        if (keepNew) {
            return sql.update(
                            "UPDATE STATE.SECRETS SET PREVIOUS_VALUE = NULL, PENDING = FALSE"
                                    + " WHERE REFERENCE_NAME = ? AND PENDING",
                            referenceName)
                    == 1;
        }
        int restored = sql.update(
                "UPDATE STATE.SECRETS SET \"VALUE\" = PREVIOUS_VALUE, PREVIOUS_VALUE = NULL, PENDING = FALSE,"
                        + " UPDATED_AT = " + H2Dialect.INSTANCE.currentTimestamp()
                        + " WHERE REFERENCE_NAME = ? AND PENDING AND PREVIOUS_VALUE IS NOT NULL",
                referenceName);
        return restored == 1
                || sql.update("DELETE FROM STATE.SECRETS WHERE REFERENCE_NAME = ? AND PENDING", referenceName) == 1;
    }
}
