package com.example.issues;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.spi.ConnectionTester;
import io.connectorkit.runtime.spi.ConnectorContext;

public final class ApiConnectionTester implements ConnectionTester {
    @Override
    public Response test(Configuration connection, ConnectorContext context) {
        return Response.ok("Reached " + connection.requireString("base_url"));
    }
}
