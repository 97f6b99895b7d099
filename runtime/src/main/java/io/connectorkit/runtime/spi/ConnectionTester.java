package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;

/**
 * Tests that the source can be reached with a connection configuration ({@code TEST_CONNECTION}). Answers
 * {@code OK}, or an error code and a message the user can act on.
 *
 * <p>{@code SET_CONNECTION_CONFIGURATION} runs it after saving the configuration and answers its response as it
 * is: only an {@code OK} test moves the connector to {@code CONNECTED}, and any other answer undoes the save. A
 * connector that registers no tester cannot pass that step ({@code TEST_CONNECTION} answers
 * {@code CONNECTION_TESTER_NOT_REGISTERED}); register {@link #none()} when there is nothing to test.
 */
@FunctionalInterface
public interface ConnectionTester {

    /**
     * Tests the connection. An exception is not passed on: the procedure answers {@code UNKNOWN_ERROR} naming the
     * tester and the exception, and a null answer becomes {@code INVALID_RESPONSE}.
     *
     * @param connection the connection configuration to test, already checked against the declared connection
     *     fields (defaults filled in); a secret field holds the name of its secret reference, not the secret, so
     *     read the value with {@link ConnectorContext#secret(String)}
     * @param context what the procedure gives the hook; its {@link ConnectorContext#connectionConfiguration()} is
     *     the stored configuration, which is this one except when the tester stands in for a missing
     *     {@link DraftConnectionTester} and tests a draft that is not saved yet
     * @return {@code OK} when the source answers as expected, otherwise a response with an error code and a message
     *     the user can act on (never containing a secret's value)
     */
    Response test(Configuration connection, ConnectorContext context);

    /**
     * For a connector that has nothing to test: every connection configuration passes.
     *
     * @return a tester that always answers {@code OK} with the message "This connector has no connection test."
     */
    static ConnectionTester none() {
        return (connection, context) -> Response.ok("This connector has no connection test.");
    }
}
