package io.connectorkit.plugin.generate;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.render.AppInputs;
import io.connectorkit.plugin.render.AppRenderer;
import io.connectorkit.plugin.render.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a descriptor into the files of the app: the rendered templates of both dialects, with the connector's own
 * SQL scripts read in. Maven-free; the generate goal decides where the files go.
 */
public final class AppGenerator {

    private final AppRenderer renderer;
    private final String generator;
    private final Path baseDirectory;

    /**
     * @param templateOverrides the project's template folder, which may not exist
     * @param generator who generates, for the files' headers
     * @param baseDirectory the project folder, against which script paths are shown
     */
    public AppGenerator(Path templateOverrides, String generator, Path baseDirectory) {
        this.renderer = new AppRenderer(templateOverrides);
        this.generator = generator;
        this.baseDirectory = baseDirectory;
    }

    /** The app's files by their path in the app folder; {@code libraries} are the jars the app imports. */
    public Map<String, String> generate(Descriptor descriptor, List<String> libraries)
            throws AppRenderer.RenderException {
        Map<Dialect, List<AppInputs.Script>> scripts = new EnumMap<>(Dialect.class);
        for (Dialect dialect : Dialect.values()) {
            scripts.put(
                    dialect,
                    descriptor.extraSql().getOrDefault(dialect.folder(), List.of()).stream()
                            .map(this::script)
                            .toList());
        }
        return renderer.render(descriptor, new AppInputs(generator, libraries, scripts));
    }

    private AppInputs.Script script(Path path) {
        try {
            String shown = baseDirectory
                    .toAbsolutePath()
                    .relativize(path.toAbsolutePath())
                    .toString()
                    .replace('\\', '/');
            return new AppInputs.Script(
                    shown, Files.readString(path, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the connector's SQL script " + path, e);
        }
    }
}
