package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.Prerequisite;
import io.connectorkit.runtime.sql.SqlFailure;
import java.sql.Connection;
import java.util.List;

/**
 * Creates or upgrades the embedded app: runs the converging {@link EmbeddedSchema} statements, then merges the
 * connector's prerequisites.
 */
final class EmbeddedInstaller {

    private final JdbcSqlPort sql;

    EmbeddedInstaller(Connection connection) {
        this.sql = new JdbcSqlPort(connection, H2Dialect.INSTANCE);
    }

    void install(ConnectorDefinition connector) {
        try {
            EmbeddedSchema.statements().forEach(sql::execute);
            mergePrerequisites(connector.prerequisites());
        } catch (SqlFailure e) {
            throw new IllegalStateException(
                    "Installing the embedded app failed; installing again resumes where it" + " stopped: "
                            + e.getMessage(),
                    e);
        }
    }

    /** New prerequisites are added, the text of known ones refreshed; whether they are completed is kept. */
    private void mergePrerequisites(List<Prerequisite> prerequisites) {
        for (Prerequisite prerequisite : prerequisites) {
            int updated = sql.update(
                    "UPDATE STATE.PREREQUISITES SET TITLE = ?, DESCRIPTION = ?, LEARNMORE_URL = ?,"
                            + " DOCUMENTATION_URL = ?, GUIDE_URL = ?, POSITION = ? WHERE ID = ?",
                    prerequisite.title(),
                    prerequisite.description(),
                    prerequisite.learnMoreUrl(),
                    prerequisite.documentationUrl(),
                    prerequisite.guideUrl(),
                    prerequisite.position(),
                    prerequisite.id());
            if (updated == 0) {
                sql.update(
                        "INSERT INTO STATE.PREREQUISITES (ID, TITLE, DESCRIPTION, LEARNMORE_URL, DOCUMENTATION_URL,"
                                + " GUIDE_URL, POSITION, IS_COMPLETED) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE)",
                        prerequisite.id(),
                        prerequisite.title(),
                        prerequisite.description(),
                        prerequisite.learnMoreUrl(),
                        prerequisite.documentationUrl(),
                        prerequisite.guideUrl(),
                        prerequisite.position());
            }
        }
    }
}
