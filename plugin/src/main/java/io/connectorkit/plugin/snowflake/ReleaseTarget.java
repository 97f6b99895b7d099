package io.connectorkit.plugin.snowflake;

import io.connectorkit.runtime.sql.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where a publish goes, checked: the version, the release channel, the release directive and the accounts a custom
 * directive serves. {@link #of} refuses bad names before anything is sent; {@link #check} refuses what the package
 * cannot take (no such channel, a full channel, a custom directive that does not exist and names no accounts)
 * before anything changes.
 */
record ReleaseTarget(Identifier version, Identifier channel, Identifier directive, List<String> accounts) {

    /**
     * How many versions a release channel holds ("the two-version limit applies to each release channel"):
     * https://docs.snowflake.com/en/developer-guide/native-apps/release-channels
     */
    static final int VERSIONS_PER_CHANNEL = 2;
    /**
     * An account as ACCOUNTS = (…) names it, {@code organization_name.account_name}: both names are letters, digits
     * and underscores (https://docs.snowflake.com/en/user-guide/admin-account-identifier,
     * https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-channel).
     */
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z][A-Za-z0-9_]*\\.[A-Za-z][A-Za-z0-9_]*");

    static ReleaseTarget of(ReleasePublisher.Request request) throws DeployException {
        Identifier version = name(request.version(), "-Dconnector.version", true);
        Identifier channel = name(request.channel(), "-Dconnector.channel", false);
        Identifier directive = name(request.directive(), "-Dconnector.directive", false);
        TreeSet<String> accounts = new TreeSet<>();
        for (String account : request.accounts()) {
            String trimmed = account.strip();
            if (!ACCOUNT.matcher(trimmed).matches()) {
                throw new DeployException("-Dconnector.accounts names '" + account + "', which is not an account: name "
                        + "each as ORGANIZATION.ACCOUNT (letters, digits and _; SHOW ORGANIZATION ACCOUNTS lists "
                        + "yours), separated by commas, e.g. -Dconnector.accounts=MYORG.CONSUMER1,MYORG.CONSUMER2; "
                        + "nothing was changed");
            }
            accounts.add(trimmed.toUpperCase(Locale.ROOT));
        }
        ReleaseTarget target = new ReleaseTarget(version, channel, directive, List.copyOf(accounts));
        if (target.isDefaultDirective() && !accounts.isEmpty()) {
            throw new DeployException("-Dconnector.accounts=" + String.join(",", request.accounts()) + " cannot go "
                    + "with release directive DEFAULT, which serves every account of the channel: name a custom "
                    + "directive for those accounts (-Dconnector.directive=<name>), or drop -Dconnector.accounts; "
                    + "nothing was changed");
        }
        return target;
    }

    boolean isDefaultDirective() {
        return directive.name().equals(ReleaseState.DEFAULT_DIRECTIVE);
    }

    /** The accounts for a message: {@code " for ORG.A, ORG.B"}, or nothing for the default directive. */
    String accountsShown() {
        return accounts.isEmpty() ? "" : " for " + String.join(", ", accounts);
    }

    /** Refuses what the package cannot take, naming what it has and the fix. */
    void check(ReleaseState state, boolean force) throws DeployException {
        if (!state.hasChannels()) {
            throw new DeployException("Cannot publish in release channel " + channel.name() + ": application package "
                    + state.packageName() + " has no release channels (it was made without them, and they cannot be "
                    + "added to it); deploy versions of it with connector:deploy -Dconnector.version, or undeploy "
                    + "and publish again to get a package with release channels");
        }
        Optional<ReleaseState.Channel> found = state.channel(channel.name());
        if (found.isEmpty()) {
            throw new DeployException("Application package " + state.packageName() + " has no release channel "
                    + channel.name() + "; choose one of "
                    + String.join(
                            ", ",
                            state.channels().stream()
                                    .map(ReleaseState.Channel::name)
                                    .toList()) + " with -Dconnector.channel");
        }
        ReleaseState.Channel target = found.get();
        if (!target.versions().contains(version.name()) && target.versions().size() >= VERSIONS_PER_CHANNEL) {
            Optional<String> free = oldestFreeVersion(state, target);
            if (free.isEmpty()) {
                throw new DeployException("Release channel " + channel.name() + " holds " + VERSIONS_PER_CHANNEL
                        + " versions already (" + String.join(", ", target.versions()) + "), as many as Snowflake "
                        + "allows, and a release directive names each of them, so none can make room for version "
                        + version.name() + ": point those directives at one version first (publish it again), then "
                        + "publish " + version.name());
            }
            if (!force) {
                throw new DeployException("Release channel " + channel.name() + " holds " + VERSIONS_PER_CHANNEL
                        + " versions already (" + String.join(", ", target.versions()) + "), as many as Snowflake "
                        + "allows. Publish with -Dconnector.force=true to remove " + free.get() + " from it (the "
                        + "oldest that no release directive names), or remove one yourself (ALTER APPLICATION PACKAGE "
                        + state.packageName() + " MODIFY RELEASE CHANNEL " + channel.name() + " DROP VERSION <name>); "
                        + "nothing was changed");
            }
        }
        if (!isDefaultDirective()
                && accounts.isEmpty()
                && target.directive(directive.name()).isEmpty()) {
            List<String> existing = new ArrayList<>(target.directives().stream()
                    .map(ReleaseState.Directive::name)
                    .filter(name -> !name.equals(ReleaseState.DEFAULT_DIRECTIVE))
                    .toList());
            throw new DeployException("Release directive " + directive.name() + " does not exist in release channel "
                    + channel.name() + ", and a custom directive serves the accounts it names: add "
                    + "-Dconnector.accounts=ORGANIZATION.ACCOUNT,… to create it"
                    + (existing.isEmpty() ? "" : ", or choose one of " + String.join(", ", existing))
                    + " (or DEFAULT for every account of the channel); nothing was changed");
        }
    }

    /** The channel's version that no directive of the channel names and whose newest patch is oldest. */
    Optional<String> oldestFreeVersion(ReleaseState state, ReleaseState.Channel target) {
        return target.versions().stream()
                .filter(name ->
                        target.directives().stream().noneMatch(d -> d.version().equals(name)))
                .map(name -> state.version(name).orElse(new ReleaseState.Version(name, "", List.of(0), "")))
                .min(ReleasePublisher.oldestFirst())
                .map(ReleaseState.Version::name);
    }

    private static Identifier name(String text, String parameter, boolean exact) throws DeployException {
        if (text == null || text.isBlank()) {
            throw new DeployException(parameter + " is empty: name the " + parameter.substring("-Dconnector.".length())
                    + " to publish; nothing was changed");
        }
        try {
            // A version is named exactly as given (as deploy names it); a channel or directive as Snowflake reads
            // an identifier, so qa is QA.
            return exact ? Identifier.ofName(text.strip()) : Identifier.parse(text.strip());
        } catch (Identifier.InvalidIdentifierException e) {
            throw new DeployException(
                    parameter + "=" + text + " is not a valid name: " + e.reason() + "; nothing was changed");
        }
    }
}
