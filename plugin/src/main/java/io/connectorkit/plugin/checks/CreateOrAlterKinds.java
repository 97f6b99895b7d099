package io.connectorkit.plugin.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CREATE OR ALTER only of the kinds a target has it for (one instance per target), checked when the app is rendered
 * rather than when its setup script fails to install. Snowflake documents it for application roles, databases,
 * database roles, roles, schemas, versioned schemas, stages, views, warehouses, tables and tasks
 * (https://docs.snowflake.com/en/sql-reference/sql/create-or-alter,
 * https://docs.snowflake.com/en/release-notes/2024/other/2024-11-12-create-or-alter-pupr,
 * https://docs.snowflake.com/en/sql-reference/sql/create-task); the embedded target emulates it for schemas and
 * tables.
 */
public final class CreateOrAlterKinds {

    /** Snowflake, and what it has CREATE OR ALTER for. */
    public static final CreateOrAlterKinds SNOWFLAKE = new CreateOrAlterKinds(
            "Snowflake",
            Set.of(
                    "APPLICATION ROLE",
                    "DATABASE",
                    "DATABASE ROLE",
                    "ROLE",
                    "SCHEMA",
                    "VERSIONED SCHEMA",
                    "STAGE",
                    "VIEW",
                    "WAREHOUSE",
                    "TABLE",
                    "TASK"));
    /** The embedded target, and what it emulates CREATE OR ALTER for. */
    public static final CreateOrAlterKinds EMBEDDED = new CreateOrAlterKinds(
            "the embedded target (it emulates " + "CREATE OR ALTER SCHEMA and TABLE)", Set.of("SCHEMA", "TABLE"));

    private static final Pattern CREATE_OR_ALTER = Pattern.compile(
            "CREATE\\s+OR\\s+ALTER\\s+(?:SECURE\\s+)?" + "(\\w+)(?:\\s+(\\w+))?", Pattern.CASE_INSENSITIVE);

    private final String target;
    private final Set<String> kinds;

    private CreateOrAlterKinds(String target, Set<String> kinds) {
        this.target = target;
        this.kinds = kinds;
    }

    /**
     * @param file how problems name the script
     * @param backslashEscapes whether the script's literals take backslash escapes (Snowflake)
     * @return one problem per CREATE OR ALTER of another kind, with its line and the fix
     */
    public List<String> check(String file, String script, boolean backslashEscapes) {
        List<String> problems = new ArrayList<>();
        for (SqlStatements.Statement statement : SqlStatements.split(script, backslashEscapes)) {
            Matcher matcher = CREATE_OR_ALTER.matcher(statement.text().strip());
            if (!matcher.lookingAt()) {
                continue;
            }
            String first = matcher.group(1).toUpperCase(Locale.ROOT);
            String two = matcher.group(2) == null
                    ? first
                    : first + " " + matcher.group(2).toUpperCase(Locale.ROOT);
            if (kinds.contains(two) || kinds.contains(first)) {
                continue;
            }
            problems.add(file + ":" + statement.line() + ": CREATE OR ALTER " + first + " does not exist on "
                    + target + ": write CREATE OR REPLACE " + first + " and grant it again, or CREATE " + first
                    + " IF NOT EXISTS");
        }
        return problems;
    }
}
