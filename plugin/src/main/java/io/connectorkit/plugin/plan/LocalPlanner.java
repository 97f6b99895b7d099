package io.connectorkit.plugin.plan;

import io.connectorkit.plugin.bundle.FileSync;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.plan.Change.Kind;
import io.connectorkit.plugin.plan.Change.Section;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plans a deploy to the embedded target by comparing the bundle's {@code local} folder with the deployed app's
 * folder: its jars, and the copy of the setup script the last deploy ran. It only reads files: the app's database
 * is not opened.
 */
public final class LocalPlanner {

    /** What a plan says when it cannot compare the setup scripts, rather than guess. */
    static final String UNKNOWN_SETUP = "deployed setup script unknown (deployed before the kit kept a copy)";

    private LocalPlanner() {}

    /**
     * @param app the app on the embedded target
     * @param bundle the bundle's {@code local} folder ({@code setup.sql} and {@code lib/})
     * @param version the version the bundle deploys
     */
    public static Plan plan(LocalApp app, Path bundle, String version) {
        Path script = bundle.resolve("setup.sql");
        Map<String, Path> jars =
                Files.isDirectory(bundle.resolve("lib")) ? FileSync.filesUnder(bundle.resolve("lib")) : Map.of();
        SetupObjects next = SetupObjects.parse(read(script), false);
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!app.isDeployed()) {
            changes.add(new Change(
                    Section.APPLICATION, Kind.ADDED, "embedded app " + app.name(), "created, version " + version));
            changes.add(new Change(Section.FILES, Kind.ADDED, "setup.sql", size(script)));
            new TreeMap<>(jars)
                    .forEach((path, file) ->
                            changes.add(new Change(Section.FILES, Kind.ADDED, "lib/" + path, size(file))));
            changes.addAll(SetupDiff.between(SetupObjects.NONE, next));
            return new Plan("the embedded target", app.name(), changes, notes);
        }
        Map<String, Path> deployedJars =
                Files.isDirectory(app.libraries()) ? FileSync.filesUnder(app.libraries()) : Map.of();
        List<Change> jarChanges = new ArrayList<>();
        new TreeMap<>(jars).forEach((path, file) -> {
            Path deployed = deployedJars.get(path);
            if (deployed == null) {
                jarChanges.add(new Change(Section.FILES, Kind.ADDED, "lib/" + path, size(file)));
            } else if (!sameBytes(deployed, file)) {
                jarChanges.add(new Change(Section.FILES, Kind.CHANGED, "lib/" + path, size(file)));
            }
        });
        new TreeMap<>(deployedJars)
                .keySet().stream()
                        .filter(path -> !jars.containsKey(path))
                        .forEach(path -> jarChanges.add(Change.of(Section.FILES, Kind.REMOVED, "lib/" + path)));
        Optional<Path> copy = app.deployedSetupScript();
        if (copy.isPresent()) {
            if (!sameBytes(copy.get(), script)) {
                changes.add(new Change(Section.FILES, Kind.CHANGED, "setup.sql", size(script)));
            }
            changes.addAll(jarChanges);
            changes.addAll(SetupDiff.between(SetupObjects.parse(read(copy.get()), false), next));
        } else if (app.isDeployedFrom(bundle).orElse(false)) {
            changes.addAll(jarChanges);
        } else {
            if (jarChanges.isEmpty()) {
                // The deploy's fingerprint covers the script and the jars: with the same jars, the script differs.
                changes.add(new Change(Section.FILES, Kind.CHANGED, "setup.sql", size(script)));
            }
            changes.addAll(jarChanges);
            notes.add(UNKNOWN_SETUP + ": " + (jarChanges.isEmpty() ? "" : "whether setup.sql changes, and ")
                    + "its objects and grants are not compared; the next deploy keeps a copy");
        }
        if (!changes.isEmpty()) {
            String deployedVersion = app.readMarker()
                    .map(marker -> marker.getProperty("version", ""))
                    .orElse("");
            changes.add(new Change(
                    Section.APPLICATION,
                    Kind.CHANGED,
                    "embedded app " + app.name(),
                    "upgraded in place"
                            + (deployedVersion.equals(version) || deployedVersion.isEmpty()
                                    ? ""
                                    : " from version " + deployedVersion + " to " + version)
                            + "; its state, configuration, resources and ingested rows are kept"));
        }
        return new Plan("the embedded target", app.name(), changes, notes);
    }

    static String size(Path file) {
        try {
            return Files.size(file) + " bytes";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + "; build the bundle with mvn package", e);
        }
    }

    static boolean sameBytes(Path one, Path other) {
        try {
            return Files.mismatch(one, other) == -1L;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compare " + one + " with " + other, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + "; build the bundle with mvn package", e);
        }
    }
}
