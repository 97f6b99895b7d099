package io.connectorkit.runtime.procedures;

import static io.connectorkit.runtime.status.ConfigurationStatus.CONFIGURED;
import static io.connectorkit.runtime.status.ConfigurationStatus.CONNECTED;
import static io.connectorkit.runtime.status.ConfigurationStatus.FINALIZED;
import static io.connectorkit.runtime.status.ConfigurationStatus.INSTALLED;
import static io.connectorkit.runtime.status.ConfigurationStatus.PREREQUISITES_DONE;
import static io.connectorkit.runtime.status.ConnectorStatus.CONFIGURING;
import static io.connectorkit.runtime.status.ConnectorStatus.ERROR;
import static io.connectorkit.runtime.status.ConnectorStatus.PAUSED;
import static io.connectorkit.runtime.status.ConnectorStatus.PAUSING;
import static io.connectorkit.runtime.status.ConnectorStatus.STARTED;
import static io.connectorkit.runtime.status.ConnectorStatus.STARTING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.Prerequisite;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec §1.3 as a matrix: every public procedure called in every (status, configurationStatus) pair, through a real
 * {@code CALL} on the embedded target. The expected outcome below is written from the spec's table, not from the
 * code under test.
 */
class TransitionMatrixTest {

    private static EmbeddedAppFixture app;

    @BeforeAll
    static void installApp() {
        app = EmbeddedAppFixture.install(ConnectorDefinition.builder()
                .prerequisite(Prerequisite.of("p1", "Grant access", "Grant the app access to the source", 1))
                .connectionTester((connection, context) -> Response.ok("Connection works."))
                .build());
    }

    @AfterAll
    static void dropApp() {
        app.close();
    }

    private static final String RESOURCE_CONFIGURATIONS =
            "[{\"id\": \"c1\", \"ingestionStrategy\": \"SNAPSHOT\"," + " \"scheduleType\": \"GLOBAL\"}]";

    /** A procedure call with valid arguments, so that only the connector's state decides the outcome. */
    enum Invocation {
        GET_CONNECTOR_STATUS(),
        RECOVER_CONNECTOR_STATE("STARTED"),
        UPDATE_PREREQUISITE("p1", true),
        MARK_ALL_PREREQUISITES_AS_DONE(),
        COMPLETE_PREREQUISITES_STEP(),
        CONFIGURE_CONNECTOR("{\"warehouse\": \"WH\", \"destination_database\": \"DEST_DB\"}"),
        SET_CONNECTION_CONFIGURATION("{\"host\": \"source.example.com\"}"),
        GET_CONNECTION_CONFIGURATION(),
        TEST_CONNECTION(),
        FINALIZE_CONNECTOR_CONFIGURATION("{}"),
        VALIDATE_SOURCE("{}"),
        RESET_CONFIGURATION(),
        UPDATE_CONNECTION_CONFIGURATION("{\"host\": \"other.example.com\"}"),
        TEST_DRAFT_CONNECTION("{\"host\": \"draft.example.com\"}"),
        UPDATE_WAREHOUSE("NEW_WH"),
        UPDATE_CONNECTOR_CONFIGURATION("{}"),
        PAUSE_CONNECTOR(),
        RESUME_CONNECTOR(),
        CREATE_RESOURCE("New resource", "{\"repo\": \"new\"}", RESOURCE_CONFIGURATIONS, "new", true, null),
        ENABLE_RESOURCE("disabled_resource"),
        DISABLE_RESOURCE("enabled_resource"),
        UPDATE_RESOURCE("enabled_resource", RESOURCE_CONFIGURATIONS),
        RUN_SCHEDULER_ITERATION(),
        RUN_INGESTION_NOW((Object) null);

        final Object[] arguments;

        Invocation(Object... arguments) {
            this.arguments = arguments;
        }
    }

    record Expected(String code, ConnectorState state) {
        static Expected ok(ConnectorState state) {
            return new Expected("OK", state);
        }

        static Expected refused(String code, ConnectorState unchanged) {
            return new Expected(code, unchanged);
        }
    }

