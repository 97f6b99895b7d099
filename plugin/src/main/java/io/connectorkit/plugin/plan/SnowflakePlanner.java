package io.connectorkit.plugin.plan;

import io.connectorkit.plugin.bundle.FileSync;
import io.connectorkit.plugin.plan.Change.Kind;
import io.connectorkit.plugin.plan.Change.Section;
import io.connectorkit.plugin.snowflake.DeployException;
import io.connectorkit.plugin.snowflake.DeployedCopies;
import io.connectorkit.plugin.snowflake.DeployedStage;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import io.connectorkit.plugin.snowflake.StagePlan;
import io.connectorkit.runtime.sql.Identifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a deploy to Snowflake: the package stage's files (LIST's MD5 against the bundle's, as the deploy's sync
 * compares them), and the setup script's and manifest's changes against the copies the last deploy from this
 * project kept, trusted only while the stage still holds them. It sends SHOW and LIST statements only.
 */
public final class SnowflakePlanner {

    private final SnowflakeSession session;
    private final DeployedCopies copies;
    private final String connection;

    /**
     * @param copies the copies deploys keep
     * @param connection the connection's name, as the copies are kept by
     */
    public SnowflakePlanner(SnowflakeSession session, DeployedCopies copies, String connection) {
        this.session = session;
        this.copies = copies;
        this.connection = connection;
    }

    /**
     * @param app the application's name
     * @param pkg the application package's name
     * @param bundle the bundle's {@code snowflake} folder
     * @throws DeployException when Snowflake refuses a SHOW or LIST
     */
    public Plan plan(String app, String pkg, Path bundle) throws DeployException {
        Map<String, Path> files = FileSync.filesUnder(bundle);
        DeployedStage deployed = DeployedStage.read(session, app, pkg);
        String appName = Identifier.parse(app).name();
        String pkgName = Identifier.parse(pkg).name();
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!deployed.packageExists()) {
            changes.add(new Change(
                    Section.APPLICATION,
                    Kind.ADDED,
                    "application package " + pkgName,
                    "created, with " + "its stage @" + pkgName + ".APP_SRC.STAGE"));
        } else if (!deployed.packageIsOurs()) {
            notes.add("application package " + pkgName + " exists but was not created by Connector Kit (its comment "
                    + "lacks " + DeployedStage.marker()
                    + "): connector:deploy refuses it unless -Dconnector.force=true");
        }
        if (deployed.appExists() && !deployed.appIsOurs()) {
            notes.add("application " + appName + " exists but was not created by Connector Kit: connector:deploy "
                    + "refuses it unless -Dconnector.force=true");
        }
        StagePlan sync = deployed.planFor(files);
        for (String path : sync.upload()) {
            Path file = files.get(path);
            if (!deployed.stage().containsKey(path)) {
                changes.add(new Change(Section.FILES, Kind.ADDED, path, LocalPlanner.size(file)));
            } else if (deployed.holds(path, file)) {
                // REMOVE '@stage/p' takes every file whose path starts with p, so an unchanged file goes up again.
                changes.add(new Change(
                        Section.FILES,
                        Kind.CHANGED,
                        path,
                        "uploaded again: a removed path is a prefix "
                                + "of it (https://docs.snowflake.com/en/sql-reference/sql/remove)"));
            } else {
                changes.add(new Change(Section.FILES, Kind.CHANGED, path, LocalPlanner.size(file)));
            }
        }
        sync.remove().forEach(path -> changes.add(Change.of(Section.FILES, Kind.REMOVED, path)));

        Path script = bundle.resolve("setup.sql");
        Optional<String> deployedScript = deployedText(deployed, appName, "setup.sql", script, notes);
        deployedScript.ifPresent(text -> changes.addAll(SetupDiff.between(
                SetupObjects.parse(text, true), SetupObjects.parse(LocalPlanner.read(script), true))));
        Path manifest = bundle.resolve("manifest.yml");
        Optional<String> deployedManifest = Files.isRegularFile(manifest)
                ? deployedText(deployed, appName, "manifest.yml", manifest, notes)
                : Optional.empty();
        if (!Files.isRegularFile(manifest)) {
            notes.add("the bundle has no manifest.yml (Snowflake needs one); build it with mvn package");
        }
        if (deployedManifest.isPresent()) {
            try {
                changes.addAll(ManifestDiff.between(deployedManifest.get(), LocalPlanner.read(manifest)));
            } catch (ManifestDiff.UnreadableManifestException e) {
                notes.add(e.getMessage() + "; the manifests are not compared");
            }
        }
        if (!deployed.appExists()) {
            changes.add(new Change(
                    Section.APPLICATION,
                    Kind.ADDED,
                    "application " + appName,
                    "created from " + "application package " + pkgName));
        } else if (!changes.isEmpty()) {
            changes.add(new Change(
                    Section.APPLICATION,
                    Kind.CHANGED,
                    "application " + appName,
                    "upgraded (from the "
                            + "stage in development mode, or from the version or patch connector:deploy adds); its state, "
                            + "configuration, resources and ingested rows are kept"));
        }
        return new Plan("Snowflake", appName, changes, notes);
    }

    /**
     * The deployed text of a kept file, for comparing with the bundle's: nothing for an app not created yet; the
     * bundle's own when the stage holds it unchanged; the kept copy while the stage holds that; otherwise unknown
     * (a note says why), since a guess would mislead a reviewer.
     */
    private Optional<String> deployedText(
            DeployedStage deployed, String app, String name, Path local, List<String> notes) {
        if (!deployed.appExists()) {
            return Optional.of("");
        }
        if (deployed.holds(name, local)) {
            return Optional.of(LocalPlanner.read(local));
        }
        Optional<Path> copy = copies.copy(connection, app, name);
        if (copy.isEmpty()) {
            notes.add("deployed " + describe(name) + " unknown (deployed before the kit kept a copy): " + what(name)
                    + " not compared; the next deploy keeps a copy");
            return Optional.empty();
        }
        if (!deployed.holds(name, copy.get())) {
            notes.add("deployed " + describe(name) + " unknown: the stage's " + name + " is not the copy this project "
                    + "kept (deployed from elsewhere?), so " + what(name) + " not compared");
            return Optional.empty();
        }
        return Optional.of(LocalPlanner.read(copy.get()));
    }

    private static String describe(String name) {
        return name.equals("setup.sql") ? "setup script" : "manifest";
    }

    private static String what(String name) {
        return name.equals("setup.sql") ? "its objects and grants are" : "its privileges and references are";
    }
}
