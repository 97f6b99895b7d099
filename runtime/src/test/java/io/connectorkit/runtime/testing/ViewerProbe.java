package io.connectorkit.runtime.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Run in a separate JVM: opens an embedded app as VIEWER through {@code AUTO_SERVER=TRUE} (so through the process
 * that holds the database) and prints, one line per statement, its first value or its SQL state and message.
 */
public final class ViewerProbe {

    private ViewerProbe() {}

    public static void main(String[] arguments) throws SQLException {
        try (Connection viewer = DriverManager.getConnection(arguments[0], "VIEWER", "");
                Statement statement = viewer.createStatement()) {
            for (int i = 1; i < arguments.length; i++) {
                try (ResultSet result = statement.executeQuery(arguments[i])) {
                    result.next();
                    System.out.println(arguments[i] + " -> " + result.getString(1));
                } catch (SQLException e) {
                    System.out.println(arguments[i] + " -> " + e.getSQLState() + " "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
    }
}
