package io.connectorkit.plugin.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.spi.SpiRole;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.HashMap;
import java.util.function.Predicate;

/**
 * Checks of a rendered app that would otherwise fail only once installed: scripts that cannot run twice, procedures
 * without their grants or granted to the wrong role, connector classes that do not exist or do not fit their role.
 * Each problem names the file and line, or the descriptor key, and the fix.
 */
public final class StaticChecks {

    /** Words that can stand between CREATE and an object's name, on both targets. */
    private static final Set<String> OBJECT_KIND_WORDS = Set.of("SECURE", "TEMPORARY", "TEMP", "TRANSIENT",
            "VERSIONED", "APPLICATION", "EXTERNAL", "ACCESS", "MATERIALIZED", "DYNAMIC", "HYBRID", "ICEBERG",
            "NETWORK", "COMPUTE", "IMAGE", "GIT", "API", "ROLE", "SCHEMA", "TABLE", "VIEW", "PROCEDURE", "FUNCTION",
            "ALIAS", "STREAMLIT", "STAGE", "TASK", "STREAM", "SEQUENCE", "WAREHOUSE", "DATABASE", "INTEGRATION",
            "RULE", "SECRET", "REPOSITORY", "POOL", "SERVICE", "PIPE", "TAG", "POLICY", "USER", "INDEX", "UNIQUE",
            "CONSTANT", "DOMAIN", "TRIGGER", "SYNONYM", "LINKED", "FORCE", "LOCAL", "GLOBAL", "CACHED", "MEMORY",
            "FILE", "FORMAT", "MASKING", "ROW", "PACKAGE");
    private static final Pattern PROCEDURE = Pattern.compile(
            "CREATE\\s+OR\\s+REPLACE\\s+PROCEDURE\\s+PUBLIC\\.(?<name>\\w+)\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern GRANT = Pattern.compile(
            "GRANT\\s+(?<privilege>\\w+)\\s+ON\\s+(?<kind>PROCEDURE|VIEW)\\s+PUBLIC\\.(?<name>\\w+)\\s*(?:\\((?<types>[^)]*)\\))?"
                    + "\\s+TO\\s+APPLICATION\\s+ROLE\\s+(?<role>\\w+)", Pattern.CASE_INSENSITIVE);
    private static final List<String> PUBLIC_VIEWS = List.of("CONNECTOR_CONFIGURATION", "PREREQUISITES", "SYNC_STATUS",
            "INGESTION_DEFINITIONS", "GENERIC_CONNECTOR_STATS", "CONNECTOR_STATS",
            "AGGREGATED_CONNECTOR_STATS");

