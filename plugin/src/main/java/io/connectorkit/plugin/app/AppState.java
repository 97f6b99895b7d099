package io.connectorkit.plugin.app;

import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.status.ConfigurationStatus;
import io.connectorkit.runtime.status.ConnectorStatus;

/** What {@code GET_CONNECTOR_STATUS} reports: the connector's status and how far its wizard has come. */
public record AppState(ConnectorStatus status, ConfigurationStatus configurationStatus) {

    /** Asks the app. */
    public static AppState of(InstalledApp app) throws AppException, RefusedException {
        ProcedureResponse response = app.call(PublicProcedure.GET_CONNECTOR_STATUS);
        if (!response.isOk()) {
            throw new RefusedException(
                    response,
                    "the app's state cannot be read; if it stays so, reinstall the app "
                            + "or repair its state with mvn connector:recover -Dconnector.status=PAUSED");
        }
        String status = response.text("status").orElse("");
        String configurationStatus = response.text("configurationStatus").orElse("");
        try {
            return new AppState(ConnectorStatus.valueOf(status), ConfigurationStatus.valueOf(configurationStatus));
        } catch (IllegalArgumentException e) {
            throw new AppException(app.describe() + " reports a state this kit does not know (status '" + status
                    + "', configuration status '" + configurationStatus + "'); use a plugin as new as its runtime");
        }
    }

    public boolean isFinalized() {
        return configurationStatus == ConfigurationStatus.FINALIZED;
    }

    @Override
    public String toString() {
        return status + " (configuration " + configurationStatus + ")";
    }
}
