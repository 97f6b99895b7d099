package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.Operations;
import io.connectorkit.plugin.operate.StatusReport;
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
 * Shows the connector's status, how far its wizard has come, its sync status and its configuration (secrets
 * masked). With {@code -Dconnector.format=json} it prints one JSON document on standard output for scripts
 * ({@code mvn -q connector:status -Dconnector.format=json}).
 */
@Mojo(name = "status", threadSafe = true)
public final class StatusMojo extends InstalledAppMojo {

    /** {@code text} (the build log) or {@code json} (standard output). */
    @Parameter(property = "connector.format", defaultValue = "text")
    String format;

    /**
     * With {@code json}: the file to write the document to, instead of standard output. Maven 4 passes a plugin's
     * standard output through its log ({@code [INFO] [stdout] …}) unless it runs with {@code --raw-streams}; a file
     * reads the same on every Maven.
     */
    @Parameter(property = "connector.outputFile")
    File outputFile;

    /** Standard output; tests read it. */
    Supplier<PrintStream> standardOutput = () -> System.out;

    @Inject
    public StatusMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) throws MojoFailureException {
        String chosen = format == null ? "text" : format.strip().toLowerCase(Locale.ROOT);
        if (!chosen.equals("text") && !chosen.equals("json")) {
            throw new MojoFailureException(
                    "connector.format '" + format + "' is not a format; use text (the " + "default) or json");
        }
        return app -> {
            StatusReport report = new Operations(app, getLog()::info).status(target().label());
            if (chosen.equals("json")) {
                if (outputFile == null) {
                    standardOutput.get().println(report.toJson());
                } else {
                    writeJson(report.toJson());
                }
            } else {
                report.lines().forEach(getLog()::info);
            }
        };
    }

    private void writeJson(String json) throws MojoFailureException {
        try {
            Path file = outputFile.toPath().toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, json + System.lineSeparator(), StandardCharsets.UTF_8);
            getLog().info("Status written to " + file);
        } catch (IOException e) {
            throw new MojoFailureException(
                    "Cannot write the status to connector.outputFile " + outputFile + ": " + e.getMessage()
                            + "; choose a writable path",
                    e);
        }
    }
}
