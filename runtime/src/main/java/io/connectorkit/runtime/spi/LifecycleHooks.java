package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;

/**
 * The connector's part of pause and resume. {@code validate*} may refuse the call (nothing changes).
 * {@code pause}/{@code resume} answer {@code OK}; {@link Response#rollback} when they undid their partial work
 * (the connector returns to where it was); anything else, or an exception, leaves the connector in {@code ERROR}.
 */
public interface LifecycleHooks {

    LifecycleHooks NONE = new LifecycleHooks() {
    };

    default Response validatePause(ConnectorContext context) {
        return Response.ok();
    }

    default Response pause(ConnectorContext context) {
        return Response.ok();
    }

    default Response validateResume(ConnectorContext context) {
        return Response.ok();
    }

    default Response resume(ConnectorContext context) {
        return Response.ok();
    }
}
