package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The procedure catalog the templates render setup.sql from: each procedure's SQL argument declarations (spec §3.1
 * and §3.11's signatures, the SDK's defaults included), which procedures change state, and which run connector code.
 */
class PublicProcedureCatalogTest {

    private static String signature(PublicProcedure procedure) {
        return procedure.qualifiedName() + "("
                + procedure.arguments().stream()
                        .map(PublicProcedure.Argument::declaration)
                        .collect(Collectors.joining(", "))
                + ")";
    }

    @Test
    void eachProcedureDeclaresTheSdksArguments() {
        assertThat(signature(PublicProcedure.RECOVER_CONNECTOR_STATE))
                .isEqualTo("PUBLIC.RECOVER_CONNECTOR_STATE(NEW_CONNECTOR_STATUS STRING)");
        assertThat(signature(PublicProcedure.UPDATE_PREREQUISITE))
                .isEqualTo("PUBLIC.UPDATE_PREREQUISITE(ID VARCHAR, IS_COMPLETED BOOLEAN)");
        assertThat(signature(PublicProcedure.CONFIGURE_CONNECTOR))
                .isEqualTo("PUBLIC.CONFIGURE_CONNECTOR(CONFIG VARIANT)");
        assertThat(signature(PublicProcedure.UPDATE_WAREHOUSE))
                .isEqualTo("PUBLIC.UPDATE_WAREHOUSE(WAREHOUSE_NAME STRING)");
        assertThat(signature(PublicProcedure.CREATE_RESOURCE))
                .isEqualTo("PUBLIC.CREATE_RESOURCE(NAME VARCHAR,"
                        + " RESOURCE_ID VARIANT, INGESTION_CONFIGURATIONS VARIANT, ID VARCHAR DEFAULT NULL, ENABLED BOOLEAN"
                        + " DEFAULT FALSE, RESOURCE_METADATA VARIANT DEFAULT NULL)");
        assertThat(signature(PublicProcedure.UPDATE_RESOURCE))
                .isEqualTo("PUBLIC.UPDATE_RESOURCE("
                        + "RESOURCE_INGESTION_DEFINITION_ID VARCHAR, INGESTION_CONFIGURATIONS VARIANT)");
        assertThat(signature(PublicProcedure.RUN_INGESTION_NOW))
                .isEqualTo("PUBLIC.RUN_INGESTION_NOW(" + "RESOURCE_INGESTION_DEFINITION_ID VARCHAR DEFAULT NULL)");
        assertThat(signature(PublicProcedure.GET_CONNECTOR_STATUS)).isEqualTo("PUBLIC.GET_CONNECTOR_STATUS()");
        assertThat(PublicProcedure.CREATE_RESOURCE.arguments().get(4))
                .isEqualTo(new PublicProcedure.Argument("ENABLED", PublicProcedure.SqlType.BOOLEAN, "FALSE"));
    }

    @Test
    void onlyTheReadingProceduresChangeNothing() {
        Set<PublicProcedure> reading = EnumSet.of(
                PublicProcedure.GET_CONNECTOR_STATUS,
                PublicProcedure.GET_CONNECTION_CONFIGURATION,
                PublicProcedure.TEST_CONNECTION,
                PublicProcedure.VALIDATE_SOURCE,
                PublicProcedure.TEST_DRAFT_CONNECTION);
        for (PublicProcedure procedure : PublicProcedure.values()) {
            assertThat(procedure.changesState())
                    .as("%s changes state", procedure)
                    .isEqualTo(!reading.contains(procedure));
        }
    }

    @Test
    void theStatusAndPrerequisiteProceduresRunNoConnectorCodeAndTheHookedOnesDo() {
        // RESET_CONFIGURATION and UPDATE_WAREHOUSE call configuration hooks (reset, warehouseUpdated), which may reach
        // the source as any other hook may, so they run connector code too.
        Set<PublicProcedure> runtimeOnly = EnumSet.of(
                PublicProcedure.GET_CONNECTOR_STATUS,
                PublicProcedure.RECOVER_CONNECTOR_STATE,
                PublicProcedure.UPDATE_PREREQUISITE,
                PublicProcedure.MARK_ALL_PREREQUISITES_AS_DONE,
                PublicProcedure.COMPLETE_PREREQUISITES_STEP,
                PublicProcedure.GET_CONNECTION_CONFIGURATION);
        for (PublicProcedure procedure : PublicProcedure.values()) {
            assertThat(procedure.runsConnectorCode())
                    .as("%s runs connector code", procedure)
                    .isEqualTo(!runtimeOnly.contains(procedure));
        }
    }
}
