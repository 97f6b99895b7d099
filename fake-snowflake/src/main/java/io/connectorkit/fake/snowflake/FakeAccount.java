package io.connectorkit.fake.snowflake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account objects a deploy creates, kept by the fake endpoint: application packages with their versions,
 * patches and release channels, and applications, each with its comment. Enough state for SHOW statements to answer
 * what earlier statements did.
 *
 * <p>Applications are built the way Snowflake builds them: CREATE APPLICATION and ALTER APPLICATION … UPGRADE
 * {@code USING '@stage'} take the stage's files as they are then, {@code USING VERSION v PATCH n} the files that
 * patch took from its stage ({@code USING VERSION v} alone: its latest patch). The connector in their {@code lib/}
 * jars answers the app's calls ({@link #app}); one that cannot be loaded fails the statement.
 *
 * <p>A package created with CREATE APPLICATION PACKAGE has the release channels QA, ALPHA and DEFAULT, as new
 * packages have in Snowflake; its versions are made with REGISTER VERSION, and ADD VERSION is refused. A package
 * from {@link #createPackageWithoutReleaseChannels} (or put into {@link #packages} by hand) has none, and takes ADD
 * VERSION (https://docs.snowflake.com/en/developer-guide/native-apps/release-channels). {@link PackageReleases} keeps
 * the versions, channels and release directives, and answers ALTER APPLICATION PACKAGE.
 */
public final class FakeAccount {

    /**
     * A read of a table by its three quoted names, its rows (at most a bound number of them) or how many there are:
     * what connector:query sends.
     */
    private static final Pattern OWNED_TABLE =
            Pattern.compile("SELECT (\\*|COUNT\\(\\*\\)) FROM \"((?:[^\"]|\"\")+)\"\\."
                    + "\"((?:[^\"]|\"\")+)\"\\.\"((?:[^\"]|\"\")+)\"( LIMIT \\?)?");

    private static final Pattern NAME = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern COMMENT = Pattern.compile("COMMENT = '([^']*)'");
    private static final String STAGE_LITERAL = "'((?:[^']|'')*)'";
    private static final String SOURCE = " USING (?:VERSION \"([^\"]+)\"(?: PATCH (\\d+))?|" + STAGE_LITERAL + ")";
    private static final Pattern CREATE_APPLICATION =
            Pattern.compile("CREATE APPLICATION \"([^\"]+)\" FROM APPLICATION PACKAGE \"([^\"]+)\"" + SOURCE);
    private static final Pattern UPGRADE_APPLICATION =
            Pattern.compile("ALTER APPLICATION \"([^\"]+)\" UPGRADE" + SOURCE);
    private static final Pattern DROP_APPLICATION =
            Pattern.compile("DROP APPLICATION (?:IF EXISTS )?\"([^\"]+)\"( CASCADE)?");

    /** Snowflake's errors for an upgrade between a stage and a version, which only a new app can make. */
    private static final int UPGRADE_FROM_STAGE_TO_VERSION = 93044;

    private static final int UPGRADE_FROM_VERSION_TO_STAGE = 93045;
    private static final int APPLICATION_OWNS_EXTERNAL_OBJECTS = 93128;

    /**
     * The release channels of a new package. New packages have them, and they cannot be disabled:
     * https://docs.snowflake.com/en/developer-guide/native-apps/release-channels
     */
    public static final List<String> RELEASE_CHANNELS = PackageReleases.RELEASE_CHANNELS;

    /** Application packages by name, with their comments. */
    public final Map<String, String> packages = new ConcurrentHashMap<>();
    /** Applications by name, with their comments. */
    public final Map<String, String> applications = new ConcurrentHashMap<>();

    private final FakeSnowflake snowflake;
    /** The versions, patches, release channels and release directives of the packages. */
    private final PackageReleases releases;

    private final Map<String, StagedApp> apps = new ConcurrentHashMap<>();
    /** The manifests of apps a test wired to an embedded app by hand (FakeNativeApp), which were not staged. */
    private final Map<String, StagedManifest> wiredByHand = new ConcurrentHashMap<>();
    /** What the consumer granted each app. */
    private final ApplicationGrants grants;
    /** The package each built app was created from. */
    private final Map<String, String> appPackages = new ConcurrentHashMap<>();
    /** The objects outside itself that each app created, such as a database, by app. */
    private final Map<String, Set<String>> externalObjects = new ConcurrentHashMap<>();

    public FakeAccount(FakeSnowflake snowflake) {
        this.snowflake = snowflake;
        this.releases = new PackageReleases(packages::containsKey, snowflake::stageFiles);
        releases.answerOn(snowflake);
        this.grants = new ApplicationGrants(
                snowflake,
                app -> Optional.ofNullable(apps.get(app))
                        .map(built -> built.manifest)
                        .or(() -> Optional.ofNullable(wiredByHand.get(app))),
                this::appOwns);
        snowflake.closeWithThis(() -> apps.values().forEach(StagedApp::close));
        snowflake.on(sql -> OWNED_TABLE.matcher(sql).matches(), this::ownedTable);
        snowflake.on(sql -> sql.equals("SHOW APPLICATION PACKAGES"), query -> listing(packages));
        snowflake.on(sql -> sql.equals("SHOW APPLICATIONS"), query -> listing(applications));
        snowflake.on(sql -> sql.startsWith("CREATE APPLICATION PACKAGE IF NOT EXISTS"), query -> {
            String name = first(query.sql());
            if (packages.putIfAbsent(name, comment(query.sql())) == null) {
                releases.created(name);
            }
            return Reply.statementExecuted();
        });
        snowflake.on(sql -> sql.startsWith("CREATE APPLICATION \""), this::createApplication);
        snowflake.on(sql -> UPGRADE_APPLICATION.matcher(sql).lookingAt(), this::upgradeApplication);
        snowflake.on(sql -> DROP_APPLICATION.matcher(sql).matches(), this::dropApplication);
        snowflake.on(sql -> sql.startsWith("DROP APPLICATION PACKAGE IF EXISTS"), query -> {
            String name = first(query.sql());
            packages.remove(name);
            releases.dropped(name);
            return Reply.statementExecuted();
        });
    }

    /**
     * Lists a package as one created without release channels (before they existed, or with
     * {@code ENABLE_RELEASE_CHANNELS = FALSE}): SHOW RELEASE CHANNELS lists none, and versions are added with
     * ADD VERSION rather than REGISTER VERSION.
     */
    public void createPackageWithoutReleaseChannels(String name, String comment) {
        packages.put(name, comment);
        releases.createdWithoutChannels(name);
    }

    /**
     * Records that the app created an object outside itself, such as a database: Snowflake then refuses to drop the
     * app without CASCADE (error 93128), and DROP APPLICATION … CASCADE drops the object too.
     * https://docs.snowflake.com/en/sql-reference/sql/drop-application
     */
    public void appOwns(String app, String databaseName) {
        externalObjects
                .computeIfAbsent(app, key -> ConcurrentHashMap.newKeySet())
                .add(databaseName);
    }

    /** The objects outside itself that the app owns (see {@link #appOwns}). */
    public Set<String> objectsOwnedBy(String app) {
        return Set.copyOf(externalObjects.getOrDefault(app, Set.of()));
    }

    /**
     * Whether the session's role may grant privileges to applications, as a role with MANAGE GRANTS may (the
     * default); without, GRANT … TO APPLICATION is refused with 3001 and SHOW PRIVILEGES answers is_grantable false.
     */
    public void roleManagesGrants(boolean manages) {
        grants.roleManagesGrants = manages;
    }

    /** The account privileges granted to the app (GRANT … ON ACCOUNT TO APPLICATION). */
    public Set<String> accountPrivilegesOf(String app) {
        return grants.accountPrivileges(app);
    }

    /** The warehouses the app was granted USAGE on, by name. */
    public Set<String> warehousesOf(String app) {
        return grants.warehouses(app);
    }

    /**
     * Declares the account privileges that an app a test wired by hand ({@link FakeNativeApp} over its own embedded
     * app) requests in its manifest, so that grants to it are answered as for a staged app.
     */
    public void requestsPrivileges(String app, List<String> privileges) {
        Map<String, String> requested = new LinkedHashMap<>();
        privileges.forEach(privilege -> requested.put(privilege, ""));
        wiredByHand.put(app, new StagedManifest(Map.of(), "setup.sql", requested));
    }

    /** Grants the app an account privilege, as a consumer's administrator would. */
    public void grantAccountPrivilege(String app, String privilege) {
        grants.grantAccountPrivilege(app, privilege);
    }

    /**
     * A read of a table in a database an app owns, such as the destination tables its ingestions write: answered by
     * that app; any other table is one the fake does not hold, refused as Snowflake refuses an object that does not
     * exist or is not authorized (002003).
     */
    private Reply ownedTable(Query query) {
        Matcher matcher = OWNED_TABLE.matcher(query.sql());
        matcher.matches();
        boolean count = !matcher.group(1).equals("*");
        String database = matcher.group(2).replace("\"\"", "\"");
        String schema = matcher.group(3).replace("\"\"", "\"");
        String table = matcher.group(4).replace("\"\"", "\"");
        List<Object> bindings = matcher.group(5) == null ? List.of() : query.bindings();
        return externalObjects.entrySet().stream()
                .filter(owned -> owned.getValue().contains(database))
                .map(Map.Entry::getKey)
                .findFirst()
                .flatMap(snowflake::nativeApp)
                .map(app -> app.ownedTable(count, database, schema, table, bindings))
                .orElseGet(() -> Reply.error(
                        2003,
                        "02000",
                        "SQL compilation error:\nObject '" + database + "." + schema + "." + table
                                + "' does not exist or not authorized."));
    }

    /** The app built by CREATE APPLICATION, if there is one by this name. */
    public Optional<FakeNativeApp> app(String name) {
        return Optional.ofNullable(apps.get(name)).map(app -> app.nativeApp);
    }

    private Reply createApplication(Query query) {
        Matcher matcher = CREATE_APPLICATION.matcher(query.sql());
        if (!matcher.lookingAt()) {
            applications.put(first(query.sql()), comment(query.sql()));
            return Reply.statementExecuted();
        }
        String name = matcher.group(1);
        if (apps.containsKey(name)) {
            return Reply.error(2002, "42710", "Object '" + name + "' already exists.");
        }
        String pkg = matcher.group(2);
        Optional<Map<String, byte[]>> files = files(pkg, matcher.group(3), matcher.group(4), matcher.group(5));
        if (files.isEmpty()) {
            return noSuchVersionOrPatch(pkg, matcher.group(3), matcher.group(4));
        }
        try {
            StagedTelemetry telemetry = snowflake.telemetry().checkCreate(name, files.get(), query.sql());
            StagedApp created =
                    StagedApp.create(snowflake, name, files.get(), matcher.group(3) != null, grants.accountOf(name));
            apps.put(name, created);
            snowflake.telemetry().created(name, telemetry, query.sql());
            grantAutomatically(name, created.manifest);
            created.nativeApp.runSetupCalls();
        } catch (RuntimeException e) {
            return installFailed(name, e);
        }
        appPackages.put(name, pkg);
        applications.put(name, comment(query.sql()));
        return Reply.statementExecuted();
    }

    private Reply upgradeApplication(Query query) {
        Matcher matcher = UPGRADE_APPLICATION.matcher(query.sql());
        matcher.lookingAt();
        String name = matcher.group(1);
        StagedApp app = apps.get(name);
        if (app == null && applications.containsKey(name)) {
            // An application a test listed by hand: there are no files to build it from.
            return Reply.statementExecuted();
        }
        if (app == null) {
            return Reply.error(2003, "02000", "Application '" + name + "' does not exist or not authorized.");
        }
        boolean toVersion = matcher.group(2) != null;
        if (toVersion != app.fromVersion) {
            return toVersion
                    ? Reply.error(
                            UPGRADE_FROM_STAGE_TO_VERSION,
                            "0A000",
                            "Cannot upgrade application '" + name + "' created from staged files to a version.")
                    : Reply.error(
                            UPGRADE_FROM_VERSION_TO_STAGE,
                            "0A000",
                            "Cannot upgrade application '" + name + "' created from a version to staged files.");
        }
        String pkg = appPackages.get(name);
        Optional<Map<String, byte[]>> files = files(pkg, matcher.group(2), matcher.group(3), matcher.group(4));
        if (files.isEmpty()) {
            return noSuchVersionOrPatch(pkg, matcher.group(2), matcher.group(3));
        }
        try {
            StagedTelemetry telemetry = StagedTelemetry.read(files.get());
            app.upgrade(files.get(), toVersion);
            snowflake.telemetry().upgraded(name, telemetry);
            grantAutomatically(name, app.manifest);
            app.nativeApp.runSetupCalls();
        } catch (RuntimeException e) {
            return installFailed(name, e);
        }
        return Reply.statementExecuted();
    }

    /**
     * Under manifest version 2 Snowflake grants the listed privileges at install and upgrade, and they cannot be
     * revoked (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-auto-privs).
     */
    private void grantAutomatically(String app, StagedManifest manifest) {
        manifest.automaticallyGranted().forEach(privilege -> grants.grantAccountPrivilege(app, privilege));
    }

    /**
     * DROP APPLICATION: refused without CASCADE while the app owns objects outside itself, which CASCADE drops with
     * it. https://docs.snowflake.com/en/sql-reference/sql/drop-application
     */
    private Reply dropApplication(Query query) {
        Matcher matcher = DROP_APPLICATION.matcher(query.sql());
        matcher.matches();
        String name = matcher.group(1);
        boolean cascade = matcher.group(2) != null;
        Set<String> owned = externalObjects.getOrDefault(name, Set.of());
        if (!cascade && !owned.isEmpty()) {
            return Reply.error(
                    APPLICATION_OWNS_EXTERNAL_OBJECTS,
                    "0A000",
                    "Application '" + name + "' owns external "
                            + "objects (" + String.join(", ", new TreeSet<>(owned))
                            + "); drop them first, or use CASCADE to "
                            + "drop them with the application.");
        }
        externalObjects.remove(name);
        snowflake.telemetry().dropped(name);
        grants.forget(name);
        applications.remove(name);
        appPackages.remove(name);
        Optional.ofNullable(apps.remove(name)).ifPresent(StagedApp::close);
        return Reply.statementExecuted();
    }

    /**
     * Lets a custom release directive's ACCOUNTS = (…) name this account ({@code ORGANIZATION.ACCOUNT}); others are
     * refused as accounts that do not exist (1999). {@code FAKE_ORG.FAKE_ACCOUNT} is known from the start.
     */
    public void knowAccount(String account) {
        releases.knowAccount(account);
    }

    /**
     * The files of a patch of a version of the package (its latest patch when none is named), or of a stage (a SQL
     * literal's text).
     */
    private Optional<Map<String, byte[]>> files(String pkg, String version, String patch, String stageLiteral) {
        return releases.files(pkg, version, patch, stageLiteral);
    }

    private Reply noSuchVersionOrPatch(String pkg, String version, String patch) {
        return releases.noSuchVersionOrPatch(pkg, version, patch);
    }

    private static Reply installFailed(String app, RuntimeException e) {
        if (e instanceof SnowflakeRefusal refusal) {
            return refusal.reply();
        }
        return Reply.error(93082, "P0000", "Failed to install application '" + app + "': " + e.getMessage());
    }

    private static Reply listing(Map<String, String> objects) {
        Reply.Result result = Reply.columns(Column.text("created_on"), Column.text("name"), Column.text("comment"));
        for (Map.Entry<String, String> object : new LinkedHashMap<>(objects).entrySet()) {
            result = result.row("2026-11-27 10:00:00", object.getKey(), object.getValue());
        }
        return result;
    }

    private static String comment(String sql) {
        Matcher comment = COMMENT.matcher(sql);
        return comment.find() ? comment.group(1) : "";
    }

    private static String first(String sql) {
        Matcher name = NAME.matcher(sql);
        if (!name.find()) {
            throw new IllegalArgumentException("No quoted name in " + sql);
        }
        return name.group(1);
    }
}
