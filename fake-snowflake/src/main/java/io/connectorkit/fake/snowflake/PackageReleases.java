package io.connectorkit.fake.snowflake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Locale;

/**
 * The versions, patches, release channels and release directives of the account's application packages, and the
 * ALTER APPLICATION PACKAGE statements that change them. Every statement under ALTER APPLICATION PACKAGE that is not
 * modelled here is refused as Snowflake refuses a statement it cannot parse, so a kit that sends something new fails
 * its tests instead of passing against a lenient fake.
 *
 * <p>The rules (https://docs.snowflake.com/en/developer-guide/native-apps/release-channels and
 * https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-channel): a package created
 * today has the release channels QA, ALPHA and DEFAULT; its versions are made with REGISTER VERSION and live outside
 * every channel until added to one; a channel holds at most two versions; a release directive of a channel names a
 * version of that channel and one of its patches; a custom directive names the accounts it serves
 * ({@code ORGANIZATION.ACCOUNT}), each served by at most one custom directive of the channel. A package without
 * release channels takes ADD VERSION and DROP VERSION instead. The error codes are those Snowflake's CLI knows
 * (snowflake-cli, src/snowflake/cli/api/errno.py).
 */
final class PackageReleases {

    /** The release channels of a new package: https://docs.snowflake.com/en/developer-guide/native-apps/release-channels */
    static final List<String> RELEASE_CHANNELS = List.of("QA", "ALPHA", "DEFAULT");
    /**
     * How many versions a release channel holds ("the two-version limit applies to each release channel"):
     * https://docs.snowflake.com/en/developer-guide/native-apps/release-channels
     */
    static final int VERSIONS_PER_RELEASE_CHANNEL = 2;
    /**
     * How many registered versions may be in no release channel before REGISTER VERSION is refused (512023). The
     * pages name the refusal but not the number; the fake takes two, the limit a package had before channels.
     */
    static final int UNBOUND_VERSIONS = 2;

    static final int SQL_COMPILATION_ERROR = 1003;
    static final int DOES_NOT_EXIST = 2003;
    static final int VERSION_EXISTS = 93030;
    static final int VERSION_DOES_NOT_EXIST = 93031;
    static final int PATCH_DOES_NOT_EXIST = 93036;
    static final int VERSION_REFERENCED_BY_RELEASE_DIRECTIVE = 93088;
    static final int RELEASE_DIRECTIVE_DOES_NOT_EXIST = 93090;
    static final int TARGET_ACCOUNT_USED_BY_OTHER_RELEASE_DIRECTIVE = 93091;
    static final int ACCOUNT_DOES_NOT_EXIST = 1999;
    static final int MAX_VERSIONS_IN_RELEASE_CHANNEL_REACHED = 512004;
    static final int VERSION_ALREADY_ADDED_TO_RELEASE_CHANNEL = 512005;
    static final int VERSION_NOT_ADDED_TO_RELEASE_CHANNEL = 512008;
    static final int VERSION_NOT_IN_RELEASE_CHANNEL = 512010;
    static final int CANNOT_DEREGISTER_VERSION_ASSOCIATED_WITH_CHANNEL = 512021;
    static final int MAX_UNBOUND_VERSIONS_REACHED = 512023;

