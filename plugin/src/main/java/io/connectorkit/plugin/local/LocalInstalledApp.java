package io.connectorkit.plugin.local;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.plugin.app.QueryRows;
import io.connectorkit.plugin.app.ReferenceBinding;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.plugin.events.LocalEventLog;
import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.embedded.RuntimeEvents;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.sql.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Collections;

/** The embedded app as an {@link InstalledApp}: procedures and views of its H2 database, as one role. */
public final class LocalInstalledApp implements InstalledApp {

    private final String name;
    private final LocalConnection connection;
    private LocalEventLog events;
    private String logLevel = "OFF";
    private String traceLevel = "OFF";

    LocalInstalledApp(String name, LocalConnection connection) {
        this.name = name;
        this.connection = connection;
    }

    /**
     * From now on, what the runtime logs while a public procedure runs is written to the app's event log at the
     * level or above, and the call's span at the trace level, as Snowflake writes an app's messages and spans to the
     * event table at its manifest's log_level and trace_level.
     */
    public void recordEvents(LocalEventLog log, String level, String traceLevel) {
        this.events = log;
        this.logLevel = level;
        this.traceLevel = traceLevel;
    }

    @Override
    public String describe() {
        return "embedded app " + name;
    }

    @Override
    public ProcedureResponse call(PublicProcedure procedure, Object... arguments) throws AppException {
        String placeholders = String.join(", ", Collections.nCopies(arguments.length, "?"));
        if (events == null) {
            return ProcedureResponse.parse(procedure.name(), callProcedure(procedure.qualifiedName(), placeholders,
                    arguments));
        }
        AppException[] failure = new AppException[1];
        String answer = RuntimeEvents.during(procedure.name(), logLevel, traceLevel, events, () -> {
            try {
                return callProcedure(procedure.qualifiedName(), placeholders, arguments);
            } catch (AppException e) {
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return ProcedureResponse.parse(procedure.name(), answer);
    }

    @Override
    public void bindSecret(String field, String value) throws AppException {
        String reference = SecretReference.nameOf(field);
        ProcedureResponse response = ProcedureResponse.parse("REGISTER_SECRET",
                callProcedure(EmbeddedApp.REGISTER_SECRET, "?, ?", reference, value));
        if (!response.isOk()) {
            throw new AppException("Binding the secret of '" + field + "' to " + reference + " failed: "
                    + response.summary());
        }
    }

    /** REGISTER_SECRET keeps the value it replaces until SETTLE_SECRET keeps the new one or puts it back. */
    @Override
    public SecretDraft bindSecretDraft(String field, String value) throws AppException {
        bindSecret(field, value);
        String reference = SecretReference.nameOf(field);
        return new SecretDraft() {
            @Override
            public void keep() throws AppException {
                settle(reference, true);
            }

            @Override
            public void undo() throws AppException {
                settle(reference, false);
            }
        };
    }

    private void settle(String reference, boolean keepNew) throws AppException {
        ProcedureResponse response = ProcedureResponse.parse("SETTLE_SECRET",
                callProcedure(EmbeddedApp.SETTLE_SECRET, "?, ?", reference, keepNew));
        if (!response.isOk()) {
            throw new AppException("Settling the secret " + reference + " failed: " + response.summary());
        }
    }

    @Override
    public boolean bindReference(ReferenceBinding binding) {
        return false;
    }

    @Override
    public List<Map<String, Object>> view(String view) throws AppException {
        String sql = "SELECT * FROM PUBLIC." + Identifier.parse(view).sql();
        try (PreparedStatement statement = connection.jdbc().prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i).toUpperCase(Locale.ROOT), result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new AppException("Reading PUBLIC." + view + " of " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the query so that it cannot change the app: H2 runs only a query through {@code executeQuery} (a
     * {@code WITH … DELETE} is refused), the transaction is always rolled back, and the app's procedures, which
     * commit their own work and which a SELECT could call as functions, refuse to run meanwhile. A result with a
     * column of {@code STATE.SECRETS} is refused before a row is read.
     */
    @Override
    public QueryRows select(String sql, List<Object> values, int maxRows) throws AppException {
        Connection jdbc = connection.jdbc();
        try (ConnectorRegistry.Binding readOnly = EmbeddedApp.readOnly()) {
            boolean autoCommit = jdbc.getAutoCommit();
            jdbc.setAutoCommit(false);
            try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                statement.setMaxRows(maxRows);
                try (ResultSet result = statement.executeQuery()) {
                    ResultSetMetaData meta = result.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        if ("STATE".equals(meta.getSchemaName(i)) && "SECRETS".equals(meta.getTableName(i))) {
                            throw new AppException("The query reads STATE.SECRETS (column " + meta.getColumnLabel(i)
                                    + "), which holds the secrets; secrets are never shown: leave that table out");
                        }
                        columns.add(meta.getColumnLabel(i));
                    }
                    List<List<Object>> rows = new ArrayList<>();
                    while (rows.size() < maxRows && result.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= columns.size(); i++) {
                            row.add(result.getObject(i));
                        }
                        rows.add(row);
                    }
                    return new QueryRows(columns, rows);
                }
            } finally {
                jdbc.rollback();
                jdbc.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new AppException("The query failed on " + describe() + ": " + e.getMessage(), e);
        }
    }

    private String callProcedure(String qualifiedName, String placeholders, Object... arguments) throws AppException {
        try (PreparedStatement statement = connection.jdbc().prepareStatement("CALL " + qualifiedName + "("
                + placeholders + ")")) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        } catch (SQLException e) {
            // The message names the procedure, never the bound values: one of them may be a secret.
            throw new AppException("CALL " + qualifiedName + " on " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws AppException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new AppException("Closing " + describe() + " failed: " + e.getMessage(), e);
        }
    }
}
