package io.connectorkit.plugin.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.sql.Identifier;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Before a goal asks the app for something that needs account privileges (finalize, resume, a new warehouse), the
 * kit grants what the app lacks when the connection's role may, and otherwise stops with the statements to have run
 * and who may run them: the app would refuse with REQUIRED_PRIVILEGES_MISSING or INACCESSIBLE_WAREHOUSE.
 */
public final class RequiredGrants {

    private RequiredGrants() {}

    /**
     * @param warehouse the warehouse the app is to run on, when the goal names one
     * @param goal the goal to run again once the grants are made: {@code connector:configure}
     * @throws RefusedException naming each missing grant's statement, when the role could not make them
     */
    public static void grantOrRefuse(InstalledApp app, Optional<Identifier> warehouse, String goal)
            throws AppException, RefusedException {
        List<AppGrant> missing = app.grantMissing(warehouse).stream()
                .filter(grant -> !grant.held())
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        throw new RefusedException(
                "GRANT",
                app.describe() + " lacks privileges it needs, and the connection's role may "
                        + "not grant them. Have them granted, then run " + goal + " again (the app was not called):\n"
                        + missing.stream()
                                .map(grant -> "  " + grant.statement() + ";  -- run by " + grant.whoMayGrant())
                                .collect(Collectors.joining("\n")));
    }

    /** The {@code warehouse} of a connector configuration, when it is a valid name. */
    public static Optional<Identifier> warehouseOf(JsonNode connectorConfiguration) {
        String warehouse = connectorConfiguration == null
                ? null
                : connectorConfiguration.path("warehouse").asText(null);
        return warehouse != null && Identifier.isValid(warehouse)
                ? Optional.of(Identifier.parse(warehouse))
                : Optional.empty();
    }
}
