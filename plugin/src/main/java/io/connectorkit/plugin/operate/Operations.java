package io.connectorkit.plugin.operate;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.AppState;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.plugin.app.RefusedException;
import io.connectorkit.plugin.app.RequiredGrants;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.plugin.configure.Json;
import io.connectorkit.plugin.configure.ConfigurationDrift;
import io.connectorkit.plugin.configure.WizardConfiguration;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.status.ConnectorStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.ArrayList;

/**
 * The daily-use goals over an installed app: status, pause, resume, warehouse and connection updates, reset and
 * recovery. Each checks what it can before calling, so a refusal is explained in the user's terms, and a goal whose
 * work is done already says so and changes nothing.
 */
public final class Operations {

    private static final Set<String> RECOVERABLE = Set.of("STARTED", "PAUSED");

    private final InstalledApp app;
    private final Consumer<String> log;

    public Operations(InstalledApp app, Consumer<String> log) {
        this.app = app;
        this.log = log;
    }

    public StatusReport status(String target) throws AppException, RefusedException {
        AppState state = AppState.of(app);
        String syncStatus = "UNKNOWN";
        String lastSyncedAt = null;
        List<Map<String, Object>> sync = app.view("SYNC_STATUS");
        if (!sync.isEmpty()) {
            syncStatus = String.valueOf(sync.get(0).get("STATUS"));
            Object last = sync.get(0).get("LAST_SYNCED_AT");
            lastSyncedAt = last == null ? null : last.toString();
        }
        Map<String, Map<String, String>> configuration = new LinkedHashMap<>();
        for (Map<String, Object> row : app.view("CONNECTOR_CONFIGURATION")) {
            Object value = row.get("VALUE");
            configuration.computeIfAbsent(String.valueOf(row.get("CONFIG_GROUP")), group -> new LinkedHashMap<>())
                    .put(String.valueOf(row.get("CONFIG_KEY")), value == null ? null : value.toString());
        }
        Optional<Identifier> warehouse = Optional.ofNullable(configuration.get("connector_configuration"))
                .map(values -> values.get("warehouse")).filter(Identifier::isValid).map(Identifier::parse);
        return new StatusReport(app.describe(), target, state, syncStatus, lastSyncedAt, configuration,
                app.grants(warehouse), ResourceStatus.read(app), app.specifications());
    }

    public void pause() throws AppException, RefusedException {
        AppState state = requireFinalized("pause");
        if (state.status() == ConnectorStatus.PAUSED) {
            log.accept(app.describe() + " is paused already: nothing to do");
            return;
        }
        expectOk(PublicProcedure.PAUSE_CONNECTOR, state, "pause");
    }

    public void resume() throws AppException, RefusedException {
        AppState state = requireFinalized("resume");
        if (state.status() == ConnectorStatus.STARTED) {
            log.accept(app.describe() + " is started already: nothing to do");
            return;
        }
        RequiredGrants.grantOrRefuse(app, Optional.empty(), "connector:resume");
        expectOk(PublicProcedure.RESUME_CONNECTOR, state, "resume");
    }

    public void updateWarehouse(String warehouse) throws AppException, RefusedException {
        if (warehouse == null || warehouse.isBlank()) {
            throw new RefusedException(PublicProcedure.UPDATE_WAREHOUSE.name(), "Name the new warehouse: "
                    + "mvn connector:update-warehouse -Dconnector.warehouse=MY_WAREHOUSE");
        }
        try {
            Identifier.parse(warehouse);
        } catch (Identifier.InvalidIdentifierException e) {
            throw new RefusedException(PublicProcedure.UPDATE_WAREHOUSE.name(), "-Dconnector.warehouse='" + warehouse
                    + "' is not a warehouse name: " + e.reason() + "; write it as MY_WAREHOUSE, or \"My Warehouse\" "
                    + "for a quoted name. Nothing was changed");
        }
        AppState state = requirePaused("update-warehouse");
        RequiredGrants.grantOrRefuse(app, Optional.of(Identifier.parse(warehouse)), "connector:update-warehouse");
        String before = connectorField("warehouse");
        ProcedureResponse response = app.call(PublicProcedure.UPDATE_WAREHOUSE, warehouse);
        log.accept(response.summary() + (response.isOk() && before != null ? " (from " + before + " to "
                + Identifier.parse(warehouse).name() + ")" : ""));
        if (response.code().equals("WAREHOUSE_ALREADY_USED")) {
            log.accept(app.describe() + " uses warehouse " + warehouse + " already: nothing to do");
            return;
        }
        requireOk(response, state, "update-warehouse");
    }

    public void updateConnection(WizardConfiguration configuration) throws AppException, RefusedException {
        if (configuration.secrets().isEmpty()
                && ConfigurationDrift.between(app, configuration).connection().isEmpty()) {
            // With secret fields the run always goes on: a rotated secret cannot be compared, the app never shows it.
            log.accept(app.describe() + " has the connection of " + configuration.file().getFileName()
                    + " already: nothing to do");
            return;
        }
        AppState state = requirePaused("update-connection");
        ObjectNode connection = configuration.connection().deepCopy();
        List<InstalledApp.SecretDraft> drafts = new ArrayList<>();
        try {
            for (Map.Entry<String, String> secret : configuration.secrets().entrySet()) {
                drafts.add(app.bindSecretDraft(secret.getKey(), secret.getValue()));
                connection.put(secret.getKey(), SecretReference.nameOf(secret.getKey()));
            }
            ProcedureResponse response = app.call(PublicProcedure.UPDATE_CONNECTION_CONFIGURATION,
                    Json.write(connection));
            log.accept(response.summary());
            if (response.isOk()) {
                for (InstalledApp.SecretDraft draft : drafts) {
                    draft.keep();
                }
                drafts.clear();
            }
            requireOk(response, state, "update-connection");
        } finally {
            // A refused test, or a failed call: the secrets bound for it are undone, so nothing changed.
            for (InstalledApp.SecretDraft draft : drafts) {
                draft.undo();
            }
        }
    }