    /** Spec §1.3, one procedure per branch. */
    static Expected expected(Invocation invocation, ConnectorState before) {
        ConnectorStatus status = before.status();
        ConfigurationStatus configuration = before.configurationStatus();
        boolean configuring = status == CONFIGURING;
        switch (invocation) {
            case GET_CONNECTOR_STATUS:
            case GET_CONNECTION_CONFIGURATION:
            case TEST_CONNECTION:
            case TEST_DRAFT_CONNECTION:
            case VALIDATE_SOURCE:
                return Expected.ok(before);
            case RECOVER_CONNECTOR_STATE:
                return EnumSet.of(ERROR, STARTING, PAUSING).contains(status)
                        ? Expected.ok(before.withStatus(STARTED))
                        : Expected.refused("INVALID_CONNECTOR_STATUS", before);
            case UPDATE_PREREQUISITE:
            case MARK_ALL_PREREQUISITES_AS_DONE:
            case COMPLETE_PREREQUISITES_STEP:
                if (!configuring) {
                    return Expected.refused("INVALID_CONNECTOR_STATUS", before);
                }
                if (configuration == FINALIZED) {
                    return Expected.refused("INVALID_CONNECTOR_CONFIGURATION_STATUS", before);
                }
                return Expected.ok(
                        invocation == Invocation.COMPLETE_PREREQUISITES_STEP && configuration == INSTALLED
                                ? before.withConfigurationStatus(PREREQUISITES_DONE)
                                : before);
            case CONFIGURE_CONNECTOR:
                if (!configuring) {
                    return Expected.refused("INVALID_CONNECTOR_STATUS", before);
                }
                return Expected.ok(
                        configuration == INSTALLED || configuration == PREREQUISITES_DONE
                                ? before.withConfigurationStatus(CONFIGURED)
                                : before);
            case SET_CONNECTION_CONFIGURATION:
                if (!configuring) {
                    return Expected.refused("INVALID_CONNECTOR_STATUS", before);
                }
                if (configuration != CONFIGURED && configuration != CONNECTED) {
                    return Expected.refused("INVALID_CONNECTOR_CONFIGURATION_STATUS", before);
                }
                return Expected.ok(new ConnectorState(CONFIGURING, CONNECTED));
            case FINALIZE_CONNECTOR_CONFIGURATION:
                if (!configuring) {
                    return Expected.refused("INVALID_CONNECTOR_STATUS", before);
                }
                if (configuration != CONNECTED) {
                    return Expected.refused("INVALID_CONNECTOR_CONFIGURATION_STATUS", before);
                }
                return Expected.ok(new ConnectorState(STARTED, FINALIZED));
            case RESET_CONFIGURATION:
                if (!configuring) {
                    return Expected.refused("INVALID_CONNECTOR_STATUS", before);
                }
                if (configuration == FINALIZED) {
                    return Expected.refused("INVALID_CONNECTOR_CONFIGURATION_STATUS", before);
                }
                return Expected.ok(new ConnectorState(CONFIGURING, INSTALLED));
            case UPDATE_CONNECTION_CONFIGURATION:
            case UPDATE_WAREHOUSE:
                return status == PAUSED ? Expected.ok(before) : Expected.refused("INVALID_CONNECTOR_STATUS", before);
            case PAUSE_CONNECTOR:
                return status == STARTED || status == PAUSING
                        ? Expected.ok(new ConnectorState(PAUSED, FINALIZED))
                        : Expected.refused("INVALID_CONNECTOR_STATUS", before);
            case RESUME_CONNECTOR:
                return status == PAUSED || status == STARTING
                        ? Expected.ok(new ConnectorState(STARTED, FINALIZED))
                        : Expected.refused("INVALID_CONNECTOR_STATUS", before);
            case UPDATE_CONNECTOR_CONFIGURATION:
                if (status != PAUSED) {
                    return Expected.refused("INVALID_CONNECTOR_STATUS", before);
                }
                return configuration == FINALIZED
                        ? Expected.ok(before)
                        : Expected.refused("INVALID_CONNECTOR_CONFIGURATION_STATUS", before);
            case CREATE_RESOURCE:
            case ENABLE_RESOURCE:
            case DISABLE_RESOURCE:
            case UPDATE_RESOURCE:
            // Spec §3.11: the resource procedures do not check the connector's status.
            case RUN_SCHEDULER_ITERATION:
            case RUN_INGESTION_NOW:
                // Runs only when STARTED, and answers OK either way (saying why nothing ran); never moves the status.
                return Expected.ok(before);
            default:
                throw new IllegalArgumentException("No expectation for " + invocation);
        }
    }

