package io.connectorkit.plugin.upgrade;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.AppRole;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.RefusedException;
import io.connectorkit.plugin.configure.ConfigurationFileException;
import io.connectorkit.plugin.configure.WizardConfiguration;
import io.connectorkit.plugin.configure.Wizard;
import io.connectorkit.plugin.local.LocalApp;
import io.connectorkit.plugin.local.LocalConnection;
import io.connectorkit.plugin.operate.Ingestions;
import io.connectorkit.plugin.operate.ResourceSync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.List;

/**
 * The upgrade check on the embedded target, in a scratch app of its own (never the user's deployed app): installs the
 * previous bundle, fills it as a consumer would (the wizard from the configuration file, its resources, one ingestion
 * of each), snapshots it ({@link AppSnapshot}), upgrades it to the current bundle as {@code connector:deploy} does,
 * snapshots it again and compares ({@link UpgradeComparison}). The scratch app is deleted at the end unless kept.
 */
public final class LocalUpgradeCheck {

    /**
     * @param previousBundle the previous version's {@code local/} bundle folder
     * @param previous the previous bundle as messages name it
     * @param currentBundle the current {@code local/} bundle folder (target/connector/app/local)
     * @param currentVersion the project's version
     * @param scratch the scratch app: its home under target/ and its name
     * @param configuration what fills the app
     * @param keep whether the scratch app stays after the check
     */
    public record Request(Path previousBundle, String previous, Path currentBundle, String currentVersion,
            LocalApp scratch, WizardConfiguration configuration, boolean keep) {
    }

    private final Consumer<String> log;
    private final Consumer<String> warn;

    public LocalUpgradeCheck(Consumer<String> log, Consumer<String> warn) {
        this.log = log;
        this.warn = warn;
    }

    /**
     * @return what the upgrade kept and lost; the caller fails the build on a loss
     * @throws UpgradeCheckException when a bundle does not deploy or the app cannot be read
     * @throws RefusedException when the previous version refuses the configuration file's wizard or resources
     */
    public UpgradeComparison run(Request request) throws UpgradeCheckException, AppException, RefusedException,
            ConfigurationFileException {
        LocalApp scratch = request.scratch();
        if (!Files.isRegularFile(request.currentBundle().resolve("setup.sql"))) {
            throw new UpgradeCheckException("There is no current bundle in " + request.currentBundle() + " to upgrade "
                    + "to; build it first: mvn package connector:verify-upgrade");
        }
        try {
            scratch.undeploy(() -> log.accept("Waiting for another goal that holds " + scratch.folder() + "..."));
            deploy(scratch, request.previousBundle(), request.previous(), "The previous bundle " + request.previous());
            log.accept("Installed " + request.previous() + " in the scratch app " + scratch.folder());
            fill(scratch, request.configuration());
            AppSnapshot before = snapshot(scratch);
            deploy(scratch, request.currentBundle(), request.currentVersion(), "The upgrade from "
                    + request.previous() + " to " + request.currentVersion());
            log.accept("Upgraded the scratch app to " + request.currentVersion() + " from " + request.currentBundle());
            AppSnapshot after = snapshot(scratch);
            return UpgradeComparison.between(before, after);
        } finally {
            if (request.keep()) {
                log.accept("The scratch app is kept in " + scratch.folder() + " (connector.keep); JDBC URL: "
                        + scratch.jdbcUrl());
            } else {
                discard(scratch);
            }
        }
    }

    private void deploy(LocalApp scratch, Path bundle, String version, String what) throws UpgradeCheckException {
        try {
            scratch.deploy(bundle, version, () -> { });
        } catch (RuntimeException e) {
            throw new UpgradeCheckException(what + " fails: " + e.getMessage(), e);
        }
    }

    private void fill(LocalApp scratch, WizardConfiguration configuration) throws AppException, RefusedException,
            ConfigurationFileException {
        try (InstalledApp app = scratch.open(AppRole.ADMIN)) {
            new Wizard(app, log, warn).run(configuration, Optional.empty());
            if (configuration.resources().isEmpty() || configuration.resources().get().isEmpty()) {
                warn.accept("The configuration file " + configuration.file() + " has no resources: the check compares "
                        + "the state of the wizard only, without resources or ingested rows");
                return;
            }
            configuration.requireResolved(List.of("resources"));
            log.accept("Resources: " + new ResourceSync(app, log).sync(configuration.resources().get(), false));
            Ingestions.Iteration iteration = new Ingestions(app, log, warn).runNow(null);
            if (iteration.failed() > 0) {
                warn.accept(iteration.failed() + " ingestion(s) failed in the previous version; their failed runs are "
                        + "state the upgrade must keep too");
            }
        }
    }

    private static AppSnapshot snapshot(LocalApp scratch) throws UpgradeCheckException {
        try (LocalConnection connection = scratch.connect()) {
            return AppSnapshot.read(connection.jdbc());
        } catch (SQLException e) {
            throw new UpgradeCheckException("Reading the scratch app " + scratch.folder() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private void discard(LocalApp scratch) {
        try {
            scratch.undeploy(() -> { });
            Path home = scratch.folder().getParent();
            try (var left = Files.list(home)) {
                if (left.allMatch(path -> path.getFileName().toString().endsWith(".lock"))) {
                    BundleArchive.delete(home);
                }
            }
        } catch (RuntimeException | IOException e) {
            warn.accept("The scratch app " + scratch.folder() + " could not be deleted: " + e.getMessage()
                    + "; mvn clean removes it");
        }
    }
}
