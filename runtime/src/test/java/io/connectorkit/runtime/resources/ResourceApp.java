package io.connectorkit.runtime.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.RecordingResourceHooks;
import java.util.List;
import java.util.Map;

/** An embedded app with recording resource hooks, and the few shortcuts resource tests share. */
final class ResourceApp implements AutoCloseable {

    static final String C1 = configuration("c1", "INCREMENTAL", "INTERVAL", "60m");
    static final String C2 = configuration("c2", "SNAPSHOT", "CRON", "0 * * * *");
    static final String C3 = configuration("c3", "INCREMENTAL", "GLOBAL", null);

    final RecordingResourceHooks hooks = new RecordingResourceHooks();
    final EmbeddedAppFixture app = EmbeddedAppFixture.install(
            ConnectorDefinition.builder().resourceHooks(hooks).build());

    static String configuration(String id, String strategy, String scheduleType, String scheduleDefinition) {
        return "{\"id\": \"" + id + "\", \"ingestionStrategy\": \"" + strategy + "\", \"scheduleType\": \""
                + scheduleType + "\""
                + (scheduleDefinition == null ? "" : ", \"scheduleDefinition\": \"" + scheduleDefinition + "\"") + "}";
    }

    static String array(String... configurations) {
        return "[" + String.join(", ", configurations) + "]";
    }

    /** CREATE_RESOURCE with every argument, as the embedded target takes them. */
    JsonNode create(
            String name, String resourceId, String configurations, String id, Boolean enabled, String metadata) {
        return app.call("CREATE_RESOURCE", name, resourceId, configurations, id, enabled, metadata);
    }

    /** A resource named and identified after its id. */
    JsonNode create(String id, boolean enabled, String... configurations) {
        return create("Resource " + id, "{\"repository\": \"" + id + "\"}", array(configurations), id, enabled, null);
    }

    JsonNode call(String procedure, Object... arguments) {
        return app.call(procedure, arguments);
    }

    /** The definition's processes: configuration, type, status, whether ended, metadata; oldest first. */
    List<Map<String, Object>> processes(String definitionId) {
        return app.query(
                "SELECT INGESTION_CONFIGURATION_ID AS CONFIGURATION, TYPE, STATUS, FINISHED_AT IS NOT NULL"
                        + " AS ENDED, CAST(METADATA AS VARCHAR) AS METADATA FROM STATE.INGESTION_PROCESS"
                        + " WHERE RESOURCE_INGESTION_DEFINITION_ID = ? ORDER BY CREATED_AT, INGESTION_CONFIGURATION_ID, STATUS",
                definitionId);
    }

    List<Map<String, Object>> definitions() {
        return app.query("SELECT * FROM PUBLIC.INGESTION_DEFINITIONS ORDER BY ID");
    }

    static Map<String, Object> process(String configuration, String status, boolean ended, String metadata) {
        return EmbeddedAppFixture.row(
                "CONFIGURATION",
                configuration,
                "TYPE",
                "DEFAULT",
                "STATUS",
                status,
                "ENDED",
                ended,
                "METADATA",
                metadata);
    }

    @Override
    public void close() {
        app.close();
    }
}
