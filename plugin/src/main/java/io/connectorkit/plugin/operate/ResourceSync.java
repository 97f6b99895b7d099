package io.connectorkit.plugin.operate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.plugin.app.RefusedException;
import io.connectorkit.plugin.configure.Json;
import io.connectorkit.plugin.configure.ResourceSpec;
import io.connectorkit.runtime.procedures.PublicProcedure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes the app's resources match the configuration file: creates the missing ones, replaces changed ingestion
 * configurations, enables and disables, and (unless told otherwise) disables the resources the file no longer lists.
 * A resource is matched by its id when the file gives one, else by its resourceId. A second run changes nothing.
 */
public final class ResourceSync {

    /** What a sync did. */
    public record Outcome(int created, int updated, int enabled, int disabled, int unchanged) {
        public boolean changedNothing() {
            return created + updated + enabled + disabled == 0;
        }

        @Override
        public String toString() {
            return created + " created, " + updated + " updated, " + enabled + " enabled, " + disabled + " disabled, "
                    + unchanged + " unchanged";
        }
    }

    /** A resource as the app's PUBLIC.INGESTION_DEFINITIONS view shows it. */
    record Existing(String id, String name, JsonNode resourceId, boolean enabled, JsonNode metadata,
            JsonNode configurations) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InstalledApp app;
    private final Consumer<String> log;

    public ResourceSync(InstalledApp app, Consumer<String> log) {
        this.app = app;
        this.log = log;
    }

    public Outcome sync(List<ResourceSpec> wanted, boolean disableUnlisted) throws AppException, RefusedException {
        List<Existing> existing = existing();
        List<Existing> listed = new ArrayList<>();
        int created = 0;
        int updated = 0;
        int enabled = 0;
        int disabled = 0;
        int unchanged = 0;
        for (ResourceSpec resource : wanted) {
            Optional<Existing> match = existing.stream().filter(candidate -> matches(resource, candidate)).findFirst();
            if (match.isEmpty()) {
                ProcedureResponse response = expectOk(resource, PublicProcedure.CREATE_RESOURCE, resource.name(),
                        Json.write(resource.resourceId()), Json.write(resource.ingestionConfigurations()),
                        resource.id(), resource.enabled(),
                        resource.metadata() == null ? null : Json.write(resource.metadata()));
                log.accept("Created resource " + resource.label() + response.text("id").map(id -> " (id " + id + ")")
                        .orElse("") + (resource.enabled() ? ", enabled" : ", disabled"));
                created++;
                continue;
            }
            Existing current = match.get();
            listed.add(current);
            boolean changed = false;
            if (!Objects.equals(withoutNulls(current.configurations()), withoutNulls(resource.ingestionConfigurations()))) {
                expectOk(resource, PublicProcedure.UPDATE_RESOURCE, current.id(),
                        Json.write(resource.ingestionConfigurations()));
                log.accept("Updated the ingestion configurations of resource " + resource.label());
                updated++;
                changed = true;
            }
            if (current.enabled() != resource.enabled()) {
                expectOk(resource, resource.enabled() ? PublicProcedure.ENABLE_RESOURCE
                        : PublicProcedure.DISABLE_RESOURCE, current.id());
                log.accept((resource.enabled() ? "Enabled" : "Disabled") + " resource " + resource.label());
                if (resource.enabled()) {
                    enabled++;
                } else {
                    disabled++;
                }
                changed = true;
            }
            if (!current.name().equals(resource.name())
                    || !Objects.equals(current.metadata(), resource.metadata())) {
                log.accept("Resource " + resource.label() + " keeps its name and metadata in the app ('"
                        + current.name() + "'): the app has no procedure to change them; disable it and add the "
                        + "resource under a new id to change them");
            }
            if (!changed) {
                unchanged++;
            }
        }
        if (disableUnlisted) {
            for (Existing resource : existing) {
                if (!listed.contains(resource) && resource.enabled()) {
                    expectOk(null, PublicProcedure.DISABLE_RESOURCE, resource.id());
                    log.accept("Disabled resource " + resource.id() + " (" + resource.name() + "): the "
                            + "configuration file no longer lists it");
                    disabled++;
                }
            }
        }
        return new Outcome(created, updated, enabled, disabled, unchanged);
    }

    private static boolean matches(ResourceSpec resource, Existing existing) {
        return resource.id() != null ? resource.id().equals(existing.id())
                : resource.resourceId().equals(existing.resourceId());
    }

    private List<Existing> existing() throws AppException {
        List<Existing> resources = new ArrayList<>();
        for (Map<String, Object> row : app.view("INGESTION_DEFINITIONS")) {
            resources.add(new Existing(String.valueOf(row.get("ID")), String.valueOf(row.get("NAME")),
                    json(row.get("RESOURCE_ID")), bool(row.get("IS_ENABLED")), json(row.get("RESOURCE_METADATA")),
                    json(row.get("INGESTION_CONFIGURATION"))));
        }
        return resources;
    }

    private ProcedureResponse expectOk(ResourceSpec resource, PublicProcedure procedure, Object... arguments)
            throws AppException, RefusedException {
        ProcedureResponse response = app.call(procedure, arguments);
        log.accept(response.summary());
        if (!response.isOk()) {
            throw new RefusedException(response, resource == null ? "check mvn connector:status and run "
                    + "connector:resources again" : "fix resource " + resource.label() + " in the resources section "
                    + "of the configuration file and run connector:resources again (resources before it are done)");
        }
        return response;
    }

    /** The app leaves null properties out of what it stores; a file may write them. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node == null || !node.isContainerNode()) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        if (copy.isArray()) {
            for (JsonNode item : copy) {
                if (item.isObject()) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) item).properties()
                            .removeIf(property -> property.getValue().isNull());
                }
            }
        }
        return copy;
    }

    /** VARIANT columns arrive as JSON text (H2 and Snowflake alike); NULL stays null. */
    private static JsonNode json(Object value) throws AppException {
        if (value == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(value.toString());
            return node == null || node.isNull() || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            throw new AppException("PUBLIC.INGESTION_DEFINITIONS holds a value that is not JSON: " + value, e);
        }
    }

    private static boolean bool(Object value) {
        return value instanceof Boolean flag ? flag : Boolean.parseBoolean(String.valueOf(value));
    }
}
