package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.resources.IngestionConfiguration;
import io.connectorkit.runtime.resources.ResourceDefinition;
import java.util.List;

/**
 * The connector's part of {@code CREATE_RESOURCE}, {@code ENABLE_RESOURCE}, {@code DISABLE_RESOURCE} and
 * {@code UPDATE_RESOURCE} (spec §3.11), in place of the SDK's SQL hooks ({@code CREATE_RESOURCE_VALIDATE},
 * {@code PRE_CREATE_RESOURCE}, {@code POST_CREATE_RESOURCE}, …). Every method answers {@code OK} unless overridden.
 *
 * <p>Each call is one transaction: {@code validate*}, {@code pre*}, the runtime's writes and {@code post*} are kept
 * together or not at all. A non-{@code OK} answer of any hook stops the call, undoes everything, and is the
 * procedure's answer as it is ({@code postCreate}'s with the key {@code "id"} added). Writes through
 * {@link ConnectorContext#sql()} share that fate. {@code post*} hooks see the runtime's writes. An enable or disable
 * of a resource that already is enabled or disabled calls no hook.
 */
public interface ResourceHooks {

    ResourceHooks NONE = new ResourceHooks() {
    };

    /** {@code CREATE_RESOURCE}, before anything is written; the field rules are checked after this hook. */
    default Response validateCreate(ResourceDefinition resource, ConnectorContext context) {
        return Response.ok();
    }

    default Response preCreate(ResourceDefinition resource, ConnectorContext context) {
        return Response.ok();
    }

    /** After the definition (and, when enabled, its processes) is written. */
    default Response postCreate(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    default Response validateEnable(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    default Response preEnable(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    default Response postEnable(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    /** A kit addition: the SDK has no validator for disabling. */
    default Response validateDisable(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    default Response preDisable(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    default Response postDisable(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code UPDATE_RESOURCE}, with the new configurations; as in the SDK it runs before the definition is looked
     * up, so the id may not exist.
     */
    default Response validateUpdate(String resourceIngestionDefinitionId, List<IngestionConfiguration> configurations,
            ConnectorContext context) {
        return Response.ok();
    }

    default Response preUpdate(String resourceIngestionDefinitionId, List<IngestionConfiguration> configurations,
            ConnectorContext context) {
        return Response.ok();
    }

    default Response postUpdate(String resourceIngestionDefinitionId, List<IngestionConfiguration> configurations,
            ConnectorContext context) {
        return Response.ok();
    }
}