    /** A field of the app's connector configuration as its view shows it; {@code null} when it has none. */
    private String connectorField(String field) throws AppException {
        for (Map<String, Object> row : app.view("CONNECTOR_CONFIGURATION")) {
            if ("connector_configuration".equals(String.valueOf(row.get("CONFIG_GROUP")))
                    && field.equals(String.valueOf(row.get("CONFIG_KEY")))) {
                return row.get("VALUE") == null ? null : row.get("VALUE").toString();
            }
        }
        return null;
    }

    public void reset() throws AppException, RefusedException {
        AppState state = AppState.of(app);
        if (state.isFinalized()) {
            throw new RefusedException(PublicProcedure.RESET_CONFIGURATION.name(), "reset starts an unfinished "
                    + "wizard over, but the wizard of " + app.describe() + " is finished (" + state + "); change the "
                    + "connection with mvn connector:update-connection, or undeploy and deploy the app to start anew");
        }
        expectOk(PublicProcedure.RESET_CONFIGURATION, state, "reset");
    }

    public void recover(String status) throws AppException, RefusedException {
        String target = status == null ? "" : status.strip().toUpperCase(Locale.ROOT);
        if (!RECOVERABLE.contains(target)) {
            throw new RefusedException(PublicProcedure.RECOVER_CONNECTOR_STATE.name(), "-Dconnector.status='"
                    + (status == null ? "" : status) + "' is not a status to recover to; use "
                    + "-Dconnector.status=PAUSED (safe: nothing runs until you resume) or -Dconnector.status=STARTED");
        }
        expectOk(PublicProcedure.RECOVER_CONNECTOR_STATE, AppState.of(app), "recover", target);
    }

    private static boolean isStatusRefusal(ProcedureResponse response) {
        return response.code().equals("INVALID_CONNECTOR_STATUS")
                || response.code().equals("INVALID_CONNECTOR_CONFIGURATION_STATUS");
    }

    private AppState requireFinalized(String goal) throws AppException, RefusedException {
        AppState state = AppState.of(app);
        if (!state.isFinalized()) {
            throw new RefusedException(goal, "finish the wizard first: " + goal + " needs a configured connector, "
                    + "and " + app.describe() + " is " + state + "; run mvn connector:configure");
        }
        return state;
    }

    private AppState requirePaused(String goal) throws AppException, RefusedException {
        AppState state = requireFinalized(goal);
        if (state.status() != ConnectorStatus.PAUSED) {
            throw new RefusedException(goal, "pause the connector first: " + goal + " needs PAUSED, and "
                    + app.describe() + " is " + state.status() + "; run mvn connector:pause, then " + goal
                    + ", then mvn connector:resume");
        }
        return state;
    }

    private void expectOk(PublicProcedure procedure, AppState state, String goal, Object... arguments)
            throws AppException, RefusedException {
        ProcedureResponse response = app.call(procedure, arguments);
        log.accept(response.summary());
        requireOk(response, state, goal);
    }

    private void requireOk(ProcedureResponse response, AppState state, String goal) throws RefusedException {
        if (!response.isOk()) {
            throw new RefusedException(response, advice(response, state, goal));
        }
        log.accept(app.describe() + ": " + goal + " done");
    }

    private static String advice(ProcedureResponse response, AppState state, String goal) {
        if (goal.equals("recover") && response.code().equals("INVALID_CONNECTOR_STATUS")) {
            return "recover repairs a connector in ERROR or stuck between PAUSED and STARTED; this one is " + state
                    + ", so there is nothing to repair (use mvn connector:pause or mvn connector:resume)";
        }
        return switch (response.code()) {
            case "INVALID_CONNECTOR_STATUS", "INVALID_CONNECTOR_CONFIGURATION_STATUS" -> goal + " cannot run while the "
                    + "connector is " + state + "; check mvn connector:status";
            case "INACCESSIBLE_WAREHOUSE" -> "grant the app USAGE on the warehouse (or bind it to the app's warehouse "
                    + "reference), then run update-warehouse again";
            case "REQUIRED_PRIVILEGES_MISSING" -> "grant the app the privileges named above, then run " + goal
                    + " again";
            case "CONNECTOR_BUSY" -> "another call was changing the connector; run " + goal + " again";
            case "ROLLBACK" -> "the connector undid its own work; check its logs, then run " + goal + " again";
            case "UNKNOWN_ERROR", "INTERNAL_ERROR" -> "the connector is in an unexpected state; check mvn "
                    + "connector:status and, if it reports ERROR, repair it with mvn connector:recover "
                    + "-Dconnector.status=PAUSED";
            default -> goal.equals("update-connection") ? "fix the connection section of the configuration file, or "
                    + "the source it points at, and run update-connection again; the old connection and its secret values "
                    + "are kept: nothing was changed"
                    : "check mvn connector:status, then run " + goal + " again";
        };
    }
}
