package io.connectorkit.plugin.configure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.ReferenceBinding;
import io.connectorkit.plugin.yaml.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;

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
 * @param unresolved by section: the placeholders that could not be resolved, a problem only for a goal that sends
 *                   that section (its values are left out of the section)
 */
public record WizardConfiguration(Path file, Prerequisites prerequisites, ObjectNode connector,
        ObjectNode connection, Map<String, String> secrets, ObjectNode finalizeConfiguration,
        Optional<List<ResourceSpec>> resources, List<ReferenceBinding> references,
        Map<String, List<Problem>> unresolved) {

    public WizardConfiguration {
        secrets = Map.copyOf(secrets);
        resources = resources.map(List::copyOf);
        references = List.copyOf(references);
        Map<String, List<Problem>> copy = new LinkedHashMap<>();
        unresolved.forEach((section, problems) -> copy.put(section, List.copyOf(problems)));
        unresolved = Collections.unmodifiableMap(copy);
    }

    /** A configuration whose placeholders were all resolved. */
    public WizardConfiguration(Path file, Prerequisites prerequisites, ObjectNode connector, ObjectNode connection,
            Map<String, String> secrets, ObjectNode finalizeConfiguration, Optional<List<ResourceSpec>> resources,
            List<ReferenceBinding> references) {
        this(file, prerequisites, connector, connection, secrets, finalizeConfiguration, resources, references,
                Map.of());
    }

    /**
     * Checks that the sections a goal is about to send have every placeholder resolved; a goal calls it before it
     * calls anything, so a missing variable changes nothing.
     *
     * @param sections the sections the goal sends: {@code connector}, {@code connection}, …
     * @throws ConfigurationFileException naming each placeholder of those sections that could not be resolved
     */
    public void requireResolved(Collection<String> sections) throws ConfigurationFileException {
        List<Problem> problems = sections.stream().flatMap(section -> unresolved.getOrDefault(section, List.of())
                .stream()).toList();
        if (!problems.isEmpty()) {
            throw new ConfigurationFileException(problems);
        }
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
