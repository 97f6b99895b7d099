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
        return rows.isEmpty() ? Optional.empty() : Optional.of(cipher.decrypt(reference, rows.get(0).getString(0)));
    }

    /** Binds the value to the reference, replacing a value bound before. */
    void bind(String referenceName, String value) {
        sql.update("MERGE INTO STATE.SECRETS (REFERENCE_NAME, \"VALUE\", UPDATED_AT) KEY (REFERENCE_NAME) VALUES (?, ?, "
                + H2Dialect.INSTANCE.currentTimestamp() + ")", referenceName, cipher.encrypt(referenceName, value));
    }
}
