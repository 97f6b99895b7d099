package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.snowflake.DeployException;
import io.connectorkit.plugin.snowflake.NativeAppInstaller;
import io.connectorkit.plugin.snowflake.ReleaseState;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import io.connectorkit.plugin.target.Target;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Snowflake: lists what the application package releases: its versions and patches, its release channels with the
 * versions each holds, and each channel's release directives. Changes nothing. With {@code -Dconnector.format=json}
 * it prints one JSON document on standard output (or into {@code connector.outputFile}).
 */
@Mojo(name = "release", threadSafe = true)
public final class ReleaseMojo extends AppMojo {

    /** {@code text} (the build log) or {@code json} (standard output, or {@code outputFile}). */
    @Parameter(property = "connector.format", defaultValue = "text")
    String format;

    /** With {@code json}: the file to write the document to, instead of standard output. */
    @Parameter(property = "connector.outputFile")
    File outputFile;

    /** Standard output; tests read it. */
    Supplier<PrintStream> standardOutput = () -> System.out;

    @Inject
    public ReleaseMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (target() != Target.SNOWFLAKE) {
            throw new MojoFailureException("connector:release is a Snowflake goal (release channels and directives "
                    + "exist only there): run it with -Dconnector.target=snowflake");
        }
        String chosen = format == null ? "text" : format.strip().toLowerCase(Locale.ROOT);
        if (!chosen.equals("text") && !chosen.equals("json")) {
            throw new MojoFailureException(
                    "connector.format '" + format + "' is not a format; use text (the " + "default) or json");
        }
        Descriptor app = loadDescriptor();
        NativeAppInstaller.Request names = snowflakeRequest(app, null, false, false, false, null);
        Optional<ReleaseState> state;
        try (SnowflakeSession snowflake = openSnowflake()) {
            state = ReleaseState.read(snowflake, names.app(), names.pkg());
        } catch (DeployException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new MojoFailureException("The Snowflake session failed: " + e.getMessage(), e);
        }
        if (state.isEmpty()) {
            throw new MojoFailureException("There is no application package " + names.pkg() + " in the account; "
                    + "publish first (mvn package connector:publish -Dconnector.target=snowflake), or name the package "
                    + "with -Dconnector.packageName");
        }
        if (chosen.equals("text")) {
            state.get().lines().forEach(getLog()::info);
        } else if (outputFile == null) {
            standardOutput.get().println(state.get().toJson());
        } else {
            write(state.get().toJson());
        }
    }

    private void write(String json) throws MojoFailureException {
        try {
            Path file = outputFile.toPath().toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, json + System.lineSeparator(), StandardCharsets.UTF_8);
            getLog().info("Releases written to " + file);
        } catch (IOException e) {
            throw new MojoFailureException(
                    "Cannot write the releases to connector.outputFile " + outputFile + ": " + e.getMessage()
                            + "; choose a writable path",
                    e);
        }
    }
}
