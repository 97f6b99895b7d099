package io.connectorkit.plugin.testing;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.descriptor.DescriptorException;
import io.connectorkit.plugin.descriptor.DescriptorLoader;
import io.connectorkit.plugin.generate.AppGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The example projects under src/test/resources/projects, rendered as the goals would. */
public final class TestProjects {

    public static final String GENERATOR = "Connector Kit (test)";

    private TestProjects() {
    }

    public static Path project(String name) {
        return Path.of("src/test/resources/projects", name).toAbsolutePath();
    }

    public static Descriptor descriptor(String project) throws DescriptorException {
        return descriptor(project(project));
    }

    public static Descriptor descriptor(Path base) throws DescriptorException {
        return DescriptorLoader.load(base.resolve("src/main/connector/connector.yaml"), base, "1.0.0");
    }

    public static Map<String, String> render(String project) throws Exception {
        return render(project(project));
    }

    /** The app of the project folder, importing the runtime jar and a jar named after the folder. */
    public static Map<String, String> render(Path base) throws Exception {
        return new AppGenerator(base.resolve("src/main/connector/templates"), GENERATOR, base)
                .generate(descriptor(base), List.of("connector-runtime.jar", base.getFileName() + "-connector.jar"));
    }
}
