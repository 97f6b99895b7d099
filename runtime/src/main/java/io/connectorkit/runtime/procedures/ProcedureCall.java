package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.internal.json.ConfigurationTrees;
import io.connectorkit.runtime.spi.ConnectorContext;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.sql.Account;
import io.connectorkit.runtime.sql.SecretStore;
import io.connectorkit.runtime.sql.Sql;
import io.connectorkit.runtime.sql.SqlPort;
import io.connectorkit.runtime.state.StateStore;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.StatusGate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** One procedure call: its storage, its connector, and the transaction rules every procedure follows. */
final class ProcedureCall {

    private static final System.Logger LOG = System.getLogger("io.connectorkit.runtime");

    final SqlPort port;
    final StateStore store;
    final ConnectorDefinition connector;
    final Account account;
    final SecretStore secrets;
    final String target;

    ProcedureCall(SqlPort port, Account account, SecretStore secrets, ConnectorDefinition connector, String target) {
        this.port = port;
        this.store = new StateStore(port, port.dialect());
        this.connector = connector;
        this.account = account;
        this.secrets = secrets;
        this.target = target;
    }

    /** Runs the work in one transaction, kept only when it answers OK: a failed call leaves no trace. */
    Response atomically(Supplier<Response> work) {
        return transaction(() -> {
            Response response = work.get();
            return response.isOk() ? Outcome.commit(response) : Outcome.rollback(response);
        });
    }

    /** Runs the work in one transaction that it decides to keep or undo. */
    Response transaction(Supplier<Outcome> work) {
        try {
            return port.inTransaction(() -> {
                Outcome outcome = work.get();
                if (!outcome.commit()) {
                    throw new Undo(outcome.response());
                }
                return outcome.response();
            });
        } catch (Undo undo) {
            return undo.response;
        }
    }

    /**
     * Takes the connector's state for this transaction and checks it against the gate; answers the refusal, or the
     * work's answer.
     */
    Response withState(StatusGate gate, Function<ConnectorState, Response> work) {
        Optional<ConnectorState> state = store.lockState();
        if (state.isEmpty()) {
            return Response.of(ResponseCode.CONNECTOR_STATUS_NOT_FOUND);
        }
        Optional<Response> refusal = gate.check(state.get());
        return refusal.orElseGet(() -> work.apply(state.get()));
    }

    /**
     * Calls connector code. Its exception or missing answer becomes a response naming the hook, so the caller
     * learns what failed instead of getting a bare error.
     */
    Response hook(String name, Supplier<Response> hook) {
        try {
            Response response = hook.get();
            if (response == null) {
                return Response.of(ResponseCode.INVALID_RESPONSE, "the connector's " + name + " returned no response");
            }
            if (!response.isOk()) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "The connector''s {0} answered {1}: {2}",
                        name,
                        response.code(),
                        response.message().orElse(""));
            }
            return response;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "The connector's " + name + " failed", e);
            return Response.withMessage(
                    ResponseCode.UNKNOWN_ERROR, "The connector's " + name + " failed: " + describe(e));
        }
    }

    ConnectorContext context() {
        return new ConnectorContext() {
            @Override
            public Configuration connectorConfiguration() {
                return ConfigurationTrees.configuration(store.readConfiguration(StateStore.CONNECTOR_CONFIGURATION)
                        .orElse(null));
            }

            @Override
            public Configuration connectionConfiguration() {
                return ConfigurationTrees.configuration(store.readConfiguration(StateStore.CONNECTION_CONFIGURATION)
                        .orElse(null));
            }

            @Override
            public Sql sql() {
                return port;
            }

            @Override
            public String target() {
                return target;
            }

            @Override
            public Optional<String> secret(String fieldName) {
                List<String> declared =
                        connector.connectionConfigurationSchema().secretFieldNames();
                if (!declared.contains(fieldName)) {
                    throw new IllegalArgumentException("'" + fieldName + "' is not a secret field of "
                            + "connection_configuration; the connector's secret fields are "
                            + (declared.isEmpty()
                                    ? "none: declare one with connectionField(ConfigurationField.secret(\"" + fieldName
                                            + "\"))"
                                    : String.join(", ", declared)));
                }
                return secrets.secretOf(fieldName);
            }
        };
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** The answer of a unit of work and whether to keep what it wrote. */
    record Outcome(Response response, boolean commit) {
        static Outcome commit(Response response) {
            return new Outcome(response, true);
        }

        static Outcome rollback(Response response) {
            return new Outcome(response, false);
        }
    }

    /** Carries a refusal out of the transaction so that it rolls back. */
    private static final class Undo extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Response response;

        Undo(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
