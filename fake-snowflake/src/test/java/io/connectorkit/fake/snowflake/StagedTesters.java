package io.connectorkit.fake.snowflake;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.spi.ConnectionTester;
import io.connectorkit.runtime.spi.ConnectorContext;

/** Connection testers that say which build of a connector answers: the staged apps' connectors in the tests. */
public final class StagedTesters {

    private StagedTesters() {}

    public static final class FirstBuild implements ConnectionTester {
        @Override
        public Response test(Configuration connection, ConnectorContext context) {
            return Response.ok("first build");
        }
    }

    public static final class SecondBuild implements ConnectionTester {
        @Override
        public Response test(Configuration connection, ConnectorContext context) {
            return Response.ok("second build");
        }
    }
}
