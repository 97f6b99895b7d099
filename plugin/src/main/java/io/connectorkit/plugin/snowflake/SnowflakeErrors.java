package io.connectorkit.plugin.snowflake;

import java.sql.SQLException;
import java.util.Set;

/**
 * Snowflake's error codes for application packages, versions, release channels and applications, turned into what
 * to do next. The rules behind them: https://docs.snowflake.com/en/developer-guide/native-apps/release-channels,
 * https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-channel and
 * https://docs.snowflake.com/en/sql-reference/sql/drop-application.
 */
final class SnowflakeErrors {

    static final int SQL_COMPILATION_ERROR = 1003;
    static final int VERSION_EXISTS = 93030;
    static final int VERSION_DOES_NOT_EXIST = 93031;
    static final int PATCH_DOES_NOT_EXIST = 93036;
    static final int TOO_MANY_VERSIONS = 93037;
    static final int UPGRADE_FROM_LOOSE_FILES_TO_VERSION = 93044;
    static final int UPGRADE_FROM_VERSION_TO_LOOSE_FILES = 93045;
    static final int ONLY_SUPPORTED_ON_DEV_MODE_APPLICATIONS = 93046;
    static final int NOT_SUPPORTED_ON_DEV_MODE_APPLICATIONS = 93055;
    static final int APP_NO_LONGER_AVAILABLE = 93079;
    static final int SETUP_SCRIPT_FAILED = 93082;
    static final int NO_ACTIVE_WAREHOUSE = 93083;
    static final int VERSION_REFERENCED_BY_RELEASE_DIRECTIVE = 93088;
    static final int APPLICATION_OWNS_EXTERNAL_OBJECTS = 93128;
    static final int PATCH_NOT_INCREASING = 93167;
    static final int PATCH_EXISTS = 93168;
    /** APPLICATION_REQUIRES_TELEMETRY_SHARING in the Snowflake CLI's errno.py. */
    static final int REQUIRES_TELEMETRY_SHARING = 93321;
    /** CANNOT_DISABLE_MANDATORY_TELEMETRY in the Snowflake CLI's errno.py. */
    static final int CANNOT_DISABLE_MANDATORY_TELEMETRY = 93329;

    static final int CANNOT_DISABLE_RELEASE_CHANNELS = 512001;
    static final int MAX_VERSIONS_IN_RELEASE_CHANNEL_REACHED = 512004;
    static final int VERSION_ALREADY_ADDED_TO_RELEASE_CHANNEL = 512005;
    static final int VERSION_NOT_ADDED_TO_RELEASE_CHANNEL = 512008;
    static final int VERSION_NOT_IN_RELEASE_CHANNEL = 512010;
    static final int CANNOT_DEREGISTER_VERSION_ASSOCIATED_WITH_CHANNEL = 512021;
    static final int MAX_UNBOUND_VERSIONS_REACHED = 512023;
    static final int ACCOUNT_DOES_NOT_EXIST = 1999;
    static final int RELEASE_DIRECTIVE_DOES_NOT_EXIST = 93090;
    static final int TARGET_ACCOUNT_USED_BY_OTHER_RELEASE_DIRECTIVE = 93091;

    /**
     * The goal whose statement failed: the advice names its parameters (deploy publishes in a channel with
     * {@code -Dconnector.releaseChannel}, publish with {@code -Dconnector.channel}).
     */
    enum Goal {
        DEPLOY("deploy", "-Dconnector.releaseChannel"),
        PUBLISH("publish", "-Dconnector.channel");

        final String verb;
        final String channelParameter;

        Goal(String verb, String channelParameter) {
            this.verb = verb;
            this.channelParameter = channelParameter;
        }
    }

    /** Codes after which the app can only be dropped and created again. */
    static final Set<Integer> NEEDS_RECREATE = Set.of(
            UPGRADE_FROM_LOOSE_FILES_TO_VERSION,
            UPGRADE_FROM_VERSION_TO_LOOSE_FILES,
            ONLY_SUPPORTED_ON_DEV_MODE_APPLICATIONS,
            NOT_SUPPORTED_ON_DEV_MODE_APPLICATIONS,
            APP_NO_LONGER_AVAILABLE);

