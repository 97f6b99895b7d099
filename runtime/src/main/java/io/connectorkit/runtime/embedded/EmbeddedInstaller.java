package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.json.Json;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.Prerequisite;
import io.connectorkit.runtime.sql.Dialect;
import io.connectorkit.runtime.sql.SqlFailure;
import io.connectorkit.runtime.state.StateStore;
import io.connectorkit.runtime.status.ConnectorState;
import java.sql.Connection;
import java.util.List;

/**
 * Creates or upgrades the embedded app's schema. Every statement converges (IF NOT EXISTS, ADD COLUMN IF NOT
 * EXISTS, insert-if-absent), so installing twice, or after an interrupted install, or over an older version,
 * ends in the same schema with every row of state kept.
 */
final class EmbeddedInstaller {

    private static final Dialect DIALECT = H2Dialect.INSTANCE;

    /** Tables are created with their key columns; every other column is (re)added so older tables converge. */
    private static final List<String> SCHEMA = List.of(
            "CREATE SCHEMA IF NOT EXISTS STATE",
            "CREATE TABLE IF NOT EXISTS STATE.APP_STATE (\"KEY\" VARCHAR NOT NULL, \"VALUE\" JSON NOT NULL)",
            "ALTER TABLE STATE.APP_STATE ADD COLUMN IF NOT EXISTS UPDATED_AT TIMESTAMP",
            "CREATE TABLE IF NOT EXISTS STATE.APP_CONFIG (\"KEY\" VARCHAR NOT NULL, \"VALUE\" JSON NOT NULL,"
                    + " UPDATED_AT TIMESTAMP NOT NULL)",
            "CREATE TABLE IF NOT EXISTS STATE.PREREQUISITES (ID VARCHAR NOT NULL, TITLE VARCHAR NOT NULL,"
                    + " DESCRIPTION VARCHAR NOT NULL, POSITION INTEGER NOT NULL)",
            "ALTER TABLE STATE.PREREQUISITES ADD COLUMN IF NOT EXISTS LEARNMORE_URL VARCHAR",
            "ALTER TABLE STATE.PREREQUISITES ADD COLUMN IF NOT EXISTS DOCUMENTATION_URL VARCHAR",
            "ALTER TABLE STATE.PREREQUISITES ADD COLUMN IF NOT EXISTS GUIDE_URL VARCHAR",
            "ALTER TABLE STATE.PREREQUISITES ADD COLUMN IF NOT EXISTS CUSTOM_PROPERTIES JSON",
            "ALTER TABLE STATE.PREREQUISITES ADD COLUMN IF NOT EXISTS IS_COMPLETED BOOLEAN DEFAULT FALSE");

    private static final String TABLE_FUNCTIONS = EmbeddedViews.class.getName();
    private static final String PROCEDURES = EmbeddedProcedures.class.getName();

    private final JdbcSqlPort sql;

    EmbeddedInstaller(Connection connection) {
        this.sql = new JdbcSqlPort(connection, DIALECT);
    }

    void install(ConnectorDefinition connector) {
        try {
            SCHEMA.forEach(sql::execute);
            seedStatus();
            mergePrerequisites(connector.prerequisites());
            // Views go first because they depend on the aliases that are replaced below.
            sql.execute("DROP VIEW IF EXISTS PUBLIC.CONNECTOR_CONFIGURATION");
            sql.execute("DROP VIEW IF EXISTS PUBLIC.PREREQUISITES");
            for (PublicProcedure procedure : PublicProcedure.values()) {
                replaceAlias(procedure.qualifiedName(), PROCEDURES + "." + procedure.handlerMethod());
            }
            replaceAlias("PUBLIC.PARSE_JSON", PROCEDURES + ".parseJson");
            replaceAlias("PUBLIC.CONNECTOR_CONFIGURATION_ROWS", TABLE_FUNCTIONS + ".connectorConfiguration");
            sql.execute("CREATE VIEW PUBLIC.CONNECTOR_CONFIGURATION AS"
                    + " SELECT CONFIG_GROUP, CONFIG_KEY, \"VALUE\", UPDATED_AT FROM PUBLIC.CONNECTOR_CONFIGURATION_ROWS()");
            sql.execute("CREATE VIEW PUBLIC.PREREQUISITES AS SELECT ID, TITLE, DESCRIPTION, LEARNMORE_URL,"
                    + " DOCUMENTATION_URL, GUIDE_URL, CUSTOM_PROPERTIES, IS_COMPLETED FROM STATE.PREREQUISITES"
                    + " ORDER BY POSITION");
        } catch (SqlFailure e) {
            throw new IllegalStateException("Installing the embedded app failed; installing again resumes where it"
                    + " stopped: " + e.getMessage(), e);
        }
    }

    /** The first status, written only when there is none: an upgrade never resets the connector. */
    private void seedStatus() {
        sql.update("INSERT INTO STATE.APP_STATE (\"KEY\", \"VALUE\", UPDATED_AT) SELECT ?, "
                + DIALECT.jsonParameter() + ", " + DIALECT.currentTimestamp()
                + " WHERE NOT EXISTS (SELECT 1 FROM STATE.APP_STATE WHERE \"KEY\" = ?)",
                StateStore.CONNECTOR_STATUS, Json.write(ConnectorState.INSTALLED.toJson()), StateStore.CONNECTOR_STATUS);
    }

    /** New prerequisites are added, the text of known ones refreshed; whether they are completed is kept. */
    private void mergePrerequisites(List<Prerequisite> prerequisites) {
        for (Prerequisite prerequisite : prerequisites) {
            int updated = sql.update("UPDATE STATE.PREREQUISITES SET TITLE = ?, DESCRIPTION = ?, LEARNMORE_URL = ?,"
                    + " DOCUMENTATION_URL = ?, GUIDE_URL = ?, POSITION = ? WHERE ID = ?",
                    prerequisite.title(), prerequisite.description(), prerequisite.learnMoreUrl(),
                    prerequisite.documentationUrl(), prerequisite.guideUrl(), prerequisite.position(),
                    prerequisite.id());
            if (updated == 0) {
                sql.update("INSERT INTO STATE.PREREQUISITES (ID, TITLE, DESCRIPTION, LEARNMORE_URL, DOCUMENTATION_URL,"
                        + " GUIDE_URL, POSITION, IS_COMPLETED) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE)",
                        prerequisite.id(), prerequisite.title(), prerequisite.description(),
                        prerequisite.learnMoreUrl(), prerequisite.documentationUrl(), prerequisite.guideUrl(),
                        prerequisite.position());
            }
        }
    }

    private void replaceAlias(String name, String javaMethod) {
        sql.execute("DROP ALIAS IF EXISTS " + name);
        sql.execute("CREATE ALIAS " + name + " FOR '" + javaMethod + "'");
    }
}
