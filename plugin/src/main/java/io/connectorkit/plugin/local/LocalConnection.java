package io.connectorkit.plugin.local;

import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import java.io.IOException;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An open embedded app whose procedures run the app's own connector: its jars are loaded beside the kit's runtime
 * and the connector they describe answers this database's calls until the connection is closed.
 */
public final class LocalConnection implements AutoCloseable {

    private final Connection connection;
    private final ConnectorRegistry.Binding binding;
    private final URLClassLoader connectorClasses;

    LocalConnection(Connection connection, URLClassLoader connectorClasses) {
        this.connection = connection;
        this.connectorClasses = connectorClasses;
        ConnectorDefinition connector = ConnectorRegistry.resolve(null, connectorClasses);
        this.binding = EmbeddedApp.bind(connection, connector);
    }

    public Connection jdbc() {
        return connection;
    }

    /** Runs {@code CALL PUBLIC.<procedure>} with the given SQL arguments text and answers the response's JSON. */
    public String call(String procedureCall) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("CALL PUBLIC." + procedureCall)) {
            result.next();
            return result.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            binding.close();
            connection.close();
        } finally {
            try {
                connectorClasses.close();
            } catch (IOException ignored) {
                // The class loader only held jars open for reading.
            }
        }
    }
}
