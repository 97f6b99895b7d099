package io.connectorkit.plugin.configure;

import io.connectorkit.plugin.app.ProcedureResponse;

/** What to do after a wizard step was refused, in the terms of the configuration file and the goals. */
final class Advice {

    private Advice() {}

    static String forWizard(Wizard.Step step, ProcedureResponse response) {
        String code = response.code();
        if (code.equals("INVALID_CONNECTOR_STATUS") || code.equals("INVALID_CONNECTOR_CONFIGURATION_STATUS")) {
            return "the wizard is not at the " + step.label() + " step; run mvn connector:configure without "
                    + "-Dconnector.step to run the steps that remain, or mvn connector:reset to start it over";
        }
        if (code.equals("REQUIRED_PRIVILEGES_MISSING")) {
            // configure grants what the manifest requests before the wizard, so what is still missing is not requested
            // ("Any ACCOUNT level privilege grant … not in the current application version manifest is not allowed":
            // https://docs.snowflake.com/en/sql-reference/sql/grant-privilege-application).
            return "the app needs the privilege named above, and its manifest does not request it, so it cannot be "
                    + "granted: add it to manifest.privileges in connector.yaml (CREATE DATABASE for a "
                    + "destination_database, EXECUTE TASK for a global_schedule), run mvn connector:deploy, then mvn "
                    + "connector:configure again: " + step.label() + " is retried (nothing was saved)";
        }
        if (code.equals("CONNECTOR_BUSY")) {
            return "another call was changing the connector; run mvn connector:configure again";
        }
        return switch (step) {
            case PREREQUISITES ->
                "check the prerequisites section of the configuration file and run "
                        + "mvn connector:configure again: it resumes at this step";
            case CONNECTOR ->
                "fix the connector section of the configuration file and run mvn connector:configure "
                        + "again: it resumes at this step";
            case CONNECTION ->
                "fix the connection section of the configuration file, or the source it points at, "
                        + "and run mvn connector:configure again: it resumes at this step (nothing was saved)";
            case FINALIZE ->
                "fix the finalize section of the configuration file, or the source, and run "
                        + "mvn connector:configure again: finalize is retried (nothing was saved)";
        };
    }
}
