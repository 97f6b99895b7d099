package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.state.StateStore;
import io.connectorkit.runtime.status.ConnectorState;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded app's schema as converging statements: tables created with their key columns and every other column
 * (re)added, the first status inserted only when absent, then the procedure aliases and views replaced. Running them
 * over any earlier version of the schema, or twice, ends in the same schema with every row of state kept.
 * The installer runs them; the local setup script renders them. They also make the H2 user VIEWER, which stands
 * for application role VIEWER: SELECT on the public views and the state tables the read procedures use, nothing
 * on {@code STATE.SECRETS}; the database's default admin user is ADMIN.
 */
public final class EmbeddedSchema {

    private static final String PROCEDURES = EmbeddedProcedures.class.getName();
    private static final String TABLE_FUNCTIONS = EmbeddedViews.class.getName();

    private EmbeddedSchema() {}

    public static List<String> statements() {
        List<String> statements = new ArrayList<>(List.of(
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
                "ALTER TABLE STATE.PREREQUISITES ADD COLUMN IF NOT EXISTS IS_COMPLETED BOOLEAN DEFAULT FALSE",
                // The first status, only when there is none: an upgrade never resets the connector.
                "INSERT INTO STATE.APP_STATE (\"KEY\", \"VALUE\", UPDATED_AT) SELECT '" + StateStore.CONNECTOR_STATUS
                        + "', '" + ConnectorState.INSTALLED.toJsonText() + "' FORMAT JSON, "
                        + H2Dialect.INSTANCE.currentTimestamp() + " WHERE NOT EXISTS (SELECT 1 FROM STATE.APP_STATE"
                        + " WHERE \"KEY\" = '" + StateStore.CONNECTOR_STATUS + "')",
                // Secret values, by reference name: written by REGISTER_SECRET, read by ConnectorContext.secret only.
                "CREATE TABLE IF NOT EXISTS STATE.SECRETS (REFERENCE_NAME VARCHAR PRIMARY KEY,"
                        + " \"VALUE\" VARCHAR NOT NULL, UPDATED_AT TIMESTAMP)",
                // The value a REGISTER_SECRET replaced, until SETTLE_SECRET keeps the new one or puts it back.
                "ALTER TABLE STATE.SECRETS ADD COLUMN IF NOT EXISTS PREVIOUS_VALUE VARCHAR",
                // Whether a REGISTER_SECRET waits for its SETTLE_SECRET: a settled value and a first bind both have
                // no previous value, and only the pending one may be undone.
                "ALTER TABLE STATE.SECRETS ADD COLUMN IF NOT EXISTS PENDING BOOLEAN DEFAULT FALSE NOT NULL",
                // Application role VIEWER is an H2 user. Earlier local setup scripts made VIEWER a role, and H2 users
                // and roles share their names.
                "DROP ROLE IF EXISTS " + CallerRole.VIEWER_USER,
                "CREATE USER IF NOT EXISTS " + CallerRole.VIEWER_USER + " PASSWORD ''",
                // Views first: they depend on the aliases replaced below.
                "DROP VIEW IF EXISTS PUBLIC.CONNECTOR_CONFIGURATION",
                "DROP VIEW IF EXISTS PUBLIC.PREREQUISITES",
                "DROP VIEW IF EXISTS PUBLIC.SYNC_STATUS"));
        for (PublicProcedure procedure : PublicProcedure.values()) {
            statements.addAll(alias(procedure.qualifiedName(), PROCEDURES + "." + procedure.handlerMethod()));
        }
        statements.addAll(alias(EmbeddedApp.REGISTER_SECRET, PROCEDURES + ".registerSecret"));
        statements.addAll(alias(EmbeddedApp.SETTLE_SECRET, PROCEDURES + ".settleSecret"));
        statements.addAll(
                alias(SdkExternalIntegration.WITH_NAMES, SdkExternalIntegration.class.getName() + ".withNames"));
        statements.addAll(alias(
                SdkExternalIntegration.WITH_REFERENCES, SdkExternalIntegration.class.getName() + ".withReferences"));
        statements.addAll(alias("PUBLIC.PARSE_JSON", PROCEDURES + ".parseJson"));
        statements.addAll(alias("PUBLIC.CONNECTOR_CONFIGURATION_ROWS", TABLE_FUNCTIONS + ".connectorConfiguration"));
        statements.addAll(alias("PUBLIC.SYNC_STATUS_ROW", TABLE_FUNCTIONS + ".syncStatus"));
        statements.add("CREATE VIEW PUBLIC.CONNECTOR_CONFIGURATION AS SELECT CONFIG_GROUP, CONFIG_KEY, \"VALUE\","
                + " UPDATED_AT FROM PUBLIC.CONNECTOR_CONFIGURATION_ROWS()");
        statements.add("CREATE VIEW PUBLIC.PREREQUISITES AS SELECT ID, TITLE, DESCRIPTION, LEARNMORE_URL,"
                + " DOCUMENTATION_URL, GUIDE_URL, CUSTOM_PROPERTIES, IS_COMPLETED FROM STATE.PREREQUISITES"
                + " ORDER BY POSITION");
        // Spec §3.13: PAUSED, LAST_SYNCED, SYNCING_DATA or NOT_SYNCING, decided by SyncStatus from the runs.
        statements.add("CREATE VIEW PUBLIC.SYNC_STATUS AS SELECT STATUS, LAST_SYNCED_AT FROM PUBLIC.SYNC_STATUS_ROW()");
        // A recreated view has lost its grants. The read procedures and the table functions behind the views run
        // with the caller's rights, so VIEWER reads their tables too; never STATE.SECRETS.
        statements.add("GRANT SELECT ON PUBLIC.CONNECTOR_CONFIGURATION, PUBLIC.PREREQUISITES, PUBLIC.SYNC_STATUS TO "
                + CallerRole.VIEWER_USER);
        statements.add(
                "GRANT SELECT ON STATE.APP_STATE, STATE.APP_CONFIG, STATE.PREREQUISITES TO " + CallerRole.VIEWER_USER);
        statements.addAll(resourceStatements());
        statements.addAll(ingestion());
        return List.copyOf(statements);
    }

