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
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes the app's resources match the configuration file: creates the missing ones, replaces changed ingestion
 * configurations, enables and disables, and (unless told otherwise) disables the resources the file no longer lists.
 * A resource is matched by its id when the file gives one, else by its resourceId. A second run changes nothing.
 *
 * <p>The connector's resource hooks decide inside CREATE_RESOURCE, UPDATE_RESOURCE, ENABLE_RESOURCE and
 * DISABLE_RESOURCE, so a refusal cannot be known without making the call. The sync therefore goes on after a refusal,
 * applies the other resources, and then fails listing every refusal (with where the file lists the resource) and
 * exactly what it applied. The resources the file no longer lists are left enabled while any is refused: a refused
 * resource may be the one meant to replace them.
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

    /** What has been applied so far, by kind of change, in the order of the calls. */
    private static final class Applied {
        final List<String> created = new ArrayList<>();
        final List<String> updated = new ArrayList<>();
        final List<String> enabled = new ArrayList<>();
        final List<String> disabled = new ArrayList<>();

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            add(parts, "created", created);
            add(parts, "updated the ingestion configurations of", updated);
            add(parts, "enabled", enabled);
            add(parts, "disabled", disabled);
            return parts.isEmpty() ? "nothing" : String.join("; ", parts);
        }

        private static void add(List<String> parts, String verb, List<String> labels) {
            if (!labels.isEmpty()) {
                parts.add(verb + " " + String.join(", ", labels));
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InstalledApp app;
    private final Consumer<String> log;

    public ResourceSync(InstalledApp app, Consumer<String> log) {
        this.app = app;
        this.log = log;
    }

    /**
     * Applies the resources in the file's order.
     *
     * @throws RefusedException when the app refused any call: every refusal and everything applied are listed
     * @throws AppException when a call could not be made; the message says what was applied before it
     */
    public Outcome sync(List<ResourceSpec> wanted, boolean disableUnlisted) throws AppException, RefusedException {
        Applied applied = new Applied();
        try {
            return sync(wanted, disableUnlisted, applied);
        } catch (AppException e) {
            throw new AppException(e.getMessage() + "\n  Applied before that: " + applied, e);
        }
    }

    private Outcome sync(List<ResourceSpec> wanted, boolean disableUnlisted, Applied applied)
            throws AppException, RefusedException {
        List<Existing> existing = existing();
        List<Existing> listed = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        String firstRefused = null;
        int unchanged = 0;
        for (ResourceSpec resource : wanted) {
            Optional<Existing> match = existing.stream().filter(candidate -> matches(resource, candidate)).findFirst();
            if (match.isEmpty()) {
                ProcedureResponse response = call(PublicProcedure.CREATE_RESOURCE, resource.name(),
                        Json.write(resource.resourceId()), Json.write(resource.ingestionConfigurations()),
                        resource.id(), resource.enabled(),
                        resource.metadata() == null ? null : Json.write(resource.metadata()));
                if (!response.isOk()) {
                    refusals.add(refusal(resource, response, ""));
                    firstRefused = firstRefused == null ? response.procedure() : firstRefused;
                    continue;
                }
                String id = response.text("id").map(text -> " (id " + text + ")").orElse("");
                log.accept("Created resource " + resource.label() + id + (resource.enabled() ? ", enabled"
                        : ", disabled"));
                applied.created.add(resource.label() + id);
                continue;
            }
            Existing current = match.get();
            listed.add(current);
            boolean changed = false;
            boolean toggle = current.enabled() != resource.enabled();
            if (!Objects.equals(withoutNulls(current.configurations()), withoutNulls(resource.ingestionConfigurations()))) {
                ProcedureResponse response = call(PublicProcedure.UPDATE_RESOURCE, current.id(),
                        Json.write(resource.ingestionConfigurations()));
                if (!response.isOk()) {
                    // Enabling or disabling with the configurations the app refused to change is not what the
                    // file asks for either.
                    refusals.add(refusal(resource, response, toggle ? " (so it was not "
                            + (resource.enabled() ? "enabled" : "disabled") + " either)" : ""));
                    firstRefused = firstRefused == null ? response.procedure() : firstRefused;
                    continue;
                }
                log.accept("Updated the ingestion configurations of resource " + resource.label());
                applied.updated.add(resource.label());
                changed = true;
            }
            if (toggle) {
                ProcedureResponse response = call(resource.enabled() ? PublicProcedure.ENABLE_RESOURCE
                        : PublicProcedure.DISABLE_RESOURCE, current.id());
                if (!response.isOk()) {
                    refusals.add(refusal(resource, response, ""));
                    firstRefused = firstRefused == null ? response.procedure() : firstRefused;
                    continue;
                }
                log.accept((resource.enabled() ? "Enabled" : "Disabled") + " resource " + resource.label());
                (resource.enabled() ? applied.enabled : applied.disabled).add(resource.label());
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
        List<String> keptEnabled = new ArrayList<>();
        List<String> unlistedRefusals = new ArrayList<>();
        if (disableUnlisted) {
            for (Existing resource : existing) {
                if (listed.contains(resource) || !resource.enabled()) {
                    continue;
                }
                String label = resource.id() + " (" + resource.name() + ")";
                if (!refusals.isEmpty()) {
                    keptEnabled.add(label);
                    continue;
                }
                ProcedureResponse response = call(PublicProcedure.DISABLE_RESOURCE, resource.id());
                if (!response.isOk()) {
                    unlistedRefusals.add("resource " + label + ", which the file no longer lists: "
                            + response.procedure() + " answered " + response.code()
                            + response.message().map(text -> ": " + text).orElse(""));
                    firstRefused = firstRefused == null ? response.procedure() : firstRefused;
                    continue;
                }
                log.accept("Disabled resource " + label + ": the configuration file no longer lists it");
                applied.disabled.add(label);
            }
        }
        if (firstRefused != null) {
            throw new RefusedException(firstRefused, refused(refusals, wanted.size(), unlistedRefusals, applied,
                    keptEnabled));
        }
        return new Outcome(applied.created.size(), applied.updated.size(), applied.enabled.size(),
                applied.disabled.size(), unchanged);
    }

    private static String refusal(ResourceSpec resource, ProcedureResponse response, String consequence) {
        return resource.location() + ": resource " + resource.label() + ": " + response.procedure() + " answered "
                + response.code() + response.message().map(text -> ": " + text).orElse("") + consequence;
    }

    private static String refused(List<String> refusals, int listed, List<String> unlistedRefusals, Applied applied,
            List<String> keptEnabled) {
        List<String> what = new ArrayList<>();
        if (!refusals.isEmpty()) {
            what.add(refusals.size() + " of the " + listed + " listed resource" + (listed == 1 ? "" : "s"));
        }
        if (!unlistedRefusals.isEmpty()) {
            what.add("disabling " + unlistedRefusals.size() + " resource" + (unlistedRefusals.size() == 1 ? "" : "s")
                    + " the file no longer lists");
        }
        StringBuilder message = new StringBuilder("The app refused " + String.join(" and ", what) + ":");
        refusals.forEach(refusal -> message.append("\n  ").append(refusal));
        unlistedRefusals.forEach(refusal -> message.append("\n  ").append(refusal));
        message.append("\n  Applied: ").append(applied);
        if (!keptEnabled.isEmpty()) {
            message.append("\n  Not disabled although the file no longer lists them, because of the refusals: ")
                    .append(String.join(", ", keptEnabled));
        }
        return message.append("\n  What to do: ").append(refusals.isEmpty() ? "" : "fix the refused resources in "
                + "the resources section of the configuration file; ").append(unlistedRefusals.isEmpty() ? ""
                : "see why the app keeps the unlisted ones with mvn connector:status, or list them again; ")
                .append("then run connector:resources again; what was applied stays, and that run does not repeat it")
                .toString();
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

    private ProcedureResponse call(PublicProcedure procedure, Object... arguments) throws AppException {
        ProcedureResponse response = app.call(procedure, arguments);
        log.accept(response.summary());
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
                    ((ObjectNode) item).properties()
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
