package io.connectorkit.fake.snowflake;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an application's setup script created, as {@link StagedSetupScript} ran it: the application roles, the
 * schemas, the tables with their columns, the views, the procedures, the Streamlit apps, and who was granted what on
 * each. Names are qualified ({@code PUBLIC.CONFIGURE_CONNECTOR}) and in upper case, as Snowflake stores unquoted
 * identifiers. The catalog of an app that a test wires by hand comes from running a script too, so both answer the
 * app's calls by the same rules.
 */
public final class AppCatalog {

    /** What a column's type is for comparisons across dialects: the types of one family hold the same values. */
    public enum TypeFamily {
        TEXT,
        NUMBER,
        FLOAT,
        BOOLEAN,
        DATE,
        TIME,
        TIMESTAMP,
        SEMI_STRUCTURED,
        BINARY,
        GEOSPATIAL
    }

    /** A column of a table: its name, its type as written, and whether it is NOT NULL. */
    public record TableColumn(String name, String type, boolean notNull) {

        /** The family of the column's type (VARCHAR and STRING are TEXT, VARIANT and OBJECT SEMI_STRUCTURED, …). */
        public TypeFamily family() {
            return SnowflakeTypes.family(type);
        }
    }

    /**
     * A procedure: its qualified name, its argument types (canonical: {@code VARCHAR} for STRING and TEXT, …), how
     * many of them have no DEFAULT, its language, its Java handler (empty for SQL), its imports, and its body (the
     * text between {@code $$}, empty when the handler is in a jar).
     */
    public record Procedure(
            String name,
            List<String> argumentTypes,
            int requiredArguments,
            String language,
            String handler,
            List<String> imports,
            String body) {

        public Procedure {
            argumentTypes = List.copyOf(argumentTypes);
            imports = List.copyOf(imports);
        }

        /** The signature that GRANT and ALTER PROCEDURE name it by: {@code PUBLIC.UPDATE_RESOURCE(VARCHAR,VARIANT)}. */
        public String signature() {
            return name + "(" + String.join(",", argumentTypes) + ")";
        }

        /** Whether a CALL with this many arguments reaches this procedure: the ones with a DEFAULT may be left out. */
        boolean takes(int arguments) {
            return arguments >= requiredArguments && arguments <= argumentTypes.size();
        }
    }

    /**
     * An app specification as the setup script set it (ALTER APPLICATION SET SPECIFICATION): its type, label,
     * description and definition (HOST_PORTS, OAUTH_TYPE, … as written, lists joined with {@code ,}).
     * https://docs.snowflake.com/en/sql-reference/sql/alter-application-set-app-spec
     */
    public record Specification(String type, String label, String description, Map<String, String> definition) {
        public Specification {
            definition = Collections.unmodifiableMap(new LinkedHashMap<>(definition));
        }
    }

    final Set<String> roles = new LinkedHashSet<>();
    /** Network rules by qualified name: their VALUE_LIST. */
    final Map<String, List<String>> networkRules = new LinkedHashMap<>();
    /** App specifications by name, in the order first set; they outlive upgrades, as the app's own settings. */
    final Map<String, Specification> specifications = new LinkedHashMap<>();
    /** Schemas by name: whether each is versioned. */
    final Map<String, Boolean> schemas = new LinkedHashMap<>();

    final Map<String, List<TableColumn>> tables = new LinkedHashMap<>();
    final Set<String> views = new LinkedHashSet<>();
    /** Each view's query as written, which CREATE OR ALTER VIEW cannot change. */
    final Map<String, String> viewQueries = new LinkedHashMap<>();
    /** Procedures by signature. */
    final Map<String, Procedure> procedures = new LinkedHashMap<>();

    final Set<String> streamlits = new LinkedHashSet<>();
    /** The grants of each object, by its kind and name ({@code VIEW PUBLIC.SYNC_STATUS}): privilege → roles. */
    final Map<String, Map<String, Set<String>>> grants = new LinkedHashMap<>();

    AppCatalog() {}

