package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;

/**
 * Tests that the source can be reached with a connection configuration ({@code TEST_CONNECTION}). Answers
 * {@code OK}, or an error code and a message the user can act on.
 */
@FunctionalInterface
public interface ConnectionTester {

    Response test(Configuration connection, ConnectorContext context);

    /** For a connector that has nothing to test: every connection configuration passes. */
    static ConnectionTester none() {
        return (connection, context) -> Response.ok("This connector has no connection test.");
    }
}
