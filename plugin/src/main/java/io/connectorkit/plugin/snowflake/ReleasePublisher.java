package io.connectorkit.plugin.snowflake;

import io.connectorkit.plugin.render.Dialect;
import io.connectorkit.runtime.sql.Identifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Publishes the bundle as a release of the application package: the stage synced as a deploy syncs it, the version
 * registered (or a patch added when the bundle differs from the version's newest patch), the version added to a
 * release channel, and a release directive of the channel pointed at the version and patch. Each step is taken only
 * when the package is not there yet, so publishing the same bundle again sends no statement that changes anything.
 * The statements are those of https://docs.snowflake.com/en/developer-guide/native-apps/release-channels and
 * https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-channel.
 *
 * <p>Whether the newest patch holds the bundle is told by {@link ReleaseRecord}: Snowflake shows no patch's files.
 * Without a record of that patch (it was made from elsewhere) a new patch is added, since publishing a patch that
 * may hold other files would be worse than one patch too many.
 */
public final class ReleasePublisher {

    /**
     * What to publish.
     *
     * @param app the application's name (for messages)
     * @param pkg the application package's name
     * @param version the version to register or patch
     * @param label the version's label
     * @param channel the release channel ({@code QA}, {@code ALPHA} or {@code DEFAULT})
     * @param directive the release directive: {@code DEFAULT} (the channel's default one) or a custom one's name
     * @param accounts the accounts a custom directive serves, {@code ORGANIZATION.ACCOUNT}; none for the default one
     * @param force whether a full channel loses its oldest version that no directive names, and a package without
     *     the kit's marker is adopted
     * @param validate whether the Snowpark version is checked and the setup script validated first
     * @param snowparkVersion the Snowpark version the procedures pin
     */
    public record Request(
            String app,
            String pkg,
            String version,
            String label,
            String channel,
            String directive,
            List<String> accounts,
            boolean force,
            boolean validate,
            Optional<String> snowparkVersion) {

        public Request {
            accounts = List.copyOf(accounts);
        }
    }

    /**
     * What a publish did.
     *
     * @param version the version published
     * @param patch its patch the directive names
     * @param changes each change made, in order; none when everything was published already
     */
    public record Published(String version, int patch, List<String> changes) {}

    private final SnowflakeSession session;
    private final Consumer<String> log;
    private final ReleaseRecord record;
    private final String connection;

    /**
     * @param record what this project published before
     * @param connection the connection's name, under which the record keeps its entries
     */
    public ReleasePublisher(SnowflakeSession session, Consumer<String> log, ReleaseRecord record, String connection) {
        this.session = session;
        this.log = log;
        this.record = record;
        this.connection = connection;
    }

    /** Publishes the bundle's files; every input is checked before anything changes. */
    public Published publish(Request request, Map<String, Path> files) throws DeployException {
        ReleaseTarget target = ReleaseTarget.of(request);
        Identifier pkg = Identifier.parse(request.pkg());
        SnowflakeStatements statements =
                new SnowflakeStatements(session, request.app(), request.pkg(), SnowflakeErrors.Goal.PUBLISH);
        PackageStage stage = new PackageStage(statements, log);
        Optional<Map<String, Object>> existing = stage.find(pkg);
        // An existing package is checked before its stage changes; syncing the stage changes none of its releases.
        Optional<ReleaseState> before =
                existing.isPresent() ? Optional.of(ReleaseState.read(statements, pkg)) : Optional.empty();
        if (before.isPresent()) {
            target.check(before.get(), request.force());
        }
        StageSync.Result synced = stage.prepare(
                new PackageStage.Request(pkg, request.force(), request.validate(), request.snowparkVersion()),
                existing,
                files);
        ReleaseState state = before.isPresent() ? before.get() : ReleaseState.read(statements, pkg);
        if (before.isEmpty()) {
            target.check(state, request.force());
        }
        List<String> changes = new ArrayList<>();
        if (synced.plan().upload().size() + synced.plan().remove().size() > 0) {
            changes.add("synced the stage");
        }
        int patch = versionOrPatch(statements, pkg, target.version(), request, state, files, changes);
        addToChannel(statements, pkg, target, state, changes);
        setDirective(statements, pkg, target, state, patch, changes);
        if (changes.isEmpty()) {
            log.accept("Version " + target.version().name() + " patch " + patch + " is published in release channel "
                    + target.channel().name() + " by release directive "
                    + target.directive().name() + " already "
                    + "(nothing changed)");
        } else {
            log.accept("Published version " + target.version().name() + " patch " + patch + " of " + pkg.name()
                    + " in release channel " + target.channel().name() + " (release directive "
                    + target.directive().name() + target.accountsShown() + ")");
        }
        return new Published(target.version().name(), patch, List.copyOf(changes));
    }

    /** Registers the version, or adds a patch unless its newest one holds the bundle; answers the patch to publish. */
    private int versionOrPatch(
            SnowflakeStatements statements,
            Identifier pkg,
            Identifier version,
            Request request,
            ReleaseState state,
            Map<String, Path> files,
            List<String> changes)
            throws DeployException {
        String stageLocation = PackageStage.stageLocation(pkg);
        Optional<ReleaseState.Version> known = state.version(version.name());
        String alter = "ALTER APPLICATION PACKAGE " + pkg.sql();
        if (known.isEmpty()) {
            statements.run(
                    alter + " REGISTER VERSION " + version.sql() + " USING " + stageLocation + " LABEL = "
                            + Dialect.SNOWFLAKE.sqlLiteral(request.label()),
                    "registering version " + version.name());
            record.published(connection, pkg.name(), version.name(), 0, files);
            log.accept("Registered version " + version.name() + " (patch 0) in " + pkg.name());
            changes.add("registered version " + version.name());
            return 0;
        }
        int newest = known.get().newestPatch();
        Optional<String> recorded = record.fingerprint(connection, pkg.name(), version.name(), newest);
        if (recorded.isPresent() && recorded.get().equals(DeployRecord.fingerprint(files))) {
            log.accept("Version " + version.name() + " patch " + newest + " holds this bundle already (no patch "
                    + "added)");
            return newest;
        }
        log.accept(
                recorded.isPresent()
                        ? "The bundle differs from version " + version.name() + " patch " + newest + "; adding a patch"
                        : "This project has no record of the files of version " + version.name() + " patch " + newest
                                + " (made from elsewhere?); adding a patch with this bundle");
        List<Map<String, Object>> rows = statements.query(
                alter + " ADD PATCH FOR VERSION " + version.sql() + " USING " + stageLocation,
                "adding a patch to version " + version.name());
        int patch = patchNumber(rows, version);
        record.published(connection, pkg.name(), version.name(), patch, files);
        log.accept("Added patch " + patch + " to version " + version.name() + " of " + pkg.name());
        changes.add("added patch " + patch);
        return patch;
    }

    /** Adds the version to the channel unless it is there; a full channel loses its oldest free version on force. */
    private void addToChannel(
            SnowflakeStatements statements,
            Identifier pkg,
            ReleaseTarget target,
            ReleaseState state,
            List<String> changes)
            throws DeployException {
        ReleaseState.Channel channel = state.channel(target.channel().name()).orElseThrow();
        if (channel.versions().contains(target.version().name())) {
            return;
        }
        String modify = "ALTER APPLICATION PACKAGE " + pkg.sql() + " MODIFY RELEASE CHANNEL "
                + target.channel().sql();
        if (channel.versions().size() >= ReleaseTarget.VERSIONS_PER_CHANNEL) {
            String evicted = target.oldestFreeVersion(state, channel).orElseThrow();
            statements.run(
                    modify + " DROP VERSION " + Identifier.ofName(evicted).sql(),
                    "removing version " + evicted + " from release channel " + channel.name());
            log.accept("Removed version " + evicted + " from release channel " + channel.name() + " to make room (it "
                    + "was the oldest no release directive names; -Dconnector.force=true allows this)");
            changes.add("removed version " + evicted + " from " + channel.name());
        }
        statements.run(
                modify + " ADD VERSION " + target.version().sql(),
                "adding version " + target.version().name() + " to release channel " + channel.name());
        log.accept("Added version " + target.version().name() + " to release channel " + channel.name());
        changes.add("added version " + target.version().name() + " to " + channel.name());
    }

    /** Points the directive at the version and patch unless it names them (and the same accounts) already. */
    private void setDirective(
            SnowflakeStatements statements,
            Identifier pkg,
            ReleaseTarget target,
            ReleaseState state,
            int patch,
            List<String> changes)
            throws DeployException {
        ReleaseState.Channel channel = state.channel(target.channel().name()).orElseThrow();
        Optional<ReleaseState.Directive> current =
                channel.directive(target.directive().name());
        boolean sameAccounts = target.accounts().isEmpty()
                || current.map(ReleaseState.Directive::accounts)
                        .map(accounts -> accounts.equals(target.accounts()))
                        .orElse(false);
        if (current.isPresent()
                && current.get().version().equals(target.version().name())
                && current.get().patch() == patch
                && sameAccounts) {
            return;
        }
        String modify = "ALTER APPLICATION PACKAGE " + pkg.sql() + " MODIFY RELEASE CHANNEL "
                + target.channel().sql();
        String versionPatch = " VERSION = " + target.version().sql() + " PATCH = " + patch;
        String sql;
        if (target.isDefaultDirective()) {
            sql = modify + " SET DEFAULT RELEASE DIRECTIVE" + versionPatch;
        } else if (!target.accounts().isEmpty()) {
            sql = modify + " SET RELEASE DIRECTIVE " + target.directive().sql() + " ACCOUNTS = ("
                    + String.join(", ", target.accounts()) + ")" + versionPatch;
        } else {
            sql = modify + " MODIFY RELEASE DIRECTIVE " + target.directive().sql() + versionPatch;
        }
        statements.run(
                sql,
                "setting release directive " + target.directive().name() + " of release channel " + channel.name());
        log.accept("Release directive " + target.directive().name() + " of release channel " + channel.name()
                + " now names version " + target.version().name() + " patch " + patch + target.accountsShown()
                + current.map(d -> " (it named version " + d.version() + " patch " + d.patch() + ")")
                        .orElse(""));
        changes.add("set release directive " + target.directive().name());
    }

    /** The number of the patch ADD PATCH made, from its answer's {@code patch} column. */
    static int patchNumber(List<Map<String, Object>> rows, Identifier version) throws DeployException {
        Object patch = rows.isEmpty() ? null : rows.get(0).get("patch");
        try {
            return Integer.parseInt(String.valueOf(patch).strip());
        } catch (NumberFormatException e) {
            throw new DeployException(
                    "Snowflake added a patch to version " + version.name() + " but did not say its "
                            + "number (it answered " + rows + "); run the goal again",
                    e);
        }
    }

    /** Orders versions by their newest patch's time, oldest first. */
    static Comparator<ReleaseState.Version> oldestFirst() {
        return Comparator.comparing(ReleaseState.Version::updatedOn);
    }
}
