package io.connectorkit.runtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A started embedded app with the {@link FakeSource} connector, a test clock, and resources and processes put in
 * with plain SQL (as the resource procedures will): the scheduler is driven through {@code CALL} like a host does.
 */
public final class SchedulerFixture implements AutoCloseable {

    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    public final FakeSource source = new FakeSource();
    public final EmbeddedAppFixture app;
    /** The connector the app runs: the fake source's ingestion on the test clock. */
    public final ConnectorDefinition connector;

    public SchedulerFixture() {
        this(builder -> builder);
    }

    public SchedulerFixture(UnaryOperator<ConnectorDefinition.Builder> customize) {
        this.connector = customize
                .apply(ConnectorDefinition.builder()
                        .ingestion(source.ingestion())
                        .clock(clock))
                .build();
        this.app = EmbeddedAppFixture.install(connector);
        app.forceState(new ConnectorState(ConnectorStatus.STARTED, ConfigurationStatus.FINALIZED));
        app.forceConfiguration("connector_configuration", "{\"destination_schema\": \"DEST\"}");
    }

    /** A resource ingestion definition, enabled; its configurations as JSON array text. */
    public SchedulerFixture resource(String id, String name, String resourceIdJson, String configurationsJson) {
        app.execute(
                "INSERT INTO STATE.RESOURCE_INGESTION_DEFINITION (ID, NAME, ENABLED, PARENT_ID, RESOURCE_ID,"
                        + " RESOURCE_METADATA, INGESTION_CONFIGURATION, UPDATED_AT) VALUES (?, ?, TRUE, NULL, ? FORMAT JSON,"
                        + " NULL, ? FORMAT JSON, TIMESTAMP '2026-01-01 00:00:00')",
                id,
                name,
                resourceIdJson,
                configurationsJson);
        return this;
    }

    /** One configuration: {@code configuration("c1", "INCREMENTAL", "INTERVAL", "60m", null)}. */
    public static String configuration(
            String id, String strategy, String scheduleType, String scheduleDefinition, String destinationJson) {
        return "{\"id\": \"" + id + "\", \"ingestionStrategy\": \"" + strategy + "\", \"scheduleType\": \""
                + scheduleType + "\""
                + (scheduleDefinition == null ? "" : ", \"scheduleDefinition\": \"" + scheduleDefinition + "\"")
                + (destinationJson == null ? "" : ", \"destination\": " + destinationJson)
                + "}";
    }

    /** A SCHEDULED process of a definition's configuration, due at once (no NEXT_RUN_AT). */
    public SchedulerFixture process(String id, String definitionId, String configurationId) {
        app.execute(
                "INSERT INTO STATE.INGESTION_PROCESS (ID, RESOURCE_INGESTION_DEFINITION_ID,"
                        + " INGESTION_CONFIGURATION_ID, TYPE, STATUS, CREATED_AT, UPDATED_AT, FINISHED_AT, METADATA) VALUES"
                        + " (?, ?, ?, 'DEFAULT', 'SCHEDULED', TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01"
                        + " 00:00:00', NULL, NULL)",
                id,
                definitionId,
                configurationId);
        return this;
    }

    /** One resource with one configuration and its process, named after the resource key. */
    public SchedulerFixture ingests(String key, String strategy, String scheduleType, String scheduleDefinition) {
        resource(
                "def-" + key,
                key,
                "\"" + key + "\"",
                "[" + configuration("cfg", strategy, scheduleType, scheduleDefinition, null) + "]");
        return process("proc-" + key, "def-" + key, "cfg");
    }

    public JsonNode iterate() {
        return app.call("RUN_SCHEDULER_ITERATION");
    }

    public Map<String, Object> process(String id) {
        List<Map<String, Object>> rows = app.query(
                "SELECT STATUS, METADATA, NEXT_RUN_AT, ATTEMPTS, LAST_ERROR,"
                        + " UPDATED_AT FROM STATE.INGESTION_PROCESS WHERE ID = ?",
                id);
        if (rows.size() != 1) {
            throw new IllegalStateException("No process " + id);
        }
        return rows.get(0);
    }

    /** The process's cursor as JSON, or null. */
    public JsonNode cursor(String processId) {
        Object metadata = process(processId).get("METADATA");
        return metadata == null ? null : JsonTree.parse((String) metadata);
    }

    public LocalDateTime nextRunAt(String processId) {
        Object value = process(processId).get("NEXT_RUN_AT");
        return value == null ? null : ((Timestamp) value).toLocalDateTime();
    }

    public List<Map<String, Object>> runs() {
        return app.query(
                "SELECT ID, INGESTION_PROCESS_ID, RESOURCE_INGESTION_DEFINITION_ID, INGESTION_CONFIGURATION_ID,"
                        + " STATUS, INGESTED_ROWS, STARTED_AT, COMPLETED_AT, METADATA FROM STATE.INGESTION_RUN ORDER BY"
                        + " STARTED_AT, ID");
    }

    public List<Long> ids(String table) {
        return app.query("SELECT ID FROM " + table + " ORDER BY ID").stream()
                .map(row -> ((Number) row.get("ID")).longValue())
                .toList();
    }

    @Override
    public void close() {
        app.close();
    }
}
