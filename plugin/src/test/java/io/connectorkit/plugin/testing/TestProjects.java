package io.connectorkit.plugin.testing;

import io.connectorkit.fake.snowflake.AppCatalog;
import io.connectorkit.fake.snowflake.StagedSetupScript;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.descriptor.DescriptorException;
import io.connectorkit.plugin.descriptor.DescriptorLoader;
import io.connectorkit.plugin.generate.AppGenerator;
import io.connectorkit.plugin.streamlit.StreamlitApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The example projects under src/test/resources/projects, rendered as the goals would. */
public final class TestProjects {

    public static final String GENERATOR = "Connector Kit (test)";

    private TestProjects() {}

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

    /**
     * The stage paths of the generated Streamlit app, which connector:bundle adds when the rendered setup script
     * creates it (none otherwise).
     */
    public static Set<String> generatedStreamlit(String snowflakeSetup) {
        if (!snowflakeSetup.contains("CREATE OR REPLACE STREAMLIT " + StreamlitApp.OBJECT + " ")) {
            return Set.of();
        }
        Set<String> paths = new HashSet<>();
        StreamlitApp.files(new Descriptor(
                        null,
                        new Descriptor.App("any", "any", "1", 17, "", "1.15.0"),
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        new Descriptor.Manifest(List.of(), List.of(), null),
                        Map.of(),
                        List.of()))
                .keySet()
                .forEach(path -> paths.add(StreamlitApp.FOLDER + "/" + path));
        return paths;
    }

    /**
     * What the project's rendered Snowflake setup script creates, run by the fake as Snowflake runs it at CREATE
     * APPLICATION: over the files the app's stage would hold (the imported jars, the project's app files).
     */
    public static AppCatalog snowflakeCatalog(String project) throws Exception {
        Set<String> staged = new HashSet<>(Set.of("lib/connector-runtime.jar", "lib/" + project + "-connector.jar"));
        staged.addAll(generatedStreamlit(render(project).get("snowflake/setup.sql")));
        for (Descriptor.AppFiles files : descriptor(project).files()) {
            Path source = project(project).resolve(files.source());
            try (Stream<Path> paths = Files.walk(source)) {
                paths.filter(Files::isRegularFile)
                        .forEach(file -> staged.add(files.target() + "/"
                                + source.relativize(file).toString().replace('\\', '/')));
            }
        }
        return StagedSetupScript.run(render(project).get("snowflake/setup.sql"), staged);
    }
}
