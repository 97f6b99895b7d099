package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;

/**
 * Tests a proposed new connection configuration before it replaces the stored one ({@code TEST_DRAFT_CONNECTION}).
 * Without one, the connector's {@link ConnectionTester} tests the draft.
 *
 * <p>{@code UPDATE_CONNECTION_CONFIGURATION} (allowed while the connector is {@code PAUSED}) runs it first: a
 * non-{@code OK} draft test is the answer and nothing is saved. After an {@code OK} one, the draft is saved and the
 * connection tester tests it again; that answer decides, and a failure undoes the save too.
 */
@FunctionalInterface
public interface DraftConnectionTester {

    /**
     * Tests the draft. An exception becomes an {@code UNKNOWN_ERROR} answer naming the tester, a null answer an
     * {@code INVALID_RESPONSE}.
     *
     * @param draft the proposed connection configuration, checked against the declared connection fields (and, in
     *     {@code UPDATE_CONNECTION_CONFIGURATION}, as the step's validator left it)
     * @param context what the procedure gives the hook; its {@link ConnectorContext#connectionConfiguration()} is
     *     still the stored configuration, not the draft
     * @return {@code OK} when the draft reaches the source, otherwise an error code and a message the user can act on
     */
    Response testDraft(Configuration draft, ConnectorContext context);
}
