package io.connectorkit.plugin.render;

import java.util.List;
import java.util.Map;

/**
 * What a rendering needs besides the descriptor, from the project and the plugin.
 *
 * @param generator who generated the files, for their header ("Connector Kit 0.1.0")
 * @param libraries the jar file names the app imports from {@code lib/}, runtime first
 * @param extraSql the connector's own SQL per dialect, read from the descriptor's files
 */
public record AppInputs(String generator, List<String> libraries, Map<Dialect, List<Script>> extraSql) {

    /** A SQL script of the connector, with the path shown in the setup script. */
    public record Script(String path, String content) {
    }

    public AppInputs {
        libraries = List.copyOf(libraries);
        extraSql = Map.copyOf(extraSql);
    }
}
