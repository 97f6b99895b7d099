package io.connectorkit.fake.snowflake;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account objects a deploy creates, kept by the fake endpoint: application packages with their versions, and
 * applications, each with its comment. Enough state for SHOW statements to answer what earlier statements did.
 *
 * <p>Applications are built the way Snowflake builds them: CREATE APPLICATION and ALTER APPLICATION … UPGRADE
 * {@code USING '@stage'} take the stage's files as they are then, {@code USING VERSION} the files the version (or
 * its latest patch) took from its stage. The connector in their {@code lib/} jars answers the app's calls
 * ({@link #app}); one that cannot be loaded fails the statement.
 */
public final class FakeAccount {

    private static final Pattern NAME = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern COMMENT = Pattern.compile("COMMENT = '([^']*)'");
    private static final String SOURCE = " USING (?:VERSION \"([^\"]+)\"|'((?:[^']|'')*)')";
    private static final Pattern CREATE_APPLICATION = Pattern.compile(
            "CREATE APPLICATION \"([^\"]+)\" FROM APPLICATION PACKAGE \"([^\"]+)\"" + SOURCE);
    private static final Pattern UPGRADE_APPLICATION = Pattern.compile("ALTER APPLICATION \"([^\"]+)\" UPGRADE" + SOURCE);
    private static final Pattern ADD_VERSION = Pattern.compile("ALTER APPLICATION PACKAGE \"([^\"]+)\" ADD "
            + "(?:VERSION|PATCH FOR VERSION) \"([^\"]+)\" USING '((?:[^']|'')*)'");

    /** Snowflake's errors for an upgrade between a stage and a version, which only a new app can make. */
    private static final int UPGRADE_FROM_STAGE_TO_VERSION = 93044;
    private static final int UPGRADE_FROM_VERSION_TO_STAGE = 93045;

    /** Application packages by name, with their comments. */
    public final Map<String, String> packages = new ConcurrentHashMap<>();
    /** Applications by name, with their comments. */
    public final Map<String, String> applications = new ConcurrentHashMap<>();
    /** The versions of each package. */
    public final Map<String, Set<String>> versions = new ConcurrentHashMap<>();

    private final FakeSnowflake snowflake;
    /** The files each version took from its stage, by package and version. */
    private final Map<String, Map<String, byte[]>> versionFiles = new ConcurrentHashMap<>();
    private final Map<String, StagedApp> apps = new ConcurrentHashMap<>();
    /** The package each built app was created from. */
    private final Map<String, String> appPackages = new ConcurrentHashMap<>();

    public FakeAccount(FakeSnowflake snowflake) {
        this.snowflake = snowflake;
        snowflake.closeWithThis(() -> apps.values().forEach(StagedApp::close));
        snowflake.on(sql -> sql.equals("SHOW APPLICATION PACKAGES"), query -> listing(packages));
        snowflake.on(sql -> sql.equals("SHOW APPLICATIONS"), query -> listing(applications));
        snowflake.on(sql -> sql.startsWith("CREATE APPLICATION PACKAGE IF NOT EXISTS"), query -> {
            packages.putIfAbsent(first(query.sql()), comment(query.sql()));
            return Reply.statementExecuted();
        });
        snowflake.on(sql -> sql.startsWith("CREATE APPLICATION \""), this::createApplication);
        snowflake.on(sql -> UPGRADE_APPLICATION.matcher(sql).lookingAt(), this::upgradeApplication);
        snowflake.on(sql -> sql.startsWith("DROP APPLICATION IF EXISTS"), query -> {
            String name = first(query.sql());
            applications.remove(name);
            appPackages.remove(name);
            Optional.ofNullable(apps.remove(name)).ifPresent(StagedApp::close);
            return Reply.statementExecuted();
        });
        snowflake.on(sql -> sql.startsWith("DROP APPLICATION PACKAGE IF EXISTS"), query -> {
            packages.remove(first(query.sql()));
            return Reply.statementExecuted();
        });
        snowflake.on(sql -> sql.startsWith("SHOW VERSIONS IN APPLICATION PACKAGE"), query -> {
            Reply.Result result = Reply.columns(Column.text("version"), Column.number("patch"));
            for (String version : versions.getOrDefault(first(query.sql()), Set.of())) {
                result = result.row(version, 0);
            }
            return result;
        });
        snowflake.on(sql -> ADD_VERSION.matcher(sql).lookingAt(), query -> {
            Matcher matcher = ADD_VERSION.matcher(query.sql());
            matcher.lookingAt();
            versions.computeIfAbsent(matcher.group(1), key -> new LinkedHashSet<>()).add(matcher.group(2));
            versionFiles.put(versionKey(matcher.group(1), matcher.group(2)), stageFiles(matcher.group(3)));
            return Reply.statementExecuted();
        });
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
        Optional<Map<String, byte[]>> files = files(matcher.group(2), matcher.group(3), matcher.group(4));
        if (files.isEmpty()) {
            return noSuchVersion(matcher.group(2), matcher.group(3));
        }
        try {
            apps.put(name, StagedApp.create(snowflake, name, files.get(), matcher.group(3) != null));
        } catch (RuntimeException e) {
            return installFailed(name, e);
        }
        appPackages.put(name, matcher.group(2));
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
                    ? Reply.error(UPGRADE_FROM_STAGE_TO_VERSION, "0A000", "Cannot upgrade application '" + name
                            + "' created from staged files to a version.")
                    : Reply.error(UPGRADE_FROM_VERSION_TO_STAGE, "0A000", "Cannot upgrade application '" + name
                            + "' created from a version to staged files.");
        }
        String pkg = appPackages.get(name);
        Optional<Map<String, byte[]>> files = files(pkg, matcher.group(2), matcher.group(3));
        if (files.isEmpty()) {
            return noSuchVersion(pkg, matcher.group(2));
        }
        try {
            app.upgrade(files.get(), toVersion);
        } catch (RuntimeException e) {
            return installFailed(name, e);
        }
        return Reply.statementExecuted();
    }

    /** The files of a version of the package, or of a stage (a SQL literal's text). */
    private Optional<Map<String, byte[]>> files(String pkg, String version, String stageLiteral) {
        return version != null ? Optional.ofNullable(versionFiles.get(versionKey(pkg, version)))
                : Optional.of(stageFiles(stageLiteral));
    }

    private Map<String, byte[]> stageFiles(String stageLiteral) {
        return snowflake.stageFiles(stageLiteral.replace("''", "'"));
    }

    private static Reply noSuchVersion(String pkg, String version) {
        return Reply.error(93029, "02000", "Version '" + version + "' does not exist in application package '" + pkg
                + "'.");
    }

    private static Reply installFailed(String app, RuntimeException e) {
        if (e instanceof SnowflakeRefusal refusal) {
            return refusal.reply();
        }
        return Reply.error(93082, "P0000", "Failed to install application '" + app + "': " + e.getMessage());
    }

    private static String versionKey(String pkg, String version) {
        return pkg + "\n" + version;
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
