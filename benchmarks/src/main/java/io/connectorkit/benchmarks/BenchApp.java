package io.connectorkit.benchmarks;

import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A started embedded app in an in-memory H2 database, with resources put in by SQL, for the benchmarks. */
final class BenchApp implements AutoCloseable {

    final Connection connection;
    private final ConnectorRegistry.Binding binding;

    BenchApp(ConnectorDefinition connector) throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        EmbeddedApp.install(connection, connector);
        binding = EmbeddedApp.bind(connection, connector);
        execute(
                "UPDATE STATE.APP_STATE SET \"VALUE\" = '{\"status\":\"STARTED\",\"configurationStatus\":\"FINALIZED\"}'"
                        + " FORMAT JSON WHERE \"KEY\" = 'connector_status'");
        execute("INSERT INTO STATE.APP_CONFIG (\"KEY\", \"VALUE\", UPDATED_AT) VALUES ('connector_configuration',"
                + " '{\"destination_schema\": \"DEST\"}' FORMAT JSON, LOCALTIMESTAMP)");
    }

    /** An enabled resource with one configuration and its SCHEDULED process. */
    void resource(String key, String scheduleType, String scheduleDefinition) throws SQLException {
        String configuration = "[{\"id\": \"cfg\", \"ingestionStrategy\": \"INCREMENTAL\", \"scheduleType\": \""
                + scheduleType + "\""
                + (scheduleDefinition == null ? "" : ", \"scheduleDefinition\": \"" + scheduleDefinition + "\"") + "}]";
        try (PreparedStatement definition = connection.prepareStatement("INSERT INTO"
                        + " STATE.RESOURCE_INGESTION_DEFINITION (ID, NAME, ENABLED, RESOURCE_ID, INGESTION_CONFIGURATION,"
                        + " UPDATED_AT) VALUES (?, ?, TRUE, ? FORMAT JSON, ? FORMAT JSON, LOCALTIMESTAMP)");
                PreparedStatement process = connection.prepareStatement(
                        "INSERT INTO STATE.INGESTION_PROCESS (ID,"
                                + " RESOURCE_INGESTION_DEFINITION_ID, INGESTION_CONFIGURATION_ID, TYPE, STATUS, CREATED_AT,"
                                + " UPDATED_AT) VALUES (?, ?, 'cfg', 'DEFAULT', 'SCHEDULED', LOCALTIMESTAMP, LOCALTIMESTAMP)")) {
            definition.setString(1, "def-" + key);
            definition.setString(2, key);
            definition.setString(3, "\"" + key + "\"");
            definition.setString(4, configuration);
            definition.executeUpdate();
            process.setString(1, "proc-" + key);
            process.setString(2, "def-" + key);
            process.executeUpdate();
        }
    }

    /** {@code CALL PUBLIC.RUN_SCHEDULER_ITERATION()}: the response object as text. */
    String iterate() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("CALL PUBLIC.RUN_SCHEDULER_ITERATION()")) {
            result.next();
            return result.getString(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        binding.close();
        execute("SHUTDOWN");
        connection.close();
    }
}