    private static final Pattern ANY_PROCEDURE = Pattern.compile(
            "CREATE\\s+(?:OR\\s+(?:REPLACE|ALTER)\\s+)?(?:SECURE\\s+)?PROCEDURE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "(?<name>\\w+\\.\\w+)\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_PROCEDURE_GRANT = Pattern.compile(
            "GRANT\\s+USAGE\\s+ON\\s+PROCEDURE\\s+(?<name>\\w+\\.\\w+)\\s*\\([^)]*\\)\\s+TO\\s+APPLICATION\\s+ROLE\\s+"
                    + "(?<role>\\w+)", Pattern.CASE_INSENSITIVE);

    private static final Pattern SPECIFICATION = Pattern.compile(
            "ALTER\\s+APPLICATION\\s+SET\\s+SPECIFICATION\\s+(\"(?:[^\"]|\"\")+\"|\\w+)\\s+TYPE\\s*=\\s*(\\w+)",
            Pattern.CASE_INSENSITIVE);

    private StaticChecks() {
    }

    /**
     * The manifest's version and what it allows: {@code manifest_version} 1 or 2
     * (https://docs.snowflake.com/en/developer-guide/native-apps/creating-manifest); under 2 no
     * {@code required_at_setup}, which Snowflake's version-2 templates dropped, and only privileges Snowflake grants
     * automatically (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-auto-privs). Debug mode is
     * not set in a manifest but on the app, and is refused under version 2 (error 93362): the kit never sets it.
     */
    public static List<String> manifest(String manifestFile, String manifest) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(manifest);
        } catch (IOException e) {
            return List.of(manifestFile + ": is not YAML (" + e.getMessage().lines().findFirst().orElse("")
                    + "); fix the template override that renders it");
        }
        JsonNode version = root == null ? null : root.get("manifest_version");
        if (version == null || !version.isIntegralNumber() || version.asInt() < 1 || version.asInt() > 2) {
            return List.of(manifestFile + ": manifest_version is " + (version == null ? "missing" : "'" + version
                    .asText() + "'") + "; Snowflake reads 1 or 2 (set manifest.version in connector.yaml, or fix the "
                    + "template override)");
        }
        if (version.asInt() < 2) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (String section : List.of("references", "privileges")) {
            for (JsonNode item : root.path(section)) {
                item.properties().forEach(entry -> {
                    if (entry.getValue().has("required_at_setup")) {
                        problems.add(manifestFile + ": " + section + "." + entry.getKey() + ".required_at_setup is a "
                                + "manifest version 1 key; remove it from the template override (version 2 grants "
                                + "the privileges at install)");
                    }
                    if (section.equals("privileges") && !Descriptor.Manifest.AUTOMATICALLY_GRANTED.contains(
                            entry.getKey().toUpperCase(Locale.ROOT))) {
                        problems.add(manifestFile + ": privileges." + entry.getKey() + " is not granted automatically "
                                + "under manifest version 2; set manifest.version: 1 in connector.yaml to request it");
                    }
                });
            }
        }
        return problems;
    }

    /**
     * The setup script's app specifications as Snowflake accepts them: only under manifest version 2, an
     * EXTERNAL_ACCESS one only with the CREATE EXTERNAL ACCESS INTEGRATION privilege in the manifest, a
     * SECURITY_INTEGRATION one only with CREATE SECURITY INTEGRATION
     * (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-app-specs-eai). A template override that
     * adds one is checked as the descriptor's are.
     */
    public static List<String> specifications(String manifestFile, String manifest, String setupFile, String setup) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(manifest);
        } catch (IOException e) {
            return List.of();
        }
        int version = root == null ? 1 : root.path("manifest_version").asInt(1);
        Set<String> privileges = new HashSet<>();
        root.path("privileges").forEach(item -> item.fieldNames().forEachRemaining(
                name -> privileges.add(name.toUpperCase(Locale.ROOT))));
        List<String> problems = new ArrayList<>();
        for (SqlStatements.Statement statement : SqlStatements.split(setup, true)) {
            Matcher matcher = SPECIFICATION.matcher(statement.text());
            if (!matcher.lookingAt()) {
                continue;
            }
            String where = setupFile + ":" + statement.line() + ": app specification " + matcher.group(1);
            if (version < 2) {
                problems.add(where + " needs manifest_version 2 in " + manifestFile + " (Snowflake refuses it under "
                        + "version 1); set manifest.version: 2 in connector.yaml");
                continue;
            }
            String needed = matcher.group(2).equalsIgnoreCase("EXTERNAL_ACCESS") ? "CREATE EXTERNAL ACCESS INTEGRATION"
                    : "CREATE SECURITY INTEGRATION";
            if (!privileges.contains(needed)) {
                problems.add(where + " declares an object the app creates, which needs the privilege " + needed
                        + " in " + manifestFile + "; add it to manifest.privileges in connector.yaml");
            }
        }
        return problems;
    }

    /**
     * The manifest's references as Snowflake accepts them
     * (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-refs): a SECRET or EXTERNAL ACCESS
     * INTEGRATION reference has a configuration callback and is single-valued; every callback is a procedure the
     * setup script creates, and the configuration callback is granted to ADMIN, who binds the references.
     */
    public static List<String> references(String manifestFile, String manifest, String setupFile, String setup) {
        List<String> problems = new ArrayList<>();
        JsonNode references;
        try {
            references = new ObjectMapper(new YAMLFactory()).readTree(manifest).path("references");
        } catch (IOException e) {
            return List.of(manifestFile + ": is not YAML (" + e.getMessage().lines().findFirst().orElse("")
                    + "); fix the template override that renders it");
        }
        Set<String> declared = new HashSet<>();
        Set<String> grantedToAdmin = new HashSet<>();
        for (SqlStatements.Statement statement : SqlStatements.split(setup, true)) {
            Matcher procedure = ANY_PROCEDURE.matcher(statement.text());
            if (procedure.lookingAt()) {
                declared.add(procedure.group("name").toUpperCase(Locale.ROOT));
            }
            Matcher grant = ANY_PROCEDURE_GRANT.matcher(statement.text());
            if (grant.lookingAt() && grant.group("role").equalsIgnoreCase("ADMIN")) {
                grantedToAdmin.add(grant.group("name").toUpperCase(Locale.ROOT));
            }
        }
        for (JsonNode item : references) {
            for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) item::fields) {
                String name = entry.getKey();
                JsonNode reference = entry.getValue();
                String type = reference.path("object_type").asText();
                String configurationCallback = reference.path("configuration_callback").asText("");
                if (Descriptor.NEEDS_CONFIGURATION_CALLBACK.contains(type)) {
                    if (configurationCallback.isEmpty()) {
                        problems.add(manifestFile + ": references." + name + " is a " + type + " reference without "
                                + "configuration_callback, which Snowflake refuses at install; keep the descriptor's "
                                + "default (" + Descriptor.DEFAULT_CONFIGURATION_CALLBACK + ") or name a procedure in "
                                + "manifest.references[].configurationCallback");
                    }
                    if (reference.path("multi_valued").asBoolean(false)) {
                        problems.add(manifestFile + ": references." + name + " is a " + type + " reference with "
                                + "multi_valued: true, which Snowflake refuses; make it single-valued");
                    }
                }
                for (String callback : List.of(reference.path("register_callback").asText(""), configurationCallback)) {
                    if (!callback.isEmpty() && !declared.contains(callback.toUpperCase(Locale.ROOT))) {
                        problems.add(manifestFile + ": references." + name + " names the callback " + callback
                                + ", which " + setupFile + " does not create; create it (descriptor sql.snowflake) or "
                                + "name one it creates");
                    }
                }
                if (!configurationCallback.isEmpty() && declared.contains(configurationCallback.toUpperCase(Locale.ROOT))
                        && !grantedToAdmin.contains(configurationCallback.toUpperCase(Locale.ROOT))) {
                    problems.add(setupFile + ": the configuration callback " + configurationCallback + " is not "
                            + "granted to ADMIN; add GRANT USAGE ON PROCEDURE " + configurationCallback
                            + "(STRING) TO APPLICATION ROLE ADMIN");
                }
            }
        }
        return problems;
    }

    /**
     * Every CREATE must be re-runnable: {@code OR REPLACE}, {@code OR ALTER}, {@code IF NOT EXISTS}, or preceded by a
     * {@code DROP ... IF EXISTS} of the same object.
     */
    public static List<String> rerunnable(String file, String script, boolean backslashEscapes) {
        List<String> problems = new ArrayList<>();
        Set<String> dropped = new HashSet<>();
        for (SqlStatements.Statement statement : SqlStatements.split(script, backslashEscapes)) {
            List<String> words = List.of(statement.text().split("\\s+"));
            String verb = words.get(0).toUpperCase(Locale.ROOT);
            if (verb.equals("DROP")) {
                ObjectWords drop = objectWords(words, 1);
                if (drop.guarded()) {
                    dropped.add(drop.key());
                }
                continue;
            }
            if (!verb.equals("CREATE")) {
                continue;
            }
            // CREATE OR REPLACE / CREATE OR ALTER replace the object in place.
            if (words.size() > 2 && words.get(1).equalsIgnoreCase("OR")) {
                continue;
            }
            ObjectWords create = objectWords(words, 1);
            if (create.guarded()) {
                continue;
            }
            if (!dropped.contains(create.key())) {
                problems.add(file + ":" + statement.line() + ": '" + firstLine(statement.text()) + "' fails when the "
                        + "setup script runs again (every upgrade does): write CREATE OR REPLACE, CREATE OR ALTER or "
                        + "CREATE ... IF NOT EXISTS");
            }
        }
        return problems;
    }

    /**
     * The Snowflake setup script declares every runtime procedure, grants each to the roles of spec §3.1 and no
     * more, never grants VIEWER a procedure that changes state, and lets ADMIN and VIEWER read the public views.
     */
    public static List<String> grants(String file, String script) {
        List<String> problems = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        Set<String> granted = new HashSet<>();
        Map<String, PublicProcedure> catalog = new HashMap<>();
        for (PublicProcedure procedure : PublicProcedure.values()) {
            catalog.put(procedure.name(), procedure);
        }
        for (SqlStatements.Statement statement : SqlStatements.split(script, true)) {
            Matcher procedure = PROCEDURE.matcher(statement.text());
            if (procedure.lookingAt()) {
                declared.add(procedure.group("name").toUpperCase(Locale.ROOT));
                continue;
            }
            Matcher grant = GRANT.matcher(statement.text());
            if (!grant.lookingAt()) {
                continue;
            }
            String name = grant.group("name").toUpperCase(Locale.ROOT);
            String role = grant.group("role").toUpperCase(Locale.ROOT);
            String kind = grant.group("kind").toUpperCase(Locale.ROOT);
            granted.add(kind + " " + name + " " + role);
            PublicProcedure known = catalog.get(name);
            if (kind.equals("PROCEDURE") && known != null) {
                if (role.equals("VIEWER") && known.changesState()) {
                    problems.add(file + ":" + statement.line() + ": " + name + " changes the connector's state, so "
                            + "VIEWER must not get it; remove this grant");
                } else if (known.access() == PublicProcedure.Access.INTERNAL) {
                    problems.add(file + ":" + statement.line() + ": " + name + " is internal to the runtime and "
                            + "granted to no role; remove this grant");
                } else if (role.equals("VIEWER") && known.access() != PublicProcedure.Access.ADMIN_AND_VIEWER) {
                    problems.add(file + ":" + statement.line() + ": " + name + " is for ADMIN only; remove this grant");
                }
            }
        }
        for (PublicProcedure procedure : PublicProcedure.values()) {
            if (!declared.contains(procedure.name())) {
                problems.add(file + ": the runtime procedure PUBLIC." + procedure.name() + " is not declared; keep its "
                        + "CREATE OR REPLACE PROCEDURE in the setup script (an overridden template may have lost it)");
                continue;
            }
            for (String role : roles(procedure.access())) {
                if (!granted.contains("PROCEDURE " + procedure.name() + " " + role)) {
                    problems.add(file + ": PUBLIC." + procedure.name() + " is not granted to " + role + "; add GRANT "
                            + "USAGE ON PROCEDURE PUBLIC." + procedure.name() + "(...) TO APPLICATION ROLE " + role);
                }
            }
        }
        for (String view : PUBLIC_VIEWS) {
            for (String role : List.of("ADMIN", "VIEWER")) {
                if (!granted.contains("VIEW " + view + " " + role)) {
                    problems.add(file + ": the view PUBLIC." + view + " is not granted to " + role + "; add GRANT "
                            + "SELECT ON VIEW PUBLIC." + view + " TO APPLICATION ROLE " + role);
                }
            }
        }
        return problems;
    }

    /** Every class the descriptor names exists, is concrete, public, and implements its role's interface. */
    public static List<String> connectorClasses(Descriptor descriptor, ClassLoader projectClasses) {
        return connectorClasses(descriptor, projectClasses, className -> false, ClassSuggestions.none());
    }

    /**
     * The same, before compilation: a class that is not on the class path yet but whose source file exists is
     * checked later (by the bundle goal), not refused. A class that is not found gets the closest of the project's
     * classes as a "did you mean".
     */
    public static List<String> connectorClasses(Descriptor descriptor, ClassLoader projectClasses,
            Predicate<String> compiledLater, ClassSuggestions suggestions) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<SpiRole, String> entry : descriptor.classes().entrySet()) {
            SpiRole role = entry.getKey();
            String className = entry.getValue();
            boolean loadable = isLoadable(className, projectClasses);
            if (!loadable && compiledLater.test(className)) {
                continue;
            }
            Optional<String> problem = role.problem(className, projectClasses);
            if (problem.isEmpty()) {
                continue;
            }
            String fix = loadable ? "; write" : suggestions.closest(className, role.contract(), projectClasses)
                    .map(name -> "; did you mean " + name + "? Otherwise write").orElse("; write");
            Integer line = descriptor.classLines().get(role);
            problems.add(descriptor.file().getFileName() + (line == null ? "" : ":" + line) + ": spi." + role.key()
                    + ": " + problem.get() + fix + " the fully qualified name of a public class with a public "
                    + "no-argument constructor that implements " + role.contract().getName());
        }
        return problems;
    }

    private static boolean isLoadable(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static List<String> roles(PublicProcedure.Access access) {
        return switch (access) {
            case ADMIN_AND_VIEWER -> List.of("ADMIN", "VIEWER");
            case ADMIN -> List.of("ADMIN");
            case INTERNAL -> List.of();
        };
    }

    /** The kind words and name after CREATE or DROP, and whether IF [NOT] EXISTS guards them. */
    private record ObjectWords(String kind, String name, boolean guarded) {
        String key() {
            return kind + " " + name;
        }
    }

    private static ObjectWords objectWords(List<String> words, int from) {
        StringBuilder kind = new StringBuilder();
        int i = from;
        while (i < words.size() && OBJECT_KIND_WORDS.contains(words.get(i).toUpperCase(Locale.ROOT))) {
            kind.append(kind.length() == 0 ? "" : " ").append(words.get(i).toUpperCase(Locale.ROOT));
            i++;
        }
        boolean guarded = false;
        if (i < words.size() && words.get(i).equalsIgnoreCase("IF")) {
            guarded = true;
            while (i < words.size() && !words.get(i).equalsIgnoreCase("EXISTS")) {
                i++;
            }
            i++;
        }
        String name = i < words.size() ? words.get(i).replaceAll("\\(.*$", "").toUpperCase(Locale.ROOT) : "";
        return new ObjectWords(kind.toString(), name, guarded);
    }

    private static String firstLine(String statement) {
        String line = statement.lines().findFirst().orElse("").strip();
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
