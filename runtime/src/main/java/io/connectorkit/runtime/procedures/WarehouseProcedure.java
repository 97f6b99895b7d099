package io.connectorkit.runtime.procedures;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.state.StateStore;
import io.connectorkit.runtime.status.ConnectorStatus;
import io.connectorkit.runtime.status.StatusGate;
import java.util.Optional;

/** UPDATE_WAREHOUSE (spec §3.9): names compared by Snowflake's rules, refusals answered, not raised. */
final class WarehouseProcedure {

    private static final StatusGate PAUSED = StatusGate.status(ConnectorStatus.PAUSED);

    private final ProcedureCall call;

    WarehouseProcedure(ProcedureCall call) {
        this.call = call;
    }

    Response updateWarehouse(String warehouseName) {
        return call.atomically(() -> call.withState(PAUSED, state -> {
            Identifier warehouse;
            try {
                warehouse = Identifier.parse(warehouseName);
            } catch (Identifier.InvalidIdentifierException e) {
                return Response.withMessage(
                        ResponseCode.INVALID_IDENTIFIER,
                        ResponseCode.INVALID_IDENTIFIER.message(warehouseName) + ": " + e.reason() + ".");
            }
            Optional<ObjectNode> configuration = call.store.readConfiguration(StateStore.CONNECTOR_CONFIGURATION);
            if (configuration.isEmpty()) {
                return Response.of(ResponseCode.CONNECTOR_CONFIGURATION_NOT_FOUND);
            }
            String current = configuration.get().path("warehouse").asText(null);
            if (current != null
                    && Identifier.isValid(current)
                    && Identifier.parse(current).sameAs(warehouse)) {
                return Response.of(ResponseCode.WAREHOUSE_ALREADY_USED, warehouse.text());
            }
            if (!call.account.canUseWarehouse(warehouse)) {
                return Response.of(ResponseCode.INACCESSIBLE_WAREHOUSE, warehouse.text());
            }
            Response updated = call.hook(
                    "ConfigurationHooks.warehouseUpdated",
                    () -> call.connector.configurationHooks().warehouseUpdated(warehouseName, call.context()));
            if (!updated.isOk()) {
                return updated;
            }
            call.account.schedulerTask().moveTo(warehouse);
            ObjectNode stored = configuration.get();
            stored.put("warehouse", warehouse.text());
            call.store.writeConfiguration(StateStore.CONNECTOR_CONFIGURATION, stored);
            return Response.ok();
        }));
    }
}
