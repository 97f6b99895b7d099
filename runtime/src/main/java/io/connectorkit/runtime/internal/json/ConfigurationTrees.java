package io.connectorkit.runtime.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.config.Configuration;

/** Between the runtime's JSON trees and the {@link Configuration} connector code reads; both ways copy. */
public final class ConfigurationTrees {

    private ConfigurationTrees() {}

    public static Configuration configuration(JsonNode tree) {
        return tree != null && tree.isObject() ? Configuration.ofJson(JsonTree.write(tree)) : Configuration.empty();
    }

    public static ObjectNode tree(Configuration configuration) {
        return (ObjectNode) JsonTree.parse(configuration.toJsonText());
    }
}
