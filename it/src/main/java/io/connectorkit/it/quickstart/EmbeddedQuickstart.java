package io.connectorkit.it.quickstart;

import com.sun.net.httpserver.HttpServer;
import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The quickstart: installs a demo connector app on the embedded target (an H2 file database), then walks the
 * whole connector flow through SQL — wizard, pause, configuration updates, resume — printing every call and its
 * response, with a demo API served on 127.0.0.1 as the source.
 */
public final class EmbeddedQuickstart {

    private final PrintStream out;
    private final Connection app;
    private int failures;

    private EmbeddedQuickstart(PrintStream out, Connection app) {
        this.out = out;
        this.app = app;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : "target/quickstart");
        if (!run(home, System.out)) {
            System.exit(1);
        }
    }

    /** Runs the flow in a fresh app under {@code home}; answers whether every call answered as expected. */
    public static boolean run(Path home, PrintStream out) throws IOException, SQLException {
        deleteRecursively(home);
        Files.createDirectories(home);
        HttpServer source = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        source.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        source.start();
        String url = "jdbc:h2:" + home.toAbsolutePath().resolve("demo-connector") + ";LOCK_TIMEOUT=10000";
        try (Connection connection = DriverManager.getConnection(url)) {
            EmbeddedApp.install(connection, DemoConnector.definition());
            ConnectorRegistry.Binding binding = EmbeddedApp.bind(connection, DemoConnector.definition());
            try {
                String api = "http://127.0.0.1:" + source.getAddress().getPort();
                EmbeddedQuickstart quickstart = new EmbeddedQuickstart(out, connection);
                quickstart.walkThrough(api);
                out.println();
                out.println(quickstart.failures == 0 ? "The connector flow ran end to end on the embedded target."
                        : quickstart.failures + " call(s) did not answer as expected.");
                out.println("The app is the H2 database " + url);
                return quickstart.failures == 0;
            } finally {
                binding.close();
            }
        } finally {
            source.stop(0);
        }
    }

    private void walkThrough(String api) throws SQLException {
        section("Wizard: prerequisites");
        call("OK", "GET_CONNECTOR_STATUS");
        select("SELECT ID, TITLE, IS_COMPLETED FROM PUBLIC.PREREQUISITES");
        call("OK", "MARK_ALL_PREREQUISITES_AS_DONE");
        call("OK", "COMPLETE_PREREQUISITES_STEP");

        section("Wizard: connector configuration (typed: a bad value is refused and nothing is saved)");
        call("INVALID_IDENTIFIER", "CONFIGURE_CONNECTOR", "{\"warehouse\": \"INGEST WH\"}");
        call("OK", "CONFIGURE_CONNECTOR", "{\"warehouse\": \"INGEST_WH\", \"destination_database\": \"DEMO_DB\","
                + " \"global_schedule\": {\"scheduleType\": \"CRON\", \"scheduleDefinition\": \"*/15 * * * *\"}}");

        section("Wizard: connection configuration (tested against the API before it is saved)");
        call("TEST_CONNECTION_FAILED", "SET_CONNECTION_CONFIGURATION", "{\"base_url\": \"http://127.0.0.1:9\"}");
        call("OK", "SET_CONNECTION_CONFIGURATION", "{\"base_url\": \"" + api + "\"}");

        section("Wizard: finalization");
        call("OK", "FINALIZE_CONNECTOR_CONFIGURATION", "{}");
        call("OK", "GET_CONNECTOR_STATUS");

        section("Daily use and configuration updates");
        call("OK", "PAUSE_CONNECTOR");
        call("OK", "UPDATE_WAREHOUSE", "REPORTING_WH");
        call("OK", "UPDATE_CONNECTION_CONFIGURATION", "{\"base_url\": \"" + api + "/\"}");
        call("OK", "RESUME_CONNECTOR");
        call("OK", "GET_CONNECTOR_STATUS");
        select("SELECT CONFIG_GROUP, CONFIG_KEY, \"VALUE\" FROM PUBLIC.CONNECTOR_CONFIGURATION");
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }

    /** Calls a procedure with bound arguments, prints it as one would type it, and checks the response code. */
    private void call(String expectedCode, String procedure, String... arguments) throws SQLException {
        StringBuilder shown = new StringBuilder("CALL PUBLIC.").append(procedure).append('(');
        for (int i = 0; i < arguments.length; i++) {
            shown.append(i == 0 ? "" : ", ").append(arguments[i].startsWith("{") ? "PARSE_JSON('" : "'")
                    .append(arguments[i]).append(arguments[i].startsWith("{") ? "')" : "'");
        }
        out.println(shown.append(");"));
        String placeholders = String.join(", ", java.util.Collections.nCopies(arguments.length, "?"));
        try (PreparedStatement statement = app.prepareStatement("CALL PUBLIC." + procedure + "(" + placeholders + ")")) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setString(i + 1, arguments[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                String response = result.getString(1);
                boolean expected = response.contains("\"response_code\":\"" + expectedCode + "\"");
                out.println("  -> " + response + (expected ? "" : "   <-- expected " + expectedCode));
                if (!expected) {
                    failures++;
                }
            }
        }
    }

    private void select(String sql) throws SQLException {
        out.println(sql + ";");
        try (PreparedStatement statement = app.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                StringBuilder row = new StringBuilder("  |");
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(' ').append(result.getString(i)).append(" |");
                }
                out.println(row);
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