    /**
     * What of an installed app an upgrade starts from: Snowflake keeps the application roles and the objects outside
     * versioned schemas (and their grants); a versioned schema holds only what the new version's script creates in
     * it. https://docs.snowflake.com/en/developer-guide/native-apps/update-app-versioned-schema
     */
    AppCatalog keptByUpgrade() {
        AppCatalog kept = new AppCatalog();
        kept.roles.addAll(roles);
        schemas.forEach((schema, versioned) -> {
            if (!versioned) {
                kept.schemas.put(schema, false);
            }
        });
        tables.forEach((table, columns) -> {
            if (kept.keeps(table)) {
                kept.tables.put(table, columns);
            }
        });
        views.stream().filter(kept::keeps).forEach(kept.views::add);
        viewQueries.forEach((view, query) -> {
            if (kept.keeps(view)) {
                kept.viewQueries.put(view, query);
            }
        });
        procedures.forEach((signature, procedure) -> {
            if (kept.keeps(procedure.name())) {
                kept.procedures.put(signature, procedure);
            }
        });
        streamlits.stream().filter(kept::keeps).forEach(kept.streamlits::add);
        networkRules.forEach((rule, hosts) -> {
            if (kept.keeps(rule)) {
                kept.networkRules.put(rule, hosts);
            }
        });
        kept.specifications.putAll(specifications);
        grants.forEach((object, privileges) -> {
            String name = object.substring(object.indexOf(' ') + 1);
            if (object.startsWith("SCHEMA ") ? kept.schemas.containsKey(name) : kept.keeps(name)) {
                privileges.forEach((privilege, grantees) -> kept.grants
                        .computeIfAbsent(object, key -> new LinkedHashMap<>())
                        .put(privilege, new LinkedHashSet<>(grantees)));
            }
        });
        return kept;
    }

    private boolean keeps(String qualifiedName) {
        return schemas.containsKey(qualifiedName.substring(0, qualifiedName.indexOf('.')));
    }

    /** The tables by qualified name, each with its columns in order. */
    public Map<String, List<TableColumn>> tables() {
        Map<String, List<TableColumn>> copy = new LinkedHashMap<>();
        tables.forEach((table, columns) -> copy.put(table, List.copyOf(columns)));
        return copy;
    }

    /** The app specifications the script set, by name. */
    public Map<String, Specification> specifications() {
        return Map.copyOf(specifications);
    }

    /** The network rules by qualified name ({@code STATE.API_ACCESS_RULE}), each with its host ports. */
    public Map<String, List<String>> networkRules() {
        return Map.copyOf(networkRules);
    }

    /** The application roles the script created. */
    public Set<String> roles() {
        return Set.copyOf(roles);
    }

    /** The procedures by signature ({@link Procedure#signature()}). */
    public Map<String, Procedure> procedures() {
        return Map.copyOf(procedures);
    }

    /** The procedure of this name that a CALL with this many arguments runs, if the script created one. */
    public Optional<Procedure> procedure(String name, int arguments) {
        String qualified = qualified(name);
        return procedures.values().stream()
                .filter(procedure -> procedure.name().equals(qualified) && procedure.takes(arguments))
                .findFirst();
    }

    /**
     * The body of the SQL procedure of this name ({@code PUBLIC.REGISTER_REFERENCE}, or without schema: PUBLIC),
     * if the script created one; the first of its overloads.
     */
    public Optional<String> sqlBody(String procedure) {
        String qualified = qualified(procedure);
        return procedures.values().stream()
                .filter(candidate -> candidate.name().equals(qualified)
                        && candidate.language().equals("SQL"))
                .map(Procedure::body)
                .findFirst();
    }

    /** The application roles granted this privilege on the object ({@code "PROCEDURE"}, its signature or name). */
    public Set<String> rolesGranted(String privilege, String objectKind, String objectName) {
        return Set.copyOf(
                grants.getOrDefault(objectKind + " " + objectName, Map.of()).getOrDefault(privilege, Set.of()));
    }

    /** The columns of this table ({@code STATE.APP_STATE}) in order, if the script created it. */
    public Optional<List<TableColumn>> columns(String table) {
        return Optional.ofNullable(tables.get(qualified(table))).map(List::copyOf);
    }

    /** Whether the script created this view ({@code PUBLIC.SYNC_STATUS}). */
    public boolean hasView(String name) {
        return views.contains(qualified(name));
    }

    private static String qualified(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.contains(".") ? upper : "PUBLIC." + upper;
    }
}
