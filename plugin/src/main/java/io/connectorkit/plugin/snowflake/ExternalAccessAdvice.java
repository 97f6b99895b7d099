package io.connectorkit.plugin.snowflake;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.runtime.sql.Identifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What to do when the app's register callback answers that the external access could not be set up: the
 * integration bound to the connector's EXTERNAL ACCESS INTEGRATION reference must allow the secrets the kit created,
 * which its {@code ALLOWED_AUTHENTICATION_SECRETS} lists
 * (https://docs.snowflake.com/en/sql-reference/sql/alter-external-access-integration).
 */
final class ExternalAccessAdvice {

    /** How the generated SETUP_EXTERNAL_ACCESS answers Snowflake's error, through REGISTER_REFERENCE. */
    static final String SETUP_FAILED = "External access could not be set up: ";

    private final Identifier app;
    private final List<String> integrationReferences;
    /** The EXTERNAL_ACCESS specifications, whose integrations the app creates itself. */
    private final List<String> specifications;
    /** The integrations bound in this session, by reference name. */
    private final Map<String, Identifier> boundIntegrations = new LinkedHashMap<>();

    ExternalAccessAdvice(Identifier app, Descriptor descriptor) {
        this.app = app;
        this.integrationReferences = descriptor.manifest().references().stream()
                .filter(reference -> reference.objectType().equals("EXTERNAL ACCESS INTEGRATION"))
                .map(Descriptor.Reference::name)
                .toList();
        this.specifications = descriptor.manifest().externalAccessSpecifications().stream()
                .map(Descriptor.Specification::name)
                .toList();
    }

    /** Whether a register callback's answer means success: NULL, or 'Success' as custom callbacks may answer. */
    static boolean isSuccess(String answer) {
        return answer == null || answer.equals("Success");
    }

    void bound(Descriptor.Reference reference, Identifier object) {
        if (integrationReferences.contains(reference.name())) {
            boundIntegrations.put(reference.name(), object);
        }
    }

    /**
     * The fix for a failed binding: for the external-access error, the ALTER statement that lets the integration
     * give the procedures these secrets; else only the answer.
     */
    String forAnswer(String failedBinding, String callback, String answer, List<String> secrets) {
        String failure = failedBinding + " failed: " + callback + " answered '" + answer + "'";
        if (!answer.startsWith(SETUP_FAILED)) {
            return failure;
        }
        if (integrationReferences.isEmpty() && !specifications.isEmpty()) {
            // https://docs.snowflake.com/en/developer-guide/native-apps/requesting-app-specs-eai
            return failure + ". The app creates its own external access integration for its app specification"
                    + (specifications.size() == 1 ? " " : "s ") + String.join(", ", specifications) + ", which needs "
                    + "the privilege CREATE EXTERNAL ACCESS INTEGRATION: Snowflake grants it at install and upgrade "
                    + "when manifest.privileges lists it under manifest version 2 (mvn connector:status shows it); "
                    + "add it to connector.yaml and upgrade the app with mvn connector:deploy";
        }
        if (secrets.isEmpty()) {
            return failure;
        }
        String integration = !boundIntegrations.isEmpty()
                ? boundIntegrations.values().stream().map(Identifier::sql).collect(Collectors.joining(", "))
                : integrationReferences.isEmpty()
                        ? "<the connector's integration>"
                        : integrationReferences.stream()
                                .map(reference -> "<the integration bound to " + reference + ">")
                                .collect(Collectors.joining(", "));
        String found = boundIntegrations.isEmpty() && !integrationReferences.isEmpty()
                ? " (SHOW REFERENCES IN APPLICATION " + app.sql() + " names it)"
                : "";
        return failure + ". The external access integration bound to the app's reference "
                + String.join(", ", integrationReferences) + " must allow the secret the kit created in its "
                + "ALLOWED_AUTHENTICATION_SECRETS: as the integration's owner, run\n  ALTER EXTERNAL ACCESS "
                + "INTEGRATION " + integration + " SET ALLOWED_AUTHENTICATION_SECRETS = (" + String.join(", ", secrets)
                + ")" + found + "\n(keep any secret it allows already in that list), then run mvn connector:configure "
                + "again";
    }
}
