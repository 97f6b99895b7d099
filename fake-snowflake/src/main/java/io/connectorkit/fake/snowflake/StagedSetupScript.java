package io.connectorkit.fake.snowflake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The setup script of an application, run as Snowflake runs it at CREATE APPLICATION and at every upgrade: statement
 * by statement, each of a shape Snowflake accepts for what the kit emits, into a {@link AppCatalog}. The first
 * statement Snowflake would refuse fails the whole script with error 93082, its line and the statement's error, and
 * the install or upgrade with it. https://docs.snowflake.com/en/developer-guide/native-apps/creating-setup-script
 *
 * <p>What the statements do is checked against what the script created before them: a table or view in a schema the
 * script did not create, a GRANT to an application role it did not create or on a procedure signature it did not
 * create, a Java procedure importing a file that is not staged, a CALL of a procedure it did not create. Statements
 * of any other shape than those below are refused too, so that a template emitting one fails until the fake models
 * it. Rows (MERGE, INSERT) and procedure bodies are not run: only the objects they name are checked.
 */
public final class StagedSetupScript {

    /** Snowflake's code for a failed setup script (APPLICATION_INSTANCE_FAILED_TO_RUN_SETUP_SCRIPT). */
    static final int SETUP_SCRIPT_FAILED = 93082;

    private static final String ID = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final String NAME = "(" + ID + "(?:\\." + ID + "){0,2})";
    private static final String LITERAL = "'(?:[^']|'')*'";
    private static final String COMMENT = "(?: COMMENT = " + LITERAL + ")?";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

    /**
     * Privileges an application role can be granted on each kind of object this script creates.
     * https://docs.snowflake.com/en/sql-reference/sql/grant-privilege-application-role
     */
    private static final Map<String, Set<String>> PRIVILEGES = Map.of(
            "SCHEMA", Set.of("USAGE", "MONITOR", "MODIFY", "CREATE TABLE", "CREATE VIEW", "CREATE PROCEDURE"),
            "TABLE", Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES"),
            "VIEW", Set.of("SELECT", "REFERENCES"),
            "PROCEDURE", Set.of("USAGE"),
            "STREAMLIT", Set.of("USAGE"));

    private final AppCatalog catalog;
    private final Set<String> stagedFiles;
    private final int manifestVersion;
    private final List<Shape> shapes = new ArrayList<>();

    /** A statement shape this script accepts, and what running a statement of it does. */
    private record Shape(Pattern pattern, Consumer<Matcher> run) {}