    private SnowflakeErrors() {}

    /** The failure of a statement, explained; {@code doing} says what the deploy was doing ("adding version V1"). */
    static DeployException explain(SQLException e, String doing, String appName, String packageName) {
        return explain(e, doing, appName, packageName, Goal.DEPLOY);
    }

    /** The failure of a statement of the goal, explained with that goal's parameters. */
    static DeployException explain(SQLException e, String doing, String appName, String packageName, Goal goal) {
        String again = goal.verb + " again";
        String snowflake = " (" + describe(e) + ")";
        String recreate = "; deploy with -Dconnector.force=true to drop and recreate it (its state is lost)";
        String advice = switch (e.getErrorCode()) {
            case VERSION_EXISTS ->
                "the version already exists in " + packageName + "; " + again + " to add a patch "
                        + "to it, or name a new version with -Dconnector.version=<name>";
            case VERSION_DOES_NOT_EXIST ->
                "the version does not exist in " + packageName + "; deploy it first with "
                        + "-Dconnector.version=<name> (SHOW VERSIONS IN APPLICATION PACKAGE " + packageName + " lists "
                        + "those it has)";
            case PATCH_DOES_NOT_EXIST ->
                "the version has no such patch in " + packageName + "; SHOW VERSIONS IN " + "APPLICATION PACKAGE "
                        + packageName + " lists its patches";
            case TOO_MANY_VERSIONS ->
                packageName + " has as many versions as Snowflake allows; drop one that no "
                        + "install uses (ALTER APPLICATION PACKAGE " + packageName + " DROP VERSION <name>) and "
                        + again;
            case UPGRADE_FROM_LOOSE_FILES_TO_VERSION, UPGRADE_FROM_VERSION_TO_LOOSE_FILES ->
                "the app " + appName
                        + " was installed in the other mode (development files or a version) and cannot be upgraded across"
                        + recreate;
            case ONLY_SUPPORTED_ON_DEV_MODE_APPLICATIONS ->
                "the app " + appName + " was installed from a version, "
                        + "and this needs an app installed from the stage's files (development mode)" + recreate;
            case NOT_SUPPORTED_ON_DEV_MODE_APPLICATIONS ->
                "the app " + appName + " was installed from the stage's "
                        + "files (development mode), and this needs an app installed from a version" + recreate;
            case APP_NO_LONGER_AVAILABLE ->
                "the app " + appName + " can no longer be upgraded from " + packageName + recreate;
            case SETUP_SCRIPT_FAILED ->
                "the setup script of " + appName + " failed: " + message(e) + "; fix the "
                        + "descriptor or the template override and " + again;
            case NO_ACTIVE_WAREHOUSE ->
                "the session has no warehouse, and Snowflake runs the setup script of "
                        + appName + " in one; set warehouse on the connection (warehouse = \"<name>\" in its "
                        + "connections.toml table, or SNOWFLAKE_CONNECTIONS_<NAME>_WAREHOUSE) and " + again;
            case VERSION_REFERENCED_BY_RELEASE_DIRECTIVE ->
                "a release directive of " + packageName + " names this "
                        + "version; point the directive at another version first (SHOW RELEASE DIRECTIVES IN APPLICATION "
                        + "PACKAGE " + packageName + ")";
            case APPLICATION_OWNS_EXTERNAL_OBJECTS ->
                "the app " + appName + " owns objects outside itself (such as "
                        + "a database it created), which only DROP APPLICATION " + appName + " CASCADE drops with it; "
                        + "run with -Dconnector.force=true to drop them too, or run that statement yourself";
            case PATCH_NOT_INCREASING ->
                "a newer patch of this version exists already; " + goal.verb + " a new "
                        + "version with -Dconnector.version=<name>";
            case PATCH_EXISTS -> "this patch exists already; " + again + " to add the next patch";
            // https://docs.snowflake.com/en/developer-guide/native-apps/event-definition: MANDATORY definitions are
            // shared from the install on, so installing needs the consumer's consent.
            case REQUIRES_TELEMETRY_SHARING ->
                "the app's manifest declares MANDATORY telemetry event definitions "
                        + "(manifest.telemetry.events in connector.yaml), so Snowflake installs " + appName
                        + " only when "
                        + "the consumer authorizes sharing its events with the provider; deploy again with "
                        + "-Dconnector.authorizeTelemetry=true to authorize it, or make those definitions OPTIONAL";
            case CANNOT_DISABLE_MANDATORY_TELEMETRY ->
                "the app " + appName + " has MANDATORY telemetry event "
                        + "definitions, whose sharing cannot be switched off; keep -Dconnector.authorizeTelemetry=true";
            case CANNOT_DISABLE_RELEASE_CHANNELS ->
                "the release channels of " + packageName + " cannot be disabled "
                        + "once enabled; keep them, or undeploy and deploy again to make a new package";
            case MAX_VERSIONS_IN_RELEASE_CHANNEL_REACHED ->
                "the release channel has as many versions as Snowflake "
                        + "allows (two); remove one that no release directive names (ALTER APPLICATION PACKAGE "
                        + packageName + " MODIFY RELEASE CHANNEL <channel> DROP VERSION <name>) and " + again
                        + (goal == Goal.PUBLISH
                                ? ", or publish with -Dconnector.force=true to remove the channel's "
                                        + "oldest such version"
                                : "");
            case VERSION_ALREADY_ADDED_TO_RELEASE_CHANNEL -> "the version is in the release channel already";
            case VERSION_NOT_ADDED_TO_RELEASE_CHANNEL ->
                "the version has not been added to the release channel; add "
                        + "it (ALTER APPLICATION PACKAGE " + packageName
                        + " MODIFY RELEASE CHANNEL <channel> ADD VERSION "
                        + "<name>), or " + goal.verb + " with " + goal.channelParameter + "=<channel>, which adds it";
            case VERSION_NOT_IN_RELEASE_CHANNEL ->
                "the version is not in that release channel; choose a version the "
                        + "channel has (SHOW RELEASE CHANNELS IN APPLICATION PACKAGE " + packageName + ") or add it to "
                        + "the channel";
            case CANNOT_DEREGISTER_VERSION_ASSOCIATED_WITH_CHANNEL ->
                "the version is in a release channel; remove it "
                        + "from the channel first (ALTER APPLICATION PACKAGE " + packageName
                        + " MODIFY RELEASE CHANNEL "
                        + "<channel> DROP VERSION <name>)";
            case MAX_UNBOUND_VERSIONS_REACHED ->
                packageName + " has as many versions in no release channel as "
                        + "Snowflake allows; drop such a version (ALTER APPLICATION PACKAGE " + packageName
                        + " DEREGISTER VERSION <name>) or add it to a channel (" + goal.channelParameter
                        + "=<channel>), "
                        + "then " + again;
            case ACCOUNT_DOES_NOT_EXIST ->
                "Snowflake knows no such account; name each as ORGANIZATION.ACCOUNT "
                        + "(SHOW ORGANIZATION ACCOUNTS lists your organization's) in -Dconnector.accounts";
            case RELEASE_DIRECTIVE_DOES_NOT_EXIST ->
                "the release directive does not exist in that channel; create "
                        + "it by naming its accounts with -Dconnector.accounts=ORGANIZATION.ACCOUNT,…";
            case TARGET_ACCOUNT_USED_BY_OTHER_RELEASE_DIRECTIVE ->
                "an account is served by another release "
                        + "directive of the channel already; remove it there first (SHOW RELEASE DIRECTIVES IN "
                        + "APPLICATION PACKAGE " + packageName + " lists them), or publish to that directive";
            default -> "check the role's privileges on " + packageName + " and the account, then " + again;
        };
        return new DeployException("Failed " + doing + ": " + advice + snowflake, e);
    }

    /** The error as one line: {@code Snowflake error 2003: ...}. */
    static String describe(SQLException e) {
        return "Snowflake error " + e.getErrorCode() + ": " + firstLine(e.getMessage());
    }

    /** Snowflake's whole message, its lines joined: a setup script's error can follow on the next line. */
    private static String message(SQLException e) {
        return e.getMessage() == null
                ? "(no message)"
                : String.join(" ", e.getMessage().strip().lines().toList());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
