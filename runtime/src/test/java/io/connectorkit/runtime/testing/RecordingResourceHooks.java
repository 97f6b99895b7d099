package io.connectorkit.runtime.testing;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.resources.IngestionConfiguration;
import io.connectorkit.runtime.resources.ResourceDefinition;
import io.connectorkit.runtime.spi.ConnectorContext;
import io.connectorkit.runtime.spi.ResourceHooks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Resource hooks a test scripts (OK unless told otherwise) and observes: every call, in order, with its argument. */
public final class RecordingResourceHooks implements ResourceHooks {

    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final List<ResourceDefinition> created = new CopyOnWriteArrayList<>();
    private final Map<String, Function<ConnectorContext, Response>> answers = new ConcurrentHashMap<>();

    /** The hook of that name answers what the behaviour returns, or throws what it throws. */
    public RecordingResourceHooks answer(String hook, Function<ConnectorContext, Response> behaviour) {
        answers.put(hook, behaviour);
        return this;
    }

    private Response record(String hook, String argument, ConnectorContext context) {
        calls.add(hook + "(" + argument + ")");
        return answers.getOrDefault(hook, ignored -> Response.ok()).apply(context);
    }

    private static String ids(List<IngestionConfiguration> configurations) {
        return configurations.stream().map(IngestionConfiguration::id).collect(Collectors.joining(","));
    }

    @Override
    public Response validateCreate(ResourceDefinition resource, ConnectorContext context) {
        created.add(resource);
        return record("validateCreate", resource.id(), context);
    }

    @Override
    public Response preCreate(ResourceDefinition resource, ConnectorContext context) {
        return record("preCreate", resource.id(), context);
    }

    @Override
    public Response postCreate(String id, ConnectorContext context) {
        return record("postCreate", id, context);
    }

    @Override
    public Response validateEnable(String id, ConnectorContext context) {
        return record("validateEnable", id, context);
    }

    @Override
    public Response preEnable(String id, ConnectorContext context) {
        return record("preEnable", id, context);
    }

    @Override
    public Response postEnable(String id, ConnectorContext context) {
        return record("postEnable", id, context);
    }

    @Override
    public Response validateDisable(String id, ConnectorContext context) {
        return record("validateDisable", id, context);
    }

    @Override
    public Response preDisable(String id, ConnectorContext context) {
        return record("preDisable", id, context);
    }

    @Override
    public Response postDisable(String id, ConnectorContext context) {
        return record("postDisable", id, context);
    }

    @Override
    public Response validateUpdate(String id, List<IngestionConfiguration> configurations, ConnectorContext context) {
        return record("validateUpdate", id + ":" + ids(configurations), context);
    }

    @Override
    public Response preUpdate(String id, List<IngestionConfiguration> configurations, ConnectorContext context) {
        return record("preUpdate", id + ":" + ids(configurations), context);
    }

    @Override
    public Response postUpdate(String id, List<IngestionConfiguration> configurations, ConnectorContext context) {
        return record("postUpdate", id + ":" + ids(configurations), context);
    }
}
