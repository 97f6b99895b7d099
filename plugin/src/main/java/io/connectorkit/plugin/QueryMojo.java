package io.connectorkit.plugin;

import io.connectorkit.plugin.app.AppRole;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.QueryException;
import io.connectorkit.plugin.operate.QueryResult;
import io.connectorkit.plugin.operate.QueryRunner;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows rows of the app, read-only: one SELECT ({@code -Dconnector.sql}), a public view ({@code -Dconnector.view})
 * or the destination table of a resource ({@code -Dconnector.resource}), as a table on the build log, or as JSON or
 * CSV on standard output or in a file.
 */
@Mojo(name = "query", threadSafe = true)
public final class QueryMojo extends InstalledAppMojo {

    /** One read-only statement: starts with SELECT or WITH, at most one trailing {@code ;}. */
    @Parameter(property = "connector.sql")
    String sql;

    /** A public view of the app: {@code SYNC_STATUS}, {@code CONNECTOR_STATS}, … */
    @Parameter(property = "connector.view")
    String view;

    /** A resource, by name or id: its destination table is shown. */
    @Parameter(property = "connector.resource")
    String resource;

    /** The most rows shown. */
    @Parameter(property = "connector.limit", defaultValue = "20")
    int limit = QueryRunner.DEFAULT_LIMIT;

    /** {@code table} (the build log), {@code json} (an array of objects) or {@code csv} (RFC 4180, with a header). */
    @Parameter(property = "connector.format", defaultValue = "table")
    String format;

    /** With {@code json} or {@code csv}: the file to write, instead of standard output. */
    @Parameter(property = "connector.outputFile")
    File outputFile;

    /** Standard output; tests read it. */
    Supplier<PrintStream> standardOutput = () -> System.out;

    private QueryRunner.Source source;
    private String chosenFormat;

    @Inject
    public QueryMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    void prepare(Descriptor descriptor) throws MojoFailureException {
        chosenFormat = format == null ? "table" : format.strip().toLowerCase(Locale.ROOT);
        if (!chosenFormat.equals("table") && !chosenFormat.equals("json") && !chosenFormat.equals("csv")) {
            throw new MojoFailureException("connector.format '" + format + "' is not a format of connector:query; use "
                    + "table (the default), json or csv");
        }
        boolean viewer;
        try {
            viewer = AppRole.resolve(role) == AppRole.VIEWER;
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        try {
            QueryRunner.limit(limit);
            source = QueryRunner.source(sql, view, resource, viewer);
        } catch (QueryException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    @Override
    AppWork work(Descriptor descriptor) {
        return app -> {
            QueryResult result;
            try {
                result = new QueryRunner(app).run(source, limit);
            } catch (QueryException e) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            if (chosenFormat.equals("table")) {
                result.lines().forEach(getLog()::info);
                return;
            }
            String document = chosenFormat.equals("json") ? result.toJson() + System.lineSeparator() : result.toCsv();
            if (outputFile == null) {
                standardOutput.get().print(document);
                standardOutput.get().flush();
            } else {
                write(document, result.rows().size());
            }
            if (result.more()) {
                getLog().info(result.moreRows());
            }
        };
    }

    private void write(String document, int rows) throws MojoFailureException {
        try {
            Path file = outputFile.toPath().toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, document, StandardCharsets.UTF_8);
            getLog().info(rows + " row(s) written to " + file);
        } catch (IOException e) {
            throw new MojoFailureException(
                    "Cannot write the rows to connector.outputFile " + outputFile + ": " + e.getMessage()
                            + "; choose a writable path",
                    e);
        }
    }
}
