package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.StatsReader;
import io.connectorkit.plugin.operate.StatsReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import java.time.Clock;

/**
 * Shows the rows the connector ingested per hour, as a table with a bar per hour, and writes the same picture as a
 * self-contained HTML page ({@code target/connector/stats.html}).
 */
@Mojo(name = "stats", threadSafe = true)
public final class StatsMojo extends InstalledAppMojo {

    /** How many hours to show, ending with the current hour (UTC); hours without runs are shown as zero. */
    @Parameter(property = "connector.hours", defaultValue = "24")
    int hours;

    /** The HTML page written. */
    @Parameter(property = "connector.statsFile", defaultValue = "${project.build.directory}/connector/stats.html")
    File statsFile;

    @Inject
    public StatsMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) throws MojoFailureException {
        if (hours < 1) {
            throw new MojoFailureException("connector.hours=" + hours + " shows nothing; give a number of hours of 1 or "
                    + "more (default 24)");
        }
        return app -> {
            StatsReport report = new StatsReader(app, Clock.systemUTC()).read(hours);
            report.lines().forEach(getLog()::info);
            try {
                Files.createDirectories(statsFile.toPath().toAbsolutePath().getParent());
                Files.writeString(statsFile.toPath(), report.html(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MojoFailureException("Cannot write " + shown(statsFile) + ": " + e.getMessage(), e);
            }
            getLog().info("Chart: " + shown(statsFile));
        };
    }
}