    /**
     * Resource ingestion definitions and their processes (spec §2.4, §2.5), and the view of the definitions. The view
     * runs with its owner's rights, so VIEWER gets SELECT on the view only, never on the tables.
     */
    private static List<String> resourceStatements() {
        String now = H2Dialect.INSTANCE.currentTimestamp();
        return List.of(
                "CREATE TABLE IF NOT EXISTS STATE.RESOURCE_INGESTION_DEFINITION (ID VARCHAR NOT NULL PRIMARY KEY,"
                        + " NAME VARCHAR NOT NULL, ENABLED BOOLEAN NOT NULL, UPDATED_AT TIMESTAMP NOT NULL)",
                "ALTER TABLE STATE.RESOURCE_INGESTION_DEFINITION ADD COLUMN IF NOT EXISTS PARENT_ID VARCHAR",
                "ALTER TABLE STATE.RESOURCE_INGESTION_DEFINITION ADD COLUMN IF NOT EXISTS RESOURCE_ID JSON",
                "ALTER TABLE STATE.RESOURCE_INGESTION_DEFINITION ADD COLUMN IF NOT EXISTS RESOURCE_METADATA JSON",
                "ALTER TABLE STATE.RESOURCE_INGESTION_DEFINITION ADD COLUMN IF NOT EXISTS INGESTION_CONFIGURATION JSON",
                "CREATE TABLE IF NOT EXISTS STATE.INGESTION_PROCESS (ID VARCHAR NOT NULL PRIMARY KEY,"
                        + " RESOURCE_INGESTION_DEFINITION_ID VARCHAR NOT NULL, INGESTION_CONFIGURATION_ID VARCHAR NOT NULL,"
                        + " TYPE VARCHAR NOT NULL, STATUS VARCHAR NOT NULL, CREATED_AT TIMESTAMP DEFAULT " + now
                        + " NOT NULL, UPDATED_AT TIMESTAMP DEFAULT " + now + " NOT NULL)",
                "ALTER TABLE STATE.INGESTION_PROCESS ADD COLUMN IF NOT EXISTS FINISHED_AT TIMESTAMP",
                "ALTER TABLE STATE.INGESTION_PROCESS ADD COLUMN IF NOT EXISTS METADATA JSON",
                "CREATE INDEX IF NOT EXISTS STATE.INGESTION_PROCESS_DEFINITION ON STATE.INGESTION_PROCESS"
                        + " (RESOURCE_INGESTION_DEFINITION_ID)",
                "DROP VIEW IF EXISTS PUBLIC.INGESTION_DEFINITIONS",
                // The spec's four columns, then the metadata and configurations (a kit extension); JSON as text.
                "CREATE VIEW PUBLIC.INGESTION_DEFINITIONS AS SELECT ID, CAST(RESOURCE_ID AS VARCHAR) AS RESOURCE_ID,"
                        + " NAME, ENABLED AS IS_ENABLED, CAST(RESOURCE_METADATA AS VARCHAR) AS RESOURCE_METADATA,"
                        + " CAST(INGESTION_CONFIGURATION AS VARCHAR) AS INGESTION_CONFIGURATION"
                        + " FROM STATE.RESOURCE_INGESTION_DEFINITION",
                "GRANT SELECT ON PUBLIC.INGESTION_DEFINITIONS TO " + CallerRole.VIEWER_USER);
    }

