package io.connectorkit.plugin.configure;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.app.ProcedureResponse;
import org.junit.jupiter.api.Test;

class AdviceTest {

    @Test
    void aPrivilegeStillMissingAfterTheGrantsIsOneTheManifestDoesNotRequest() throws Exception {
        ProcedureResponse refused = ProcedureResponse.parse(
                "FINALIZE_CONNECTOR_CONFIGURATION",
                "{\"response_code\": "
                        + "\"REQUIRED_PRIVILEGES_MISSING\", \"message\": \"To perform this operation the application must be "
                        + "granted the following privileges: CREATE DATABASE\"}");

        assertThat(Advice.forWizard(Wizard.Step.FINALIZE, refused))
                .startsWith("the app needs the privilege named " + "above, and its manifest does not request it")
                .contains("manifest.privileges in connector.yaml", "mvn connector:deploy", "finalize is retried");
    }

    @Test
    void otherRefusalsOfFinalizePointAtTheFinalizeSection() throws Exception {
        ProcedureResponse refused = ProcedureResponse.parse(
                "FINALIZE_CONNECTOR_CONFIGURATION",
                "{\"response_code\": \"INVALID_CONFIGURATION_VALUE\", \"message\": \"bad\"}");

        assertThat(Advice.forWizard(Wizard.Step.FINALIZE, refused)).startsWith("fix the finalize section");
    }
}
