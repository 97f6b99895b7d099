package io.connectorkit.plugin.configure;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.AppState;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.plugin.app.RefusedException;
import io.connectorkit.plugin.app.RequiredGrants;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.status.ConnectorStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Map;

/**
 * {@code connector:configure} on a finished wizard: the connector fields the file changes are applied as the SDK's
 * configuration update does it — the connector paused, the warehouse moved with UPDATE_WAREHOUSE, the other fields
 * validated and saved at once with UPDATE_CONNECTOR_CONFIGURATION, and the connector resumed if it was started
 * (also when the update was refused). Connection fields the file changes are reported; update-connection applies
 * them.
 */
final class ConfigurationUpdate {

    private final InstalledApp app;
    private final Consumer<String> log;
    private final Consumer<String> warn;

    ConfigurationUpdate(InstalledApp app, Consumer<String> log, Consumer<String> warn) {
        this.app = app;
        this.log = log;
        this.warn = warn;
    }

    /** @return whether anything was changed */
    boolean apply(WizardConfiguration configuration, AppState state) throws AppException, RefusedException,
            ConfigurationFileException {
        configuration.requireResolved(List.of("connector"));
        ConfigurationDrift drift = ConfigurationDrift.between(app, configuration);
        String file = configuration.file().getFileName().toString();
        if (!drift.connection().isEmpty()) {
            new ConfigurationDrift(Map.of(), drift.connection()).lines(file).forEach(warn);
        }
        if (drift.connector().isEmpty()) {
            log.accept(app.describe() + " is configured already (" + state + ") and its connector configuration "
                    + "matches " + file + ": nothing to do");
            return false;
        }
        drift.connector().forEach((field, difference) -> log.accept("connector." + field + " changes from "
                + shown(difference.inApp()) + " to " + shown(difference.inFile())));
        boolean wasStarted = state.status() == ConnectorStatus.STARTED;
        if (wasStarted) {
            call(PublicProcedure.PAUSE_CONNECTOR);
        } else if (state.status() != ConnectorStatus.PAUSED) {
            throw new RefusedException("GET_CONNECTOR_STATUS", app.describe() + " is " + state + ": its configuration "
                    + "can be updated when it is STARTED or PAUSED; repair it with mvn connector:recover first");
        }
        RefusedException refusal = null;
        try {
            if (drift.connector().containsKey("warehouse")) {
                String warehouse = drift.connector().get("warehouse").inFile();
                RequiredGrants.grantOrRefuse(app, Optional.of(Identifier.parse(warehouse)), "connector:configure");
                call(PublicProcedure.UPDATE_WAREHOUSE, warehouse);
            }
            ObjectNode changed = JsonNodeFactory.instance.objectNode();
            drift.connector().keySet().stream().filter(field -> !field.equals("warehouse"))
                    .forEach(field -> changed.set(field, configuration.connector().get(field)));
            if (!changed.isEmpty()) {
                call(PublicProcedure.UPDATE_CONNECTOR_CONFIGURATION, Json.write(changed));
            }
        } catch (RefusedException e) {
            refusal = e;
        }
        if (wasStarted) {
            try {
                call(PublicProcedure.RESUME_CONNECTOR);
            } catch (RefusedException e) {
                if (refusal == null) {
                    throw e;
                }
                warn.accept("The connector could not be resumed after the refused update: " + e.getMessage());
            }
        }
        if (refusal != null) {
            throw refusal;
        }
        return true;
    }

    private void call(PublicProcedure procedure, Object... arguments) throws AppException, RefusedException {
        ProcedureResponse response = app.call(procedure, arguments);
        log.accept("[update] " + response.summary());
        if (!response.isOk()) {
            throw new RefusedException(response, "fix the connector section of the configuration file and run "
                    + "connector:configure again; nothing of this update was saved"
                    + (procedure == PublicProcedure.RESUME_CONNECTOR ? "" : ", and the connector was resumed if it "
                            + "was started"));
        }
    }

    private static String shown(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
