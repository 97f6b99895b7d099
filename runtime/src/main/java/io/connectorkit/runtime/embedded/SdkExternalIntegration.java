package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.json.InvalidJsonException;
import io.connectorkit.runtime.json.Json;
import io.connectorkit.runtime.procedures.PublicProcedure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Native SDK's {@code SETUP_EXTERNAL_INTEGRATION_WITH_NAMES(METHODS ARRAY)} and
 * {@code SETUP_EXTERNAL_INTEGRATION_WITH_REFERENCES(METHODS ARRAY)} on the embedded target, with the checks and
 * answers of the Snowflake setup script's procedures of the same names. The embedded target has no external access
 * integrations: every procedure reaches the network and reads the secrets bound with REGISTER_SECRET, so there is
 * nothing to alter once the input is right, and the answer says the methods are set up.
 */
public final class SdkExternalIntegration {

    static final String WITH_NAMES = "PUBLIC.SETUP_EXTERNAL_INTEGRATION_WITH_NAMES";
    static final String WITH_REFERENCES = "PUBLIC.SETUP_EXTERNAL_INTEGRATION_WITH_REFERENCES";

    /** The SDK's message of every refusal (its setup_external_integration.sql). */
    static final String UNABLE = "Unable to apply SECRET and EXTERNAL_OBJECT_INTEGRATION objects to provided methods.";

    private static final String IDENTIFIER = "([A-Za-z_][A-Za-z0-9_$]*|\"([^\"]|\"\")+\")";
    private static final Pattern INTEGRATION = Pattern.compile(IDENTIFIER);
    private static final Pattern OBJECT = Pattern.compile(IDENTIFIER + "([.]" + IDENTIFIER + "){0,2}");

    /** The methods that may be named: the procedures that run connector code, by signature without spaces. */
    private static final List<String> METHODS = Arrays.stream(PublicProcedure.values())
            .filter(PublicProcedure::runsConnectorCode)
            .map(procedure -> procedure.qualifiedName() + "("
                    + procedure.arguments().stream()
                            .map(argument -> argument.type().name())
                            .collect(Collectors.joining(","))
                    + ")")
            .toList();

    private SdkExternalIntegration() {}

    /** {@code CALL PUBLIC.SETUP_EXTERNAL_INTEGRATION_WITH_NAMES('["PUBLIC.TEST_CONNECTION()"]')}, ADMIN only. */
    public static String withNames(Connection connection, String methods) throws SQLException {
        CallerRole.check(connection, WITH_NAMES, false);
        Response refusal = refuseMethods(methods);
        if (refusal != null) {
            return refusal.toJsonText();
        }
        Object configuration = connectionConfiguration(connection);
        String integration = text(configuration, "external_access_integration");
        String secret = text(configuration, "secret");
        if (integration == null || secret == null) {
            return refused(
                    "INTERNAL_ERROR",
                    "connection_configuration names no external_access_integration or no "
                            + "secret: set both with SET_CONNECTION_CONFIGURATION.");
        }
        if (!INTEGRATION.matcher(integration).matches()) {
            return refused(
                    "EAI_UNAVAILABLE",
                    "connection_configuration.external_access_integration " + integration
                            + " is not a Snowflake identifier.");
        }
        if (!OBJECT.matcher(secret).matches()) {
            return refused(
                    "SECRET_UNAVAILABLE",
                    "connection_configuration.secret " + secret + " is not a Snowflake " + "object name.");
        }
        return setUp(methods);
    }

    /** {@code CALL PUBLIC.SETUP_EXTERNAL_INTEGRATION_WITH_REFERENCES('["PUBLIC.TEST_CONNECTION()"]')}, ADMIN only. */
    public static String withReferences(Connection connection, String methods) throws SQLException {
        CallerRole.check(connection, WITH_REFERENCES, false);
        Response refusal = refuseMethods(methods);
        return refusal != null ? refusal.toJsonText() : setUp(methods);
    }

    private static String setUp(String methods) {
        return Response.ok("Successfully set up " + ((List<?>) Json.parse(methods)).size() + " method(s).")
                .toJsonText();
    }

    /** The refusal of a METHODS argument that is not an array of this app's connector procedures; else null. */
    private static Response refuseMethods(String methods) {
        Object array;
        try {
            array = methods == null ? null : Json.parse(methods);
        } catch (InvalidJsonException e) {
            array = null;
        }
        if (!(array instanceof List<?> list)) {
            return Response.error("INTERNAL_ERROR", UNABLE)
                    .with(
                            "SQLERRM",
                            "METHODS must be an array of procedure "
                                    + "signatures such as 'PUBLIC.TEST_CONNECTION()', not " + methods + ".");
        }
        for (Object method : list) {
            String text = method instanceof String string ? string : null;
            if (text == null || !METHODS.contains(text.replace(" ", "").toUpperCase(Locale.ROOT))) {
                return Response.error("INTERNAL_ERROR", UNABLE)
                        .with(
                                "SQLERRM",
                                "The method "
                                        + (text == null ? Json.write(method) : text)
                                        + " is not a procedure of this app that runs "
                                        + "connector code.");
            }
        }
        return null;
    }

    private static Object connectionConfiguration(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT CAST(\"VALUE\" AS VARCHAR) FROM "
                        + "STATE.APP_CONFIG WHERE \"KEY\" = 'connection_configuration'");
                ResultSet result = statement.executeQuery()) {
            return result.next() && result.getString(1) != null ? Json.parse(result.getString(1)) : null;
        }
    }

    private static String text(Object configuration, String key) {
        Object value = configuration instanceof Map<?, ?> map ? map.get(key) : null;
        return value instanceof String text ? text : null;
    }

    private static String refused(String code, String reason) {
        return Response.error(code, UNABLE).with("SQLERRM", reason).toJsonText();
    }
}