    /**
     * Ingestion (issue 6): the scheduler's columns of the process, the runs, and the statistics views (spec §3.13),
     * granted to VIEWER like the other views. VIEWER also reads the runs and
     * definitions, which {@code PUBLIC.SYNC_STATUS}'s table function reads with the caller's rights.
     */
    private static List<String> ingestion() {
        String runs = "SELECT r.ID AS RUN_ID, r.RESOURCE_INGESTION_DEFINITION_ID, r.INGESTION_CONFIGURATION_ID,"
                + " r.INGESTION_PROCESS_ID, d.NAME AS RESOURCE_INGESTION_DEFINITION_NAME, r.STARTED_AT, r.UPDATED_AT,"
                + " r.COMPLETED_AT, r.STATUS, r.INGESTED_ROWS, DATEDIFF('SECOND', r.STARTED_AT, r.COMPLETED_AT) AS"
                + " DURATION_S, CAST(CASE WHEN DATEDIFF('SECOND', r.STARTED_AT, r.COMPLETED_AT) = 0 THEN 0 ELSE"
                + " CAST(r.INGESTED_ROWS AS DECIMAL(38, 6)) / DATEDIFF('SECOND', r.STARTED_AT, r.COMPLETED_AT) END AS"
                + " DECIMAL(38, 6)) AS THROUGHPUT_RPS, r.METADATA FROM STATE.INGESTION_RUN r";
        String resourceStatus = "CREATE VIEW PUBLIC.RESOURCE_STATUS AS SELECT d.ID AS"
                + " RESOURCE_INGESTION_DEFINITION_ID, d.NAME, d.ENABLED AS IS_ENABLED, p.INGESTION_CONFIGURATION_ID,"
                + " p.STATUS AS PROCESS_STATUS, COALESCE(p.ATTEMPTS, 0) AS ATTEMPTS, p.LAST_ERROR, p.NEXT_RUN_AT,"
                + " r.ID AS LAST_RUN_ID, r.STARTED_AT AS LAST_RUN_STARTED_AT, r.COMPLETED_AT AS"
                + " LAST_RUN_COMPLETED_AT, r.STATUS AS LAST_RUN_STATUS, r.INGESTED_ROWS AS LAST_RUN_ROWS,"
                + " CAST(r.METADATA AS VARCHAR) AS LAST_RUN_METADATA FROM STATE.RESOURCE_INGESTION_DEFINITION d"
                + " LEFT JOIN (SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.RESOURCE_INGESTION_DEFINITION_ID ORDER"
                + " BY CASE WHEN x.STATUS = 'FINISHED' THEN 1 ELSE 0 END, x.CREATED_AT DESC, x.ID) AS N FROM"
                + " STATE.INGESTION_PROCESS x) p ON p.RESOURCE_INGESTION_DEFINITION_ID = d.ID AND p.N = 1"
                + " LEFT JOIN (SELECT y.*, ROW_NUMBER() OVER (PARTITION BY y.RESOURCE_INGESTION_DEFINITION_ID ORDER"
                + " BY y.STARTED_AT DESC, y.ID) AS N FROM STATE.INGESTION_RUN y) r ON"
                + " r.RESOURCE_INGESTION_DEFINITION_ID = d.ID AND r.N = 1";
        return List.of(
                "DROP VIEW IF EXISTS PUBLIC.RESOURCE_STATUS",
                "DROP VIEW IF EXISTS PUBLIC.AGGREGATED_CONNECTOR_STATS",
                "DROP VIEW IF EXISTS PUBLIC.CONNECTOR_STATS",
                "DROP VIEW IF EXISTS PUBLIC.GENERIC_CONNECTOR_STATS",
                "ALTER TABLE STATE.INGESTION_PROCESS ADD COLUMN IF NOT EXISTS NEXT_RUN_AT TIMESTAMP",
                "ALTER TABLE STATE.INGESTION_PROCESS ADD COLUMN IF NOT EXISTS ATTEMPTS INTEGER DEFAULT 0",
                "ALTER TABLE STATE.INGESTION_PROCESS ADD COLUMN IF NOT EXISTS LAST_ERROR VARCHAR",
                "CREATE INDEX IF NOT EXISTS STATE.INGESTION_PROCESS_DUE ON STATE.INGESTION_PROCESS (STATUS,"
                        + " NEXT_RUN_AT)",
                "CREATE TABLE IF NOT EXISTS STATE.INGESTION_RUN (ID VARCHAR NOT NULL PRIMARY KEY,"
                        + " RESOURCE_INGESTION_DEFINITION_ID VARCHAR, INGESTION_CONFIGURATION_ID VARCHAR,"
                        + " INGESTION_PROCESS_ID VARCHAR, STARTED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL,"
                        + " COMPLETED_AT TIMESTAMP, STATUS VARCHAR NOT NULL, INGESTED_ROWS INTEGER DEFAULT 0 NOT NULL,"
                        + " METADATA JSON)",
                "CREATE INDEX IF NOT EXISTS STATE.INGESTION_RUN_STATUS_UPDATED ON STATE.INGESTION_RUN (STATUS,"
                        + " UPDATED_AT)",
                "CREATE INDEX IF NOT EXISTS STATE.INGESTION_RUN_STATUS_COMPLETED ON STATE.INGESTION_RUN (STATUS,"
                        + " COMPLETED_AT)",
                // Spec §3.13: runs joined to their definition directly, and through their process; UNION drops the
                // rows both joins find.
                "CREATE VIEW PUBLIC.GENERIC_CONNECTOR_STATS AS " + runs + " JOIN STATE.RESOURCE_INGESTION_DEFINITION d"
                        + " ON r.RESOURCE_INGESTION_DEFINITION_ID = d.ID UNION " + runs
                        + " JOIN STATE.INGESTION_PROCESS"
                        + " p ON r.INGESTION_PROCESS_ID = p.ID JOIN STATE.RESOURCE_INGESTION_DEFINITION d ON"
                        + " p.RESOURCE_INGESTION_DEFINITION_ID = d.ID",
                "CREATE VIEW PUBLIC.CONNECTOR_STATS AS SELECT * FROM PUBLIC.GENERIC_CONNECTOR_STATS",
                "CREATE VIEW PUBLIC.AGGREGATED_CONNECTOR_STATS AS SELECT DATE_TRUNC('HOUR', STARTED_AT) AS RUN_DATE,"
                        + " SUM(INGESTED_ROWS) AS UPDATED_ROWS FROM PUBLIC.GENERIC_CONNECTOR_STATS GROUP BY"
                        + " DATE_TRUNC('HOUR', STARTED_AT)",
                // Each resource as its operator checks it (a kit extension): its current process, its last run.
                resourceStatus,
                "GRANT SELECT ON PUBLIC.GENERIC_CONNECTOR_STATS, PUBLIC.CONNECTOR_STATS,"
                        + " PUBLIC.AGGREGATED_CONNECTOR_STATS, PUBLIC.RESOURCE_STATUS TO " + CallerRole.VIEWER_USER,
                "GRANT SELECT ON STATE.INGESTION_RUN, STATE.RESOURCE_INGESTION_DEFINITION TO "
                        + CallerRole.VIEWER_USER);
    }

    /** H2 cannot replace an alias in place, so a new version drops and recreates it. */
    private static List<String> alias(String name, String javaMethod) {
        return List.of("DROP ALIAS IF EXISTS " + name, "CREATE ALIAS " + name + " FOR '" + javaMethod + "'");
    }
}
