package io.connectorkit.plugin.snowflake;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.AppGrant;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.runtime.sql.Identifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The privileges an installed app needs from its consumer under manifest v1, and granting them. The account
 * privileges its manifest requests are listed by {@code SHOW PRIVILEGES IN APPLICATION}, which also says whether each
 * is granted and whether the session's role may grant it (https://docs.snowflake.com/en/sql-reference/sql/show-privileges);
 * they are granted with {@code GRANT <privilege> ON ACCOUNT TO APPLICATION}
 * (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege-application), which needs MANAGE GRANTS.
 * The warehouse the connector runs on needs {@code USAGE} granted to the app as well: the app sees only the
 * warehouses granted to it ({@code SHOW GRANTS TO APPLICATION} lists them:
 * https://docs.snowflake.com/en/sql-reference/sql/show-grants).
 */
final class ApplicationPrivileges {

    /** Snowflake's code for a statement the role lacks the privileges for. */
    private static final int INSUFFICIENT_PRIVILEGES = 3001;
    /** Global privileges as Snowflake names them: words of capitals, written into the GRANT as they are. */
    private static final Pattern ACCOUNT_PRIVILEGE = Pattern.compile("[A-Z]+( [A-Z]+)*");
    /** The one requestable privilege that is granted on a database rather than on the account. */
    private static final String IMPORTED_PRIVILEGES = "IMPORTED PRIVILEGES ON SNOWFLAKE DB";

    private static final String ACCOUNT_GRANTORS = "ACCOUNTADMIN, or a role with MANAGE GRANTS";
    private static final String WAREHOUSE_GRANTORS = "the warehouse's owner, or a role with MANAGE GRANTS";

    private final SnowflakeSession session;
    private final Identifier app;
    private final Consumer<String> log;
    private final boolean automaticGrants;

    ApplicationPrivileges(SnowflakeSession session, Identifier app, Consumer<String> log) {
        this(session, app, log, false);
    }

    /** @param automaticGrants whether the manifest (version 2) has Snowflake grant the privileges it lists */
    ApplicationPrivileges(SnowflakeSession session, Identifier app, Consumer<String> log, boolean automaticGrants) {
        this.session = session;
        this.app = app;
        this.log = log;
        this.automaticGrants = automaticGrants;
    }

    /** A grant as read, and whether the session's role may make it. */
    private record Requested(AppGrant grant, boolean grantable) {}

    List<AppGrant> read(Optional<Identifier> warehouse) throws AppException {
        return requested(warehouse).stream().map(Requested::grant).toList();
    }

    List<AppGrant> grantMissing(Optional<Identifier> warehouse) throws AppException {
        List<AppGrant> after = new ArrayList<>();
        for (Requested requested : requested(warehouse)) {
            AppGrant grant = requested.grant();
            if (grant.held() || !requested.grantable()) {
                after.add(grant);
                continue;
            }
            try {
                session.execute(grant.statement());
                log.accept("Granted " + grant.privilege() + " ON " + grant.on() + " to application " + app.name());
                after.add(new AppGrant(
                        grant.privilege(),
                        grant.on(),
                        true,
                        grant.statement(),
                        grant.whoMayGrant(),
                        grant.automatic()));
            } catch (SQLException e) {
                if (e.getErrorCode() != INSUFFICIENT_PRIVILEGES) {
                    throw new AppException(
                            "Granting " + grant.privilege() + " ON " + grant.on() + " to application " + app.name()
                                    + " failed: " + SnowflakeErrors.describe(e),
                            e);
                }
                after.add(grant);
            }
        }
        return after;
    }

    private List<Requested> requested(Optional<Identifier> warehouse) throws AppException {
        List<Requested> requested = new ArrayList<>();
        for (Map<String, Object> row : query("SHOW PRIVILEGES IN APPLICATION " + app.sql())) {
            String privilege = String.valueOf(row.get("privilege")).strip();
            if (!ACCOUNT_PRIVILEGE.matcher(privilege).matches()) {
                throw new AppException("SHOW PRIVILEGES IN APPLICATION " + app.sql() + " listed '" + privilege
                        + "', which is not a privilege name the kit can grant; grant it by hand");
            }
            boolean imported = privilege.equals(IMPORTED_PRIVILEGES);
            String on = imported ? "DATABASE SNOWFLAKE" : "ACCOUNT";
            String statement = "GRANT " + (imported ? "IMPORTED PRIVILEGES" : privilege) + " ON " + on
                    + " TO APPLICATION " + app.sql();
            boolean automatic = automaticGrants && Descriptor.Manifest.AUTOMATICALLY_GRANTED.contains(privilege);
            requested.add(new Requested(
                    new AppGrant(
                            imported ? "IMPORTED PRIVILEGES" : privilege,
                            on,
                            flag(row.get("is_granted")),
                            statement,
                            ACCOUNT_GRANTORS,
                            automatic),
                    flag(row.get("is_grantable"))));
        }
        if (warehouse.isPresent()) {
            String name = warehouse.get().name();
            boolean held = query("SHOW GRANTS TO APPLICATION " + app.sql()).stream()
                    .anyMatch(row -> "USAGE".equals(row.get("privilege"))
                            && "WAREHOUSE".equals(row.get("granted_on"))
                            && name.equals(row.get("name")));
            String on = "WAREHOUSE " + warehouse.get().sql();
            // Whether the role may grant it shows only by trying: SHOW PRIVILEGES covers the manifest's requests.
            requested.add(new Requested(
                    new AppGrant(
                            "USAGE",
                            on,
                            held,
                            "GRANT USAGE ON " + on + " TO APPLICATION " + app.sql(),
                            WAREHOUSE_GRANTORS),
                    true));
        }
        return requested;
    }

    private List<Map<String, Object>> query(String sql) throws AppException {
        try {
            return session.query(sql);
        } catch (SQLException e) {
            throw new AppException(sql + " failed: " + SnowflakeErrors.describe(e), e);
        }
    }

    /** SHOW commands answer flags as the text 'true' or 'false'. */
    private static boolean flag(Object value) {
        return value != null && Boolean.parseBoolean(value.toString().strip());
    }
}
