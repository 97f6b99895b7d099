package io.connectorkit.fake.snowflake;

import io.connectorkit.runtime.sql.Identifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account's EXTERNAL ACCESS INTEGRATIONs as far as secrets go: which secrets each one lets handler code use
 * ({@code ALLOWED_AUTHENTICATION_SECRETS},
 * https://docs.snowflake.com/en/sql-reference/sql/create-external-access-integration). Tests declare them with
 * {@link #create} or with the SQL statements
 * {@code CREATE [OR REPLACE] EXTERNAL ACCESS INTEGRATION … ALLOWED_NETWORK_RULES = (…) [ALLOWED_AUTHENTICATION_SECRETS
 * = (…|all|none)] ENABLED = TRUE} and {@code ALTER EXTERNAL ACCESS INTEGRATION … SET ALLOWED_AUTHENTICATION_SECRETS =
 * (…)} (https://docs.snowflake.com/en/sql-reference/sql/alter-external-access-integration).
 *
 * <p>An integration the fake was never told about allows every secret, so that tests which bind an integration
 * without declaring it keep working; a declared one allows only its list, and without
 * ALLOWED_AUTHENTICATION_SECRETS none.
 */
public final class ExternalAccessIntegrations {

    private static final Pattern CREATE = Pattern.compile(
            "CREATE (OR REPLACE )?EXTERNAL ACCESS INTEGRATION (IF NOT EXISTS )?(\"(?:[^\"]|\"\")+\"|\\S+)(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ALTER = Pattern.compile(
            "ALTER EXTERNAL ACCESS INTEGRATION (IF EXISTS )?(\"(?:[^\"]|\"\")+\"|\\S+) SET (.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** A list in parentheses, or {@code all} or {@code none} bare. */
    private static final Pattern ALLOWED_SECRETS = Pattern.compile(
            "ALLOWED_AUTHENTICATION_SECRETS\\s*=\\s*(?:\\(([^)]*)\\)|(all|none)\\b)", Pattern.CASE_INSENSITIVE);

    /**
     * The secrets an integration allows: all of them, or those listed (qualified names as {@link #qualified}
     * writes them; none when empty).
     */
    public record AllowedSecrets(boolean allowsAll, Set<String> secrets) {
        public AllowedSecrets {
            secrets = Set.copyOf(secrets);
        }

        public static AllowedSecrets anySecret() {
            return new AllowedSecrets(true, Set.of());
        }

        public static AllowedSecrets none() {
            return new AllowedSecrets(false, Set.of());
        }

        /** These secrets, named as in SQL ({@code db.schema.secret}, quoted parts exact). */
        public static AllowedSecrets of(String... secrets) {
            Set<String> names = new LinkedHashSet<>();
            for (String secret : secrets) {
                names.add(qualified(secret));
            }
            return new AllowedSecrets(false, names);
        }

        boolean allows(String secret) {
            return allowsAll || secrets.contains(qualified(secret));
        }
    }

    private final Map<String, AllowedSecrets> integrations = new ConcurrentHashMap<>();

    ExternalAccessIntegrations(FakeSnowflake snowflake) {
        snowflake.on(sql -> CREATE.matcher(sql).matches(), this::createStatement);
        snowflake.on(sql -> ALTER.matcher(sql).matches(), this::alterStatement);
    }

    /** Declares (or replaces) an integration that allows these secrets. */
    public void create(String name, AllowedSecrets allowed) {
        integrations.put(qualified(name), allowed);
    }

    /** The secrets a declared integration allows; empty for one the fake does not know. */
    public Optional<AllowedSecrets> allowedSecrets(String name) {
        return Optional.ofNullable(integrations.get(qualified(name)));
    }

    /** Whether handler code given the integration may use the secret (always, for an undeclared integration). */
    boolean allows(String integration, String secret) {
        return allowedSecrets(integration)
                .map(allowed -> allowed.allows(secret))
                .orElse(true);
    }

    private Reply createStatement(Query query) {
        try {
            create(query.sql());
            return Reply.statementExecuted();
        } catch (SnowflakeRefusal refusal) {
            return refusal.reply();
        }
    }

    /** Whether the statement is a CREATE EXTERNAL ACCESS INTEGRATION. */
    static boolean isCreate(String sql) {
        return CREATE.matcher(sql).matches();
    }

    /**
     * Runs a CREATE EXTERNAL ACCESS INTEGRATION statement; answers the integration's qualified name, and whether it
     * was created (false: IF NOT EXISTS found it).
     *
     * @param networkRules the qualified names of the network rules it lists (as written), for the caller to check
     */
    Created create(String sql, Consumer<List<String>> networkRules) {
        Matcher matcher = CREATE.matcher(sql);
        if (!matcher.matches()) {
            throw new SnowflakeRefusal(1003, "42601", "SQL compilation error:\nsyntax error in " + sql);
        }
        String name = qualified(matcher.group(3));
        Matcher rules = Pattern.compile("ALLOWED_NETWORK_RULES\\s*=\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE)
                .matcher(matcher.group(4));
        if (!rules.find()) {
            throw new SnowflakeRefusal(
                    1003,
                    "42601",
                    "SQL compilation error:\nmissing required property "
                            + "ALLOWED_NETWORK_RULES for external access integration " + name);
        }
        if (integrations.containsKey(name) && matcher.group(1) == null) {
            if (matcher.group(2) != null) {
                return new Created(name, false);
            }
            throw new SnowflakeRefusal(2002, "42710", "SQL compilation error:\nObject '" + name + "' already exists.");
        }
        networkRules.accept(split(rules.group(1), ',').stream()
                .map(String::trim)
                .filter(rule -> !rule.isEmpty())
                .toList());
        Matcher allowed = ALLOWED_SECRETS.matcher(matcher.group(4));
        integrations.put(
                name,
                allowed.find()
                        ? allowed(allowed.group(1) != null ? allowed.group(1) : allowed.group(2))
                        : AllowedSecrets.none());
        return new Created(name, true);
    }

    /** What a CREATE EXTERNAL ACCESS INTEGRATION did. */
    record Created(String name, boolean created) {}

    private void create(String sql) {
        create(sql, rules -> {});
    }

    private Reply alterStatement(Query query) {
        Matcher matcher = ALTER.matcher(query.sql());
        matcher.matches();
        String name = qualified(matcher.group(2));
        if (!integrations.containsKey(name)) {
            return matcher.group(1) != null
                    ? Reply.statementExecuted()
                    : Reply.error(
                            2003,
                            "02000",
                            "SQL compilation error:\nIntegration '" + name + "' does not exist "
                                    + "or not authorized.");
        }
        Matcher allowed = ALLOWED_SECRETS.matcher(matcher.group(3));
        if (allowed.find()) {
            integrations.put(name, allowed(allowed.group(1) != null ? allowed.group(1) : allowed.group(2)));
        }
        return Reply.statementExecuted();
    }

    private static AllowedSecrets allowed(String list) {
        String trimmed = list.trim();
        if (trimmed.equalsIgnoreCase("all")) {
            return AllowedSecrets.anySecret();
        }
        if (trimmed.equalsIgnoreCase("none") || trimmed.isEmpty()) {
            return AllowedSecrets.none();
        }
        return AllowedSecrets.of(split(trimmed, ',').toArray(String[]::new));
    }

    /**
     * An object's name as Snowflake resolves it, each part double-quoted: {@code db.schema.s} and
     * {@code "DB"."SCHEMA"."S"} are the same secret, {@code "db".schema.s} another.
     */
    static String qualified(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : split(name.trim(), '.')) {
            parts.add(Identifier.parse(part.trim()).sql());
        }
        return String.join(".", parts);
    }

    /** Splits at the separator outside double quotes. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