    static final String NAME = "\"([^\"]+)\"";
    private static final String STAGE_LITERAL = "'((?:[^']|'')*)'";
    private static final String LABEL = "(?: LABEL = '((?:[^']|'')*)')?";
    private static final String VERSION_PATCH = " VERSION = " + NAME + " PATCH = (\\d+)";
    private static final Pattern PACKAGE = Pattern.compile("ALTER APPLICATION PACKAGE " + NAME + " (.*)", Pattern.DOTALL);
    private static final Pattern ADD_VERSION = Pattern.compile("(ADD|REGISTER) VERSION " + NAME + " USING "
            + STAGE_LITERAL + LABEL);
    private static final Pattern ADD_PATCH = Pattern.compile("ADD PATCH FOR VERSION " + NAME + " USING "
            + STAGE_LITERAL + LABEL);
    private static final Pattern DROP_VERSION = Pattern.compile("(DROP|DEREGISTER) VERSION " + NAME);
    private static final Pattern CHANNEL = Pattern.compile("MODIFY RELEASE CHANNEL " + NAME + " (.*)", Pattern.DOTALL);
    private static final Pattern CHANNEL_VERSION = Pattern.compile("(ADD|DROP) VERSION " + NAME);
    private static final Pattern DEFAULT_DIRECTIVE = Pattern.compile("SET DEFAULT RELEASE DIRECTIVE" + VERSION_PATCH);
    private static final Pattern SET_DIRECTIVE = Pattern.compile("SET RELEASE DIRECTIVE " + NAME
            + " ACCOUNTS = \\(([^)]*)\\)" + VERSION_PATCH);
    private static final Pattern MODIFY_DIRECTIVE = Pattern.compile("MODIFY RELEASE DIRECTIVE " + NAME + VERSION_PATCH);
    private static final Pattern UNSET_DIRECTIVE = Pattern.compile("UNSET RELEASE DIRECTIVE " + NAME);
    /** An account of ACCOUNTS = (…): its organization's name and its own, as in {@code MYORG.CONSUMER1}. */
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z][A-Za-z0-9_]*\\.[A-Za-z][A-Za-z0-9_]*");

    /** A patch of a version: the files it took from its stage, and when. */
    record Patch(Map<String, byte[]> files, Instant createdOn) {
    }

    /** A version of a package: its label and its patches, patch n at index n. */
    record Version(String label, List<Patch> patches) {
    }

    /** A release directive of a channel: the accounts it serves (none for the default one), its version and patch. */
    record Directive(Set<String> accounts, String version, int patch, Instant createdOn) {
    }

    /** A release channel: its versions, in the order they were added, and its directives by name. */
    static final class Channel {
        final List<String> versions = new ArrayList<>();
        final Map<String, Directive> directives = new LinkedHashMap<>();
    }

    /** A package's versions and, if it has them, its release channels. */
    static final class Releases {
        final Map<String, Version> versions = new LinkedHashMap<>();
        final Map<String, Channel> channels;

        Releases(boolean withChannels) {
            channels = new LinkedHashMap<>();
            if (withChannels) {
                RELEASE_CHANNELS.forEach(name -> channels.put(name, new Channel()));
            }
        }

        boolean hasChannels() {
            return !channels.isEmpty();
        }

        boolean inAnyChannel(String version) {
            return channels.values().stream().anyMatch(channel -> channel.versions.contains(version));
        }
    }

    private final Map<String, Releases> packages = new LinkedHashMap<>();
    private final Predicate<String> packageExists;
    private final Function<String, Map<String, byte[]>> stageFiles;
    /** The accounts that ACCOUNTS = (…) may name, upper-case; any other is refused as Snowflake refuses one it lacks. */
    private final Set<String> knownAccounts = new TreeSet<>(Set.of("FAKE_ORG.FAKE_ACCOUNT"));
    private Instant clock = Instant.parse("2026-11-27T10:00:00Z");

    /**
     * @param packageExists whether the account has the package (SHOW APPLICATION PACKAGES lists it)
     * @param stageFiles the files of a stage, by the text of its literal ({@code @"PKG".APP_SRC.STAGE})
     */
    PackageReleases(Predicate<String> packageExists, Function<String, Map<String, byte[]>> stageFiles) {
        this.packageExists = packageExists;
        this.stageFiles = stageFiles;
    }

    /** Answers the statements these model; the catch-all for ALTER APPLICATION PACKAGE first, so any other wins. */
    void answerOn(FakeSnowflake snowflake) {
        snowflake.on(sql -> PACKAGE.matcher(sql).matches(), this::alterPackage);
        snowflake.on(sql -> sql.startsWith("SHOW VERSIONS IN APPLICATION PACKAGE"), this::showVersions);
        snowflake.on(sql -> sql.startsWith("SHOW RELEASE CHANNELS IN APPLICATION PACKAGE"), this::showReleaseChannels);
        snowflake.on(sql -> sql.startsWith("SHOW RELEASE DIRECTIVES IN APPLICATION PACKAGE"),
                this::showReleaseDirectives);
    }

    /** A package made by CREATE APPLICATION PACKAGE: it has release channels, as new packages have. */
    synchronized void created(String pkg) {
        packages.putIfAbsent(pkg, new Releases(true));
    }

    /** A package made before release channels existed (or with them disabled). */
    synchronized void createdWithoutChannels(String pkg) {
        packages.put(pkg, new Releases(false));
    }

    synchronized void dropped(String pkg) {
        packages.remove(pkg);
    }

    /** Lets ACCOUNTS = (…) name this account ({@code ORGANIZATION.ACCOUNT}). */
    synchronized void knowAccount(String account) {
        knownAccounts.add(account.toUpperCase(Locale.ROOT));
    }

    /**
     * The files of a patch of a version (its newest patch when none is named), or of a stage when no version is
     * named; empty when the package has no such version or patch.
     */
    synchronized Optional<Map<String, byte[]>> files(String pkg, String version, String patch, String stageLiteral) {
        if (version == null) {
            return Optional.of(stageFiles.apply(stageLiteral.replace("''", "'")));
        }
        Version known = releases(pkg).versions.get(version);
        if (known == null) {
            return Optional.empty();
        }
        int number = patch == null ? known.patches().size() - 1 : Integer.parseInt(patch);
        return number < known.patches().size() ? Optional.of(known.patches().get(number).files()) : Optional.empty();
    }

    /** Refuses the missing version or patch of {@link #files}, with the code Snowflake gives. */
    synchronized Reply noSuchVersionOrPatch(String pkg, String version, String patch) {
        return releases(pkg).versions.containsKey(version)
                ? noSuchPatch(pkg, version, Integer.parseInt(patch))
                : Reply.error(93029, "02000", "Version '" + version + "' does not exist in application package '" + pkg
                        + "'.");
    }

    /** The versions of the package by name, with their patches. */
    synchronized Map<String, Version> versions(String pkg) {
        return Map.copyOf(releases(pkg).versions);
    }

    /** The versions of a release channel of the package; empty when it has no such channel. */
    synchronized List<String> channelVersions(String pkg, String channel) {
        return Optional.ofNullable(releases(pkg).channels.get(channel)).map(c -> List.copyOf(c.versions))
                .orElse(List.of());
    }

    /** The release directives of a channel of the package by name. */
    synchronized Map<String, Directive> directives(String pkg, String channel) {
        return Optional.ofNullable(releases(pkg).channels.get(channel)).map(c -> Map.copyOf(c.directives))
                .orElse(Map.of());
    }

    private Releases releases(String pkg) {
        // A package a test listed by hand has no release channels, as one made before they existed.
        return packages.computeIfAbsent(pkg, key -> new Releases(false));
    }

    private synchronized Reply alterPackage(Query query) {
        Matcher statement = PACKAGE.matcher(query.sql());
        statement.matches();
        String pkg = statement.group(1);
        String rest = statement.group(2);
        if (!packageExists.test(pkg)) {
            return Reply.error(DOES_NOT_EXIST, "02000", "SQL compilation error:\nApplication package '" + pkg
                    + "' does not exist or not authorized.");
        }
        Releases releases = releases(pkg);
        Matcher matcher;
        if ((matcher = ADD_VERSION.matcher(rest)).matches()) {
            return addVersion(pkg, releases, matcher.group(1).equals("REGISTER"), matcher.group(2), matcher.group(3),
                    matcher.group(4));
        }
        if ((matcher = ADD_PATCH.matcher(rest)).matches()) {
            return addPatch(pkg, releases, matcher.group(1), matcher.group(2));
        }
        if ((matcher = DROP_VERSION.matcher(rest)).matches()) {
            return dropVersion(pkg, releases, matcher.group(1).equals("DEREGISTER"), matcher.group(2));
        }
        if ((matcher = CHANNEL.matcher(rest)).matches()) {
            Channel channel = releases.channels.get(matcher.group(1));
            if (channel == null) {
                return Reply.error(DOES_NOT_EXIST, "02000", "Release channel '" + matcher.group(1) + "' does not exist "
                        + "in application package '" + pkg + "' or not authorized.");
            }
            return modifyChannel(pkg, releases, matcher.group(1), channel, matcher.group(2), query.sql());
        }
        return syntaxError(query.sql(), rest);
    }

    private Reply addVersion(String pkg, Releases releases, boolean register, String version, String stage,
            String label) {
        // Snowflake does not document the codes of these two refusals; a compilation error is the likeliest shape.
        if (releases.hasChannels() && !register) {
            return Reply.error(SQL_COMPILATION_ERROR, "42601", "SQL compilation error:\nADD VERSION is not supported "
                    + "on application package '" + pkg + "', which has release channels; use REGISTER VERSION.");
        }
        if (!releases.hasChannels() && register) {
            return Reply.error(SQL_COMPILATION_ERROR, "42601", "SQL compilation error:\nREGISTER VERSION needs release "
                    + "channels, which application package '" + pkg + "' does not have; use ADD VERSION.");
        }
        if (releases.versions.containsKey(version)) {
            return Reply.error(VERSION_EXISTS, "0A000", "Version '" + version + "' already exists in application "
                    + "package '" + pkg + "'.");
        }
        if (register) {
            long unbound = releases.versions.keySet().stream().filter(v -> !releases.inAnyChannel(v)).count();
            if (unbound >= UNBOUND_VERSIONS) {
                return Reply.error(MAX_UNBOUND_VERSIONS_REACHED, "0A000", "Cannot register version '" + version
                        + "': application package '" + pkg + "' already has the maximum number of versions that are "
                        + "not added to any release channel (" + UNBOUND_VERSIONS + ").");
            }
        }
        releases.versions.put(version, new Version(label == null ? "" : label.replace("''", "'"),
                new ArrayList<>(List.of(patch(stage)))));
        return Reply.statementExecuted();
    }

    /** ADD PATCH: the next patch of the version, whose number the answer's {@code patch} column gives. */
    private Reply addPatch(String pkg, Releases releases, String version, String stage) {
        Version known = releases.versions.get(version);
        if (known == null) {
            return versionDoesNotExist(pkg, version);
        }
        known.patches().add(patch(stage));
        return Reply.columns(Column.text("version"), Column.number("patch")).row(version, known.patches().size() - 1);
    }

    /** DEREGISTER VERSION (with release channels) or DROP VERSION (without): refused while a channel holds it. */
    private Reply dropVersion(String pkg, Releases releases, boolean deregister, String version) {
        if (releases.hasChannels() != deregister) {
            return Reply.error(SQL_COMPILATION_ERROR, "42601", "SQL compilation error:\n" + (deregister
                    ? "DEREGISTER VERSION needs release channels, which application package '" + pkg + "' does not "
                            + "have; use DROP VERSION."
                    : "DROP VERSION is not supported on application package '" + pkg + "', which has release "
                            + "channels; use DEREGISTER VERSION."));
        }
        if (!releases.versions.containsKey(version)) {
            return versionDoesNotExist(pkg, version);
        }
        List<String> holding = releases.channels.entrySet().stream()
                .filter(channel -> channel.getValue().versions.contains(version)).map(Map.Entry::getKey).toList();
        if (!holding.isEmpty()) {
            return Reply.error(CANNOT_DEREGISTER_VERSION_ASSOCIATED_WITH_CHANNEL, "0A000", "Cannot deregister version '"
                    + version + "' of application package '" + pkg + "': it is added to release channel(s) "
                    + String.join(", ", holding) + ".");
        }
        releases.versions.remove(version);
        return Reply.statementExecuted();
    }

    private Reply modifyChannel(String pkg, Releases releases, String name, Channel channel, String change,
            String sql) {
        Matcher matcher;
        if ((matcher = CHANNEL_VERSION.matcher(change)).matches()) {
            return matcher.group(1).equals("ADD") ? addToChannel(pkg, releases, name, channel, matcher.group(2))
                    : dropFromChannel(name, channel, matcher.group(2));
        }
        if ((matcher = DEFAULT_DIRECTIVE.matcher(change)).matches()) {
            return setDirective(pkg, releases, name, channel, "DEFAULT", Set.of(), matcher.group(1),
                    Integer.parseInt(matcher.group(2)));
        }
        if ((matcher = SET_DIRECTIVE.matcher(change)).matches()) {
            Set<String> accounts = new LinkedHashSet<>();
            for (String account : matcher.group(2).split(",")) {
                String trimmed = account.strip();
                if (!ACCOUNT.matcher(trimmed).matches()) {
                    return syntaxError(sql, trimmed.isEmpty() ? ")" : trimmed);
                }
                String upper = trimmed.toUpperCase(Locale.ROOT);
                if (!knownAccounts.contains(upper)) {
                    return Reply.error(ACCOUNT_DOES_NOT_EXIST, "02000", "Account '" + upper + "' does not exist or "
                            + "not authorized.");
                }
                accounts.add(upper);
            }
            return setDirective(pkg, releases, name, channel, matcher.group(1), accounts, matcher.group(3),
                    Integer.parseInt(matcher.group(4)));
        }
        if ((matcher = MODIFY_DIRECTIVE.matcher(change)).matches()) {
            Directive existing = channel.directives.get(matcher.group(1));
            if (existing == null || existing.accounts().isEmpty()) {
                return noSuchDirective(pkg, name, matcher.group(1));
            }
            return setDirective(pkg, releases, name, channel, matcher.group(1), existing.accounts(), matcher.group(2),
                    Integer.parseInt(matcher.group(3)));
        }
        if ((matcher = UNSET_DIRECTIVE.matcher(change)).matches()) {
            if (channel.directives.remove(matcher.group(1)) == null) {
                return noSuchDirective(pkg, name, matcher.group(1));
            }
            return Reply.statementExecuted();
        }
        // SET RELEASE DIRECTIVE without ACCOUNTS lands here: a custom directive's grammar requires them.
        return syntaxError(sql, change);
    }

    /** MODIFY RELEASE CHANNEL … ADD VERSION: at most {@value #VERSIONS_PER_RELEASE_CHANNEL} versions a channel. */
    private Reply addToChannel(String pkg, Releases releases, String name, Channel channel, String version) {
        if (!releases.versions.containsKey(version)) {
            return versionDoesNotExist(pkg, version);
        }
        if (channel.versions.contains(version)) {
            return Reply.error(VERSION_ALREADY_ADDED_TO_RELEASE_CHANNEL, "0A000", "Version '" + version + "' has "
                    + "already been added to release channel '" + name + "'.");
        }
        if (channel.versions.size() >= VERSIONS_PER_RELEASE_CHANNEL) {
            return Reply.error(MAX_VERSIONS_IN_RELEASE_CHANNEL_REACHED, "0A000", "Release channel '" + name
                    + "' already has the maximum number of versions (" + VERSIONS_PER_RELEASE_CHANNEL + ").");
        }
        channel.versions.add(version);
        return Reply.statementExecuted();
    }

    /** MODIFY RELEASE CHANNEL … DROP VERSION: refused while a directive of the channel names the version. */
    private Reply dropFromChannel(String name, Channel channel, String version) {
        if (!channel.versions.contains(version)) {
            return Reply.error(VERSION_NOT_IN_RELEASE_CHANNEL, "0A000", "Version '" + version + "' is not in release "
                    + "channel '" + name + "'.");
        }
        List<String> naming = channel.directives.entrySet().stream()
                .filter(directive -> directive.getValue().version().equals(version)).map(Map.Entry::getKey).toList();
        if (!naming.isEmpty()) {
            return Reply.error(VERSION_REFERENCED_BY_RELEASE_DIRECTIVE, "0A000", "Cannot remove version '" + version
                    + "' from release channel '" + name + "': release directive(s) " + String.join(", ", naming)
                    + " refer to it.");
        }
        channel.versions.remove(version);
        return Reply.statementExecuted();
    }

    private Reply setDirective(String pkg, Releases releases, String channelName, Channel channel, String name,
            Set<String> accounts, String version, int patch) {
        if (!releases.versions.containsKey(version)) {
            return versionDoesNotExist(pkg, version);
        }
        if (!channel.versions.contains(version)) {
            return Reply.error(VERSION_NOT_ADDED_TO_RELEASE_CHANNEL, "0A000", "Version '" + version + "' has not been "
                    + "added to release channel '" + channelName + "'.");
        }
        if (patch >= releases.versions.get(version).patches().size()) {
            return noSuchPatch(pkg, version, patch);
        }
        for (Map.Entry<String, Directive> other : channel.directives.entrySet()) {
            if (other.getKey().equals(name)) {
                continue;
            }
            Set<String> shared = new TreeSet<>(other.getValue().accounts());
            shared.retainAll(accounts);
            if (!shared.isEmpty()) {
                return Reply.error(TARGET_ACCOUNT_USED_BY_OTHER_RELEASE_DIRECTIVE, "0A000", "Account(s) "
                        + String.join(", ", shared) + " are already targeted by release directive '" + other.getKey()
                        + "' of release channel '" + channelName + "'.");
            }
        }
        Directive existing = channel.directives.get(name);
        channel.directives.put(name, new Directive(Set.copyOf(accounts), version, patch,
                existing == null ? tick() : existing.createdOn()));
        return Reply.statementExecuted();
    }

    private synchronized Reply showVersions(Query query) {
        return ReleaseListings.versions(releases(firstName(query.sql())));
    }

    private synchronized Reply showReleaseChannels(Query query) {
        return ReleaseListings.channels(releases(firstName(query.sql())));
    }

    private synchronized Reply showReleaseDirectives(Query query) {
        return ReleaseListings.directives(releases(firstName(query.sql())), query.sql());
    }

    private Patch patch(String stageLiteral) {
        return new Patch(stageFiles.apply(stageLiteral.replace("''", "'")), tick());
    }

    /** A later time for every change, so that what SHOW lists can be ordered by it. */
    private Instant tick() {
        clock = clock.plusSeconds(60);
        return clock;
    }

    private static Reply versionDoesNotExist(String pkg, String version) {
        return Reply.error(VERSION_DOES_NOT_EXIST, "02000", "Version '" + version + "' does not exist in application "
                + "package '" + pkg + "'.");
    }

    private static Reply noSuchPatch(String pkg, String version, int patch) {
        return Reply.error(PATCH_DOES_NOT_EXIST, "02000", "Patch " + patch + " does not exist for version '" + version
                + "' in application package '" + pkg + "'.");
    }

    private static Reply noSuchDirective(String pkg, String channel, String directive) {
        return Reply.error(RELEASE_DIRECTIVE_DOES_NOT_EXIST, "02000", "Release directive '" + directive + "' does not "
                + "exist in release channel '" + channel + "' of application package '" + pkg + "'.");
    }

    /** Snowflake's answer to a statement it cannot parse, pointing at the first text it did not expect. */
    private static Reply syntaxError(String sql, String unexpected) {
        int position = Math.max(0, sql.lastIndexOf(unexpected));
        String word = unexpected.isBlank() ? "<EOF>" : unexpected.strip().split("\\s+")[0];
        return Reply.error(SQL_COMPILATION_ERROR, "42000", "SQL compilation error:\nsyntax error line 1 at position "
                + position + " unexpected '" + word + "'.");
    }

    private static String firstName(String sql) {
        Matcher name = Pattern.compile(NAME).matcher(sql);
        if (!name.find()) {
            throw new IllegalArgumentException("No quoted name in " + sql);
        }
        return name.group(1);
    }
}
