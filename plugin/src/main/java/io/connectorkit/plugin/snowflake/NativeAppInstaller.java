package io.connectorkit.plugin.snowflake;

import io.connectorkit.plugin.render.Dialect;
import io.connectorkit.runtime.sql.Identifier;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Installs a bundle as a Snowflake Native App: the application package (marked as the kit's), its stage synced with
 * the bundle, then the application created or upgraded from the stage's files (development mode) or from a version
 * of the package (versioned mode). Every step can be run again; an interrupted deploy converges on the next one.
 */
public final class NativeAppInstaller {

    /** Marks the objects the kit created; it refuses to change or drop objects without it. */
    static final String MARKER = PackageStage.MARKER;

    /**
     * What to install.
     *
     * @param app the application's name
     * @param pkg the application package's name
     * @param version the version to add and install; empty for development mode (the stage's files)
     * @param label the version's label
     * @param force whether the app may be dropped and recreated when it cannot be upgraded, and objects without the
     *     kit's marker adopted
     * @param validate whether Snowflake validates the setup script before the app is installed
     * @param releaseChannel the release channel to publish the version in (its default release directive then names
     *     the version and patch installed); empty = publish nowhere
     * @param snowparkVersion the Snowpark version the bundle's procedures pin ({@code app.snowparkVersion}), which
     *     validation checks Snowflake offers; empty = not checked
     */
    public record Request(
            String app,
            String pkg,
            Optional<String> version,
            String label,
            boolean force,
            boolean validate,
            Optional<String> releaseChannel,
            Optional<String> snowparkVersion) {

        /** A request that publishes in no release channel. */
        public Request(
                String app, String pkg, Optional<String> version, String label, boolean force, boolean validate) {
            this(app, pkg, version, label, force, validate, Optional.empty());
        }

        /** A request that leaves the Snowpark version unchecked. */
        public Request(
                String app,
                String pkg,
                Optional<String> version,
                String label,
                boolean force,
                boolean validate,
                Optional<String> releaseChannel) {
            this(app, pkg, version, label, force, validate, releaseChannel, Optional.empty());
        }
    }

    /** A version and patch of the package, as installed by {@code USING VERSION v PATCH n}. */
    private record VersionPatch(Identifier version, int patch) {

        String using() {
            return "USING VERSION " + version.sql() + " PATCH " + patch;
        }
    }

    private final SnowflakeSession session;
    private final Consumer<String> log;
    private final TelemetrySharing telemetry;

    public NativeAppInstaller(SnowflakeSession session, Consumer<String> log) {
        this(session, log, TelemetrySharing.NOT_AUTHORIZED);
    }

    /** An installer that authorizes event sharing as {@code telemetry} says when it creates or upgrades the app. */
    public NativeAppInstaller(SnowflakeSession session, Consumer<String> log, TelemetrySharing telemetry) {
        this.session = session;
        this.log = log;
        this.telemetry = telemetry;
    }

    /** Deploys the bundle's files; answers the stage sync's result. */
    public StageSync.Result deploy(Request request, Map<String, Path> files) throws DeployException {
        Identifier app = Identifier.parse(request.app());
        Identifier pkg = Identifier.parse(request.pkg());
        if (request.releaseChannel().isPresent() && request.version().isEmpty()) {
            throw new DeployException(
                    "Publishing in release channel " + request.releaseChannel().get() + " needs a "
                            + "version: deploy with -Dconnector.version=<name> or -Dconnector.versioned=true, or drop "
                            + "-Dconnector.releaseChannel");
        }
        Optional<Identifier> channel = request.releaseChannel().isPresent()
                ? Optional.of(channel(request.releaseChannel().get()))
                : Optional.empty();
        String stageLocation = PackageStage.stageLocation(pkg);
        SnowflakeStatements statements = statements(request);
        PackageStage packageStage = new PackageStage(statements, log);
        StageSync.Result synced = packageStage.prepare(
                new PackageStage.Request(pkg, request.force(), request.validate(), request.snowparkVersion()), files);
        Optional<Map<String, Object>> existingApp = find("SHOW APPLICATIONS", app, "listing applications", request);
        if (existingApp.isPresent()) {
            packageStage.requireOurs(existingApp.get(), "application", app, request.force());
        }
        if (request.version().isPresent()) {
            Identifier version = Identifier.ofName(request.version().get());
            VersionPatch added = addVersionOrPatch(pkg, version, stageLocation, channel, request);
            if (channel.isPresent()) {
                publish(pkg, channel.get(), added, request);
            }
            install(app, pkg, existingApp.isPresent(), added.using(), request);
        } else {
            install(app, pkg, existingApp.isPresent(), "USING " + stageLocation, request);
        }
        return synced;
    }

    /** Drops the application, then its package; refuses objects the kit did not create. */
    public void undeploy(Request request) throws DeployException {
        Identifier app = Identifier.parse(request.app());
        Identifier pkg = Identifier.parse(request.pkg());
        Optional<Map<String, Object>> existingApp = find("SHOW APPLICATIONS", app, "listing applications", request);
        PackageStage packageStage = new PackageStage(statements(request), log);
        if (existingApp.isPresent()) {
            packageStage.requireOurs(existingApp.get(), "application", app, false);
            drop(app, request);
            log.accept("Dropped application " + app.name());
        }
        Optional<Map<String, Object>> existingPackage =
                find("SHOW APPLICATION PACKAGES", pkg, "listing packages", request);
        if (existingPackage.isPresent()) {
            packageStage.requireOurs(existingPackage.get(), "application package", pkg, false);
            run("DROP APPLICATION PACKAGE IF EXISTS " + pkg.sql(), "dropping the application package", request);
            log.accept("Dropped application package " + pkg.name());
        }
        if (existingApp.isEmpty() && existingPackage.isEmpty()) {
            log.accept("Neither application " + app.name() + " nor package " + pkg.name() + " exists (nothing to "
                    + "undeploy)");
        }
    }

    /**
     * Adds the version, or a patch to it if it exists, and answers the patch made. A package with release channels
     * (new packages have them, for good) takes REGISTER VERSION and refuses ADD VERSION; one without them takes ADD
     * VERSION. Either makes patch 0; ADD PATCH answers the patch's number. Release channels are only looked up when
     * they matter, so redeploying a version costs no more statements than before.
     * https://docs.snowflake.com/en/developer-guide/native-apps/release-channels
     */
    private VersionPatch addVersionOrPatch(
            Identifier pkg, Identifier version, String stageLocation, Optional<Identifier> channel, Request request)
            throws DeployException {
        boolean exists =
                query("SHOW VERSIONS IN APPLICATION PACKAGE " + pkg.sql(), "listing versions", request).stream()
                        .anyMatch(row -> version.name().equals(String.valueOf(row.get("version"))));
        Optional<List<String>> channels =
                exists && channel.isEmpty() ? Optional.empty() : Optional.of(releaseChannels(pkg, request));
        if (channel.isPresent()) {
            requireChannel(pkg, channel.get(), channels.get());
        }
        if (exists) {
            List<Map<String, Object>> rows = query(
                    "ALTER APPLICATION PACKAGE " + pkg.sql() + " ADD PATCH FOR VERSION " + version.sql() + " USING "
                            + stageLocation,
                    "adding a patch to version " + version.name(),
                    request);
            int patch = ReleasePublisher.patchNumber(rows, version);
            log.accept("Added patch " + patch + " to version " + version.name() + " of " + pkg.name());
            return new VersionPatch(version, patch);
        }
        String label = " LABEL = " + Dialect.SNOWFLAKE.sqlLiteral(request.label());
        if (channels.get().isEmpty()) {
            run(
                    "ALTER APPLICATION PACKAGE " + pkg.sql() + " ADD VERSION " + version.sql() + " USING "
                            + stageLocation + label,
                    "adding version " + version.name(),
                    request);
            log.accept("Added version " + version.name() + " to " + pkg.name());
        } else {
            run(
                    "ALTER APPLICATION PACKAGE " + pkg.sql() + " REGISTER VERSION " + version.sql() + " USING "
                            + stageLocation + label,
                    "registering version " + version.name(),
                    request);
            log.accept("Registered version " + version.name() + " in " + pkg.name() + " (release channels "
                    + String.join(", ", channels.get()) + ")");
        }
        return new VersionPatch(version, 0);
    }

    /** The names of the package's release channels; none for a package without them. */
    private List<String> releaseChannels(Identifier pkg, Request request) throws DeployException {
        return ReleaseState.releaseChannels(statements(request), pkg).stream()
                .map(row -> String.valueOf(row.get("name")))
                .toList();
    }

    private static void requireChannel(Identifier pkg, Identifier channel, List<String> channels)
            throws DeployException {
        if (channels.isEmpty()) {
            throw new DeployException("Cannot publish in release channel " + channel.name() + ": application package "
                    + pkg.name() + " has no release channels (it was created without them, and they cannot be added "
                    + "to it); drop -Dconnector.releaseChannel, or undeploy and deploy again to get a package with "
                    + "release channels");
        }
        if (!channels.contains(channel.name())) {
            throw new DeployException("Application package " + pkg.name() + " has no release channel "
                    + channel.name() + "; choose one of " + String.join(", ", channels)
                    + " with -Dconnector.releaseChannel");
        }
    }

    /**
     * Adds the version to the release channel (if it is not there yet) and points the channel's default release
     * directive at the version and patch.
     * https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-channel
     */
    private void publish(Identifier pkg, Identifier channel, VersionPatch added, Request request)
            throws DeployException {
        String modify = "ALTER APPLICATION PACKAGE " + pkg.sql() + " MODIFY RELEASE CHANNEL " + channel.sql();
        try {
            session.execute(modify + " ADD VERSION " + added.version().sql());
            log.accept("Added version " + added.version().name() + " to release channel " + channel.name());
        } catch (SQLException e) {
            if (e.getErrorCode() != SnowflakeErrors.VERSION_ALREADY_ADDED_TO_RELEASE_CHANNEL) {
                throw SnowflakeErrors.explain(
                        e,
                        "adding version " + added.version().name() + " to release channel " + channel.name(),
                        request.app(),
                        request.pkg());
            }
        }
        run(
                modify + " SET DEFAULT RELEASE DIRECTIVE VERSION = "
                        + added.version().sql() + " PATCH = " + added.patch(),
                "setting the default release directive of release channel " + channel.name(),
                request);
        log.accept("Release channel " + channel.name() + " of " + pkg.name() + " now releases version "
                + added.version().name() + " patch " + added.patch());
    }

    private static Identifier channel(String name) throws DeployException {
        try {
            return Identifier.parse(name);
        } catch (Identifier.InvalidIdentifierException e) {
            throw new DeployException(
                    "-Dconnector.releaseChannel=" + name + " is not a release channel's name: " + e.reason());
        }
    }

    private void install(Identifier app, Identifier pkg, boolean exists, String source, Request request)
            throws DeployException {
        if (!exists) {
            create(app, pkg, source, request);
            return;
        }
        try {
            session.execute("ALTER APPLICATION " + app.sql() + " UPGRADE " + source);
            // https://docs.snowflake.com/en/developer-guide/native-apps/versioning: an upgrade runs the new setup
            // script over the installed app, whose tables and data stay.
            log.accept("Upgraded application " + app.name() + " " + source + ": its state, configuration, resources "
                    + "and ingested rows were kept");
            telemetry.afterUpgrade(session, app, request, log);
        } catch (SQLException e) {
            if (!SnowflakeErrors.NEEDS_RECREATE.contains(e.getErrorCode()) || !request.force()) {
                throw SnowflakeErrors.explain(e, "upgrading the application", request.app(), request.pkg());
            }
            log.accept("Application " + app.name() + " cannot be upgraded (Snowflake error " + e.getErrorCode()
                    + "); dropping and recreating it, as -Dconnector.force=true allows");
            drop(app, request);
            create(app, pkg, source, request);
        }
    }

    /**
     * Drops the application. Snowflake refuses (93128) while the app owns objects outside itself, such as a database
     * it created; DROP APPLICATION … CASCADE drops those too, which only -Dconnector.force=true allows.
     * https://docs.snowflake.com/en/sql-reference/sql/drop-application
     */
    private void drop(Identifier app, Request request) throws DeployException {
        try {
            session.execute("DROP APPLICATION IF EXISTS " + app.sql());
            return;
        } catch (SQLException e) {
            if (e.getErrorCode() != SnowflakeErrors.APPLICATION_OWNS_EXTERNAL_OBJECTS || !request.force()) {
                throw SnowflakeErrors.explain(e, "dropping the application", request.app(), request.pkg());
            }
            log.accept("Application " + app.name() + " owns objects outside itself (" + SnowflakeErrors.describe(e)
                    + "); dropping them with it (CASCADE), as -Dconnector.force=true allows");
        }
        run(
                "DROP APPLICATION IF EXISTS " + app.sql() + " CASCADE",
                "dropping the application and the objects it " + "owns",
                request);
    }

    private void create(Identifier app, Identifier pkg, String source, Request request) throws DeployException {
        run(
                "CREATE APPLICATION " + app.sql() + " FROM APPLICATION PACKAGE " + pkg.sql() + " " + source
                        + telemetry.createClause() + " COMMENT = '" + MARKER + "'",
                "creating the application",
                request);
        log.accept("Created application " + app.name() + " " + source);
        telemetry.afterCreate(session, app, request, log);
    }

    /** The row of the named object in a SHOW listing; names are compared in Java, so none goes into the SQL. */
    private Optional<Map<String, Object>> find(String show, Identifier name, String doing, Request request)
            throws DeployException {
        return statements(request).find(show, name, doing);
    }

    private SnowflakeStatements statements(Request request) {
        return new SnowflakeStatements(session, request.app(), request.pkg(), SnowflakeErrors.Goal.DEPLOY);
    }

    private List<Map<String, Object>> query(String sql, String doing, Request request, Object... values)
            throws DeployException {
        try {
            return session.query(sql, values);
        } catch (SQLException e) {
            throw SnowflakeErrors.explain(e, doing, request.app(), request.pkg());
        }
    }

    private void run(String sql, String doing, Request request) throws DeployException {
        try {
            session.execute(sql);
        } catch (SQLException e) {
            throw SnowflakeErrors.explain(e, doing, request.app(), request.pkg());
        }
    }
}
