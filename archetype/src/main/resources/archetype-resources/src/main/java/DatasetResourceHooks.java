package ${package};

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.resources.ResourceDefinition;
import io.connectorkit.runtime.spi.ConnectorContext;
import io.connectorkit.runtime.spi.ResourceHooks;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code CREATE_RESOURCE} accepts only resources this connector can ingest: {@code {"dataset": "<name>"}}. */
public final class DatasetResourceHooks implements ResourceHooks {

    private static final Pattern DATASET = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    @Override
    public Response validateCreate(ResourceDefinition resource, ConnectorContext context) {
        if (resource.resourceIdConfiguration().flatMap(DatasetResourceHooks::dataset).isEmpty()) {
            return Response.error("INVALID_RESOURCE_ID", "The resourceId " + resource.resourceId() + " names no "
                    + "dataset; use {\"dataset\": \"<name>\"}, a name of lower-case letters, digits, _ and -.");
        }
        return Response.ok();
    }

    /** The dataset a resourceId names, when it is valid. */
    static Optional<String> dataset(Configuration resourceId) {
        return resourceId.string("dataset").filter(name -> DATASET.matcher(name).matches());
    }
}
