package io.connectorkit.plugin.app;

/**
 * A privilege the app needs granted on its account, held or not: an account privilege its manifest requests
 * ({@code EXECUTE TASK}, {@code CREATE DATABASE}) or USAGE on the warehouse it runs on.
 *
 * @param privilege what is granted, as Snowflake names it: {@code EXECUTE TASK}, {@code USAGE}
 * @param on what it is granted on: {@code ACCOUNT}, {@code WAREHOUSE "SNOW_WH"}
 * @param held whether the app holds it
 * @param statement the statement that grants it
 * @param whoMayGrant the roles that may run the statement
 * @param automatic whether Snowflake grants it at install and upgrade (manifest version 2), for good
 */
public record AppGrant(
        String privilege, String on, boolean held, String statement, String whoMayGrant, boolean automatic) {

    public AppGrant(String privilege, String on, boolean held, String statement, String whoMayGrant) {
        this(privilege, on, held, statement, whoMayGrant, false);
    }

    /** The grant as one line: {@code EXECUTE TASK ON ACCOUNT: held}. */
    public String summary() {
        if (automatic) {
            return privilege + " ON " + on + ": "
                    + (held
                            ? "held (granted by Snowflake at install and upgrade, "
                                    + "manifest version 2; it cannot be revoked)"
                            : "missing: Snowflake grants it at install and "
                                    + "upgrade under manifest version 2; upgrade the app (mvn connector:deploy), or "
                                    + statement
                                    + " (run by " + whoMayGrant + ")");
        }
        return privilege + " ON " + on + ": "
                + (held ? "held" : "missing (" + statement + "; run by " + whoMayGrant + ")");
    }
}
