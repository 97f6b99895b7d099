package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import java.util.List;

/**
 * {@code PUBLIC.REGISTER_SECRET(REF_NAME, SECRET_VALUE)}: the embedded analogue of binding a Snowflake {@code SECRET}
 * to one of the app's secret references. No answer, message or log line holds the value.
 */
final class SecretRegistration {

    static final String PROCEDURE = "REGISTER_SECRET";
    static final String SETTLE = "SETTLE_SECRET";

    private static final System.Logger LOG = System.getLogger("io.connectorkit.runtime");

    private final ConnectorDefinition connector;
    private final EmbeddedSecrets secrets;

    SecretRegistration(ConnectorDefinition connector, EmbeddedSecrets secrets) {
        this.connector = connector;
        this.secrets = secrets;
    }

    Response register(String referenceName, String value) {
        List<String> declared = connector.connectionConfigurationSchema().secretFieldNames().stream()
                .map(SecretReference::nameOf)
                .toList();
        Response response;
        if (!declared.contains(referenceName)) {
            response = Response.withMessage(
                    ResponseCode.INVALID_REFERENCE_NAME,
                    (referenceName == null
                                    ? "No reference name was given"
                                    : "'" + referenceName + "' is not a secret reference of this " + "connector")
                            + (declared.isEmpty()
                                    ? "; it declares no secret connection field, so it has " + "none."
                                    : "; its secret references are " + String.join(", ", declared)
                                            + " (one per secret connection field, named after the field)."));
        } else if (value == null || value.isBlank()) {
            response = Response.withMessage(
                    ResponseCode.INVALID_INPUT,
                    "The secret value for " + referenceName + " is empty; give the secret itself as SECRET_VALUE.");
        } else {
            response = bind(referenceName, value);
        }
        if (!response.isOk()) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "An error with code {0} has been encountered in {1}: {2}",
                    response.code(),
                    PROCEDURE,
                    response.message().orElse(""));
        }
        return response;
    }

    private Response bind(String referenceName, String value) {
        try {
            secrets.bind(referenceName, value);
            return Response.ok("Secret " + referenceName + " is bound.");
        } catch (RuntimeException e) {
            // The database's message may quote the bound value (a value too long, for example): only the class is told.
            LOG.log(
                    System.Logger.Level.ERROR,
                    "{0} failed unexpectedly for {1}: {2}",
                    PROCEDURE,
                    referenceName,
                    e.getClass().getName());
            return Response.withMessage(
                    ResponseCode.UNKNOWN_ERROR,
                    PROCEDURE + " failed unexpectedly for "
                            + referenceName + ": " + e.getClass().getSimpleName()
                            + " (its message is not shown, since it may "
                            + "quote the secret); nothing was stored.");
        }
    }

    /**
     * {@code PUBLIC.SETTLE_SECRET(REF_NAME, KEEP_NEW)}: after a REGISTER_SECRET for an update that may be refused,
     * keeps the new value (and forgets the replaced one), or puts the replaced one back, as re-binding a Snowflake
     * reference to the SECRET object it had does.
     */
    Response settle(String referenceName, Boolean keepNew) {
        if (keepNew == null) {
            return Response.withMessage(
                    ResponseCode.INVALID_INPUT,
                    "KEEP_NEW must be TRUE (keep the new value) or FALSE" + " (put the replaced one back).");
        }
        try {
            boolean settled = secrets.settle(referenceName, keepNew);
            return Response.ok(
                    !settled
                            ? "Secret " + referenceName + " had nothing to settle."
                            : keepNew
                                    ? "Secret " + referenceName + " keeps its new value."
                                    : "Secret " + referenceName + " has its previous value again.");
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "{0} failed unexpectedly for {1}: {2}",
                    SETTLE,
                    referenceName,
                    e.getClass().getName());
            return Response.withMessage(
                    ResponseCode.UNKNOWN_ERROR,
                    SETTLE + " failed unexpectedly for " + referenceName + ": "
                            + e.getClass().getSimpleName());
        }
    }
}
