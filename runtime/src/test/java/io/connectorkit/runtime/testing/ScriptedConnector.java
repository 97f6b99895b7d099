package io.connectorkit.runtime.testing;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.spi.ConnectorContext;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.LifecycleHooks;
import io.connectorkit.runtime.spi.Prerequisite;
import io.connectorkit.runtime.spi.WizardStep;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A connector whose hooks a test scripts and observes: each hook answers what the test set last (OK by default)
 * and every call is recorded in order.
 */
public final class ScriptedConnector {

    public final List<String> calls = new CopyOnWriteArrayList<>();

    private volatile Function<ConnectorContext, Response> connectionTest = context -> Response.ok("Connection works.");
    private volatile Function<ConnectorContext, Response> draftTest = context -> Response.ok("Draft works.");
    private volatile Function<ConnectorContext, Response> finalizeCallback =
            context -> Response.ok("Finalized by the connector.");
    private volatile Function<ConnectorContext, Response> pause = context -> Response.ok();
    private volatile Function<ConnectorContext, Response> resume = context -> Response.ok();
    private volatile Supplier<Response> connectorValidator = Response::ok;
    private volatile Supplier<Response> sourceValidator = Response::ok;

    public ScriptedConnector connectionTest(Function<ConnectorContext, Response> behaviour) {
        this.connectionTest = behaviour;
        return this;
    }

    public ScriptedConnector draftTest(Function<ConnectorContext, Response> behaviour) {
        this.draftTest = behaviour;
        return this;
    }

    public ScriptedConnector finalizeCallback(Function<ConnectorContext, Response> behaviour) {
        this.finalizeCallback = behaviour;
        return this;
    }

    public ScriptedConnector pause(Function<ConnectorContext, Response> behaviour) {
        this.pause = behaviour;
        return this;
    }

    public ScriptedConnector resume(Function<ConnectorContext, Response> behaviour) {
        this.resume = behaviour;
        return this;
    }

    public ScriptedConnector connectorValidator(Supplier<Response> behaviour) {
        this.connectorValidator = behaviour;
        return this;
    }

    public ScriptedConnector sourceValidator(Supplier<Response> behaviour) {
        this.sourceValidator = behaviour;
        return this;
    }

    /** The definition with the connector's hooks, plus whatever the test adds. */
    public ConnectorDefinition.Builder definition() {
        return ConnectorDefinition.builder()
                .prerequisite(Prerequisite.of("grant_access", "Grant access", "Grant the app access to the source", 1))
                .prerequisite(Prerequisite.of("network", "Allow network", "Create the network rule", 2))
                .connectorField(ConfigurationField.integer("batch_size").defaultValue(500))
                .connectionField(ConfigurationField.url("base_url").required())
                .connectionField(ConfigurationField.string("account_name"))
                .connectionTester((connection, context) -> record("test " + connection, connectionTest, context))
                .draftConnectionTester((draft, context) -> record("draft " + draft, draftTest, context))
                .validator(WizardStep.CONNECTOR_CONFIGURATION, (input, context) -> {
                    calls.add("validate connector " + input);
                    return connectorValidator.get();
                })
                .sourceValidator((input, context) -> {
                    calls.add("validate source " + input);
                    return sourceValidator.get();
                })
                .finalizeCallback((input, context) -> record("finalize " + input, finalizeCallback, context))
                .lifecycleHooks(new LifecycleHooks() {
                    @Override
                    public Response pause(ConnectorContext context) {
                        return record("pause", ScriptedConnector.this.pause, context);
                    }

                    @Override
                    public Response resume(ConnectorContext context) {
                        return record("resume", ScriptedConnector.this.resume, context);
                    }
                });
    }

    private Response record(String call, Function<ConnectorContext, Response> behaviour, ConnectorContext context) {
        calls.add(call);
        return behaviour.apply(context);
    }
}
