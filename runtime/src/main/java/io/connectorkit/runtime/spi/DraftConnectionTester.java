package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;

/**
 * Tests a proposed new connection configuration before it replaces the stored one ({@code TEST_DRAFT_CONNECTION}).
 * Without one, the connector's {@link ConnectionTester} tests the draft.
 */
@FunctionalInterface
public interface DraftConnectionTester {

    Response testDraft(Configuration draft, ConnectorContext context);
}
