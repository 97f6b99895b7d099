package io.connectorkit.fake.snowflake;

import io.connectorkit.runtime.sql.Account;
import io.connectorkit.runtime.sql.Identifier;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the consumer granted each application: account privileges its manifest requests (EXECUTE TASK, CREATE
 * DATABASE, …) and USAGE on warehouses. The apps the fake builds see the account through these grants
 * ({@link #accountOf}), as an app in Snowflake holds only what it was granted.
 *
 * <ul>
 *   <li>{@code GRANT <privilege> ON ACCOUNT TO APPLICATION <app>}: only privileges the app's manifest requests
 *       ("Any ACCOUNT level privilege grant … that is not in the current application version manifest is not
 *       allowed": https://docs.snowflake.com/en/sql-reference/sql/grant-privilege-application);</li>
 *   <li>{@code GRANT USAGE ON WAREHOUSE <warehouse> TO APPLICATION <app>};</li>
 *   <li>{@code SHOW PRIVILEGES IN APPLICATION <app>}: the manifest's privileges with {@code is_granted} and
 *       {@code is_grantable} (https://docs.snowflake.com/en/sql-reference/sql/show-privileges);</li>
 *   <li>{@code SHOW GRANTS TO APPLICATION <app>} (https://docs.snowflake.com/en/sql-reference/sql/show-grants).</li>
 * </ul>
 *
 * Granting needs MANAGE GRANTS (ACCOUNTADMIN and SECURITYADMIN have it by default); {@link #roleManagesGrants} says
 * whether the session's role has it.
 */
final class ApplicationGrants {

    /** Snowflake's code and SQLSTATE for a statement the role lacks the privileges for. */
    static final int INSUFFICIENT_PRIVILEGES = 3001;

    private static final Pattern ACCOUNT_GRANT =
            Pattern.compile("GRANT ([A-Z][A-Z ]*[A-Z]) ON ACCOUNT TO APPLICATION \"([^\"]+)\"");
    private static final Pattern WAREHOUSE_GRANT =
            Pattern.compile("GRANT USAGE ON WAREHOUSE \"([^\"]+)\" TO APPLICATION \"([^\"]+)\"");
    private static final Pattern SHOW_PRIVILEGES = Pattern.compile("SHOW PRIVILEGES IN APPLICATION \"([^\"]+)\"");
    private static final Pattern SHOW_GRANTS = Pattern.compile("SHOW GRANTS TO APPLICATION \"([^\"]+)\"");
    private static final String CREATED_ON = "2026-11-27 10:00:00.000 -0800";

    /** Whether the session's role may grant privileges to applications (holds MANAGE GRANTS). */
    volatile boolean roleManagesGrants = true;

    private final Map<String, Set<String>> accountPrivileges = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> warehouses = new ConcurrentHashMap<>();
    private final Function<String, Optional<StagedManifest>> manifests;
    private final BiConsumer<String, String> databaseCreated;

    /**
     * @param manifests the manifest of each application the fake built, by name
     * @param databaseCreated told of each database an app creates, with the app's name: the app owns it
     */
    ApplicationGrants(
            FakeSnowflake snowflake,
            Function<String, Optional<StagedManifest>> manifests,
            BiConsumer<String, String> databaseCreated) {
        this.manifests = manifests;
        this.databaseCreated = databaseCreated;
        snowflake.on(sql -> ACCOUNT_GRANT.matcher(sql).matches(), this::grantOnAccount);
        snowflake.on(sql -> WAREHOUSE_GRANT.matcher(sql).matches(), this::grantOnWarehouse);
        snowflake.on(sql -> SHOW_PRIVILEGES.matcher(sql).matches(), this::showPrivileges);
        snowflake.on(sql -> SHOW_GRANTS.matcher(sql).matches(), this::showGrants);
    }

    /** The account privileges granted to the app. */
    Set<String> accountPrivileges(String app) {
        return Set.copyOf(accountPrivileges.getOrDefault(app, Set.of()));
    }

    /** The warehouses the app may use. */
    Set<String> warehouses(String app) {
        return Set.copyOf(warehouses.getOrDefault(app, Set.of()));
    }

    void grantAccountPrivilege(String app, String privilege) {
        accountPrivileges
                .computeIfAbsent(app, key -> ConcurrentHashMap.newKeySet())
                .add(privilege);
    }

    void grantWarehouse(String app, String warehouse) {
        warehouses.computeIfAbsent(app, key -> ConcurrentHashMap.newKeySet()).add(warehouse);
    }

    /** A dropped app's grants go with it. */
    void forget(String app) {
        accountPrivileges.remove(app);
        warehouses.remove(app);
    }

    /** The account as the app sees it: through its grants. */
    Account accountOf(String app) {
        return new Account() {
            @Override
            public boolean holdsAccountPrivilege(String privilege) {
                return accountPrivileges(app).contains(privilege);
            }

            @Override
            public boolean canUseWarehouse(Identifier warehouse) {
                return warehouses(app).contains(warehouse.name());
            }

            @Override
            public void createAppDatabase(Identifier database) {
                if (!holdsAccountPrivilege("CREATE DATABASE")) {
                    throw new IllegalStateException("003001 (42501): SQL access control error: Insufficient "
                            + "privileges to operate on account '" + FakeSnowflake.ACCOUNT + "'");
                }
                databaseCreated.accept(app, database.name());
            }
        };
    }

    private Reply grantOnAccount(Query query) {
        Matcher matcher = ACCOUNT_GRANT.matcher(query.sql());
        matcher.matches();
        String privilege = matcher.group(1);
        String app = matcher.group(2);
        Optional<StagedManifest> manifest = manifests.apply(app);
        if (manifest.isEmpty()) {
            return noSuchApplication(app);
        }
        if (!roleManagesGrants) {
            return insufficientPrivileges("account '" + FakeSnowflake.ACCOUNT + "'");
        }
        if (!manifest.get().privileges().containsKey(privilege)) {
            // The rule is documented; its error code is not: the fake answers as for a privilege it may not grant.
            return Reply.error(
                    INSUFFICIENT_PRIVILEGES,
                    "42501",
                    "SQL access control error: The privilege '" + privilege
                            + "' is not requested in the manifest of application '" + app
                            + "' and cannot be granted to it.");
        }
        grantAccountPrivilege(app, privilege);
        return Reply.statementExecuted();
    }

    private Reply grantOnWarehouse(Query query) {
        Matcher matcher = WAREHOUSE_GRANT.matcher(query.sql());
        matcher.matches();
        String app = matcher.group(2);
        if (manifests.apply(app).isEmpty()) {
            return noSuchApplication(app);
        }
        if (!roleManagesGrants) {
            return insufficientPrivileges("warehouse '" + matcher.group(1) + "'");
        }
        grantWarehouse(app, matcher.group(1));
        return Reply.statementExecuted();
    }

    private Reply showPrivileges(Query query) {
        Matcher matcher = SHOW_PRIVILEGES.matcher(query.sql());
        matcher.matches();
        String app = matcher.group(1);
        Optional<StagedManifest> manifest = manifests.apply(app);
        if (manifest.isEmpty()) {
            return noSuchApplication(app);
        }
        Reply.Result result = Reply.columns(
                Column.text("privilege"),
                Column.text("description"),
                Column.text("is_granted"),
                Column.text("is_grantable"));
        Set<String> granted = accountPrivileges(app);
        for (Map.Entry<String, String> privilege : manifest.get().privileges().entrySet()) {
            // SHOW commands answer flags as the text 'true' or 'false'.
            result = result.row(
                    privilege.getKey(),
                    privilege.getValue(),
                    String.valueOf(granted.contains(privilege.getKey())),
                    String.valueOf(roleManagesGrants));
        }
        return result;
    }

    private Reply showGrants(Query query) {
        Matcher matcher = SHOW_GRANTS.matcher(query.sql());
        matcher.matches();
        String app = matcher.group(1);
        if (manifests.apply(app).isEmpty()) {
            return noSuchApplication(app);
        }
        Reply.Result result = Reply.columns(
                Column.text("created_on"),
                Column.text("privilege"),
                Column.text("granted_on"),
                Column.text("name"),
                Column.text("granted_to"),
                Column.text("grantee_name"),
                Column.text("grant_option"),
                Column.text("granted_by"));
        for (String privilege : new TreeSet<>(accountPrivileges(app))) {
            result = result.row(
                    CREATED_ON,
                    privilege,
                    "ACCOUNT",
                    FakeSnowflake.ACCOUNT,
                    "APPLICATION",
                    app,
                    "false",
                    "ACCOUNTADMIN");
        }
        for (String warehouse : new TreeSet<>(warehouses(app))) {
            result = result.row(
                    CREATED_ON, "USAGE", "WAREHOUSE", warehouse, "APPLICATION", app, "false", "ACCOUNTADMIN");
        }
        return result;
    }

    private static Reply noSuchApplication(String app) {
        return Reply.error(
                2003, "02000", "SQL compilation error: Application '" + app + "' does not exist or not authorized.");
    }

    private static Reply insufficientPrivileges(String object) {
        return Reply.error(
                INSUFFICIENT_PRIVILEGES,
                "42501",
                "SQL access control error: Insufficient privileges to " + "operate on " + object + ".");
    }
}
