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
 * of a resource that already is enabled or disabled calls no hook. An exception of a hook becomes an
 * {@code UNKNOWN_ERROR} answer naming it, a null answer an {@code INVALID_RESPONSE}; both stop the call like a
 * refusal. None of the procedures checks the connector's status.
 */
public interface ResourceHooks {

    /** Hooks that accept every call and do nothing: the default of a connector that registers none. */
    ResourceHooks NONE = new ResourceHooks() {};

    /**
     * {@code CREATE_RESOURCE}, before anything is written; the field rules are checked after this hook. Corresponds
     * to the SDK's {@code CREATE_RESOURCE_VALIDATE}.
     *
     * @param resource the definition to create: its id (given or generated), name, resource id, metadata and
     *     parsed ingestion configurations
     * @param context what the procedure gives the hook; its {@link ConnectorContext#sql()} shares the call's
     *     transaction
     * @return {@code OK} to go on; any other answer stops the call, undoes it, and is the procedure's answer
     */
    default Response validateCreate(ResourceDefinition resource, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code CREATE_RESOURCE}, after {@link #validateCreate} and before the definition is written
     * ({@code PRE_CREATE_RESOURCE}).
     *
     * @param resource the definition to create, as {@link #validateCreate} saw it
     * @param context what the procedure gives the hook; its {@link ConnectorContext#sql()} shares the call's
     *     transaction
     * @return {@code OK} to go on; any other answer stops the call, undoes it, and is the procedure's answer
     */
    default Response preCreate(ResourceDefinition resource, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * After the definition (and, when enabled, its processes) is written ({@code POST_CREATE_RESOURCE}).
     *
     * @param resourceIngestionDefinitionId the id of the resource ingestion definition just created
     * @param context what the procedure gives the hook; its {@link ConnectorContext#sql()} shares the call's
     *     transaction
     * @return {@code OK} to keep the resource; any other answer undoes the creation and is the procedure's answer,
     *     with the key {@code "id"} added
     */
    default Response postCreate(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code ENABLE_RESOURCE} of a disabled resource, before anything is written ({@code ENABLE_RESOURCE_VALIDATE}).
     *
     * @param resourceIngestionDefinitionId the id of the resource ingestion definition, which exists
     * @param context what the procedure gives the hook; its {@link ConnectorContext#sql()} shares the call's
     *     transaction
     * @return {@code OK} to go on; any other answer stops the call, undoes it, and is the procedure's answer
     */
    default Response validateEnable(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code ENABLE_RESOURCE}, after {@link #validateEnable} and before the resource is enabled and its processes
     * scheduled ({@code PRE_ENABLE_RESOURCE}).
     *
     * @param resourceIngestionDefinitionId the id of the resource ingestion definition
     * @param context what the procedure gives the hook; its {@link ConnectorContext#sql()} shares the call's
     *     transaction
     * @return {@code OK} to go on; any other answer stops the call, undoes it, and is the procedure's answer
     */
    default Response preEnable(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code ENABLE_RESOURCE}, after the resource is enabled and one {@code SCHEDULED} process per ingestion
     * configuration exists ({@code POST_ENABLE_RESOURCE}).
     *
     * @param resourceIngestionDefinitionId the id of the resource ingestion definition
     * @param context what the procedure gives the hook; its {@link ConnectorContext#sql()} shares the call's
     *     transaction
     * @return {@code OK} to keep the resource enabled; any other answer undoes the call and is the procedure's
     *     answer
     */
    default Response postEnable(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code DISABLE_RESOURCE} of an enabled resource, before anything is written. A kit addition: the SDK has no
     * validator for disabling.
     *
     * @param resourceIngestionDefinitionId the id of the resource ingestion definition, which exists
     * @param context what the procedure gives the hook; its {@link ConnectorContext#sql()} shares the call's
     *     transaction
     * @return {@code OK} to go on; any other answer stops the call, undoes it, and is the procedure's answer
     */
    default Response validateDisable(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code DISABLE_RESOURCE}, after {@link #validateDisable} and before the resource's scheduled and running
     * processes are finished and it is disabled ({@code PRE_DISABLE_RESOURCE}).
     *
     * @param resourceIngestionDefinitionId the id of the resource ingestion definition
     * @param context what the procedure gives the hook; its {@link ConnectorContext#sql()} shares the call's
     *     transaction
     * @return {@code OK} to go on; any other answer stops the call, undoes it, and is the procedure's answer
     */
    default Response preDisable(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code DISABLE_RESOURCE}, after the resource is disabled and its processes are {@code FINISHED}
     * ({@code POST_DISABLE_RESOURCE}).
     *
     * @param resourceIngestionDefinitionId the id of the resource ingestion definition
     * @param context what the procedure gives the hook; its {@link ConnectorContext#sql()} shares the call's
     *     transaction
     * @return {@code OK} to keep the resource disabled; any other answer undoes the call and is the procedure's
     *     answer
     */
    default Response postDisable(String resourceIngestionDefinitionId, ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code UPDATE_RESOURCE}, with the new configurations; as in the SDK it runs before the definition is looked
     * up, so the id may not exist ({@code UPDATE_RESOURCE_VALIDATE}).
     *
     * @param resourceIngestionDefinitionId the id of the resource ingestion definition as given, possibly unknown
     * @param configurations the new ingestion configurations, parsed, which replace the stored list; the field
     *     rules are checked after {@link #preUpdate}
     * @param context what the procedure gives the hook; its {@link ConnectorContext#sql()} shares the call's
     *     transaction
     * @return {@code OK} to go on; any other answer stops the call, undoes it, and is the procedure's answer
     */
    default Response validateUpdate(
            String resourceIngestionDefinitionId,
            List<IngestionConfiguration> configurations,
            ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code UPDATE_RESOURCE}, after {@link #validateUpdate}; like it, before the definition is looked up, so the id
     * may not exist ({@code PRE_UPDATE_RESOURCE}).
     *
     * @param resourceIngestionDefinitionId the id of the resource ingestion definition as given, possibly unknown
     * @param configurations the new ingestion configurations, parsed, which replace the stored list
     * @param context what the procedure gives the hook; its {@link ConnectorContext#sql()} shares the call's
     *     transaction
     * @return {@code OK} to go on; any other answer stops the call, undoes it, and is the procedure's answer
     */
    default Response preUpdate(
            String resourceIngestionDefinitionId,
            List<IngestionConfiguration> configurations,
            ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code UPDATE_RESOURCE}, after the configurations are replaced and, for an enabled resource, the processes of
     * removed configurations finished and those of new ones scheduled; the processes of kept ids are untouched
     * ({@code POST_UPDATE_RESOURCE}).
     *
     * @param resourceIngestionDefinitionId the id of the resource ingestion definition, which exists
     * @param configurations the new ingestion configurations, parsed, which replace the stored list
     * @param context what the procedure gives the hook; its {@link ConnectorContext#sql()} shares the call's
     *     transaction
     * @return {@code OK} to keep the update; any other answer undoes the call and is the procedure's answer
     */
    default Response postUpdate(
            String resourceIngestionDefinitionId,
            List<IngestionConfiguration> configurations,
            ConnectorContext context) {
        return Response.ok();
    }
}
