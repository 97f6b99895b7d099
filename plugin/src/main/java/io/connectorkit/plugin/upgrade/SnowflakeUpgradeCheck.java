package io.connectorkit.plugin.upgrade;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.AppSpecification;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.RefusedException;
import io.connectorkit.plugin.bundle.FileSync;
import io.connectorkit.plugin.configure.ConfigurationFileException;
import io.connectorkit.plugin.configure.Wizard;
import io.connectorkit.plugin.configure.WizardConfiguration;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.Ingestions;
import io.connectorkit.plugin.operate.QueryException;
import io.connectorkit.plugin.operate.QueryResult;
import io.connectorkit.plugin.operate.QueryRunner;
import io.connectorkit.plugin.operate.ResourceSync;
import io.connectorkit.plugin.settings.SettingsResolver;
import io.connectorkit.plugin.snowflake.DeployException;
import io.connectorkit.plugin.snowflake.NativeAppInstaller;
import io.connectorkit.plugin.snowflake.SnowflakeInstalledApp;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import io.connectorkit.plugin.snowflake.TelemetrySharing;
import io.connectorkit.runtime.sql.Identifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upgrade check on a Snowflake account: the previous bundle's {@code snowflake/} files installed as a scratch app
 * {@code <APP>_UPGRADE_CHECK} of a scratch package {@code <APP>_UPGRADE_CHECK_PKG} (development mode, by the same
 * installer as connector:deploy), filled from the configuration file (wizard, resources, one ingestion of each), then
 * upgraded to the current bundle; what the consumer sees of it before and after is compared. The consumer's view is
 * what Snowflake keeps across an upgrade that matters: the rows of the public views, the grants to the app, the status
 * of its specifications and the rows of the destination tables. The deployed app is never touched.
 *
 * <p>An upgrade runs the new setup script over the installed app: objects of versioned schemas (the public views and
 * procedures) exist only if the new script creates them again, and so do their grants to application roles, while
 * tables of unversioned schemas keep their rows
 * (https://docs.snowflake.com/en/developer-guide/native-apps/update-app-versioned-schema,
 * https://docs.snowflake.com/en/developer-guide/native-apps/versioning). That is what a view lost, or no longer
 * granted, shows here.
 */
public final class SnowflakeUpgradeCheck {

    /** The public views of a setup script, as the previous version exposed them. */
    private static final Pattern PUBLIC_VIEW = Pattern.compile(
            "(?im)^\\s*CREATE\\s+(?:OR\\s+(?:REPLACE|ALTER)\\s+)?"
                    + "(?:SECURE\\s+)?VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?PUBLIC\\.(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)");
    /**
     * Views whose rows are measured over a time window ending now, so that the same state reads differently a moment
     * later; their existence and columns are still compared, not their rows.
     */
    private static final Set<String> TIME_WINDOWED =
            Set.of("PUBLIC.CONNECTOR_STATS", "PUBLIC.AGGREGATED_CONNECTOR_STATS", "PUBLIC.GENERIC_CONNECTOR_STATS");

    /**
     * What to check.
     *
     * @param previousBundle the previous version's {@code snowflake/} folder
     * @param previous how messages name the previous version
     * @param currentBundle the current bundle's {@code snowflake/} folder ({@code target/connector/app/snowflake})
     * @param currentVersion the project's version
     * @param userApp the name of the user's own app, which the scratch app is named after
     * @param descriptor the current descriptor (its secret fields, specifications and privileges)
     * @param configuration what fills the scratch app
     * @param telemetry the event sharing the installs authorize, as connector:deploy's
     * @param keep whether the scratch app and package are kept afterwards
     */
    public record Request(
            Path previousBundle,
            String previous,
            Path currentBundle,
            String currentVersion,
            String userApp,
            Descriptor descriptor,
            WizardConfiguration configuration,
            TelemetrySharing telemetry,
            boolean keep) {}

    private final SnowflakeSession session;
    private final Consumer<String> log;
    private final Consumer<String> warn;

    /** A check over the session, which stays the caller's to close. */
    public SnowflakeUpgradeCheck(SnowflakeSession session, Consumer<String> log, Consumer<String> warn) {
        this.session = session;
        this.log = log;
        this.warn = warn;
    }

    /** The scratch app's name for the user's app: {@code GITHUB_CONNECTOR_UPGRADE_CHECK}. */
    public static String scratchName(String userApp) {
        return Identifier.parse(userApp).name().toUpperCase(Locale.ROOT) + "_UPGRADE_CHECK";
    }

    /**
     * Installs, fills, upgrades and compares; drops the scratch app and package afterwards unless asked to keep them.
     *
     * @throws UpgradeCheckException when a bundle is missing or an install, an upgrade or a read fails
     */
    public UpgradeComparison run(Request request)
            throws UpgradeCheckException, AppException, RefusedException, ConfigurationFileException {
        requireBundle(
                request.previousBundle(),
                "The previous bundle " + request.previous() + " has no Snowflake app "
                        + "(snowflake/setup.sql and snowflake/lib/): it is not a zip of connector:bundle, or of a kit too old "
                        + "to hold one; give another with -Dconnector.fromVersion=... or -Dconnector.fromBundle=...");
        requireBundle(
                request.currentBundle(),
                "There is no current bundle in " + request.currentBundle() + " to "
                        + "upgrade to; build it first: mvn package connector:verify-upgrade -Dconnector.target=snowflake");
        String name = scratchName(request.userApp());
        Identifier scratch = Identifier.ofName(name);
        NativeAppInstaller.Request install = new NativeAppInstaller.Request(
                name,
                name + "_PKG",
                Optional.empty(),
                request.descriptor().app().label() + " (upgrade check)",
                false,
                false);
        // Dropping the scratch app takes the objects it made outside itself (its destination database) with it.
        NativeAppInstaller.Request drop =
                new NativeAppInstaller.Request(name, name + "_PKG", Optional.empty(), install.label(), true, false);
        NativeAppInstaller installer = new NativeAppInstaller(session, log, request.telemetry());
        SnowflakeInstalledApp.SecretSchema secrets = new SnowflakeInstalledApp.SecretSchema(
                Identifier.parse(SettingsResolver.secretDatabaseOf(scratch.text())), Identifier.ofName("PUBLIC"));
        SnowflakeInstalledApp app = new SnowflakeInstalledApp(session, scratch, secrets, request.descriptor(), log);
        try {
            // Left over by a check that was kept or interrupted: a check starts from the previous version.
            try {
                installer.undeploy(drop);
            } catch (DeployException e) {
                throw new UpgradeCheckException(
                        "The scratch app " + name + " left by an earlier check cannot be " + "dropped: "
                                + e.getMessage(),
                        e);
            }
            deploy(
                    installer,
                    install,
                    request.previousBundle(),
                    "Installing the previous bundle " + request.previous() + " in the scratch app " + name);
            log.accept("Installed " + request.previous() + " in the scratch app " + name + " (package " + name
                    + "_PKG, development mode)");
            List<String> views = publicViews(request.previousBundle());
            fill(app, scratchConfiguration(request.configuration(), name), request.descriptor());
            AppSnapshot before = snapshot(app, scratch, views, resources(app));
            List<String> destinations = before.tables().keySet().stream()
                    .filter(table -> table.startsWith(DESTINATION))
                    .toList();
            deploy(
                    installer,
                    install,
                    request.currentBundle(),
                    "The upgrade from " + request.previous() + " to " + request.currentVersion());
            log.accept("Upgraded the scratch app " + name + " to " + request.currentVersion() + " from "
                    + request.currentBundle());
            AppSnapshot after = snapshot(
                    app,
                    scratch,
                    views,
                    destinations.stream()
                            .map(table -> table.substring(DESTINATION.length()))
                            .toList());
            UpgradeComparison comparison = UpgradeComparison.between(before, after);
            log.accept("Compared " + String.join(", ", before.tables().keySet()) + " and "
                    + before.grants().size() + " grants of the scratch app");
            return comparison;
        } finally {
            if (request.keep()) {
                log.accept("The scratch app " + name + " and its package " + name + "_PKG are kept (connector.keep); "
                        + "drop them with mvn connector:undeploy -Dconnector.target=snowflake -Dconnector.appName="
                        + name);
            } else {
                discard(installer, drop, secrets);
            }
        }
    }

    /**
     * The configuration with the scratch app's own destination database, {@code <SCRATCH>_DATA}: the scratch app
     * must not write into the deployed app's, and dropping it (CASCADE) drops the database it created.
     */
    private WizardConfiguration scratchConfiguration(WizardConfiguration configuration, String scratch) {
        if (configuration.connector() == null || !configuration.connector().has(DESTINATION_DATABASE)) {
            return configuration;
        }
        ObjectNode connector = configuration.connector().deepCopy();
        String database = scratch + "_DATA";
        log.accept("The scratch app ingests into a database of its own, " + database + ", instead of "
                + connector.path(DESTINATION_DATABASE).asText() + " (connector." + DESTINATION_DATABASE + ")");
        connector.put(DESTINATION_DATABASE, database);
        return new WizardConfiguration(
                configuration.file(),
                configuration.prerequisites(),
                connector,
                configuration.connection(),
                configuration.secrets(),
                configuration.finalizeConfiguration(),
                configuration.resources(),
                configuration.references(),
                configuration.unresolved());
    }

    private static final String DESTINATION_DATABASE = "destination_database";

    /** How the snapshot names a resource's destination table. */
    private static final String DESTINATION = "destination ";

    private static void requireBundle(Path bundle, String message) throws UpgradeCheckException {
        if (!Files.isRegularFile(bundle.resolve("setup.sql")) || !Files.isDirectory(bundle.resolve("lib"))) {
            throw new UpgradeCheckException(message);
        }
    }

    private void deploy(NativeAppInstaller installer, NativeAppInstaller.Request install, Path bundle, String what)
            throws UpgradeCheckException {
        try {
            installer.deploy(install, FileSync.filesUnder(bundle));
        } catch (DeployException e) {
            throw new UpgradeCheckException(what + " fails: " + e.getMessage(), e);
        }
    }

    private void fill(InstalledApp app, WizardConfiguration configuration, Descriptor descriptor)
            throws AppException, RefusedException, ConfigurationFileException {
        if (!descriptor.manifest().specifications().isEmpty()) {
            log.accept("Approving the app specifications of the scratch app, the kit's own in this account, as "
                    + "-Dconnector.approveSpecifications=true would");
        }
        new Wizard(app, log, warn, true).run(configuration, Optional.empty());
        if (configuration.resources().isEmpty()
                || configuration.resources().get().isEmpty()) {
            warn.accept("The configuration file " + configuration.file() + " has no resources: the check compares "
                    + "the state of the wizard only, without resources or ingested rows");
            return;
        }
        configuration.requireResolved(List.of("resources"));
        log.accept("Resources: "
                + new ResourceSync(app, log).sync(configuration.resources().get(), false));
        Ingestions.Iteration iteration = new Ingestions(app, log, warn).runNow(null);
        if (iteration.failed() > 0) {
            warn.accept(iteration.failed() + " ingestion(s) failed in the previous version; their failed runs are "
                    + "state the upgrade must keep too");
        }
    }

    /** The names of the app's resources, from PUBLIC.INGESTION_DEFINITIONS. */
    private static List<String> resources(InstalledApp app) throws AppException {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> row : app.view("INGESTION_DEFINITIONS")) {
            names.add(String.valueOf(row.get("NAME")));
        }
        return List.copyOf(names);
    }

    /** The public views the previous setup script creates, in its order. */
    static List<String> publicViews(Path bundle) throws UpgradeCheckException {
        String script;
        try {
            script = Files.readString(bundle.resolve("setup.sql"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UpgradeCheckException(
                    "The previous bundle's setup script " + bundle.resolve("setup.sql") + " cannot be read: "
                            + e.getMessage(),
                    e);
        }
        Set<String> views = new LinkedHashSet<>();
        Matcher matcher = PUBLIC_VIEW.matcher(script);
        while (matcher.find()) {
            views.add(Identifier.parse(matcher.group(1)).name());
        }
        return List.copyOf(views);
    }

    /**
     * What the consumer sees of the app: each public view's rows (a view it can no longer read is missing), each
     * destination table's rows (by resource), the specifications' statuses as a table, and the grants to the app.
     */
    private AppSnapshot snapshot(
            SnowflakeInstalledApp app, Identifier scratch, List<String> views, List<String> resources)
            throws UpgradeCheckException, AppException {
        Map<String, AppSnapshot.Table> tables = new LinkedHashMap<>();
        for (String view : views) {
            List<Map<String, Object>> rows;
            try {
                rows = app.view(view);
            } catch (AppException e) {
                // Dropped, or no longer granted to the consumer's application role: either way the consumer lost it.
                continue;
            }
            String name = "PUBLIC." + view;
            tables.put(UpgradeComparison.VIEW + name, table(rows, TIME_WINDOWED.contains(name)));
        }
        QueryRunner reader = new QueryRunner(app);
        for (String resource : resources) {
            try {
                QueryResult result = reader.run(new QueryRunner.Resource(resource), QueryRunner.MAX_LIMIT);
                List<Map<String, Object>> rows = new ArrayList<>();
                for (List<Object> values : result.rows()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < result.columns().size(); i++) {
                        row.put(result.columns().get(i).toUpperCase(Locale.ROOT), values.get(i));
                    }
                    rows.add(row);
                }
                tables.put(
                        DESTINATION + resource,
                        new AppSnapshot.Table(
                                result.columns().stream()
                                        .map(column -> column.toUpperCase(Locale.ROOT))
                                        .toList(),
                                List.of(),
                                texts(rows)));
            } catch (QueryException e) {
                // Not ingested yet (before), or gone (after: the comparison names it).
            }
        }
        List<Map<String, Object>> specifications = new ArrayList<>();
        for (AppSpecification specification : app.specifications()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("NAME", specification.name());
            row.put("TYPE", specification.type());
            row.put("STATUS", specification.status());
            row.put("DEFINITION", specification.definition());
            specifications.add(row);
        }
        if (!specifications.isEmpty()) {
            tables.put(
                    "SPECIFICATIONS",
                    new AppSnapshot.Table(
                            List.of("NAME", "TYPE", "STATUS", "DEFINITION"), List.of("NAME"), texts(specifications)));
        }
        return new AppSnapshot(tables, grants(scratch));
    }

    private static AppSnapshot.Table table(List<Map<String, Object>> rows, boolean columnsOnly) {
        List<String> columns =
                rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).keySet());
        return new AppSnapshot.Table(columns, List.of(), columnsOnly ? List.of() : texts(rows));
    }

    private static List<Map<String, String>> texts(List<Map<String, Object>> rows) {
        List<Map<String, String>> texts = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, String> text = new LinkedHashMap<>();
            row.forEach((column, value) -> text.put(column, value == null ? null : value.toString()));
            texts.add(text);
        }
        return texts;
    }

    /**
     * The grants to the app, one line each: {@code USAGE ON WAREHOUSE CONNECTOR_WH}
     * (https://docs.snowflake.com/en/sql-reference/sql/show-grants: columns privilege, granted_on, name).
     */
    private Set<String> grants(Identifier scratch) throws UpgradeCheckException {
        Set<String> grants = new TreeSet<>();
        try {
            for (Map<String, Object> row : session.query("SHOW GRANTS TO APPLICATION " + scratch.sql())) {
                Map<String, Object> lower = new LinkedHashMap<>();
                row.forEach((column, value) -> lower.put(column.toLowerCase(Locale.ROOT), value));
                grants.add(lower.get("privilege") + " ON " + lower.get("granted_on") + " " + lower.get("name"));
            }
        } catch (SQLException e) {
            throw new UpgradeCheckException(
                    "Listing the grants to the scratch app " + scratch.name() + " failed: " + e.getMessage()
                            + " (Snowflake error " + e.getErrorCode() + ")",
                    e);
        }
        return grants;
    }

    /**
     * Drops the scratch app and package, and the database of its secrets. The app goes with CASCADE, which also drops
     * what it owns outside itself, its destination database; without it Snowflake refuses to drop an app that owns
     * such objects (https://docs.snowflake.com/en/sql-reference/sql/drop-application).
     */
    private void discard(
            NativeAppInstaller installer,
            NativeAppInstaller.Request install,
            SnowflakeInstalledApp.SecretSchema secrets) {
        try {
            installer.undeploy(install);
            // The SECRET objects the wizard made for the scratch app, in a database of their own
            // (https://docs.snowflake.com/en/sql-reference/sql/drop-database).
            session.execute("DROP DATABASE IF EXISTS " + secrets.database().sql() + " CASCADE");
        } catch (DeployException | SQLException e) {
            warn.accept("The scratch app " + install.app() + " or its package " + install.pkg() + " could not be "
                    + "dropped: " + e.getMessage() + "; drop them with mvn connector:undeploy "
                    + "-Dconnector.target=snowflake -Dconnector.appName=" + install.app());
        }
    }
}
