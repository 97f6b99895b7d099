package io.connectorkit.plugin.snowflake;

import java.sql.SQLException;
import java.util.Set;

/** Snowflake's error codes for application packages and versions, turned into what to do next. */
final class SnowflakeErrors {

    static final int VERSION_EXISTS = 93030;
    static final int TOO_MANY_VERSIONS = 93037;
    static final int UPGRADE_FROM_LOOSE_FILES_TO_VERSION = 93044;
    static final int UPGRADE_FROM_VERSION_TO_LOOSE_FILES = 93045;
    static final int APP_NO_LONGER_AVAILABLE = 93079;
    static final int PATCH_NOT_INCREASING = 93167;
    static final int PATCH_EXISTS = 93168;

    /** Codes after which the app can only be dropped and created again. */
    static final Set<Integer> NEEDS_RECREATE = Set.of(UPGRADE_FROM_LOOSE_FILES_TO_VERSION,
            UPGRADE_FROM_VERSION_TO_LOOSE_FILES, APP_NO_LONGER_AVAILABLE);

    private SnowflakeErrors() {
    }

    /** The failure of a statement, explained; {@code doing} says what the deploy was doing ("adding version V1"). */
    static DeployException explain(SQLException e, String doing, String appName, String packageName) {
        String snowflake = " (" + describe(e) + ")";
        String advice = switch (e.getErrorCode()) {
            case VERSION_EXISTS -> "the version already exists in " + packageName + "; deploy again to add a patch "
                    + "to it, or name a new version with -Dconnector.version=<name>";
            case TOO_MANY_VERSIONS -> packageName + " has as many versions as Snowflake allows; drop one that no "
                    + "install uses (ALTER APPLICATION PACKAGE " + packageName + " DROP VERSION <name>) and deploy again";
            case UPGRADE_FROM_LOOSE_FILES_TO_VERSION, UPGRADE_FROM_VERSION_TO_LOOSE_FILES -> "the app " + appName
                    + " was installed in the other mode (development files or a version) and cannot be upgraded across;"
                    + " deploy with -Dconnector.force=true to drop and recreate it (its state is lost)";
            case APP_NO_LONGER_AVAILABLE -> "the app " + appName + " can no longer be upgraded from " + packageName
                    + "; deploy with -Dconnector.force=true to drop and recreate it (its state is lost)";
            case PATCH_NOT_INCREASING -> "a newer patch of this version exists already; deploy a new version with "
                    + "-Dconnector.version=<name>";
            case PATCH_EXISTS -> "this patch exists already; deploy again to add the next patch";
            default -> "check the role's privileges on " + packageName + " and the account, then deploy again";
        };
        return new DeployException("Failed " + doing + ": " + advice + snowflake, e);
    }

    /** The error as one line: {@code Snowflake error 2003: ...}. */
    static String describe(SQLException e) {
        return "Snowflake error " + e.getErrorCode() + ": " + firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
