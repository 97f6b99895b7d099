package io.connectorkit.runtime.procedures;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.resources.IngestionConfiguration;
import io.connectorkit.runtime.resources.ResourceDefinition;
import io.connectorkit.runtime.spi.ResourceHooks;
import io.connectorkit.runtime.sql.SqlFailure;
import io.connectorkit.runtime.state.ResourceStore;
import io.connectorkit.runtime.state.ResourceStore.ActiveProcess;
import io.connectorkit.runtime.state.ResourceStore.Definition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * CREATE_RESOURCE, ENABLE_RESOURCE, DISABLE_RESOURCE and UPDATE_RESOURCE (spec §3.11), with the spec's phases,
 * messages and codes. None checks the connector's status. Unlike the SDK, each call is one transaction, the
 * connector's hooks included: a refusal or failure at any phase, a post-hook's included, leaves nothing behind.
 */
final class ResourceProcedures {

    private final ProcedureCall call;
    private final ResourceStore resources;
    private final ResourceHooks hooks;

    ResourceProcedures(ProcedureCall call) {
        this.call = call;
        this.resources = new ResourceStore(call.port, call.port.dialect());
        this.hooks = call.connector.resourceHooks();
    }

    Response createResource(
            String name,
            JsonArgument resourceId,
            JsonArgument ingestionConfigurations,
            String id,
            Boolean enabled,
            JsonArgument resourceMetadata) {
        return call.atomically(() -> {
            call.store.lock();
            if (id != null && resources.exists(id)) {
                return invalidInput("Resource with id '" + id + "' already exists.");
            }
            Optional<Response> notJson = notJson(PublicProcedure.CREATE_RESOURCE, "RESOURCE_ID", resourceId);
            if (notJson.isPresent()) {
                return notJson.get();
            }
            Optional<JsonNode> resource = resourceId.value();
            if (resource.isPresent() && resources.idOfResourceId(resource.get()).isPresent()) {
                return invalidInput(
                        "Resource with resourceId '" + JsonTree.write(resource.get()) + "' already exists.");
            }
            ResourceInput.Parsed parsed = ResourceInput.parse(ingestionConfigurations, "INGESTION_CONFIGURATIONS");
            if (!parsed.isValid()) {
                return invalidInput(parsed.message());
            }
            notJson = notJson(PublicProcedure.CREATE_RESOURCE, "RESOURCE_METADATA", resourceMetadata);
            if (notJson.isPresent()) {
                return notJson.get();
            }
            ResourceDefinition definition = new ResourceDefinition(
                    id == null ? UUID.randomUUID().toString() : id,
                    name,
                    Boolean.TRUE.equals(enabled),
                    null,
                    resource.map(JsonTree::write).orElse(null),
                    resourceMetadata.value().map(JsonTree::write).orElse(null),
                    parsed.configurations());
            Response refusal = firstRefusal(
                    () -> call.hook(
                            "ResourceHooks.validateCreate", () -> hooks.validateCreate(definition, call.context())),
                    () -> call.hook("ResourceHooks.preCreate", () -> hooks.preCreate(definition, call.context())),
                    () -> write(ResponseCode.CREATE_RESOURCE_ERROR, () -> {
                        validate(definition);
                        resources.insert(new Definition(
                                definition.id(),
                                definition.name(),
                                definition.enabled(),
                                null,
                                definition.resourceId(),
                                definition.resourceMetadata(),
                                ResourceInput.toJson(definition.ingestionConfigurations())));
                        if (definition.enabled()) {
                            // A new definition has no finished process to inherit from (spec §3.11).
                            for (IngestionConfiguration configuration : definition.ingestionConfigurations()) {
                                resources.createProcess(definition.id(), configuration.id(), null);
                            }
                        }
                    }));
            if (refusal != null) {
                return refusal;
            }
            Response post =
                    call.hook("ResourceHooks.postCreate", () -> hooks.postCreate(definition.id(), call.context()));
            if (!post.isOk()) {
                return post.with("id", definition.id());
            }
            return Response.ok("Resource created").with("id", definition.id());
        });
    }

    Response enableResource(String id) {
        return call.atomically(() -> {
            call.store.lock();
            Optional<Definition> definition = resources.find(id);
            if (definition.isEmpty()) {
                return doesNotExist(id);
            }
            if (definition.get().enabled()) {
                return Response.ok();
            }
            Response refusal = firstRefusal(
                    () -> call.hook("ResourceHooks.validateEnable", () -> hooks.validateEnable(id, call.context())),
                    () -> call.hook("ResourceHooks.preEnable", () -> hooks.preEnable(id, call.context())),
                    () -> write(ResponseCode.ENABLE_RESOURCE_ERROR, () -> {
                        List<IngestionConfiguration> configurations = stored(definition.get());
                        resources.updateEnabled(id, true);
                        schedule(
                                id,
                                configurations.stream()
                                        .map(IngestionConfiguration::id)
                                        .toList());
                    }),
                    () -> call.hook("ResourceHooks.postEnable", () -> hooks.postEnable(id, call.context())));
            return refusal != null ? refusal : Response.ok();
        });
    }

    Response disableResource(String id) {
        return call.atomically(() -> {
            call.store.lock();
            Optional<Definition> definition = resources.find(id);
            if (definition.isEmpty()) {
                return doesNotExist(id);
            }
            if (!definition.get().enabled()) {
                return Response.ok();
            }
            Response refusal = firstRefusal(
                    () -> call.hook("ResourceHooks.validateDisable", () -> hooks.validateDisable(id, call.context())),
                    () -> call.hook("ResourceHooks.preDisable", () -> hooks.preDisable(id, call.context())),
                    () -> write(ResponseCode.DISABLE_RESOURCE_ERROR, () -> {
                        resources.finish(resources.activeProcesses(id).stream()
                                .map(ActiveProcess::id)
                                .toList());
                        resources.updateEnabled(id, false);
                    }),
                    () -> call.hook("ResourceHooks.postDisable", () -> hooks.postDisable(id, call.context())));
            return refusal != null ? refusal : Response.ok();
        });
    }

