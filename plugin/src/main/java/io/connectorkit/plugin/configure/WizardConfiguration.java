package io.connectorkit.plugin.configure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.ReferenceBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A configuration file, read, resolved and checked against the descriptor: what {@code connector:configure} feeds
 * the wizard. Secret values are kept apart from everything else and never shown.
 *
 * @param file the file it was read from
 * @param prerequisites which prerequisites to mark done
 * @param connector {@code connector_configuration}
 * @param connection {@code connection_configuration} without its secret fields
 * @param secrets the secret connection fields by name, with their values
 * @param finalizeConfiguration the argument of {@code FINALIZE_CONNECTOR_CONFIGURATION}
 * @param resources the resources to ingest ({@code connector:resources}); empty when the file has no such section
 * @param references account objects to bind to the app's references before the wizard's steps (Snowflake only)
 */
public record WizardConfiguration(Path file, Prerequisites prerequisites, ObjectNode connector,
        ObjectNode connection, Map<String, String> secrets, ObjectNode finalizeConfiguration,
        Optional<List<ResourceSpec>> resources, List<ReferenceBinding> references) {

    public WizardConfiguration {
        secrets = Map.copyOf(secrets);
        resources = resources.map(List::copyOf);
        references = List.copyOf(references);
    }

    /** {@code all}, a list of ids, or none. */
    public record Prerequisites(boolean all, List<String> ids) {
        public Prerequisites {
            ids = List.copyOf(ids);
        }

        public static Prerequisites none() {
            return new Prerequisites(false, List.of());
        }

        public boolean isEmpty() {
            return !all && ids.isEmpty();
        }
    }

    @Override
    public String toString() {
        Map<String, String> masked = new TreeMap<>();
        secrets.keySet().forEach(name -> masked.put(name, "********"));
        return "WizardConfiguration[file=" + file + ", prerequisites=" + prerequisites + ", connector=" + connector
                + ", connection=" + connection + ", secrets=" + masked + ", finalize=" + finalizeConfiguration
                + ", resources=" + resources + ", references=" + references + "]";
    }
}
