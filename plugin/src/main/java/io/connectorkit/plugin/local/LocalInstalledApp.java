package io.connectorkit.plugin.local;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.plugin.app.ReferenceBinding;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.sql.Identifier;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The embedded app as an {@link InstalledApp}: procedures and views of its H2 database, as one role. */
public final class LocalInstalledApp implements InstalledApp {

    private final String name;
    private final LocalConnection connection;

    LocalInstalledApp(String name, LocalConnection connection) {
        this.name = name;
        this.connection = connection;
    }

    @Override
    public String describe() {
        return "embedded app " + name;
    }

    @Override
    public ProcedureResponse call(PublicProcedure procedure, Object... arguments) throws AppException {
        String placeholders = String.join(", ", java.util.Collections.nCopies(arguments.length, "?"));
        return ProcedureResponse.parse(procedure.name(), callProcedure(procedure.qualifiedName(), placeholders,
                arguments));
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