    Response updateResource(String id, JsonArgument ingestionConfigurations) {
        return call.atomically(() -> {
            call.store.lock();
            ResourceInput.Parsed parsed = ResourceInput.parse(ingestionConfigurations, "INGESTION_CONFIGURATIONS");
            if (!parsed.isValid()) {
                return invalidInput(parsed.message());
            }
            List<IngestionConfiguration> configurations = parsed.configurations();
            Response refusal = firstRefusal(
                    () -> call.hook(
                            "ResourceHooks.validateUpdate",
                            () -> hooks.validateUpdate(id, configurations, call.context())),
                    () -> call.hook(
                            "ResourceHooks.preUpdate", () -> hooks.preUpdate(id, configurations, call.context())));
            if (refusal != null) {
                return refusal;
            }
            Optional<Definition> found = resources.find(id);
            if (found.isEmpty()) {
                return doesNotExist(id);
            }
            Definition definition = found.get();
            refusal = firstRefusal(
                    () -> write(ResponseCode.UPDATE_RESOURCE_ERROR, () -> {
                        List<String> before = stored(definition).stream()
                                .map(IngestionConfiguration::id)
                                .toList();
                        validate(new ResourceDefinition(
                                definition.id(),
                                definition.name(),
                                definition.enabled(),
                                definition.parentId(),
                                definition.resourceId(),
                                definition.resourceMetadata(),
                                configurations));
                        resources.updateIngestionConfiguration(id, ResourceInput.toJson(configurations));
                        if (definition.enabled()) {
                            Set<String> after = configurations.stream()
                                    .map(IngestionConfiguration::id)
                                    .collect(Collectors.toSet());
                            resources.finish(resources.activeProcesses(id).stream()
                                    .filter(process -> !after.contains(process.ingestionConfigurationId()))
                                    .map(ActiveProcess::id)
                                    .toList());
                            // Kept ids keep their processes, even when their schedule changed (spec §3.11).
                            schedule(
                                    id,
                                    configurations.stream()
                                            .map(IngestionConfiguration::id)
                                            .filter(configurationId -> !before.contains(configurationId))
                                            .toList());
                        }
                    }),
                    () -> call.hook(
                            "ResourceHooks.postUpdate", () -> hooks.postUpdate(id, configurations, call.context())));
            return refusal != null ? refusal : Response.ok("Resource successfully updated.");
        });
    }

    /**
     * One {@code SCHEDULED} process per configuration id, its metadata taken from the most recent finished process
     * of the same definition, configuration and type (spec §2.5). A configuration that still has an unfinished
     * process gets no second one.
     */
    private void schedule(String definitionId, List<String> configurationIds) {
        Set<String> active = resources.activeProcesses(definitionId).stream()
                .map(ActiveProcess::ingestionConfigurationId)
                .collect(Collectors.toSet());
        Map<String, String> inherited = resources.lastFinishedMetadata(definitionId);
        for (String configurationId : configurationIds) {
            if (!active.contains(configurationId)) {
                resources.createProcess(definitionId, configurationId, inherited.get(configurationId));
            }
        }
    }

    private static List<IngestionConfiguration> stored(Definition definition) {
        ResourceInput.Parsed parsed = ResourceInput.parseStored(definition.ingestionConfiguration());
        if (!parsed.isValid()) {
            throw new ResourceStore.InconsistentState("The stored INGESTION_CONFIGURATION of resource '"
                    + definition.id() + "' cannot be read: " + parsed.problem());
        }
        return parsed.configurations();
    }

    private static void validate(ResourceDefinition definition) {
        List<String> errors = ResourceInput.validate(definition);
        if (!errors.isEmpty()) {
            throw new ResourceStore.InconsistentState(ResourceInput.validationMessage(errors));
        }
    }

    /**
     * The transaction's writes (spec §3.11 step "Transaction"): a failure of the field rules, of a statement or of
     * the stored rows answers the procedure's error code with the SDK's "Changes were rolled back" text.
     */
    private static Response write(ResponseCode code, Runnable writes) {
        try {
            writes.run();
            return Response.ok();
        } catch (SqlFailure.LockTimeout e) {
            throw e;
        } catch (SqlFailure | ResourceStore.InconsistentState e) {
            return Response.of(code, e.getMessage());
        }
    }

    /** Runs the phases in order; answers the first non-OK answer, or null when every phase answered OK. */
    @SafeVarargs
    private static Response firstRefusal(Supplier<Response>... phases) {
        for (Supplier<Response> phase : phases) {
            Response response = phase.get();
            if (!response.isOk()) {
                return response;
            }
        }
        return null;
    }

    private static Optional<Response> notJson(PublicProcedure procedure, String argument, JsonArgument value) {
        return value.invalidJson()
                .map(problem -> invalidInput("The argument " + argument + " of " + procedure.name()
                        + " must be JSON, but " + problem + "."));
    }

    private static Response doesNotExist(String id) {
        return invalidInput("Resource with resourceId '" + id + "' does not exist");
    }

    private static Response invalidInput(String message) {
        return Response.withMessage(ResponseCode.INVALID_INPUT, message);
    }
}