    /** What makes one statement fail: Snowflake's message for it. */
    private static final class StatementError extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StatementError(String message) {
            super("SQL compilation error:\n" + message);
        }
    }

    private StagedSetupScript(AppCatalog catalog, Set<String> stagedFiles, int manifestVersion) {
        this.catalog = catalog;
        this.stagedFiles = Set.copyOf(stagedFiles);
        this.manifestVersion = manifestVersion;
        shape("CREATE (OR REPLACE )?APPLICATION ROLE (IF NOT EXISTS )?(" + ID + ")" + COMMENT, this::createRole);
        createOrAlterShapes();
        // https://docs.snowflake.com/en/sql-reference/sql/create-versioned-schema
        shape(
                "CREATE OR ALTER VERSIONED SCHEMA (" + ID + ")(?: WITH MANAGED ACCESS)?" + COMMENT,
                matcher -> catalog.schemas.put(identifier(matcher.group(1)), true));
        shape(
                "CREATE (OR REPLACE )?SCHEMA (IF NOT EXISTS )?(" + ID + ")(?: WITH MANAGED ACCESS)?" + COMMENT,
                this::createSchema);
        shape("CREATE (OR REPLACE )?TABLE (IF NOT EXISTS )?" + NAME + " ?\\((.*)\\)" + COMMENT, this::createTable);
        // https://docs.snowflake.com/en/sql-reference/sql/alter-table
        shape("ALTER TABLE (IF EXISTS )?" + NAME + " ADD (?:COLUMN )?(IF NOT EXISTS )?(.+)", this::addColumn);
        shape("(?:MERGE INTO|INSERT (?:OVERWRITE )?INTO) " + NAME + "[ (].*", matcher -> table(matcher.group(1)));
        // https://docs.snowflake.com/en/sql-reference/sql/create-procedure
        shape(
                "CREATE (OR REPLACE )?(?:SECURE )?PROCEDURE (IF NOT EXISTS )?" + NAME + " ?(\\(.*)",
                this::createProcedure);
        // https://docs.snowflake.com/en/sql-reference/sql/create-view
        shape(
                "CREATE (OR REPLACE )?(?:SECURE )?VIEW (IF NOT EXISTS )?" + NAME + "(?: COPY GRANTS)?" + COMMENT
                        + " AS (.+)",
                this::createView);
        // https://docs.snowflake.com/en/sql-reference/sql/create-streamlit
        shape(
                "CREATE (OR REPLACE )?STREAMLIT (IF NOT EXISTS )?" + NAME + " FROM (" + LITERAL + ") MAIN_FILE = ("
                        + LITERAL + ")(?: .*)?",
                this::createStreamlit);
        shape(
                "GRANT ([A-Z ,]+?) ON (SCHEMA|TABLE|VIEW|PROCEDURE|STREAMLIT) (.+?) TO APPLICATION ROLE (" + ID + ")"
                        + "(?: WITH GRANT OPTION)?",
                this::grant);
        shape("CALL " + NAME + " ?\\((.*)\\)(?: INTO :" + ID + ")?", this::call);
        // https://docs.snowflake.com/en/sql-reference/sql/create-network-rule
        shape(
                "CREATE (OR REPLACE )?NETWORK RULE (IF NOT EXISTS )?" + NAME + " TYPE = (\\w+) (?:MODE = (\\w+) )?"
                        + "VALUE_LIST = \\(([^)]*)\\)(?: MODE = (\\w+))?" + COMMENT,
                this::createNetworkRule);
        // https://docs.snowflake.com/en/sql-reference/sql/alter-network-rule
        shape("ALTER NETWORK RULE (IF EXISTS )?" + NAME + " SET VALUE_LIST = \\(([^)]*)\\)", this::alterNetworkRule);
        // https://docs.snowflake.com/en/sql-reference/sql/alter-application-set-app-spec
        shape("ALTER APPLICATION SET SPECIFICATION (" + ID + ") (.+)", this::setSpecification);
    }

    /**
     * Runs the script of a new application over the staged files (paths as in the stage: {@code lib/app.jar}), and
     * answers what it created; or throws the refusal Snowflake answers CREATE APPLICATION with (a RuntimeException
     * whose message is Snowflake's).
     */
    public static AppCatalog run(String script, Set<String> stagedFiles) {
        return run(script, stagedFiles, new AppCatalog(), 1);
    }

    /** Runs the script of an app whose manifest has this {@code manifest_version} (specifications need 2). */
    public static AppCatalog run(String script, Set<String> stagedFiles, int manifestVersion) {
        return run(script, stagedFiles, new AppCatalog(), manifestVersion);
    }

    /** Runs the script the manifest names among the staged files, over what an upgrade keeps of the installed app. */
    static AppCatalog run(Map<String, byte[]> files, StagedManifest manifest, Optional<AppCatalog> installed) {
        String script = new String(files.get(manifest.setupScript()), StandardCharsets.UTF_8);
        return run(
                script,
                files.keySet(),
                installed.map(AppCatalog::keptByUpgrade).orElseGet(AppCatalog::new),
                manifest.version());
    }

    private static AppCatalog run(String script, Set<String> stagedFiles, AppCatalog start, int manifestVersion) {
        StagedSetupScript runner = new StagedSetupScript(start, stagedFiles, manifestVersion);
        for (ScriptStatements.Statement statement : ScriptStatements.split(script)) {
            try {
                runner.execute(statement.text());
            } catch (StatementError e) {
                throw new SnowflakeRefusal(
                        SETUP_SCRIPT_FAILED,
                        "P0000",
                        "Failed to run setup script.\nUncaught " + "exception of type 'STATEMENT_ERROR' on line "
                                + statement.line() + ": " + e.getMessage());
            }
        }
        return start;
    }

    private void shape(String regex, Consumer<Matcher> run) {
        shapes.add(new Shape(Pattern.compile(regex, FLAGS), run));
    }

    private void execute(String sql) {
        for (Shape shape : shapes) {
            Matcher matcher = shape.pattern().matcher(sql);
            if (matcher.matches()) {
                shape.run().accept(matcher);
                return;
            }
        }
        if (sql.regionMatches(true, 0, "USE ", 0, 4)) {
            throw new StatementError("A setup script cannot run USE statements: " + sql);
        }
        throw new StatementError("The fake Snowflake does not accept this statement in a setup script (not a shape "
                + "the kit emits): " + abbreviated(sql));
    }

    /**
     * CREATE OR ALTER of the kinds Snowflake documents it for, as far as a setup script creates them: it creates the
     * object when absent, else turns the existing one into the definition, keeping its data and its grants
     * (https://docs.snowflake.com/en/sql-reference/sql/create-or-alter). Application roles, schemas and views since
     * https://docs.snowflake.com/en/release-notes/2024/other/2024-11-12-create-or-alter-pupr; tables on
     * https://docs.snowflake.com/en/sql-reference/sql/create-table. Procedures, Streamlit apps and the other kinds a
     * setup script creates have no CREATE OR ALTER (ALTER PROCEDURE changes properties only:
     * https://docs.snowflake.com/en/sql-reference/sql/alter-procedure), so Snowflake's parser refuses the kind's
     * keyword.
     */
    private void createOrAlterShapes() {
        shape(
                "CREATE OR ALTER APPLICATION ROLE (" + ID + ")" + COMMENT,
                matcher -> catalog.roles.add(identifier(matcher.group(1))));
        shape("CREATE OR ALTER SCHEMA (" + ID + ")(?: WITH MANAGED ACCESS)?" + COMMENT, matcher -> {
            String schema = identifier(matcher.group(1));
            if (Boolean.TRUE.equals(catalog.schemas.get(schema))) {
                throw new StatementError("Schema '" + schema + "' is a versioned schema: only CREATE OR ALTER "
                        + "VERSIONED SCHEMA changes it.");
            }
            catalog.schemas.putIfAbsent(schema, false);
        });
        shape("CREATE OR ALTER TABLE " + NAME + " ?\\((.*)\\)" + COMMENT, this::createOrAlterTable);
        shape("CREATE OR ALTER (?:SECURE )?VIEW " + NAME + COMMENT + " AS (.+)", this::createOrAlterView);
        shape(
                "CREATE OR ALTER (IF NOT EXISTS |(?!VERSIONED SCHEMA |APPLICATION ROLE |SCHEMA |TABLE |(?:SECURE )?VIEW )"
                        + "(?:SECURE )?)(\\w+).*",
                matcher -> {
                    String unexpected = matcher.group(1).startsWith("IF") ? "IF" : matcher.group(2);
                    throw new StatementError("syntax error line 1 at position 16 unexpected '"
                            + unexpected.toUpperCase(Locale.ROOT) + "'.");
                });
    }

    /**
     * The existing table becomes the definition: its columns in the definition keep their values, new ones are
     * added, and columns the definition leaves out are dropped with their data, as Snowflake does. A column's type
     * can change only within its family (ALTER TABLE … ALTER COLUMN widens a type, never converts it).
     */
    private void createOrAlterTable(Matcher matcher) {
        String table = schemaObject(matcher.group(1), "CREATE OR ALTER TABLE");
        List<AppCatalog.TableColumn> existing = catalog.tables.get(table);
        List<AppCatalog.TableColumn> columns = new ArrayList<>();
        for (String element : ScriptStatements.topLevel(matcher.group(2), ',')) {
            if (!element.matches("(?is)(?:CONSTRAINT " + ID + " )?(?:PRIMARY KEY|UNIQUE|FOREIGN KEY) ?\\(.*")) {
                AppCatalog.TableColumn column = column(element);
                if (columns.stream().anyMatch(known -> known.name().equals(column.name()))) {
                    throw new StatementError("duplicate column name '" + column.name() + "'");
                }
                existing(existing, column.name())
                        .filter(old -> old.family() != column.family())
                        .ifPresent(old -> {
                            throw new StatementError("Cannot change column " + column.name() + " of table " + table
                                    + " from type " + old.type() + " to " + column.type() + ".");
                        });
                columns.add(column);
            }
        }
        catalog.tables.put(table, columns);
    }

    private static Optional<AppCatalog.TableColumn> existing(List<AppCatalog.TableColumn> columns, String name) {
        return columns == null
                ? Optional.empty()
                : columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    /**
     * CREATE OR ALTER VIEW cannot change an existing view's query (the limitation of ALTER VIEW:
     * https://docs.snowflake.com/en/sql-reference/sql/create-view), so a new version whose view reads differently
     * must replace it.
     */
    private void createOrAlterView(Matcher matcher) {
        String view = schemaObject(matcher.group(1), "CREATE OR ALTER VIEW");
        String query = matcher.group(2).strip();
        if (!catalog.views.contains(view)) {
            defineView(view, query);
            return;
        }
        if (!query.equals(catalog.viewQueries.get(view))) {
            throw new StatementError("CREATE OR ALTER VIEW cannot change the definition of view " + view + "; use "
                    + "CREATE OR REPLACE VIEW.");
        }
    }

    private void createRole(Matcher matcher) {
        String role = identifier(matcher.group(3));
        if (matcher.group(1) == null && matcher.group(2) == null && catalog.roles.contains(role)) {
            throw alreadyExists(role);
        }
        catalog.roles.add(role);
    }

    private void createSchema(Matcher matcher) {
        String schema = identifier(matcher.group(3));
        if (Boolean.TRUE.equals(catalog.schemas.get(schema))) {
            throw new StatementError("Schema '" + schema + "' is a versioned schema: only CREATE OR ALTER VERSIONED "
                    + "SCHEMA changes it.");
        }
        if (matcher.group(1) == null && matcher.group(2) == null && catalog.schemas.containsKey(schema)) {
            throw alreadyExists(schema);
        }
        catalog.schemas.put(schema, false);
    }

    private void createTable(Matcher matcher) {
        String table = schemaObject(matcher.group(3), "CREATE TABLE");
        boolean exists = catalog.tables.containsKey(table);
        if (exists && matcher.group(2) != null) {
            return;
        }
        if (exists && matcher.group(1) == null) {
            throw alreadyExists(table);
        }
        List<AppCatalog.TableColumn> columns = new ArrayList<>();
        for (String element : ScriptStatements.topLevel(matcher.group(4), ',')) {
            if (!element.matches("(?is)(?:CONSTRAINT " + ID + " )?(?:PRIMARY KEY|UNIQUE|FOREIGN KEY) ?\\(.*")) {
                AppCatalog.TableColumn column = column(element);
                if (columns.stream().anyMatch(known -> known.name().equals(column.name()))) {
                    throw new StatementError("duplicate column name '" + column.name() + "'");
                }
                columns.add(column);
            }
        }
        catalog.tables.put(table, columns);
    }

    private void addColumn(Matcher matcher) {
        String table = schemaObject(matcher.group(2), "ALTER TABLE");
        List<AppCatalog.TableColumn> columns = catalog.tables.get(table);
        if (columns == null) {
            if (matcher.group(1) != null) {
                return;
            }
            throw doesNotExist("Table", table);
        }
        AppCatalog.TableColumn column = column(matcher.group(4));
        if (columns.stream().anyMatch(known -> known.name().equals(column.name()))) {
            if (matcher.group(3) != null) {
                return;
            }
            throw new StatementError("column '" + column.name() + "' already exists");
        }
        List<AppCatalog.TableColumn> added = new ArrayList<>(columns);
        added.add(column);
        catalog.tables.put(table, added);
    }

    /** A column definition: name, a Snowflake type, then its constraints (NOT NULL, DEFAULT, PRIMARY KEY, …). */
    private static AppCatalog.TableColumn column(String definition) {
        Matcher name = Pattern.compile("(" + ID + ") (.+)", FLAGS).matcher(definition.strip());
        if (!name.matches()) {
            throw new StatementError("syntax error: a column needs a name and a type: '" + definition.strip() + "'");
        }
        String rest = name.group(2);
        int typeLength = SnowflakeTypes.typeLength(rest)
                .orElseThrow(() -> new StatementError("Unsupported data type '"
                        + SnowflakeTypes.firstWord(rest).toUpperCase(Locale.ROOT) + "'."));
        String constraints = outsideLiterals(rest.substring(typeLength)).toUpperCase(Locale.ROOT);
        boolean notNull = constraints.matches("(?s).*\\b(?:NOT NULL|PRIMARY KEY)\\b.*");
        return new AppCatalog.TableColumn(
                identifier(name.group(1)), rest.substring(0, typeLength).strip().toUpperCase(Locale.ROOT), notNull);
    }

    private void createProcedure(Matcher matcher) {
        String name = schemaObject(matcher.group(3), "CREATE PROCEDURE");
        String afterName = matcher.group(4);
        int close = closingParenthesis(afterName);
        List<String> types = new ArrayList<>();
        int required = 0;
        for (String argument : ScriptStatements.topLevel(afterName.substring(1, close), ',')) {
            Matcher parts = Pattern.compile("(" + ID + ") (.+)", FLAGS).matcher(argument.strip());
            if (!parts.matches() || SnowflakeTypes.typeLength(parts.group(2)).isEmpty()) {
                throw new StatementError("Unsupported data type '"
                        + (parts.matches() ? SnowflakeTypes.firstWord(parts.group(2)) : argument.strip()) + "'.");
            }
            types.add(SnowflakeTypes.canonical(parts.group(2)));
            boolean hasDefault =
                    outsideLiterals(parts.group(2)).toUpperCase(Locale.ROOT).contains(" DEFAULT ");
            if (!hasDefault) {
                if (required < types.size() - 1) {
                    throw new StatementError(
                            "an argument without DEFAULT cannot follow one with DEFAULT: " + argument.strip());
                }
                required = types.size();
            }
        }
        String clauses = afterName.substring(close + 1);
        Matcher bodyMatcher = Pattern.compile("(.*) AS (\\$\\$(.*)\\$\\$|(" + LITERAL + "))", FLAGS)
                .matcher(clauses);
        String body = "";
        if (bodyMatcher.matches()) {
            body = bodyMatcher.group(3) != null ? bodyMatcher.group(3) : unquote(bodyMatcher.group(4));
            clauses = bodyMatcher.group(1);
        }
        String upperClauses = clauses.toUpperCase(Locale.ROOT);
        if (!upperClauses.matches("(?s) ?RETURNS .*")) {
            throw new StatementError("syntax error: CREATE PROCEDURE " + name + " needs RETURNS <type>.");
        }
        String language = clause(clauses, "LANGUAGE (\\w+)")
                .map(word -> word.toUpperCase(Locale.ROOT))
                .orElse("SQL");
        // https://docs.snowflake.com/en/developer-guide/native-apps/creating-setup-script (restrictions)
        if (clause(clauses, "EXECUTE AS (\\w+)")
                .filter(rights -> rights.equalsIgnoreCase("CALLER"))
                .isPresent()) {
            throw new StatementError("A setup script cannot create procedures that are EXECUTE AS CALLER: " + name);
        }
        String handler = clause(clauses, "HANDLER = (" + LITERAL + ")")
                .map(StagedSetupScript::unquote)
                .orElse("");
        List<String> imports =
                literals(clause(clauses, "IMPORTS = \\(([^)]*)\\)").orElse(""));
        switch (language) {
            case "JAVA" -> javaProcedure(name, clauses, handler, imports);
            case "SQL" -> {
                if (!bodyMatcher.matches()) {
                    throw new StatementError(
                            "Missing option(s): [AS <procedure body>] for LANGUAGE SQL procedure " + name + ".");
                }
            }
            default ->
                throw new StatementError(
                        "The fake Snowflake models procedures in LANGUAGE JAVA and SQL, not " + language + ": " + name);
        }
        AppCatalog.Procedure procedure =
                new AppCatalog.Procedure(name, types, required, language, handler, imports, body);
        AppCatalog.Procedure existing = catalog.procedures.get(procedure.signature());
        if (existing != null && matcher.group(2) != null) {
            return;
        }
        if (existing != null && matcher.group(1) == null) {
            throw alreadyExists(procedure.signature());
        }
        if (existing != null) {
            // CREATE OR REPLACE drops the grants of the procedure it replaces.
            catalog.grants.remove("PROCEDURE " + procedure.signature());
        }
        catalog.procedures.put(procedure.signature(), procedure);
    }

    /**
     * A Java procedure names its runtime, the Snowpark package, its handler, and imports only files of the app's own
     * stage (paths from its root): a setup script cannot import from a named stage.
     * https://docs.snowflake.com/en/sql-reference/sql/create-procedure
     */
    private void javaProcedure(String name, String clauses, String handler, List<String> imports) {
        List<String> missing = new ArrayList<>();
        if (clause(clauses, "RUNTIME_VERSION = (" + LITERAL + ")").isEmpty()) {
            missing.add("RUNTIME_VERSION");
        }
        if (literals(clause(clauses, "PACKAGES = \\(([^)]*)\\)").orElse("")).stream()
                .noneMatch(item -> item.startsWith("com.snowflake:snowpark:"))) {
            missing.add("PACKAGES = ('com.snowflake:snowpark:<version>')");
        }
        if (handler.isEmpty()) {
            missing.add("HANDLER");
        }
        if (!missing.isEmpty()) {
            throw new StatementError("Missing option(s): " + missing + " for LANGUAGE JAVA procedure " + name + ".");
        }
        for (String file : imports) {
            if (file.startsWith("@")) {
                throw new StatementError(
                        "A setup script cannot create procedures that import from a named stage: " + file);
            }
            if (!stagedFiles.contains(file.replaceFirst("^/", ""))) {
                throw new StatementError("File '" + file + "' does not exist or not authorized.");
            }
        }
    }

    private void createView(Matcher matcher) {
        String view = schemaObject(matcher.group(3), "CREATE VIEW");
        if (catalog.views.contains(view) && matcher.group(2) != null) {
            return;
        }
        if (catalog.views.contains(view) && matcher.group(1) == null) {
            throw alreadyExists(view);
        }
        defineView(view, matcher.group(4));
    }

    /** A view is compiled when it is created: every qualified table or view it reads must exist then. */
    private void defineView(String view, String query) {
        Matcher reads = Pattern.compile("\\b(?:FROM|JOIN) (" + ID + "\\." + ID + ")(?![\\w$])(?! ?\\()", FLAGS)
                .matcher(outsideLiterals(query));
        while (reads.find()) {
            String source = qualified(reads.group(1));
            if (!catalog.tables.containsKey(source) && !catalog.views.contains(source)) {
                throw doesNotExist("Object", source);
            }
        }
        catalog.grants.remove("VIEW " + view);
        catalog.views.add(view);
        catalog.viewQueries.put(view, query.strip());
    }

    private void createStreamlit(Matcher matcher) {
        String streamlit = schemaObject(matcher.group(3), "CREATE STREAMLIT");
        String folder = unquote(matcher.group(4)).replaceFirst("^/", "").replaceFirst("/$", "");
        String mainFile = (folder.isEmpty() ? "" : folder + "/") + unquote(matcher.group(5));
        if (!stagedFiles.contains(mainFile)) {
            throw new StatementError("File '/" + mainFile + "' does not exist or not authorized.");
        }
        catalog.streamlits.add(streamlit);
    }

    /** https://docs.snowflake.com/en/sql-reference/sql/grant-privilege-application-role */
    private void grant(Matcher matcher) {
        String kind = matcher.group(2).toUpperCase(Locale.ROOT);
        String object = switch (kind) {
            case "SCHEMA" -> schema(matcher.group(3));
            case "PROCEDURE" -> procedureSignature(matcher.group(3));
            case "TABLE" -> existing(catalog.tables.keySet(), "Table", matcher.group(3));
            case "VIEW" -> existing(catalog.views, "View", matcher.group(3));
            default -> existing(catalog.streamlits, "Streamlit", matcher.group(3));
        };
        String role = identifier(matcher.group(4));
        if (!catalog.roles.contains(role)) {
            throw doesNotExist("Application role", role);
        }
        for (String privilege : matcher.group(1).split(",")) {
            String name = privilege.strip().replaceAll(" +", " ").toUpperCase(Locale.ROOT);
            if (!PRIVILEGES.get(kind).contains(name)) {
                throw new StatementError("Invalid privilege " + name + " on " + kind + " " + object + ".");
            }
            catalog.grants
                    .computeIfAbsent(kind + " " + object, key -> new LinkedHashMap<>())
                    .computeIfAbsent(name, key -> new LinkedHashSet<>())
                    .add(role);
        }
    }

    /** A HOST_PORT rule for egress: the only kind an external access integration takes. */
    private void createNetworkRule(Matcher matcher) {
        String rule = schemaObject(matcher.group(3), "CREATE NETWORK RULE");
        String type = matcher.group(4).toUpperCase(Locale.ROOT);
        String mode = Optional.ofNullable(matcher.group(5))
                .or(() -> Optional.ofNullable(matcher.group(7)))
                .map(word -> word.toUpperCase(Locale.ROOT))
                .orElse("INGRESS");
        if (!Set.of("IPV4", "AWSVPCEID", "AZURELINKID", "GCPPSCID", "HOST_PORT", "PRIVATE_HOST_PORT")
                .contains(type)) {
            throw new StatementError("invalid value '" + type + "' for property 'TYPE'");
        }
        if (!Set.of("INGRESS", "INTERNAL_STAGE", "EGRESS", "POSTGRES_INGRESS", "POSTGRES_EGRESS")
                .contains(mode)) {
            throw new StatementError("invalid value '" + mode + "' for property 'MODE'");
        }
        if (catalog.networkRules.containsKey(rule) && matcher.group(2) != null) {
            return;
        }
        if (catalog.networkRules.containsKey(rule) && matcher.group(1) == null) {
            throw alreadyExists(rule);
        }
        catalog.networkRules.put(rule, hostPorts(matcher.group(6)));
    }

    private void alterNetworkRule(Matcher matcher) {
        String rule = schemaObject(matcher.group(2), "ALTER NETWORK RULE");
        if (!catalog.networkRules.containsKey(rule)) {
            if (matcher.group(1) != null) {
                return;
            }
            throw doesNotExist("Network rule", rule);
        }
        catalog.networkRules.put(rule, hostPorts(matcher.group(3)));
    }

    private static List<String> hostPorts(String list) {
        List<String> hosts = literals(list);
        for (String host : hosts) {
            if (!host.matches("[A-Za-z0-9*]([A-Za-z0-9.*-]*[A-Za-z0-9])?(:[0-9]{1,5})?")) {
                throw new StatementError("invalid host port '" + host + "' in VALUE_LIST");
            }
        }
        return hosts;
    }

    /**
     * App specifications need manifest version 2; each needs a label no other specification of the app has, and its
     * type cannot change once set (https://docs.snowflake.com/en/sql-reference/sql/alter-application-set-app-spec,
     * https://docs.snowflake.com/en/developer-guide/native-apps/requesting-app-specs). Snowflake documents the rules,
     * not the errors' texts: the fake's are compilation errors that say which rule.
     */
    private void setSpecification(Matcher matcher) {
        String name = identifier(matcher.group(1));
        if (manifestVersion < 2) {
            throw new StatementError("App specification '" + name + "' needs manifest_version: 2 in manifest.yml.");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Matcher property = Pattern.compile("(\\w+) = (" + LITERAL + "|\\(([^)]*)\\)|\\w+) ?", FLAGS)
                .matcher(matcher.group(2));
        int end = 0;
        while (property.lookingAt()) {
            String value = property.group(3) != null
                    ? String.join(",", literals(property.group(3)))
                    : property.group(2).startsWith("'") ? unquote(property.group(2)) : property.group(2);
            properties.put(property.group(1).toUpperCase(Locale.ROOT), value);
            end = property.end();
            property.region(end, matcher.group(2).length());
        }
        if (end != matcher.group(2).length()) {
            throw new StatementError("syntax error in app specification '" + name + "' at '"
                    + abbreviated(matcher.group(2).substring(end)) + "'");
        }
        String type = properties.getOrDefault("TYPE", "").toUpperCase(Locale.ROOT);
        List<String> required = switch (type) {
            case "EXTERNAL_ACCESS" -> List.of("LABEL", "DESCRIPTION");
            case "SECURITY_INTEGRATION" -> List.of("LABEL", "DESCRIPTION", "OAUTH_TYPE", "OAUTH_TOKEN_ENDPOINT");
            default ->
                throw new StatementError("invalid value '" + type + "' for property 'TYPE' of app " + "specification '"
                        + name + "': EXTERNAL_ACCESS or SECURITY_INTEGRATION");
        };
        for (String key : required) {
            if (!properties.containsKey(key)) {
                throw new StatementError("missing required property " + key + " for app specification '" + name + "'");
            }
        }
        if (type.equals("EXTERNAL_ACCESS")
                && !properties.containsKey("HOST_PORTS")
                && !properties.containsKey("PRIVATE_HOST_PORTS")) {
            throw new StatementError("missing required property HOST_PORTS for app specification '" + name + "'");
        }
        if (type.equals("SECURITY_INTEGRATION")) {
            String oauth = properties.get("OAUTH_TYPE").toUpperCase(Locale.ROOT);
            if (!Set.of("CLIENT_CREDENTIALS", "AUTHORIZATION_CODE", "JWT_BEARER")
                    .contains(oauth)) {
                throw new StatementError("invalid value '" + oauth + "' for property 'OAUTH_TYPE'");
            }
            if (oauth.equals("CLIENT_CREDENTIALS") && !properties.containsKey("OAUTH_ALLOWED_SCOPES")) {
                throw new StatementError("missing required property OAUTH_ALLOWED_SCOPES for app specification '" + name
                        + "' (OAUTH_TYPE = 'CLIENT_CREDENTIALS')");
            }
        }
        AppCatalog.Specification existing = catalog.specifications.get(name);
        if (existing != null && !existing.type().equals(type)) {
            throw new StatementError("The type of app specification '" + name + "' cannot be changed from "
                    + existing.type() + " to " + type + ".");
        }
        String label = properties.get("LABEL");
        catalog.specifications.forEach((other, specification) -> {
            if (!other.equals(name) && specification.label().equals(label)) {
                throw new StatementError("App specification '" + other + "' already has the label '" + label
                        + "': each app specification needs a label of its own.");
            }
        });
        Map<String, String> definition = new LinkedHashMap<>(properties);
        definition.keySet().removeAll(List.of("TYPE", "LABEL", "DESCRIPTION"));
        catalog.specifications.put(
                name, new AppCatalog.Specification(type, label, properties.get("DESCRIPTION"), definition));
    }

    private void call(Matcher matcher) {
        String name = schemaObject(matcher.group(1), "CALL");
        int arguments = ScriptStatements.topLevel(matcher.group(2), ',').size();
        if (catalog.procedure(name, arguments).isEmpty()) {
            throw new StatementError("Unknown user-defined function " + name + ".");
        }
    }

    private String schema(String text) {
        String schema = identifier(text.strip());
        if (!catalog.schemas.containsKey(schema)) {
            throw doesNotExist("Schema", schema);
        }
        return schema;
    }

    /** The signature {@code PUBLIC.P(VARCHAR,VARIANT)} of a procedure the script created, from its GRANT. */
    private String procedureSignature(String text) {
        int open = text.indexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            throw new StatementError(
                    "syntax error: GRANT ON PROCEDURE names the procedure with its argument types: " + text);
        }
        String name = schemaObject(text.substring(0, open).strip(), "GRANT");
        List<String> types = new ArrayList<>();
        for (String type : ScriptStatements.topLevel(text.substring(open + 1, text.length() - 1), ',')) {
            if (SnowflakeTypes.typeLength(type.strip()).isEmpty()) {
                throw new StatementError("Unsupported data type '" + type.strip() + "'.");
            }
            types.add(SnowflakeTypes.canonical(type));
        }
        String signature = name + "(" + String.join(",", types) + ")";
        if (!catalog.procedures.containsKey(signature)) {
            throw doesNotExist("Procedure", signature);
        }
        return signature;
    }

    private String existing(Set<String> objects, String kind, String text) {
        String name = schemaObject(text.strip(), "GRANT");
        if (!objects.contains(name)) {
            throw doesNotExist(kind, name);
        }
        return name;
    }

    private void table(String text) {
        String table = schemaObject(text, "DML");
        if (!catalog.tables.containsKey(table)) {
            throw doesNotExist("Table", table);
        }
    }

    /**
     * The qualified name of a schema-level object in a schema the script created. A setup script has no current
     * schema, so an unqualified name is refused as Snowflake refuses it.
     */
    private String schemaObject(String text, String operation) {
        List<String> parts = ScriptStatements.topLevel(text, '.');
        if (parts.size() < 2) {
            throw new StatementError("Cannot perform " + operation + ". This session does not have a current "
                    + "schema. Call 'USE SCHEMA', or use a qualified name.");
        }
        String schema = identifier(parts.get(parts.size() - 2));
        if (!catalog.schemas.containsKey(schema)) {
            throw doesNotExist("Schema", schema);
        }
        return schema + "." + identifier(parts.get(parts.size() - 1));
    }

    private static String qualified(String text) {
        List<String> parts = ScriptStatements.topLevel(text, '.');
        return identifier(parts.get(parts.size() - 2)) + "." + identifier(parts.get(parts.size() - 1));
    }

    /** An identifier as Snowflake stores it: unquoted in upper case, quoted as written. */
    private static String identifier(String text) {
        String name = text.strip();
        return name.startsWith("\"")
                ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name.toUpperCase(Locale.ROOT);
    }

    private static Optional<String> clause(String clauses, String regex) {
        Matcher matcher = Pattern.compile("(?:^| )" + regex, FLAGS).matcher(clauses);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static List<String> literals(String list) {
        List<String> values = new ArrayList<>();
        Matcher matcher = Pattern.compile(LITERAL).matcher(list);
        while (matcher.find()) {
            values.add(unquote(matcher.group()));
        }
        return values;
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1).replace("''", "'");
    }

    /** The text with every literal's content blanked, so that keywords inside literals are not taken for clauses. */
    private static String outsideLiterals(String text) {
        return text.replaceAll(LITERAL, "''");
    }

    /** The index of the parenthesis that closes the one the text starts with. */
    private static int closingParenthesis(String text) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new StatementError("syntax error: unbalanced parentheses in '" + abbreviated(text) + "'");
    }

    private static StatementError alreadyExists(String name) {
        return new StatementError("Object '" + name + "' already exists.");
    }

    private static StatementError doesNotExist(String kind, String name) {
        return new StatementError(kind + " '" + name + "' does not exist or not authorized.");
    }

    private static String abbreviated(String sql) {
        return sql.length() <= 120 ? sql : sql.substring(0, 117) + "...";
    }
}
