package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.sql.SecretStore;
import io.connectorkit.runtime.sql.Sql;
import io.connectorkit.runtime.sql.SqlRow;
import java.util.List;
import java.util.Optional;

/**
 * The embedded app's secrets: {@code STATE.SECRETS}, one value per reference name, written by
 * {@code PUBLIC.REGISTER_SECRET}. No view or procedure shows the table, and VIEWER holds no right on it.
 */
final class EmbeddedSecrets implements SecretStore {

    private final Sql sql;

    EmbeddedSecrets(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<String> secretOf(String fieldName) {
        List<SqlRow> rows = sql.query("SELECT \"VALUE\" FROM STATE.SECRETS WHERE REFERENCE_NAME = ?",
                SecretReference.nameOf(fieldName));
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0).getString(0));
    }

    /** Binds the value to the reference, replacing a value bound before. */
    void bind(String referenceName, String value) {
        sql.update("MERGE INTO STATE.SECRETS (REFERENCE_NAME, \"VALUE\", UPDATED_AT) KEY (REFERENCE_NAME) VALUES (?, ?, "
                + H2Dialect.INSTANCE.currentTimestamp() + ")", referenceName, value);
    }
}
