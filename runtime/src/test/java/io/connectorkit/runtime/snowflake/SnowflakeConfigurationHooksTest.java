package io.connectorkit.runtime.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import com.snowflake.snowpark_java.Session;
import com.snowflake.snowpark_java.types.Variant;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConfigurationHooks;
import io.connectorkit.runtime.spi.ConnectorContext;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.FakeSnowparkSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The configuration callbacks through the Snowpark handlers: the SDK's order, a refusal rolled back. */
class SnowflakeConfigurationHooksTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final ConnectorDefinition connector = ConnectorDefinition.builder()
            .connectionTester((connection, context) -> record("testConnection"))
            .configurationHooks(new ConfigurationHooks() {
                @Override
                public Response configured(Configuration configuration, ConnectorContext context) {
                    return record("configured");
                }

                @Override
                public Response connectionSaved(Configuration connection, ConnectorContext context) {
                    return record("connectionSaved");
                }

                @Override
                public Response validateReset(ConnectorContext context) {
                    return record("validateReset");
                }

                @Override
                public Response reset(ConnectorContext context) {
                    return Response.error("CLEANUP_FAILED", "the connector could not drop its tables");
                }
            })
            .build();
    private final EmbeddedAppFixture tables = EmbeddedAppFixture.install(connector);
    private final ConnectorRegistry.Binding binding = ConnectorRegistry.bind(SnowflakeProcedures.TARGET, connector);
    private final FakeSnowparkSession fake = new FakeSnowparkSession(tables.newConnection());
    private final Session session = fake.session();

    @AfterEach
    void close() {
        binding.close();
        tables.close();
    }

    private Response record(String call) {
        calls.add(call);
        return Response.ok();
    }

    @Test
    void theCallbacksRunInTheSdksOrderAndARefusalIsRolledBack() {
        SnowflakeProcedures.configureConnector(session, new Variant("{\"warehouse\": \"XS\"}"));
        SnowflakeProcedures.setConnectionConfiguration(session, new Variant("{\"host\": \"a\"}"));
        assertThat(calls).containsExactly("configured", "connectionSaved", "testConnection");

        fake.statements.clear();
        assertThat(JsonTree.parse(
                        SnowflakeProcedures.resetConfiguration(session).asJsonString()))
                .isEqualTo(JsonTree.parse(
                        "{\"response_code\": \"CLEANUP_FAILED\", \"message\": \"the connector could not drop"
                                + " its tables\"}"));
        assertThat(calls).endsWith("validateReset");
        assertThat(fake.sqlTexts()).last().isEqualTo("ROLLBACK");
        assertThat(tables.state().configurationStatus().name()).isEqualTo("CONNECTED");
    }
}
