package io.connectorkit.plugin.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.PlainTextOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.connectorkit.plugin.descriptor.Descriptor;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a connector app from its descriptor with the FreeMarker templates of connector-templates, which a project
 * overrides file by file from its own templates folder.
 */
public final class AppRenderer {

    /** Where the bundled templates live, in the connector-templates jar. */
    static final String TEMPLATES = "/io/connectorkit/templates";

    /** Each output of the app and the template that renders it. */
    private static final List<Output> OUTPUTS = List.of(
            new Output(Dialect.SNOWFLAKE, "snowflake/setup.sql", "snowflake/setup.sql.ftl"),
            new Output(Dialect.SNOWFLAKE, "snowflake/manifest.yml", "snowflake/manifest.yml.ftl"),
            new Output(Dialect.SNOWFLAKE, "snowflake/README.md", "snowflake/README.md.ftl"),
            new Output(Dialect.SNOWFLAKE, "snowflake.yml", "snowflake/snowflake.yml.ftl"),
            new Output(Dialect.LOCAL, "local/setup.sql", "local/setup.sql.ftl"),
            new Output(Dialect.LOCAL, "local/README.md", "local/README.md.ftl"));

    private record Output(Dialect dialect, String path, String template) {}

    private final Configuration freemarker;

    /** A renderer whose templates may be overridden from the folder (which need not exist). */
    public AppRenderer(Path overrides) {
        this.freemarker = configuration(overrides);
    }

    /** The rendered files, by their path inside the app folder. */
    public Map<String, String> render(Descriptor descriptor, AppInputs inputs) throws RenderException {
        Map<String, String> files = new LinkedHashMap<>();
        for (Output output : OUTPUTS) {
            Map<String, Object> model = new AppModel(descriptor, inputs, output.dialect()).toMap();
            try {
                Template template = freemarker.getTemplate(output.template());
                StringWriter text = new StringWriter();
                template.process(model, text);
                files.put(output.path(), text.toString());
            } catch (TemplateException e) {
                throw new RenderException(
                        "The template " + output.template() + " failed at line " + e.getLineNumber() + ": "
                                + e.getMessageWithoutStackTop(),
                        e);
            } catch (IOException e) {
                throw new RenderException(
                        "The template " + output.template() + " cannot be read: " + e.getMessage(), e);
            }
        }
        return files;
    }

    /** The paths of the rendered files, for callers that clean up what a previous rendering left. */
    public static List<String> outputPaths() {
        List<String> paths = new ArrayList<>();
        OUTPUTS.forEach(output -> paths.add(output.path()));
        return paths;
    }

    private static Configuration configuration(Path overrides) {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_35);
        configuration.setDefaultEncoding("UTF-8");
        configuration.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setLocalizedLookup(false);
        // Templates come from this plugin's own class loader; Maven's thread context loader is not ours.
        TemplateLoader bundled = new ClassTemplateLoader(AppRenderer.class, TEMPLATES);
        try {
            configuration.setTemplateLoader(
                    overrides != null && Files.isDirectory(overrides)
                            ? new MultiTemplateLoader(
                                    new TemplateLoader[] {new FileTemplateLoader(overrides.toFile()), bundled})
                            : bundled);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The template folder " + overrides + " cannot be read: " + e.getMessage(), e);
        }
        return configuration;
    }

    /** A template could not be rendered. */
    public static final class RenderException extends Exception {
        private static final long serialVersionUID = 1L;

        RenderException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
