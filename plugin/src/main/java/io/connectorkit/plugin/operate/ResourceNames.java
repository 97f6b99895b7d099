package io.connectorkit.plugin.operate;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Finds a resource of the app by what a user types: its id (as in the resources section) or its name. */
public final class ResourceNames {

    private final InstalledApp app;

    public ResourceNames(InstalledApp app) {
        this.app = app;
    }

    /**
     * @return the resource's ingestion definition id
     * @throws IllegalArgumentException naming the resources there are, when none is called so
     */
    public String definitionId(String idOrName) throws AppException {
        List<Map<String, Object>> definitions = app.view("INGESTION_DEFINITIONS");
        for (Map<String, Object> definition : definitions) {
            if (idOrName.equals(String.valueOf(definition.get("ID")))) {
                return idOrName;
            }
        }
        List<Map<String, Object>> named = definitions.stream()
                .filter(definition -> idOrName.equalsIgnoreCase(String.valueOf(definition.get("NAME"))))
                .toList();
        if (named.size() == 1) {
            return String.valueOf(named.get(0).get("ID"));
        }
        String known = definitions.isEmpty()
                ? "it has none yet (mvn connector:resources creates them)"
                : "its resources are "
                        + definitions.stream()
                                .map(definition -> definition.get("ID") + " (" + definition.get("NAME") + ")")
                                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("connector.resource '" + idOrName + "' is "
                + (named.isEmpty() ? "no resource" : "the name of " + named.size() + " resources") + " of "
                + app.describe() + ": " + known + "; give one of these ids");
    }
}