    static Stream<Arguments> everyProcedureInEveryState() {
        List<Arguments> cases = new ArrayList<>();
        for (Invocation invocation : Invocation.values()) {
            for (ConnectorStatus status : ConnectorStatus.values()) {
                for (ConfigurationStatus configuration : ConfigurationStatus.values()) {
                    cases.add(Arguments.of(invocation, status, configuration));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} in ({1}, {2})")
    @MethodSource("everyProcedureInEveryState")
    void procedureAnswersAndMovesAsTheSpecSays(
            Invocation invocation, ConnectorStatus status, ConfigurationStatus configuration) {
        ConnectorState before = new ConnectorState(status, configuration);
        seed(before);
        String tablesBefore = app.snapshot();
        Expected expected = expected(invocation, before);

        JsonNode response = app.call(invocation.name(), invocation.arguments);

        assertThat(response.path("response_code").asText())
                .as("response %s", response)
                .isEqualTo(expected.code());
        assertThat(app.state()).isEqualTo(expected.state());
        if (!expected.code().equals("OK")) {
            assertThat(response.path("message").asText()).isNotBlank();
            assertThat(app.snapshot()).as("a refused call changes nothing").isEqualTo(tablesBefore);
        }
        if (invocation == Invocation.GET_CONNECTOR_STATUS) {
            assertThat(response.path("status").asText())
                    .isEqualTo(status.reported().name());
            assertThat(response.path("configurationStatus").asText()).isEqualTo(configuration.name());
        }
    }

    @Test
    void theMatrixCoversEveryPublicProcedure() {
        Set<String> covered =
                EnumSet.allOf(Invocation.class).stream().map(Enum::name).collect(Collectors.toSet());
        assertThat(covered)
                .containsExactlyInAnyOrderElementsOf(
                        Stream.of(PublicProcedure.values()).map(Enum::name).toList());
    }

    static Stream<Invocation> everyProcedure() {
        return Stream.of(Invocation.values());
    }

    @ParameterizedTest(name = "{0} without a status row")
    @MethodSource("everyProcedure")
    void withoutAStatusRowEveryStatusCheckAnswersNotFound(Invocation invocation) {
        seed(new ConnectorState(CONFIGURING, INSTALLED));
        app.execute("DELETE FROM STATE.APP_STATE");
        String tablesBefore = app.snapshot();

        JsonNode response = app.call(invocation.name(), invocation.arguments);

        Set<Invocation> readNoStatus = EnumSet.of(
                Invocation.GET_CONNECTION_CONFIGURATION,
                Invocation.TEST_CONNECTION,
                Invocation.TEST_DRAFT_CONNECTION,
                Invocation.VALIDATE_SOURCE);
        // Spec §3.11: the resource procedures do not check the status, so they work without its row.
        Set<Invocation> resources = EnumSet.of(
                Invocation.CREATE_RESOURCE,
                Invocation.ENABLE_RESOURCE,
                Invocation.DISABLE_RESOURCE,
                Invocation.UPDATE_RESOURCE);
        assertThat(response.path("response_code").asText())
                .as("response %s", response)
                .isEqualTo(
                        readNoStatus.contains(invocation) || resources.contains(invocation)
                                ? "OK"
                                : "CONNECTOR_STATUS_NOT_FOUND");
        if (!resources.contains(invocation)) {
            assertThat(app.snapshot()).isEqualTo(tablesBefore);
        }
    }

    private static void seed(ConnectorState state) {
        app.execute("DELETE FROM STATE.APP_STATE");
        app.execute("DELETE FROM STATE.APP_CONFIG");
        app.execute("DELETE FROM STATE.PREREQUISITES");
        app.execute(
                "INSERT INTO STATE.APP_STATE (\"KEY\", \"VALUE\", UPDATED_AT) VALUES ('connector_status', ?"
                        + " FORMAT JSON, TIMESTAMP '2026-01-01 00:00:00')",
                state.toJsonText());
        app.forceConfiguration(
                "connector_configuration", "{\"warehouse\": \"OLD_WH\", \"destination_database\": \"DB\"}");
        app.forceConfiguration("connection_configuration", "{\"host\": \"source.example.com\"}");
        app.execute("INSERT INTO STATE.PREREQUISITES (ID, TITLE, DESCRIPTION, POSITION, IS_COMPLETED)"
                + " VALUES ('p1', 'Grant access', 'Grant the app access', 1, FALSE)");
        app.execute("DELETE FROM STATE.INGESTION_PROCESS");
        app.execute("DELETE FROM STATE.RESOURCE_INGESTION_DEFINITION");
        for (String resource : List.of("disabled_resource", "enabled_resource")) {
            app.execute(
                    "INSERT INTO STATE.RESOURCE_INGESTION_DEFINITION (ID, NAME, ENABLED, RESOURCE_ID,"
                            + " INGESTION_CONFIGURATION, UPDATED_AT) VALUES (?, ?, ?, ? FORMAT JSON, ? FORMAT JSON,"
                            + " TIMESTAMP '2026-01-01 00:00:00')",
                    resource,
                    resource,
                    resource.startsWith("enabled"),
                    "{\"repo\": \"" + resource + "\"}",
                    RESOURCE_CONFIGURATIONS);
        }
    }
}
