package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole connector on the embedded target, driven through SQL as a consumer would: the app is installed into an
 * in-memory H2 database from the description connector:generate wrote (so this tests src/main/connector/connector.yaml
 * too), and reads {@link FakeRecordsApi}. The scheduler runs on a test clock, so schedules are walked without waiting.
 */
class ConnectorFlowTest {

    static final String TOKEN = "flow-token-5d9e";
    static final String SCHEDULE = "[{\"id\": \"incremental\", \"ingestionStrategy\": \"INCREMENTAL\","
            + " \"scheduleType\": \"INTERVAL\", \"scheduleDefinition\": \"15m\", \"destination\": {\"table\": \"%s\"}}]";

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));
    private FakeRecordsApi api;
    private Connection app;
    private ConnectorRegistry.Binding binding;

    @BeforeEach
    void installTheApp() throws Exception {
        api = new FakeRecordsApi(TOKEN).dataset("orders").dataset("customers");
        ConnectorDefinition connector = ConnectorRegistry.resolve(null, getClass().getClassLoader()).withClock(clock);
        app = DriverManager.getConnection("jdbc:h2:mem:app-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        EmbeddedApp.install(app, connector);
        binding = EmbeddedApp.bind(app, connector);
    }

    @AfterEach
    void removeTheApp() throws Exception {
        binding.close();
        try (Statement statement = app.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        app.close();
        api.close();
    }

    @Test
    void theWizardTestsTheConnectionWithTheBoundToken() throws Exception {
        assertThat(call("MARK_ALL_PREREQUISITES_AS_DONE").code()).isEqualTo("OK");
        assertThat(call("COMPLETE_PREREQUISITES_STEP").code()).isEqualTo("OK");
        assertThat(call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"TEST_WH\", \"destination_database\": \"TEST_DB\","
                + " \"destination_schema\": \"RAW\"}").code()).isEqualTo("OK");

        assertThat(call("REGISTER_SECRET", "API_TOKEN_SECRET", "a-wrong-token").code()).isEqualTo("OK");
        Response refused = call("SET_CONNECTION_CONFIGURATION", connection());
        assertThat(refused.code()).isEqualTo("TEST_CONNECTION_FAILED");
        assertThat(refused.message()).hasValue(api.url() + "/health refused the token (HTTP 401): check the API "
                + "token bound to API_TOKEN_SECRET (api_token, RECORDS_API_TOKEN).");

        assertThat(call("REGISTER_SECRET", "API_TOKEN_SECRET", TOKEN).code()).isEqualTo("OK");
        Response connected = call("SET_CONNECTION_CONFIGURATION", connection());
        assertThat(connected.message()).hasValue("Connected to " + api.url() + "/health (HTTP 200).");
        assertThat(call("FINALIZE_CONNECTOR_CONFIGURATION", "{}").code()).isEqualTo("OK");

        Response status = call("GET_CONNECTOR_STATUS");
        assertThat(status.payload()).containsEntry("status", "STARTED")
                .containsEntry("configurationStatus", "FINALIZED");
        assertThat(api.authorizations).containsExactly("Bearer a-wrong-token", "Bearer " + TOKEN);
    }

    @Test
    void ingestsEachDatasetIncrementallyOnItsSchedule() throws Exception {
        configure();
        api.add("orders", 5).add("customers", 2);
        createResource("orders", "ORDERS");
        createResource("customers", "CUSTOMERS");

        assertThat(iterate()).isEqualTo("Ran 2 of 2 scheduled ingestions: 2 completed, 0 failed.");
        assertThat(column("SELECT ID FROM RAW.ORDERS ORDER BY ID")).containsExactly("1", "2", "3", "4", "5");
        assertThat(column("SELECT NAME || ' ' || AMOUNT FROM RAW.CUSTOMERS ORDER BY ID"))
                .containsExactly("customers 1 1.500000000", "customers 2 3.000000000");
        // page_size 2: three pages of orders (after=0, 2, 4), one of customers
        assertThat(api.requests).filteredOn(request -> request.contains("/orders/")).hasSize(3);

        api.add("orders", 2);
        assertThat(iterate()).endsWith("None is due.");
        clock.advance(Duration.ofMinutes(15));
        assertThat(iterate()).startsWith("Ran 2 of 2 scheduled ingestions: 2 completed");
        assertThat(column("SELECT ID FROM RAW.ORDERS ORDER BY ID")).containsExactly("1", "2", "3", "4", "5", "6",
                "7");
        assertThat(api.requests).last().isEqualTo("GET /datasets/customers/records?after=2&limit=2");

        assertThat(column("SELECT RESOURCE_INGESTION_DEFINITION_NAME || ': ' || SUM(INGESTED_ROWS) FROM"
                + " PUBLIC.CONNECTOR_STATS GROUP BY RESOURCE_INGESTION_DEFINITION_NAME ORDER BY 1"))
                .containsExactly("customers: 2", "orders: 7");
        assertThat(column("SELECT RUN_DATE || ' ' || UPDATED_ROWS FROM PUBLIC.AGGREGATED_CONNECTOR_STATS"))
                .containsExactly("2026-03-02 10:00:00 9");
    }

    @Test
    void aPausedConnectorIngestsNothingUntilResumed() throws Exception {
        configure();
        api.add("orders", 1);
        createResource("orders", "ORDERS");
        iterate();

        assertThat(call("PAUSE_CONNECTOR").code()).isEqualTo("OK");
        api.add("orders", 3);
        clock.advance(Duration.ofHours(1));
        int requests = api.requests.size();
        assertThat(iterate()).startsWith("The connector is paused");
        assertThat(api.requests).hasSize(requests);
        assertThat(column("SELECT COUNT(*) FROM RAW.ORDERS")).containsExactly("1");

        assertThat(call("RESUME_CONNECTOR").code()).isEqualTo("OK");
        assertThat(iterate()).startsWith("Ran 1 of 1 scheduled ingestions: 1 completed");
        assertThat(column("SELECT COUNT(*) FROM RAW.ORDERS")).containsExactly("4");
    }

    @Test
    void aResourceThatNamesNoDatasetIsRefused() throws Exception {
        configure();

        Response refused = call("CREATE_RESOURCE", "invoices", "{\"table\": \"invoices\"}",
                SCHEDULE.formatted("INVOICES"), null, true, null);

        assertThat(refused.code()).isEqualTo("INVALID_RESOURCE_ID");
        assertThat(refused.message()).hasValueSatisfying(message -> assertThat(message)
                .contains("use {\"dataset\": \"<name>\"}"));
    }

    /** The wizard, as connector:configure runs it from configuration.yaml. */
    private void configure() throws SQLException {
        for (Response response : List.of(call("MARK_ALL_PREREQUISITES_AS_DONE"), call("COMPLETE_PREREQUISITES_STEP"),
                call("CONFIGURE_CONNECTOR", "{\"warehouse\": \"TEST_WH\", \"destination_database\": \"TEST_DB\","
                        + " \"destination_schema\": \"RAW\", \"page_size\": 2}"),
                call("REGISTER_SECRET", "API_TOKEN_SECRET", TOKEN),
                call("SET_CONNECTION_CONFIGURATION", connection()),
                call("FINALIZE_CONNECTOR_CONFIGURATION", "{}"))) {
            assertThat(response.code()).as(response.toString()).isEqualTo("OK");
        }
    }

    /** A secret field holds the name of its reference; the value was bound with REGISTER_SECRET. */
    private String connection() {
        return "{\"base_url\": \"" + api.url() + "\", \"api_token\": \"API_TOKEN_SECRET\"}";
    }

    private void createResource(String dataset, String table) throws SQLException {
        Response created = call("CREATE_RESOURCE", dataset, "{\"dataset\": \"" + dataset + "\"}",
                SCHEDULE.formatted(table), null, true, null);
        assertThat(created.code()).as(created.toString()).isEqualTo("OK");
    }

    /** One scheduler iteration; its message. */
    private String iterate() throws SQLException {
        Response response = call("RUN_SCHEDULER_ITERATION");
        assertThat(response.code()).as(response.toString()).isEqualTo("OK");
        return response.message().orElse("");
    }

    /** {@code CALL PUBLIC.<procedure>(?, ...)} with bound arguments. */
    private Response call(String procedure, Object... arguments) throws SQLException {
        String placeholders = String.join(", ", Collections.nCopies(arguments.length, "?"));
        try (PreparedStatement statement = app.prepareStatement("CALL PUBLIC." + procedure + "(" + placeholders
                + ")")) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return Response.fromJsonText(result.getString(1));
            }
        }
    }

    /** The first column of every row, as text. */
    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = app.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** A clock the test moves; the app's scheduler reads it. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
