package com.example.issues;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.spi.ConnectionTester;
import io.connectorkit.runtime.spi.ConnectorContext;

/** Passes only when the app can read the token bound to its secret reference. */
public final class ApiConnectionTester implements ConnectionTester {
    @Override
    public Response test(Configuration connection, ConnectorContext context) {
        return context.secret("api_token")
                .map(token -> Response.ok("Reached " + connection.requireString("base_url") + " with a token of "
                        + token.length() + " characters"))
                .orElseGet(() -> Response.error("TEST_CONNECTION_FAILED", "No token is bound to API_TOKEN_SECRET"));
    }
}
