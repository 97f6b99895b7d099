package ${package};

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.spi.ConnectionTester;
import io.connectorkit.runtime.spi.ConnectorContext;
import java.time.Duration;

/**
 * {@code TEST_CONNECTION}, and the test that {@code SET_CONNECTION_CONFIGURATION} and
 * {@code UPDATE_CONNECTION_CONFIGURATION} run before they save: {@code GET {base_url}/health} with the bound token.
 */
public final class RecordsConnectionTester implements ConnectionTester {

    /** The wizard waits for the answer, so the test retries less than an ingestion does. */
    static final RecordsApiClient.RetryPolicy RETRY =
            new RecordsApiClient.RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(2));

    @Override
    public Response test(Configuration connection, ConnectorContext context) {
        String token = context.secret("api_token").orElse(null);
        if (token == null) {
            return Response.error("TEST_CONNECTION_FAILED", "No API token is bound to API_TOKEN_SECRET; bind one "
                    + "(connector:configure does it from api_token) and try again.");
        }
        RecordsApiClient client = new RecordsApiClient(connection.requireString("base_url"), token, RETRY,
                duration -> Thread.sleep(duration.toMillis()));
        try {
            client.health();
            return Response.ok("Connected to " + client.healthUrl() + " (HTTP 200).");
        } catch (RecordsApiException e) {
            return Response.error("TEST_CONNECTION_FAILED", e.isUnauthorized()
                    ? client.healthUrl() + " refused the token (HTTP 401): check the API token bound to "
                            + "API_TOKEN_SECRET (api_token, RECORDS_API_TOKEN)."
                    : e.getMessage());
        }
    }
}
